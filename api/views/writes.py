"""Writes: a value or a table cell of the commune's own draft (the form's parsing, checks and
conflict rule), and the transitions (submit, return with comments, approve), each carrying the
version the caller read. Every write goes through the services the screens use, so it leaves
the same audit rows (value history with the user, workflow transitions)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api import scope
from api.serializers.refusals import (
    DetailSerializer,
    SubmitBlockedSerializer,
    ValueConflictSerializer,
    VersionConflictSerializer,
)
from api.serializers.writes import (
    ReturnSerializer,
    SubmitSerializer,
    TransitionResultSerializer,
    TransitionWriteSerializer,
    ValueResultSerializer,
    ValueWriteSerializer,
)
from core.numbers import format_number, plain
from indicators.models import Indicator, TableColumn, TableRow
from reports.entry_checks import finding_key
from reports.models import IndicatorValue, Report, TableCellValue
from reports.services import entry, review
from reports.services.submit import SubmitBlocked, report_submit
from reports.typed_values import TypedValue, parse_amount, parse_typed
from reports.workflow import TransitionNotAllowed

MSG_CONFLICT = "Số liệu đã được người khác sửa: xem giá trị đang lưu (“theirs”) và của bạn."
MSG_STALE_VERSION = "Báo cáo đã thay đổi (phiên bản {current}, bạn đọc phiên bản {read})."
MSG_NO_INDICATOR = "Mẫu của báo cáo không có chỉ tiêu “{code}”."
MSG_NO_CELL = "Mẫu của báo cáo không có ô {table}:{row}:{column}."


def _as_typed_text(value) -> str:
    """What was "typed": a string as it is (Vietnamese writing, as on the form); a JSON number
    in Vietnamese writing (1.234 is one and a quarter, never a thousand two hundred)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return format_number(Decimal(str(value)))
    return str(value)


def _finding(finding) -> dict:
    return {
        "key": finding_key(finding),
        "check": finding.check,
        "severity": finding.severity,
        "message": finding.message,
        "codes": list(finding.codes),
        "values": list(finding.values),
        "source": finding.source,
        "quote": finding.quote,
    }


def _version_conflict(report: Report, read: int) -> Response:
    body = {
        "detail": MSG_STALE_VERSION.format(current=report.version, read=read),
        "status": report.status,
        "version": report.version,
    }
    return Response(VersionConflictSerializer(body).data, status=409)


def _not_allowed(report: Report, error: TransitionNotAllowed) -> Response:
    """The report moved on (sent, returned or approved meanwhile): 409 with where it is now."""
    report.refresh_from_db()
    body = {"detail": error.message, "status": report.status, "version": report.version}
    return Response(body, status=409)


VALUE_RESPONSES = {
    200: ValueResultSerializer,
    409: OpenApiResponse(ValueConflictSerializer, description="Xung đột: cả hai giá trị"),
    422: OpenApiResponse(
        ValueResultSerializer, description="Bị từ chối (được giữ như đã gõ, như trên biểu mẫu)"
    ),
    403: DetailSerializer,
    404: DetailSerializer,
}


class _ValueWrite(APIView):
    """The shared rule: ``base`` (the value read) or ``version`` (the report read); a stale one
    answers 409 with both values and writes nothing; ``force`` overwrites, as on the form."""

    def _save(self, request, pk: int, locate, save, stored_of):
        report = scope.get_report(request, pk)
        scope.require_edit(request, report)
        target = locate(report)
        data = ValueWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        raw = _as_typed_text(request.data.get("value"))
        typed = self.parse(target, raw)
        read_version = data.validated_data.get("version")
        try:
            with transaction.atomic():
                locked = Report.objects.select_for_update().get(pk=report.pk)
                stored = stored_of(report, target)
                current = stored.printed if stored else ""
                stale = read_version is not None and read_version != locked.version
                if stale and not data.validated_data["force"]:
                    return self._conflict(target, typed, stored, locked.version)
                base = data.validated_data.get("base", current if read_version is not None else "")
                result = save(report, target, typed, base, data.validated_data)
        except entry.ReasonRequired as error:
            return Response({"detail": error.message}, status=422)
        except entry.EntryError as error:
            return Response({"detail": error.message}, status=403)
        report.refresh_from_db(fields=["version"])
        if result.conflict:
            stored = stored_of(report, target)
            return self._conflict(target, typed, stored, report.version)
        body = {
            "code": self.code_of(target),
            "value": plain(typed.value) if typed.value is not None else None,
            "text": typed.text,
            "printed": typed.raw,
            "error": typed.error,
            "suggestion": typed.suggestion,
            "version": report.version,
        }
        return Response(ValueResultSerializer(body).data, status=422 if typed.error else 200)

    def _conflict(self, target, typed: TypedValue, stored, version: int) -> Response:
        body = {
            "detail": MSG_CONFLICT,
            "code": self.code_of(target),
            "theirs": stored.printed if stored else "",
            "theirs_by": _who(getattr(stored, "updated_by", None)) if stored else "",
            "theirs_at": stored.updated_at if stored else None,
            "mine": typed.raw,
            "version": version,
        }
        return Response(ValueConflictSerializer(body).data, status=409)


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


