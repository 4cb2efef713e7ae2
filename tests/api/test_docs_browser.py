"""The API's documentation page renders in Debian's Chromium under the portal's strict CSP:
Swagger UI from our static files, its start-up script a static file too, no violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures)
    CHROMIUM_ARGS,
    chromium,
    seeded,
)

pytestmark = pytest.mark.browser

LISTEN_FOR_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.sourceFile}:${event.columnNumber}`);
});
"""


def test_the_docs_page_renders_under_the_strict_csp(chromium, live_server, seeded):  # noqa: F811
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    console, errors, outside = [], [], []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )
    page.add_init_script(LISTEN_FOR_CSP)
    response = page.goto(live_server.url + "/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI fetched the schema and drew an operation for every endpoint.
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("dataValueSets" in path for path in paths)
    assert page.locator(".info .title").inner_text().startswith("API cổng báo cáo")
    page.locator("button.authorize").click()
    page.wait_for_selector(".auth-container input")
    page.screenshot(path="/tmp/api-docs.png")
    violations = page.evaluate("window.__csp")
    context.close()
    csp_console = [m for m in console if "Content Security Policy" in m or "Refused" in m]
    assert violations == [] and csp_console == [], (violations, csp_console)
    assert errors == []
    assert outside == [], "everything from the portal itself: no CDN"
