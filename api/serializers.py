"""The shapes of the API's answers and requests (also the OpenAPI schema's components).

Figures are plain decimals as strings ("1377189270", "81.95"): exact, never floats; a blank is
``null`` (blank is not zero). What the clerk wrote stays in ``printed``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.dhis2 import dhis2_period
from core.models import AdministrativeUnit
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
from reports.models import Report, ReportingPeriod

# Units --------------------------------------------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField()
    tier = serializers.IntegerField(help_text="1 tỉnh, 2 huyện (trước 1/7/2025), 3 xã")
    predecessors = serializers.SerializerMethodField(
        help_text="Các đơn vị tiền thân (sáp nhập). Mô hình dữ liệu chưa ghi quan hệ này: "
        "luôn rỗng cho đến khi có."
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

    @extend_schema_field(UnitRefSerializer(many=True))
    def get_predecessors(self, unit: AdministrativeUnit):
        return []


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
            "aggregation", "tags", "prefill",
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


# Reports ------------------------------------------------------------------------------------


class TemplateRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    version = serializers.IntegerField()


class PeriodRefSerializer(serializers.Serializer):
    key = serializers.CharField()
    dhis2_period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    due = serializers.DateField()


class ReportSerializer(serializers.ModelSerializer):
    key = serializers.CharField(help_text="<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3")
    unit = serializers.SerializerMethodField()
    period = serializers.SerializerMethodField()
    template = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id", "key", "unit", "period", "template", "status", "version", "error_count",
            "warning_count", "checked_at", "created_at", "updated_at", "submitted_at",
            "approved_at",
        ]  # fmt: skip

    @extend_schema_field(UnitRefSerializer())
    def get_unit(self, report: Report):
        return {"id": report.unit_id, "code": report.unit.code, "name": report.unit.name}

    @extend_schema_field(PeriodRefSerializer())
    def get_period(self, report: Report):
        return period_ref(report.period)

    @extend_schema_field(TemplateRefSerializer())
    def get_template(self, report: Report):
        template = report.template
        return {"id": template.pk, "code": template.code, "version": template.version}


def period_ref(period: ReportingPeriod) -> dict:
    return {
        "key": period.key,
        "dhis2_period": dhis2_period(period.period_key),
        "start": period.start_date,
        "end": period.end_date,
        "due": period.due_date,
    }


ORIGIN_HELP = (
    "Nguồn của số liệu: “carried” = điền sẵn từ kỳ trước, chưa xác nhận; “typed” = do đơn vị "
    "nhập hoặc đã xác nhận. (Nguồn chi tiết hơn — nhập tay, nhập tệp, API — chưa được lưu.)"
)


class ValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField(allow_null=True, help_text="Số thập phân dạng 81.95, hoặc mã")
    text = serializers.CharField(allow_blank=True)
    printed = serializers.CharField(allow_blank=True, help_text="Như đơn vị đã ghi")
    note = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=["carried", "typed"], help_text=ORIGIN_HELP)
    error = serializers.CharField(allow_blank=True, help_text="Lý do nếu ô bị từ chối")
    updated_at = serializers.DateTimeField()


class CellSerializer(serializers.Serializer):
    row = serializers.CharField()
    column = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    printed = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=["carried", "typed"], help_text=ORIGIN_HELP)


class ReportTableSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)
    cells = CellSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    level = serializers.IntegerField()
    heading = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=["carried", "typed"], help_text=ORIGIN_HELP)


class FootnoteSerializer(serializers.Serializer):
    mark = serializers.CharField()
    text = serializers.CharField()


class HeaderSerializer(serializers.Serializer):
    issuer_parent = serializers.CharField(allow_blank=True)
    issuer = serializers.CharField(allow_blank=True)
    number = serializers.CharField(allow_blank=True)
    symbol = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_blank=True)
    document_date = serializers.DateField(allow_null=True)
    date_printed = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    recipient = serializers.CharField(allow_blank=True)
    legal_basis = serializers.CharField(allow_blank=True)
    intro = serializers.CharField(allow_blank=True)
    closing = serializers.CharField(allow_blank=True)
    recipients = serializers.ListField(child=serializers.CharField())
    signer_mode = serializers.CharField(allow_blank=True)
    signer_authority = serializers.CharField(allow_blank=True)
    signer_title = serializers.CharField(allow_blank=True)
    signer_name = serializers.CharField(allow_blank=True)
    footnotes = FootnoteSerializer(many=True)
    annex_title = serializers.CharField(allow_blank=True)
    annex_reference = serializers.CharField(allow_blank=True)


HEADER_FIELDS = list(HeaderSerializer().fields)


class TransitionSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    by = serializers.CharField(allow_blank=True)
    at = serializers.DateTimeField()
    comment = serializers.CharField(allow_blank=True)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField(allow_null=True)
    section = serializers.IntegerField(allow_null=True, help_text="id của mục báo cáo")
    author = serializers.CharField(allow_blank=True)
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    reply = serializers.CharField(allow_blank=True)
    replied_at = serializers.DateTimeField(allow_null=True)


class ReportDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    unit = UnitRefSerializer()
    period = PeriodRefSerializer()
    template = TemplateRefSerializer()
    status = serializers.CharField()
    version = serializers.IntegerField(help_text="Tăng sau mỗi thay đổi: gửi kèm khi ghi")
    editable = serializers.BooleanField(help_text="Mã truy cập này có ghi được số liệu không")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    header = HeaderSerializer()
    values = ValueSerializer(many=True)
    tables = ReportTableSerializer(many=True)
    sections = SectionSerializer(many=True)
    transitions = TransitionSerializer(many=True)
    comments = CommentSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Khóa để giải trình cảnh báo khi gửi")
    check = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"])
    message = serializers.CharField()
    codes = serializers.ListField(child=serializers.CharField())
    values = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()
    quote = serializers.CharField(allow_blank=True)


class FindingsSerializer(serializers.Serializer):
    report = serializers.CharField()
    version = serializers.IntegerField()
    errors = serializers.IntegerField()
    warnings = serializers.IntegerField()
    findings = FindingSerializer(many=True)


# Writes -------------------------------------------------------------------------------------


class StartReportSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="Mã kỳ: 2024Q4 (hoặc mã kỳ DHIS2)")


class ValueWriteSerializer(serializers.Serializer):
    value = serializers.CharField(
        allow_blank=True,
        max_length=200,
        trim_whitespace=False,
        help_text="Như gõ trên biểu mẫu: “1.377.189.270”, “81,95”, “Có”; rỗng để xóa.",
    )
    base = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Giá trị (printed) bạn đọc được trước khi sửa",
    )
    version = serializers.IntegerField(required=False, help_text="Phiên bản báo cáo đã đọc")
    force = serializers.BooleanField(default=False, help_text="Ghi đè dù có xung đột")

    def validate(self, attrs):
        if "base" not in attrs and "version" not in attrs and not attrs.get("force"):
            raise serializers.ValidationError(
                "Gửi kèm “base” (giá trị đã đọc) hoặc “version” (phiên bản báo cáo đã đọc)."
            )
        return attrs


class ValueResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_blank=True)
    printed = serializers.CharField(allow_blank=True)
    error = serializers.CharField(allow_blank=True)
    suggestion = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()


class ValueConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    theirs = serializers.CharField(allow_blank=True, help_text="Giá trị đang lưu")
    theirs_by = serializers.CharField(allow_blank=True)
    theirs_at = serializers.DateTimeField(allow_null=True)
    mine = serializers.CharField(allow_blank=True, help_text="Giá trị bạn gửi")
    version = serializers.IntegerField()


class TransitionWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đã đọc")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đã đọc")
    explanations = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Giải trình từng cảnh báo, theo khóa của phát hiện",
    )


class IndicatorCommentSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Mã chỉ tiêu")
    text = serializers.CharField()


class ReturnSerializer(TransitionWriteSerializer):
    comments = IndicatorCommentSerializer(many=True, required=False, default=list)


class TransitionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField()


class SubmitBlockedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = FindingSerializer(many=True)
    unexplained = FindingSerializer(many=True)


class VersionConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# DHIS2 --------------------------------------------------------------------------------------


class DataValueSerializer(serializers.Serializer):
    dataElement = serializers.CharField(help_text="Mã chỉ tiêu, hoặc <bảng>:<dòng>:<cột>")
    period = serializers.CharField(required=False, help_text="2024Q3, 2021S1, 2024, 202409")
    orgUnit = serializers.CharField(required=False, help_text="Mã đơn vị hành chính")
    value = serializers.CharField(allow_null=True, allow_blank=True)
    comment = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    storedBy = serializers.CharField(required=False, read_only=True)
    lastUpdated = serializers.DateTimeField(required=False, read_only=True)
    base = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="(Mở rộng) giá trị đã đọc: xung đột nếu số liệu đã bị sửa khác đi",
    )


class DataValueSetSerializer(serializers.Serializer):
    dataSet = serializers.CharField(required=False, help_text="Mã mẫu phụ lục")
    period = serializers.CharField(required=False)
    orgUnit = serializers.CharField(required=False)
    dataValues = DataValueSerializer(many=True)


class ImportCountSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    updated = serializers.IntegerField()
    ignored = serializers.IntegerField()
    deleted = serializers.IntegerField()


class ImportConflictSerializer(serializers.Serializer):
    object = serializers.CharField()
    value = serializers.CharField()
    errorCode = serializers.CharField()
    indexes = serializers.ListField(child=serializers.IntegerField())
    theirs = serializers.CharField(required=False)
    mine = serializers.CharField(required=False)


class ImportSummarySerializer(serializers.Serializer):
    responseType = serializers.CharField()
    status = serializers.ChoiceField(choices=["SUCCESS", "ERROR"])
    description = serializers.CharField()
    dryRun = serializers.BooleanField()
    importCount = ImportCountSerializer()
    conflicts = ImportConflictSerializer(many=True)


# Aggregates and the caller ------------------------------------------------------------------


class AggregateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Mã đơn vị, “VN” cho cả nước")
    period = serializers.CharField()
    template = TemplateRefSerializer()
    statuses = serializers.ListField(child=serializers.CharField())
    units = serializers.ListField(child=serializers.CharField(), help_text="Các xã được cộng")
    values = serializers.DictField(child=serializers.CharField())
    distributions = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField())
    )
    tables = serializers.DictField(
        child=serializers.DictField(child=serializers.DictField(child=serializers.CharField()))
    )


class TokenInfoSerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    service_account = serializers.BooleanField()
    read_only = serializers.BooleanField()
    scope = UnitRefSerializer(allow_null=True)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    is_superuser = serializers.BooleanField()
    unit = UnitRefSerializer(allow_null=True)
    token = TokenInfoSerializer()
