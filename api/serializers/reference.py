"""The shapes of the reference data: the unit tree (a unit, its parent and ancestors), the
reporting periods with their DHIS2 ids, and the templates in full (indicators, outline, tables
by field, rules, assignments, versions). ``UnitRefSerializer``, ``ColumnSerializer`` and
``RowSerializer`` are reused by the shapes of reports."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.dhis2 import dhis2_period
from core.models import AdministrativeUnit, UnitKind
from indicators.models import (
    FieldTable,
    Indicator,
    IndicatorTemplate,
    OutlineSection,
    TableColumn,
    TableRow,
    TemplateAssignment,
    ValidationRule,
)
from reports.models import ReportingPeriod

# Units --------------------------------------------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class UnitPredecessorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)


def with_predecessors(units: QuerySet[AdministrativeUnit]) -> QuerySet[AdministrativeUnit]:
    """Units with their predecessors in one more query (by code: a stable order)."""
    return units.prefetch_related(
        Prefetch("predecessors", queryset=AdministrativeUnit.objects.order_by("code", "pk"))
    )


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField()
    tier = serializers.IntegerField(help_text="1 tỉnh, 2 huyện (trước 1/7/2025), 3 xã")
    predecessors = serializers.SerializerMethodField(
        help_text="Các đơn vị tiền thân: những đơn vị sáp nhập vào đơn vị này (ngày 1/7/2025, "
        "theo bảng chuyển đổi chính thức, hoặc do quản trị nhập), với ngày hiệu lực; rỗng nếu "
        "không có hoặc chưa nạp."
    )

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id", "code", "name", "kind", "tier", "parent", "valid_from", "valid_to",
            "predecessors",
        ]  # fmt: skip

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_parent(self, unit: AdministrativeUnit):
        parent = unit.parent
        if parent is None:
            return None
        return {"id": parent.pk, "code": parent.code, "name": parent.name}

    @extend_schema_field(UnitPredecessorSerializer(many=True))
    def get_predecessors(self, unit: AdministrativeUnit):
        # Read from the views' prefetch (``with_predecessors``): no query per unit.
        return [
            {
                "id": old.pk,
                "code": old.code,
                "name": old.name,
                "kind": old.kind,
                "valid_from": old.valid_from,
                "valid_to": old.valid_to,
            }
            for old in unit.predecessors.all()
        ]


class UnitDetailSerializer(UnitSerializer):
    ancestors = serializers.SerializerMethodField(help_text="Các cấp trên, từ tỉnh xuống")

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "ancestors"]

    @extend_schema_field(UnitRefSerializer(many=True))
    def get_ancestors(self, unit: AdministrativeUnit):
        return [{"id": a.pk, "code": a.code, "name": a.name} for a in unit.ancestors()]


# Periods ------------------------------------------------------------------------------------


class PeriodSerializer(serializers.ModelSerializer):
    key = serializers.CharField(help_text="Mã kỳ của cổng: 2024Q3, 2021H1, 2024M9, 2024Y")
    dhis2_period = serializers.SerializerMethodField(help_text="2024Q3, 2021S1, 2024, 202409")
    label = serializers.CharField()
    entry_closes_on = serializers.DateField()
    scope = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = [
            "id", "key", "dhis2_period", "label", "kind", "year", "number", "start_date",
            "end_date", "due_date", "grace_days", "entry_closes_on", "is_locked", "scope",
        ]  # fmt: skip

    def get_dhis2_period(self, period: ReportingPeriod) -> str:
        return dhis2_period(period.period_key)

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_scope(self, period: ReportingPeriod):
        scope = period.scope
        if scope is None:
            return None
        return {"id": scope.pk, "code": scope.code, "name": scope.name}


# Templates ----------------------------------------------------------------------------------


class TemplateSerializer(serializers.ModelSerializer):
    issuer = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorTemplate
        fields = [
            "id", "code", "version", "title", "status", "year", "annex_label", "annex_title",
            "issuer", "source", "cloned_from", "created_at", "published_at",
        ]  # fmt: skip

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_issuer(self, template: IndicatorTemplate):
        issuer = template.issuer
        if issuer is None:
            return None
        return {"id": issuer.pk, "code": issuer.code, "name": issuer.name}


class ChoiceSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField(help_text="Mã chỉ tiêu cha")
    choices = ChoiceSerializer(many=True)
    tags = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Indicator
        fields = [
            "code", "printed_code", "name", "unit", "parent", "depth", "position",
            "value_type", "choices", "is_breakdown", "parts_sum_to_total", "formula",
            "aggregation", "tags", "kind", "derivation", "derive_from", "on_merge",
        ]  # fmt: skip

    def get_parent(self, indicator: Indicator) -> str | None:
        codes = self.context.get("codes", {})
        return codes.get(indicator.parent_id) if indicator.parent_id else None


class OutlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutlineSection
        fields = ["position", "level", "heading", "guidance", "prefill_from_previous"]


class ColumnSerializer(serializers.ModelSerializer):
    tags = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = TableColumn
        fields = ["code", "label", "group", "position", "tags"]


class RowSerializer(serializers.ModelSerializer):
    class Meta:
        model = TableRow
        fields = ["code", "label", "printed_code", "position", "is_total"]


class TableSerializer(serializers.ModelSerializer):
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)

    class Meta:
        model = FieldTable
        fields = ["code", "title", "subtitle", "position", "columns", "rows"]


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ValidationRule
        fields = [
            "code", "position", "left", "operator", "right", "severity", "message",
            "missing_values", "is_active",
        ]  # fmt: skip


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.SerializerMethodField()
    period_kinds = serializers.CharField(help_text="Q quý, H 6 tháng, M 9 tháng, Y năm")

    class Meta:
        model = TemplateAssignment
        fields = ["unit", "period_kinds", "valid_from", "valid_to"]

    @extend_schema_field(UnitRefSerializer())
    def get_unit(self, assignment: TemplateAssignment):
        unit = assignment.unit
        return {"id": unit.pk, "code": unit.code, "name": unit.name}


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.CharField()


class TemplateDetailSerializer(TemplateSerializer):
    indicators = serializers.SerializerMethodField()
    outline = OutlineSerializer(many=True)
    tables = TableSerializer(many=True)
    rules = RuleSerializer(many=True)
    assignments = AssignmentSerializer(many=True)
    versions = serializers.SerializerMethodField(help_text="Mọi phiên bản của cùng mã mẫu")

    class Meta(TemplateSerializer.Meta):
        fields = [
            *TemplateSerializer.Meta.fields,
            "indicators", "outline", "tables", "rules", "assignments", "versions",
        ]  # fmt: skip

    @extend_schema_field(IndicatorSerializer(many=True))
    def get_indicators(self, template: IndicatorTemplate):
        indicators = list(template.indicators.all())
        codes = {i.pk: i.code for i in indicators}
        return IndicatorSerializer(indicators, many=True, context={"codes": codes}).data

    @extend_schema_field(VersionSerializer(many=True))
    def get_versions(self, template: IndicatorTemplate):
        return self.context.get("versions", [])
