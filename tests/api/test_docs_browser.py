"""The API's documentation page renders in Debian's Chromium under the portal's strict CSP:
Swagger UI from our static files, its start-up script a static file too, no violation.

Playwright runs in a thread of its own: the browser session of tests/browser keeps its own
Playwright (an event loop) open in the main thread, and a second one there would fail."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import (
    CHROMIUM_ARGS,
    seeded,  # noqa: F401  (fixture: the reference data)
)

pytestmark = pytest.mark.browser

LISTEN_FOR_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.sourceFile}:${event.columnNumber}`);
});
"""


def visit_docs(base_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: apt-get install chromium"
    console: list[str] = []
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith(base_url) else outside.append(request.url)
            ),
        )
        page.add_init_script(LISTEN_FOR_CSP)
        response = page.goto(base_url + "/api/v1/docs/")
        # Swagger UI fetched the schema and drew an operation for every endpoint.
        page.wait_for_selector(".opblock-summary-path")
        result = {
            "csp_header": response.headers["content-security-policy"],
            "paths": page.locator(".opblock-summary-path").all_inner_texts(),
            "title": page.locator(".info .title").inner_text(),
        }
        page.locator("button.authorize").click()
        page.wait_for_selector(".auth-container input")
        result["violations"] = page.evaluate("window.__csp")
        browser.close()
    return {**result, "console": console, "errors": errors, "outside": outside}


def test_the_docs_page_renders_under_the_strict_csp(live_server, seeded):  # noqa: F811
    with ThreadPoolExecutor(max_workers=1) as pool:
        seen = pool.submit(visit_docs, live_server.url).result()
    assert "script-src 'self'" in seen["csp_header"]
    assert any("dataValueSets" in path for path in seen["paths"])
    assert seen["title"].startswith("API cổng báo cáo")
    csp_console = [m for m in seen["console"] if "Content Security Policy" in m or "Refused" in m]
    assert seen["violations"] == [] and csp_console == [], (seen["violations"], csp_console)
    assert seen["errors"] == []
    assert seen["outside"] == [], "everything from the portal itself: no CDN"
