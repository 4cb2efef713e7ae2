"""DHIS2 data values, the aggregate of a unit and period, and who the caller is."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import dhis2, dhis2_import, scope
from api.permissions import MSG_READ_ONLY, may_write, token_of
from api.serializers.data import (
    AggregateSerializer,
    DataValueSetSerializer,
    ImportSummarySerializer,
    MeSerializer,
)
from api.serializers.refusals import DetailSerializer
from core.models import AdministrativeUnit
from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from indicators.models import IndicatorTemplate
from reports.aggregation import DEFAULT_STATUSES, NothingToAggregate, aggregate
from reports.models import Report, ReportingPeriod, ReportStatus

MSG_REVIEWERS_ONLY = "Tổng hợp số liệu dành cho cán bộ thẩm định (Phòng/Sở Nội vụ)."
MSG_PERIOD_REQUIRED = "Cần tham số “period”, ví dụ 2024Q3."
MSG_NO_PERIOD = "Chưa có kỳ báo cáo {period}."
MSG_BAD_PAYLOAD = 'Nội dung phải là một dataValueSet: {"dataValues": [...]}.'
AGGREGABLE = (ReportStatus.APPROVED, ReportStatus.SUBMITTED)


class DataValueSetOfReport(APIView):
    @extend_schema(
        operation_id="reports_data_value_sets",
        parameters=[
            OpenApiParameter("unit_code", str, OpenApiParameter.PATH, description="Mã đơn vị"),
            OpenApiParameter(
                "period_key", str, OpenApiParameter.PATH, description="2024Q3, 2021H1, 2024M9…"
            ),
        ],
        responses={200: DataValueSetSerializer, 404: DetailSerializer},
        summary="Số liệu của một báo cáo theo định dạng DHIS2 dataValueSets",
    )
    def get(self, request, unit_code: str, period_key: str):
        try:
            key = dhis2.parse_period(period_key)
            report = scope.visible_reports(request).by_key(normalise_code(unit_code), str(key))
        except (PeriodKeyError, Report.DoesNotExist):
            raise NotFound(scope.MSG_NO_REPORT) from None
        return Response(dhis2.data_values(report))


class DataValueSets(APIView):
    @extend_schema(
        operation_id="data_value_sets_import",
        parameters=[OpenApiParameter("dryRun", bool, description="Chạy thử, không ghi gì")],
        request=DataValueSetSerializer,
        responses={
            200: ImportSummarySerializer,
            409: OpenApiResponse(
                ImportSummarySerializer, description="Có xung đột: không số liệu nào được ghi"
            ),
            403: DetailSerializer,
        },
        summary="Nhập số liệu dạng DHIS2 vào các báo cáo đang soạn mà mã truy cập được ghi",
    )
    def post(self, request):
        if not may_write(request):
            raise PermissionDenied(MSG_READ_ONLY)
        payload = request.data
        if not isinstance(payload, dict) or not isinstance(payload.get("dataValues"), list):
            raise ValidationError({"dataValues": MSG_BAD_PAYLOAD})
        dry_run = request.query_params.get("dryRun", "").lower() in {"1", "true", "yes"}
        summary = dhis2_import.import_data_values(request, payload, dry_run=dry_run)
        return Response(summary.as_dict(), status=409 if summary.conflicts else 200)


class Aggregate(APIView):
    @extend_schema(
        operation_id="aggregates_retrieve",
        parameters=[
            OpenApiParameter("period", str, required=True, description="Mã kỳ, ví dụ 2024Q3"),
            OpenApiParameter(
                "unit", str, description="Mã đơn vị (mặc định: đơn vị của bạn / phạm vi)"
            ),
            OpenApiParameter("status", str, description="approved (mặc định), submitted: a,b"),
            OpenApiParameter("template", str, description="Mã mẫu (mặc định: mẫu phổ biến nhất)"),
        ],
        responses={200: AggregateSerializer, 403: DetailSerializer, 404: DetailSerializer},
        summary="Tổng hợp phụ lục của các xã thuộc một đơn vị trong một kỳ",
    )
    def get(self, request):
        root = scope.aggregation_root(request)
        if root is False:
            raise PermissionDenied(MSG_REVIEWERS_ONLY)
        params = request.query_params
        period_text = params.get("period")
        if not period_text:
            raise ValidationError({"period": MSG_PERIOD_REQUIRED})
        try:
            key = dhis2.parse_period(period_text)
            period = ReportingPeriod.objects.by_key(key)
        except PeriodKeyError as error:
            raise ValidationError({"period": error.message}) from None
        except ReportingPeriod.DoesNotExist:
            raise NotFound(MSG_NO_PERIOD.format(period=period_text)) from None
        unit = root
        if code := params.get("unit"):
            try:
                # Codes repeat over time: the unit of that code at the period's end.
                unit = AdministrativeUnit.objects.by_code(normalise_code(code), on=period.end_date)
            except AdministrativeUnit.DoesNotExist:
                raise NotFound(scope.MSG_NO_UNIT) from None
            if not scope.unit_within(root, unit):
                raise NotFound(scope.MSG_NO_UNIT)
        wanted = params.get("status", "")
        statuses = tuple(s for s in wanted.split(",") if s in AGGREGABLE) or DEFAULT_STATUSES
        template = None
        if code := params.get("template"):
            template = (
                IndicatorTemplate.objects.published().filter(code=code).order_by("-version").first()
                or IndicatorTemplate.objects.filter(code=code).order_by("-version").first()
            )
            if template is None:
                raise NotFound("Không tìm thấy mẫu phụ lục.")
        try:
            result = aggregate(unit, period, statuses, template)
        except NothingToAggregate as error:
            raise NotFound(error.message) from None
        body = {**result.as_json(), "statuses": list(statuses)}
        body["template"] = {**body["template"], "id": result.template.pk}
        return Response(AggregateSerializer(body).data)


class Me(APIView):
    @extend_schema(
        operation_id="me_retrieve",
        responses=MeSerializer,
        summary="Người dùng và mã truy cập đang dùng",
    )
    def get(self, request):
        user = request.user
        token = token_of(request)
        assert token is not None  # HasToken
        unit = user.unit
        body = {
            "username": user.username,
            "full_name": user.get_full_name(),
            "role": user.role,
            "is_superuser": user.is_superuser,
            "unit": {"id": unit.pk, "code": unit.code, "name": unit.name} if unit else None,
            "token": {
                "name": token.name,
                "prefix": token.prefix,
                "service_account": token.is_service_account,
                "read_only": not token.writes,
                "scope": (
                    {"id": token.scope.pk, "code": token.scope.code, "name": token.scope.name}
                    if token.scope
                    else None
                ),
            },
        }
        return Response(MeSerializer(body).data)
