from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    TableCellValue,
    User,
)
from reports.services.entry import bump_version


class BumpsReportVersion:
    """An edit here is a change of the report: its version moves, so that a reviewer's page
    showing the older one cannot approve or return it unseen."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_version(obj.report)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_version(obj.report)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "start_date",
        "end_date",
        "due_date",
        "grace_days",
        "is_locked",
        "scope",
    ]
    list_filter = ["kind", "year", "is_locked"]
    raw_id_fields = ["scope"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ["indicator", "value", "text", "printed", "note"]
    raw_id_fields = ["indicator"]
    extra = 0


class NarrativeSectionInline(admin.StackedInline):
    model = NarrativeSection
    fields = ["position", "level", "heading", "text"]
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "template", "status", "version", "submitted_at"]
    list_filter = ["status", "period", "template"]
    search_fields = ["unit__name", "unit__code", "number"]
    raw_id_fields = ["unit", "period", "template", "created_by"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [NarrativeSectionInline, IndicatorValueInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            bump_version(form.instance)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "period", "template")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(BumpsReportVersion, admin.ModelAdmin):
    list_display = ["report", "indicator", "value", "text", "printed", "note", "updated_at"]
    search_fields = ["indicator__code", "report__unit__name"]
    raw_id_fields = ["report", "indicator", "updated_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("report__unit", "report__period", "indicator")
        )


@admin.register(TableCellValue)
class TableCellValueAdmin(BumpsReportVersion, admin.ModelAdmin):
    list_display = ["report", "row", "column", "value", "printed"]
    raw_id_fields = ["report", "row", "column"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("report__unit", "report__period", "row", "column")
        )


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(BumpsReportVersion, admin.ModelAdmin):
    list_display = ["report", "position", "heading"]
    raw_id_fields = ["report", "outline"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    raw_id_fields = ["unit"]
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        ("Đơn vị và vai trò", {"fields": ["unit", "role", "position"]}),
    ]
