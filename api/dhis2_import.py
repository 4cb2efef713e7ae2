"""A DHIS2 ``dataValueSets`` payload imported into the drafts a token may write, with an
import summary like DHIS2's; its ids and values are read as ``api.dhis2`` reads them. An import
goes through the form's own services (``reports.services.entry``): the same parsing and checks
of the typed value (a number is handed over in Vietnamese writing, "81,95"), the same conflict
rule (a data value may carry the ``base`` it was read as), the same audit rows. It is all or
nothing: a single conflict, and nothing is written. Like the import of a filled annex, a
choice's code outside its list is kept as reported and left to the checks to flag.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from api import scope
from api.dhis2 import as_text, parse_period, typed_count, typed_value
from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from indicators.models import Indicator, TableColumn, TableRow
from reports.models import IndicatorValue, Report, TableCellValue, ValueOrigin
from reports.services import entry
from reports.typed_values import TypedValue

MSG_NO_REPORT = "Không có báo cáo {unit}/{period} mà mã truy cập này được ghi."
MSG_NOT_EDITABLE = "Báo cáo {unit}/{period} không sửa được (trạng thái “{status}” hoặc đã hết hạn)."
MSG_NO_ELEMENT = "Mẫu {template} không có chỉ tiêu “{code}”."
MSG_MISSING = "Thiếu {field}."
MSG_STALE = "Số liệu đã được người khác sửa thành “{theirs}” (bạn gửi dựa trên “{base}”)."
MSG_DONE = "Đã nhập số liệu."
MSG_REFUSED = "Không nhập gì: có {count} xung đột, không số liệu nào bị ghi đè."
MSG_DRY_RUN = "Chạy thử: không ghi gì."
MSG_OVER_COMPUTED = "Số nhập qua dataValueSets khác số tự tính theo công thức."


@dataclass
class Conflict:
    object: str
    value: str
    error_code: str
    index: int
    theirs: str | None = None
    mine: str | None = None

    def as_dict(self) -> dict:
        data: dict[str, Any] = {
            "object": self.object,
            "value": self.value,
            "errorCode": self.error_code,
            "indexes": [self.index],
        }
        if self.theirs is not None:
            data["theirs"] = self.theirs
            data["mine"] = self.mine
        return data


@dataclass
class Summary:
    dry_run: bool = False
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.conflicts:
            return "ERROR"
        return "SUCCESS"

    def as_dict(self) -> dict:
        if self.conflicts:
            description = MSG_REFUSED.format(count=len(self.conflicts))
        else:
            description = MSG_DRY_RUN if self.dry_run else MSG_DONE
        return {
            "responseType": "ImportSummary",
            "status": self.status,
            "description": description,
            "dryRun": self.dry_run,
            "importCount": {
                "imported": self.imported,
                "updated": self.updated,
                "ignored": self.ignored,
                "deleted": self.deleted,
            },
            "conflicts": [c.as_dict() for c in self.conflicts],
        }


@dataclass
class _Item:
    index: int
    element: str
    raw: Any
    comment: str | None
    base: str | None


@dataclass
class _Target:
    """One report of the payload, with its template's elements."""

    report: Report
    indicators: dict[str, Indicator]
    cells: dict[str, tuple[TableRow, TableColumn]]


class _Refused(Exception):
    pass


def _items(payload: dict, summary: Summary) -> dict[tuple[str, str], list[_Item]]:
    """The data values by (orgUnit, period), the set's own period and orgUnit as defaults."""
    groups: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    default_period = payload.get("period")
    default_unit = payload.get("orgUnit")
    for index, value in enumerate(payload.get("dataValues") or []):
        if not isinstance(value, dict):
            summary.conflicts.append(
                Conflict("dataValues", MSG_MISSING.format(field="dataValue"), "invalid", index)
            )
            continue
        element = as_text(value.get("dataElement"))
        period = as_text(value.get("period") or default_period)
        unit = as_text(value.get("orgUnit") or default_unit)
        missing = [
            name
            for name, given in (("dataElement", element), ("period", period), ("orgUnit", unit))
            if not given
        ]
        if missing:
            summary.conflicts.append(
                Conflict(
                    element or "dataValues",
                    MSG_MISSING.format(field=", ".join(missing)),
                    "missing_field",
                    index,
                )
            )
            continue
        comment = value.get("comment")
        base = value.get("base")
        groups[(normalise_code(unit), period)].append(
            _Item(
                index=index,
                element=element,
                raw=value.get("value"),
                comment=None if comment is None else str(comment),
                base=None if base is None else as_text(base),
            )
        )
    return groups


