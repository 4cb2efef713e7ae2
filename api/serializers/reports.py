"""The shapes of reports as read: a report's line in a list, the report in full (header,
values with their origin, tables, sections, transitions, comments) and its findings. The
detail's header fields (``HEADER_FIELDS``) are the ones ``api.report_detail`` reads."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.dhis2 import dhis2_period
from api.serializers.reference import ColumnSerializer, RowSerializer, UnitRefSerializer
from reports.models import Report, ReportingPeriod, ValueOrigin


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
    "Nguồn của số liệu: “typed” = đơn vị nhập (trên biểu mẫu hoặc qua API); “carried” = chuyển "
    "từ báo cáo kỳ trước (số tại thời điểm báo cáo, câu trả lời ít thay đổi); “computed” = tự "
    "tính theo công thức của mẫu; “derived” = suy ra từ kỳ khác (kỳ trước chuyển qua, lũy kế, "
    "cộng các quý); “imported” = nhập từ tệp hoặc dataValueSets."
)
SECTION_ORIGIN_HELP = (
    "“carried” = nội dung lấy từ báo cáo kỳ trước, chưa sửa; “typed” = do đơn vị soạn."
)
VALUE_ORIGINS = ValueOrigin.choices


class ValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField(allow_null=True, help_text="Số thập phân dạng 81.95, hoặc mã")
    text = serializers.CharField(allow_blank=True)
    printed = serializers.CharField(allow_blank=True, help_text="Như đơn vị đã ghi")
    note = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=VALUE_ORIGINS, help_text=ORIGIN_HELP)
    source = serializers.CharField(
        allow_blank=True, help_text="Lấy từ đâu, ví dụ “Từ báo cáo quý III/2024”"
    )
    to_confirm = serializers.BooleanField(help_text="Số chuyển sang hoặc suy ra, chưa xác nhận")
    override_reason = serializers.CharField(
        allow_blank=True, help_text="Lý do đơn vị ghi số của mình thay cho số tự tính"
    )
    error = serializers.CharField(allow_blank=True, help_text="Lý do nếu ô bị từ chối")
    updated_at = serializers.DateTimeField()


class CellSerializer(serializers.Serializer):
    row = serializers.CharField()
    column = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    printed = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=VALUE_ORIGINS, help_text=ORIGIN_HELP)
    source = serializers.CharField(allow_blank=True)
    to_confirm = serializers.BooleanField()


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
    origin = serializers.ChoiceField(choices=["carried", "typed"], help_text=SECTION_ORIGIN_HELP)


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
