"""What the browser tests share: starting Hoằng Kim's new quarter, finding a row's input, and
waiting until every edit has reached the server."""

from __future__ import annotations

from playwright.sync_api import expect

from reports.models import IndicatorValue, Report
from tests.browser.conftest import log_in


def start_quarter(page, username: str = "hoangkim", period: str = "Quý IV năm 2024") -> None:
    log_in(page, username)
    page.locator("table.obligations tr", has_text=period).get_by_role(
        "button", name="Lập báo cáo"
    ).click()
    expect(page.locator("h1")).to_contain_text(period, ignore_case=True)


def cell(page, code: str):
    return page.locator(f'.cell-input[data-code="{code}"]').first


def all_saved(page, timeout: float = 20_000) -> None:
    """Every queued edit has reached the server (nothing left in the browser's queue)."""
    page.wait_for_function(
        """() => {
          const key = Object.keys(localStorage).find((k) => k.endsWith(':queue'));
          return !key && !document.querySelector('.save-state[data-state=saving],'
            + '.save-state[data-state=pending], .save-state[data-state=failed]');
        }""",
        timeout=timeout,
    )


def hoang_kim_q4() -> Report:
    return Report.objects.get(unit__code="15889", period__year=2024, period__number=4)


def stored(report: Report, code: str) -> str | None:
    value = IndicatorValue.objects.filter(report=report, indicator__code=code).first()
    return value.printed if value else None
