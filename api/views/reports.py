"""Reports: the list (filters by unit subtree, period, status, template, ``updated_since``),
the detail with an ETag, findings, downloads, and starting a report."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import scope
from api.dhis2 import parse_period
from api.pagination import Pagination
from api.permissions import MSG_READ_ONLY, may_write
from api.report_detail import ROW_FIELDS, report_detail, report_row
from api.serializers.refusals import DetailSerializer
from api.serializers.reports import FindingsSerializer, ReportDetailSerializer, ReportSerializer
from api.serializers.writes import StartReportSerializer
from core.access import is_commune_staff
from core.models import AdministrativeUnit
from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from reports.entry_checks import finding_key, report_findings
from reports.exports import content_type, export_filename, formatters, render_report
from reports.models import ReportingPeriod, ReportStatus
from reports.services import entry, start

MSG_BAD_DATE = "“updated_since” phải là ngày giờ ISO 8601, ví dụ 2024-10-01T08:00:00+07:00."
MSG_BAD_STATUS = "Trạng thái không hợp lệ: {status} (dùng draft, submitted, returned, approved)."
MSG_NO_PERIOD = "Chưa có kỳ báo cáo {period}."
MSG_COMMUNES_ONLY = "Chỉ cán bộ xã lập báo cáo của xã mình."
MSG_NO_FORMAT = "Không có định dạng này: dùng docx hoặc xlsx."

REPORT_FILTERS = [
    OpenApiParameter(
        "unit",
        str,
        description="Mã đơn vị: báo cáo của đơn vị và mọi cấp dưới (mã trùng theo thời gian: "
        "có period thì đơn vị còn hiệu lực cuối kỳ, không thì mọi đơn vị mang mã này)",
    ),
    OpenApiParameter("unit_id", int, description="id đơn vị (khi mã trùng giữa các cấp)"),
    OpenApiParameter("period", str, description="Mã kỳ: 2024Q3, 2021H1 (hoặc DHIS2 2021S1)…"),
    OpenApiParameter("status", str, description="draft, submitted, returned, approved; nhiều: a,b"),
    OpenApiParameter("template", str, description="Mã mẫu phụ lục, ví dụ HT-2B"),
    OpenApiParameter("template_version", int),
    OpenApiParameter(
        "updated_since", str, description="Chỉ báo cáo thay đổi từ lúc này (ISO 8601)"
    ),
]


def _updated_since(text: str) -> dt.datetime:
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise ValidationError({"updated_since": MSG_BAD_DATE})
        moment = dt.datetime.combine(day, dt.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ReportList(APIView):
    @extend_schema(
        operation_id="reports_list",
        parameters=REPORT_FILTERS,
        responses=ReportSerializer(many=True),
        summary="Các báo cáo trong phạm vi của mã truy cập",
    )
    def get(self, request):
        reports = scope.visible_reports(request).select_related("unit", "period", "template")
        params = request.query_params
        key = None
        if period := params.get("period"):
            try:
                key = parse_period(period)
            except PeriodKeyError as error:
                raise ValidationError({"period": error.message}) from None
            reports = reports.filter(
                period__kind=key.kind, period__year=key.year, period__number=key.number
            )
        if code := params.get("unit"):
            # Codes repeat over time: with a period, the unit of that code at the period's end;
            # without one, every unit of that code (the old commune's reports and today's).
            units = AdministrativeUnit.objects.all_by_code(
                normalise_code(code), on=key.legal_window()[1] if key else None
            )
            subtrees = Q(pk__in=[])
            for unit in units:
                subtrees |= Q(unit__path__startswith=unit.path)
            reports = reports.filter(subtrees)
        if unit_id := params.get("unit_id"):
            unit = AdministrativeUnit.objects.filter(pk=_int(unit_id, "unit_id")).first()
            reports = reports.within(unit) if unit else reports.none()
        if statuses := params.get("status"):
            wanted = [s.strip() for s in statuses.split(",") if s.strip()]
            unknown = [s for s in wanted if s not in ReportStatus.values]
            if unknown:
                raise ValidationError({"status": MSG_BAD_STATUS.format(status=", ".join(unknown))})
            reports = reports.filter(status__in=wanted)
        if template := params.get("template"):
            reports = reports.filter(template__code=template.strip())
        if version := params.get("template_version"):
            reports = reports.filter(template__version=_int(version, "template_version"))
        if since := params.get("updated_since"):
            reports = reports.filter(updated_at__gte=_updated_since(since))
        reports = reports.order_by("-period__end_date", "pk").only(*ROW_FIELDS)
        paginator = Pagination()
        page = paginator.paginate_queryset(reports, request, view=self)
        return paginator.get_paginated_response([report_row(report) for report in page])

    @extend_schema(
        operation_id="reports_start",
        request=StartReportSerializer,
        responses={
            201: ReportDetailSerializer,
            200: ReportDetailSerializer,
            403: DetailSerializer,
            422: DetailSerializer,
        },
        summary="Lập báo cáo của xã mình cho một kỳ (như nút “Lập báo cáo”)",
    )
    def post(self, request):
        if not may_write(request):
            raise PermissionDenied(MSG_READ_ONLY)
        if not is_commune_staff(request.user):
            raise PermissionDenied(MSG_COMMUNES_ONLY)
        data = StartReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            key = parse_period(data.validated_data["period"])
            period = ReportingPeriod.objects.by_key(key, scope=request.user.unit)
        except PeriodKeyError as error:
            raise ValidationError({"period": error.message}) from None
        except ReportingPeriod.DoesNotExist:
            raise NotFound(MSG_NO_PERIOD.format(period=data.validated_data["period"])) from None
        existed = period.reports.filter(unit=request.user.unit).exists()
        try:
            report = start.report_start(unit=request.user.unit, period=period, user=request.user)
        except entry.EntryError as error:
            return Response({"detail": error.message}, status=422)
        report = scope.get_report(request, report.pk)
        body = report_detail(report, editable=scope.can_edit(request, report))
        return Response(body, status=200 if existed else 201)


def _int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError({name: "Phải là số nguyên."}) from None


def encoded(body: dict) -> bytes:
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def etag_of(content: bytes) -> str:
    """The detail's ETag: a digest of the answer itself, so that any change shows (even one
    that does not bump the version, such as confirming the carried-over figures)."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


