"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

They run in a pytest session of their own (`pytest -m browser`, see the Makefile): a live server
needs transactional tests, which empty the database after each test, so every test here loads
the reference data again (the loaders are idempotent).
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings
from django.utils import timezone

from core.units_loading import load_historical_units
from reports import seeding

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are sync.
    # Set here, for the browser session only (a subprocess of another test must not inherit it).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seeded(transactional_db):
    fixtures = settings.BASE_DIR / "fixtures"
    load_historical_units(fixtures / "units_historical.json")
    seeding.load_templates(fixtures)
    seeding.load_assignments(fixtures)
    seeding.load_seed_reports(fixtures)
    for key in seeding.DEMO_OPEN_PERIODS:
        seeding.ensure_demo_period(key, timezone.localdate())
    seeding.ensure_demo_users()


DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def watch_console(page) -> None:
    """Every console error and uncaught exception of the page, in ``page.console_errors``.
    A failed request (409, 422, a 404 page, the network cut on purpose) is not one: Chromium
    logs it as "Failed to load resource", and the tests assert on the responses themselves."""
    page.console_errors = []

    def on_console(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.console_errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))


def open_page(chromium, base_url: str, viewport: dict = DESKTOP, **options):
    context = chromium.new_context(viewport=viewport, locale="vi-VN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = base_url
    watch_console(page)
    # "Leave the page? Edits are not saved yet": the tests leave as the official decides to.
    page.on("dialog", lambda dialog: dialog.accept())
    return page


@pytest.fixture
def page(chromium, live_server, seeded):
    page = open_page(chromium, live_server.url)
    yield page
    page.context.close()


@pytest.fixture
def phone(chromium, live_server, seeded):
    """A 390×844 phone (touch, mobile viewport)."""
    page = open_page(chromium, live_server.url, PHONE, is_mobile=True, has_touch=True)
    yield page
    page.context.close()


def assert_accessible(page, where: str) -> None:
    """axe-core (shipped inside axe-playwright-python) on the page as it is: no violation of
    any impact, and no console error so far."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]
    assert not violations, f"{where}: " + "\n".join(violations)
    assert_no_console_error(page, where)


def assert_no_console_error(page, where: str) -> None:
    assert not page.console_errors, f"{where}: " + "\n".join(page.console_errors)


def log_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", seeding.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")
