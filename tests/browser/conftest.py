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


@pytest.fixture
def page(chromium, live_server, seeded):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", seeding.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")
