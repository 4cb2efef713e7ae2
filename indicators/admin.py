from __future__ import annotations

from django.contrib import admin, messages

from indicators.forms.rules import RuleForm
from indicators.models import (
    FieldTable,
    Indicator,
    IndicatorTemplate,
    OutlineSection,
    TableColumn,
    TableRow,
    TemplateLocked,
    ValidationRule,
)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["position", "code", "printed_code", "name", "unit", "value_type", "is_breakdown"]
    extra = 0
    show_change_link = True


class OutlineInline(admin.TabularInline):
    model = OutlineSection
    fields = ["position", "level", "heading", "prefill_from_previous"]
    extra = 0


class ValidationRuleInline(admin.TabularInline):
    """A template's rules, checked as in the portal's rule editor (syntax with its position,
    codes the template has); frozen with a published template."""

    model = ValidationRule
    form = RuleForm
    fields = [
        "position",
        "code",
        "left",
        "operator",
        "right",
        "severity",
        "missing_values",
        "message",
        "is_active",
    ]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.is_editable


@admin.register(IndicatorTemplate)
class IndicatorTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "title", "year", "issuer", "status", "published_at"]
    list_filter = ["status", "year"]
    search_fields = ["code", "title"]
    raw_id_fields = ["issuer", "cloned_from"]
    inlines = [OutlineInline, IndicatorInline, ValidationRuleInline]
    actions = ["clone_templates", "publish_templates"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [f.name for f in self.model._meta.fields]
        return ["status", "published_at", "cloned_from"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    @admin.action(description="Sao chép thành phiên bản mới (bản nháp)")
    def clone_templates(self, request, queryset):
        for template in queryset:
            copy = template.clone()
            self.message_user(request, f"Đã tạo {copy}.", messages.SUCCESS)

    @admin.action(description="Ban hành (không sửa được nữa)")
    def publish_templates(self, request, queryset):
        for template in queryset:
            try:
                template.publish()
            except TemplateLocked as error:
                self.message_user(request, f"{template}: {error}", messages.ERROR)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["template", "code", "printed_code", "name", "unit", "value_type"]
    list_filter = ["template", "value_type", "is_breakdown"]
    search_fields = ["code", "name"]
    raw_id_fields = ["template", "parent"]


class TableColumnInline(admin.TabularInline):
    model = TableColumn
    extra = 0


class TableRowInline(admin.TabularInline):
    model = TableRow
    extra = 0


@admin.register(FieldTable)
class FieldTableAdmin(admin.ModelAdmin):
    list_display = ["template", "code", "title"]
    inlines = [TableColumnInline, TableRowInline]


@admin.register(OutlineSection)
class OutlineSectionAdmin(admin.ModelAdmin):
    list_display = ["template", "position", "level", "heading"]
    list_filter = ["template"]


@admin.register(TableColumn)
class TableColumnAdmin(admin.ModelAdmin):
    list_display = ["table", "position", "code", "label", "group"]


@admin.register(TableRow)
class TableRowAdmin(admin.ModelAdmin):
    list_display = ["table", "position", "code", "label", "is_total"]