def _target(request, unit: str, period_text: str, items: list[_Item], summary: Summary):
    """The report the items go into, or None with a conflict for each item."""

    def refuse(message: str, code: str) -> None:
        for item in items:
            summary.conflicts.append(Conflict(item.element, message, code, item.index))

    try:
        key = parse_period(period_text)
    except PeriodKeyError as error:
        refuse(error.message, "invalid_period")
        return None
    try:
        report = scope.visible_reports(request).by_key(unit, str(key))
    except Report.DoesNotExist:
        # Out of scope or nowhere: the same answer (an outsider learns nothing).
        refuse(MSG_NO_REPORT.format(unit=unit, period=period_text), "no_report")
        return None
    if not scope.can_edit(request, report):
        status = report.get_status_display()
        refuse(
            MSG_NOT_EDITABLE.format(unit=unit, period=period_text, status=status), "not_editable"
        )
        return None
    indicators = {i.code: i for i in Indicator.objects.filter(template_id=report.template_id)}
    cells: dict[str, tuple[TableRow, TableColumn]] = {}
    columns = list(TableColumn.objects.filter(table__template_id=report.template_id))
    for row in TableRow.objects.filter(table__template_id=report.template_id).select_related(
        "table"
    ):
        for column in columns:
            if column.table_id == row.table_id:
                cells[f"{row.table.code}:{row.code}:{column.code}"] = (row, column)
    return _Target(report=report, indicators=indicators, cells=cells)


def import_data_values(request, payload: dict, *, dry_run: bool = False) -> Summary:
    """Import a ``dataValueSets`` payload into the drafts the token may write, all or nothing."""
    summary = Summary(dry_run=dry_run)
    groups = _items(payload, summary)
    targets: list[tuple[_Target, list[_Item]]] = []
    for (unit, period), items in groups.items():
        target = _target(request, unit, period, items, summary)
        if target is not None:
            targets.append((target, items))
    # Parse everything before writing anything: a refused value is a conflict (DHIS2's rule),
    # not an input kept as typed (the form's, where a person is there to correct it).
    parsed: list[tuple[_Target, _Item, Indicator | tuple[TableRow, TableColumn], TypedValue]] = []
    for target, items in targets:
        for item in items:
            element: Indicator | tuple[TableRow, TableColumn] | None
            element = target.indicators.get(item.element) or target.cells.get(item.element)
            if element is None:
                summary.conflicts.append(
                    Conflict(
                        item.element,
                        MSG_NO_ELEMENT.format(
                            template=target.report.template.code, code=item.element
                        ),
                        "unknown_data_element",
                        item.index,
                    )
                )
                continue
            typed = (
                typed_value(element, item.raw)
                if isinstance(element, Indicator)
                else typed_count(item.raw)
            )
            if typed.error:
                summary.conflicts.append(
                    Conflict(item.element, typed.error, "invalid_value", item.index)
                )
                continue
            parsed.append((target, item, element, typed))
    if summary.conflicts:
        summary.ignored = sum(len(items) for items in groups.values())
        return summary
    try:
        with transaction.atomic():
            _write(request, parsed, summary)
            if summary.conflicts:
                raise _Refused
            if dry_run:
                raise _Refused
    except _Refused:
        if summary.conflicts:
            summary.imported = summary.updated = summary.deleted = 0
            summary.ignored = sum(len(items) for items in groups.values())
    return summary