class ValueWrite(_ValueWrite):
    @extend_schema(
        operation_id="reports_value_write",
        request=ValueWriteSerializer,
        responses=VALUE_RESPONSES,
        summary="Ghi một chỉ tiêu của báo cáo đang soạn (như ô trên biểu mẫu)",
    )
    def put(self, request, pk: int, code: str):
        def locate(report):
            indicator = Indicator.objects.filter(template_id=report.template_id, code=code).first()
            if indicator is None:
                raise NotFound(MSG_NO_INDICATOR.format(code=code))
            return indicator

        def stored_of(report, indicator):
            return (
                IndicatorValue.objects.filter(report=report, indicator=indicator)
                .select_related("updated_by")
                .first()
            )

        def save(report, indicator, typed, base, options):
            return entry.value_save(
                report=report,
                indicator=indicator,
                typed=typed,
                base=base,
                force=options["force"],
                user=request.user,
                override_reason=options.get("override_reason", ""),
            )

        return self._save(request, pk, locate, save, stored_of)

    @staticmethod
    def parse(indicator: Indicator, raw: str) -> TypedValue:
        return parse_typed(indicator, raw)

    @staticmethod
    def code_of(indicator: Indicator) -> str:
        return indicator.code


class CellWrite(_ValueWrite):
    @extend_schema(
        operation_id="reports_cell_write",
        request=ValueWriteSerializer,
        responses=VALUE_RESPONSES,
        summary="Ghi một ô của bảng theo lĩnh vực (số đếm)",
    )
    def put(self, request, pk: int, table: str, row: str, column: str):
        def locate(report):
            found_row = TableRow.objects.filter(
                table__template_id=report.template_id, table__code=table, code=row
            ).first()
            found_column = (
                TableColumn.objects.filter(table_id=found_row.table_id, code=column).first()
                if found_row
                else None
            )
            if found_row is None or found_column is None:
                raise NotFound(MSG_NO_CELL.format(table=table, row=row, column=column))
            return found_row, found_column

        def stored_of(report, target):
            found_row, found_column = target
            return TableCellValue.objects.filter(
                report=report, row=found_row, column=found_column
            ).first()

        def save(report, target, typed, base, options):
            found_row, found_column = target
            return entry.cell_save(
                report=report,
                row=found_row,
                column=found_column,
                typed=typed,
                base=base,
                force=options["force"],
                user=request.user,
            )

        return self._save(request, pk, locate, save, stored_of)

    @staticmethod
    def parse(target, raw: str) -> TypedValue:
        raw = raw.strip()
        return parse_amount(raw, whole=True) if raw else TypedValue(raw="")

    @staticmethod
    def code_of(target) -> str:
        found_row, found_column = target
        return f"{found_row.table.code}:{found_row.code}:{found_column.code}"


# Transitions --------------------------------------------------------------------------------

TRANSITION_RESPONSES = {
    200: TransitionResultSerializer,
    409: OpenApiResponse(
        VersionConflictSerializer, description="Phiên bản cũ, hoặc trạng thái không cho phép"
    ),
    403: DetailSerializer,
    404: DetailSerializer,
}


def _result(report: Report) -> Response:
    return Response(
        TransitionResultSerializer(
            {"id": report.pk, "status": report.status, "version": report.version}
        ).data
    )


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


class Submit(APIView):
    @extend_schema(
        operation_id="reports_submit",
        request=SubmitSerializer,
        responses={
            **TRANSITION_RESPONSES,
            422: OpenApiResponse(SubmitBlockedSerializer, description="Còn lỗi / cảnh báo"),
        },
        summary="Gửi báo cáo lên cấp trên (chặn khi còn lỗi; giải trình từng cảnh báo)",
    )
    def post(self, request, pk: int):
        report = scope.get_report(request, pk)
        scope.require_edit(request, report)
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                locked = _locked(report)
                if locked.version != data.validated_data["version"]:
                    return _version_conflict(locked, data.validated_data["version"])
                report_submit(
                    report=report,
                    user=request.user,
                    explanations=data.validated_data["explanations"],
                )
        except SubmitBlocked as blocked:
            body = {
                "detail": blocked.message,
                "errors": [_finding(f) for f in blocked.errors],
                "unexplained": [_finding(f) for f in blocked.unexplained],
            }
            return Response(SubmitBlockedSerializer(body).data, status=422)
        except entry.EntryError as error:
            return Response({"detail": error.message}, status=403)
        except TransitionNotAllowed as error:
            return _not_allowed(report, error)
        return _result(report)


class Return(APIView):
    @extend_schema(
        operation_id="reports_return",
        request=ReturnSerializer,
        responses={**TRANSITION_RESPONSES, 422: DetailSerializer},
        summary="Trả lại báo cáo cho xã, với ý kiến chung và/hoặc trên từng chỉ tiêu",
    )
    def post(self, request, pk: int):
        report = scope.get_report(request, pk)
        scope.require_review(request, report)
        data = ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                locked = _locked(report)
                if locked.version != data.validated_data["version"]:
                    return _version_conflict(locked, data.validated_data["version"])
                for item in data.validated_data["comments"]:
                    indicator = get_object_or_404(
                        Indicator, template_id=report.template_id, code=item["indicator"]
                    )
                    review.comment_add(
                        report=report, user=request.user, text=item["text"], indicator=indicator
                    )
                review.report_return(
                    report=report, user=request.user, comment=data.validated_data["comment"]
                )
        except review.ReviewError as error:
            return Response({"detail": error.message}, status=422)
        except TransitionNotAllowed as error:
            return _not_allowed(report, error)
        return _result(report)


class Approve(APIView):
    @extend_schema(
        operation_id="reports_approve",
        request=TransitionWriteSerializer,
        responses=TRANSITION_RESPONSES,
        summary="Duyệt báo cáo đã gửi",
    )
    def post(self, request, pk: int):
        report = scope.get_report(request, pk)
        scope.require_review(request, report)
        data = TransitionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                locked = _locked(report)
                if locked.version != data.validated_data["version"]:
                    return _version_conflict(locked, data.validated_data["version"])
                review.report_approve(
                    report=report, user=request.user, comment=data.validated_data["comment"]
                )
        except TransitionNotAllowed as error:
            return _not_allowed(report, error)
        return _result(report)
