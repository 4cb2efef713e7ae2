from django.contrib import admin

from core.models import AdministrativeUnit


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_from", "valid_to"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    # ``load_units`` links today's units to those they replaced from the official conversion;
    # where it has none (or for earlier mergers), the administrator picks them here, by code or
    # name among the units that have ended.
    autocomplete_fields = ["predecessors"]
    readonly_fields = ["path", "successor_list"]

    @admin.display(description="đơn vị kế thừa")
    def successor_list(self, unit: AdministrativeUnit) -> str:
        """The units this one was merged into (read-only: set on the successor)."""
        names = []
        for successor in unit.successors.order_by("code"):
            since = f", từ {successor.valid_from:%d/%m/%Y}" if successor.valid_from else ""
            names.append(f"{successor.name} (mã {successor.code}{since})")
        return "; ".join(names) or "—"

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.GET.get("model_name") == "administrativeunit"
            and request.GET.get("field_name") == "predecessors"
        ):
            # A predecessor has ended: today's units (which may share its code) are not offered.
            queryset = queryset.filter(valid_to__isnull=False)
        return queryset, may_have_duplicates
