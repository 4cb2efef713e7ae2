"""Reference data: the unit tree, the reporting periods, the templates."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.dateparse import parse_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import Pagination
from api.serializers.reference import (
    PeriodSerializer,
    TemplateDetailSerializer,
    TemplateSerializer,
    UnitDetailSerializer,
    UnitSerializer,
    with_predecessors,
)
from api.serializers.refusals import DetailSerializer
from core.access import is_template_admin
from core.models import AdministrativeUnit
from core.units_loading import normalise_code
from indicators.models import (
    FieldTable,
    IndicatorTemplate,
    TemplateAssignment,
    TemplateStatus,
)
from reports.models import ReportingPeriod

MSG_NO_UNIT = "Không tìm thấy đơn vị."
MSG_NO_TEMPLATE = "Không tìm thấy mẫu phụ lục."
MSG_BAD_DATE = "Ngày phải theo dạng YYYY-MM-DD."


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: "Phải là số nguyên."}) from None


def _page(view, request, queryset, serializer):
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class UnitList(APIView):
    @extend_schema(
        operation_id="units_list",
        parameters=[
            OpenApiParameter("code", str, description="Mã ĐVHC (có thể trùng giữa các cấp)"),
            OpenApiParameter("parent", int, description="id đơn vị cha: các đơn vị trực thuộc"),
            OpenApiParameter("within", int, description="id đơn vị: mọi đơn vị cấp dưới"),
            OpenApiParameter("tier", int, description="1 tỉnh, 2 huyện, 3 xã"),
            OpenApiParameter("valid_on", str, description="Còn hiệu lực ngày này (YYYY-MM-DD)"),
        ],
        responses=UnitSerializer(many=True),
        summary="Cây đơn vị hành chính, với ngày hiệu lực",
    )
    def get(self, request):
        units = with_predecessors(AdministrativeUnit.objects.select_related("parent")).order_by(
            "path"
        )
        params = request.query_params
        if code := params.get("code"):
            units = units.filter(code=normalise_code(code))
        if parent := params.get("parent"):
            units = units.filter(parent_id=_int(parent, "parent"))
        if within := params.get("within"):
            root = AdministrativeUnit.objects.filter(pk=_int(within, "within")).first()
            units = units.descendants_of(root) if root else units.none()
        if tier := params.get("tier"):
            units = units.filter(tier=_int(tier, "tier"))
        if valid_on := params.get("valid_on"):
            day = parse_date(valid_on)
            if day is None:
                raise ValidationError({"valid_on": MSG_BAD_DATE})
            units = units.valid_on(day)
        return _page(self, request, units, UnitSerializer)


class UnitDetail(APIView):
    @extend_schema(
        operation_id="units_retrieve",
        responses={200: UnitDetailSerializer, 404: DetailSerializer},
        summary="Một đơn vị, với các cấp trên",
    )
    def get(self, request, pk: int):
        units = with_predecessors(AdministrativeUnit.objects.select_related("parent"))
        unit = units.filter(pk=pk).first()
        if unit is None:
            raise NotFound(MSG_NO_UNIT)
        return Response(UnitDetailSerializer(unit).data)


class PeriodList(APIView):
    @extend_schema(
        operation_id="periods_list",
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("kind", str, enum=["Q", "H", "M", "Y"]),
            OpenApiParameter("open", bool, description="Chỉ các kỳ chưa khóa"),
        ],
        responses=PeriodSerializer(many=True),
        summary="Các kỳ báo cáo (quốc gia, và kỳ riêng của tỉnh)",
    )
    def get(self, request):
        periods = ReportingPeriod.objects.select_related("scope").order_by("-end_date", "pk")
        params = request.query_params
        if year := params.get("year"):
            periods = periods.filter(year=_int(year, "year"))
        if kind := params.get("kind"):
            periods = periods.filter(kind=kind.strip().upper())
        if params.get("open", "").lower() in {"1", "true", "yes"}:
            periods = periods.filter(is_locked=False)
        return _page(self, request, periods, PeriodSerializer)


def visible_templates(user):
    """Published and archived templates for everyone; drafts for template admins only."""
    templates = IndicatorTemplate.objects.select_related("issuer")
    if is_template_admin(user):
        return templates
    return templates.exclude(status=TemplateStatus.DRAFT)


class TemplateList(APIView):
    @extend_schema(
        operation_id="templates_list",
        parameters=[
            OpenApiParameter("code", str),
            OpenApiParameter("status", str, enum=["draft", "published", "archived"]),
        ],
        responses=TemplateSerializer(many=True),
        summary="Các mẫu phụ lục và phiên bản",
    )
    def get(self, request):
        templates = visible_templates(request.user).order_by("code", "-version")
        if code := request.query_params.get("code"):
            templates = templates.filter(code=code.strip())
        if status := request.query_params.get("status"):
            templates = templates.filter(status=status.strip())
        return _page(self, request, templates, TemplateSerializer)


class TemplateDetail(APIView):
    @extend_schema(
        operation_id="templates_retrieve",
        responses={200: TemplateDetailSerializer, 404: DetailSerializer},
        summary="Một mẫu: cây chỉ tiêu, kiểu số liệu, công thức, quy tắc, bảng, đề cương",
    )
    def get(self, request, pk: int):
        template = (
            visible_templates(request.user)
            .prefetch_related(
                "indicators",
                "outline",
                "rules",
                Prefetch("tables", queryset=FieldTable.objects.prefetch_related("rows", "columns")),
                Prefetch("assignments", queryset=TemplateAssignment.objects.select_related("unit")),
            )
            .filter(pk=pk)
            .first()
        )
        if template is None:
            raise NotFound(MSG_NO_TEMPLATE)
        versions = [
            {"id": pk, "version": version, "status": status}
            for pk, version, status in visible_templates(request.user)
            .filter(code=template.code)
            .order_by("version")
            .values_list("pk", "version", "status")
        ]
        serializer = TemplateDetailSerializer(template, context={"versions": versions})
        return Response(serializer.data)
