"""Where the template editor finds real reports to try a rule (the rule editor) or a row's
formula (the row form) on.

Reports live a floor above this package (``reports``), so it never imports them: the setting
``RULE_PREVIEW_SOURCE`` names the module that offers them (``reports.rule_preview``), with two
functions, ``reports_for(user, template)`` (the reports this admin may try a rule on) and
``report_data(report)`` (one of them as the check engine's plain data).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from types import ModuleType
from typing import Any

from django.conf import settings

from indicators.models import IndicatorTemplate
from indicators.validation.snapshot import ReportData


def _source() -> ModuleType | None:
    name = getattr(settings, "RULE_PREVIEW_SOURCE", "")
    return import_module(name) if name else None


def reports_for(user: Any, template: IndicatorTemplate) -> Sequence[Any]:
    source = _source()
    return source.reports_for(user, template) if source is not None else []


def recent_reports(user: Any, template: IndicatorTemplate, limit: int) -> Sequence[Any]:
    """The ``limit`` most recent of ``reports_for`` (they come newest period first)."""
    return list(reports_for(user, template)[:limit])


def report_data(report: Any) -> ReportData:
    source = _source()
    if source is None:
        raise LookupError("RULE_PREVIEW_SOURCE is not set")
    return source.report_data(report)