def _write(request, parsed, summary: Summary) -> None:
    user = request.user
    reports = {target.report.pk: target.report for target, *_ in parsed}
    # Lock the reports first, in a fixed order: the reads below and the writes see one state.
    list(Report.objects.select_for_update().filter(pk__in=sorted(reports)).values_list("pk"))
    stored_values = {
        (v.report_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(report_id__in=reports)
    }
    stored_cells = {
        (c.report_id, c.row_id, c.column_id): c
        for c in TableCellValue.objects.filter(report_id__in=reports)
    }
    # Computed rows and total rows last: their figure is compared with the one their parts give
    # (computed meanwhile, a figure the portal made, not one anybody typed: importing over it
    # counts as new).
    parsed = sorted(parsed, key=lambda p: _is_computed(p[2]))
    for target, item, element, typed in parsed:
        report = target.report
        computed = False
        if isinstance(element, Indicator):
            stored = stored_values.get((report.pk, element.pk))
            if element.is_computed:
                stored = IndicatorValue.objects.filter(report=report, indicator=element).first()
                computed = stored is not None and stored.origin == ValueOrigin.COMPUTED
            current = stored.printed if stored else ""
            same_value = stored is not None and (stored.value, stored.text) == (
                typed.value,
                typed.text,
            )
            same_note = item.comment is None or (stored is not None and stored.note == item.comment)
            # A figure carried over from the previous period and sent as it is: confirmed, as
            # typing it again on the form confirms it.
            carried = stored is not None and stored.prefilled
            if (not typed.raw and not current) or (
                same_value and same_note and typed.raw and not carried
            ):
                if computed and typed.raw:
                    summary.imported += 1  # the file's figure is the one its parts give
                else:
                    summary.ignored += 1
                continue
            try:
                result = entry.value_save(
                    report=report,
                    indicator=element,
                    typed=typed,
                    base=item.base if item.base is not None else current,
                    force=False,
                    user=user,
                    origin=ValueOrigin.IMPORTED,
                    override_reason=MSG_OVER_COMPUTED if element.is_computed else "",
                )
            except entry.EntryError as error:
                summary.conflicts.append(
                    Conflict(item.element, error.message, "not_editable", item.index)
                )
                continue
            if result.conflict:
                summary.conflicts.append(_stale(item, result.theirs, typed.raw))
                continue
            if item.comment is not None:
                saved = IndicatorValue.objects.get(report=report, indicator=element)
                if saved.note != item.comment:
                    saved.note = item.comment
                    saved._history_user = user
                    saved.save(update_fields=["note", "updated_at"])
        else:
            row, column = element
            stored_cell = stored_cells.get((report.pk, row.pk, column.pk))
            if row.is_total:
                stored_cell = TableCellValue.objects.filter(
                    report=report, row=row, column=column
                ).first()
                computed = stored_cell is not None and stored_cell.origin == ValueOrigin.COMPUTED
            current = stored_cell.printed if stored_cell else ""
            if (not typed.raw and not current) or (
                stored_cell is not None
                and typed.raw
                and stored_cell.value == typed.value
                and not stored_cell.prefilled
            ):
                if computed and typed.raw:
                    summary.imported += 1
                else:
                    summary.ignored += 1
                continue
            try:
                result = entry.cell_save(
                    report=report,
                    row=row,
                    column=column,
                    typed=typed,
                    base=item.base if item.base is not None else current,
                    force=False,
                    user=user,
                    origin=ValueOrigin.IMPORTED,
                )
            except entry.EntryError as error:
                summary.conflicts.append(
                    Conflict(item.element, error.message, "not_editable", item.index)
                )
                continue
            if result.conflict:
                summary.conflicts.append(_stale(item, result.theirs, typed.raw))
                continue
        if not typed.raw:
            summary.deleted += 1
        elif current and not computed:
            summary.updated += 1
        else:
            summary.imported += 1


def _stale(item: _Item, theirs: str, mine: str) -> Conflict:
    return Conflict(
        item.element,
        MSG_STALE.format(theirs=theirs, base=item.base or ""),
        "stale_value",
        item.index,
        theirs=theirs,
        mine=mine,
    )


def _is_computed(element) -> bool:
    """A computed row of the annex, or a cell of a table's total row."""
    if isinstance(element, Indicator):
        return element.is_computed
    row, _column = element
    return bool(row.is_total)