class ReportDetail(APIView):
    @extend_schema(
        operation_id="reports_retrieve",
        parameters=[
            OpenApiParameter(
                "If-None-Match",
                str,
                location=OpenApiParameter.HEADER,
                description="ETag đã nhận: 304 nếu báo cáo chưa đổi",
            )
        ],
        responses={
            200: ReportDetailSerializer,
            304: OpenApiResponse(description="Chưa thay đổi"),
            404: DetailSerializer,
        },
        summary="Một báo cáo đầy đủ (ETag / If-None-Match)",
    )
    def get(self, request, pk: int):
        report = scope.get_report(request, pk)
        content = encoded(report_detail(report, editable=scope.can_edit(request, report)))
        etag = etag_of(content)
        headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Authorization"}
        wanted = request.headers.get("If-None-Match", "")
        if etag in [tag.strip() for tag in wanted.split(",")] or wanted.strip() == "*":
            return HttpResponse(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return HttpResponse(content, content_type="application/json", headers=headers)


class ReportFindings(APIView):
    @extend_schema(
        operation_id="reports_findings",
        responses={200: FindingsSerializer, 404: DetailSerializer},
        summary="Kết quả kiểm tra của báo cáo (như “Kiểm tra và gửi”)",
    )
    def get(self, request, pk: int):
        report = scope.get_report(request, pk)
        findings = report_findings(report)
        body = {
            "report": report.key,
            "version": report.version,
            "errors": sum(1 for f in findings if f.severity == "error"),
            "warnings": sum(1 for f in findings if f.severity == "warning"),
            "findings": [
                {
                    "key": finding_key(f),
                    "check": f.check,
                    "severity": f.severity,
                    "message": f.message,
                    "codes": list(f.codes),
                    "values": list(f.values),
                    "source": f.source,
                    "quote": f.quote,
                }
                for f in findings
            ],
        }
        return Response(FindingsSerializer(body).data)


class ReportDownload(APIView):
    @extend_schema(
        operation_id="reports_download",
        parameters=[
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["docx", "xlsx"]),
            OpenApiParameter("blank", bool, description="Mẫu trống của báo cáo"),
        ],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: DetailSerializer,
        },
        summary="Tải báo cáo (DOCX, Nghị định 30/2020) hoặc phụ lục (XLSX)",
    )
    def get(self, request, pk: int, fmt: str):
        report = scope.get_report(request, pk)
        if fmt not in formatters:
            raise NotFound(MSG_NO_FORMAT)
        blank = request.query_params.get("blank", "").lower() in {"1", "true", "yes"}
        response = HttpResponse(
            render_report(report, fmt, blank=blank), content_type=content_type(fmt)
        )
        filename = export_filename(report, fmt, blank=blank)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
