"""A template as an XLSX workbook, downloaded from the template-admin area (``/mau/``).

The workbook is drawn by the report exporters (``reports.exports.template_workbook``), a floor
above the templates, so this view lives here and ``cchc_portal.urls`` routes it into the
template-admin area beside the editor's views.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from core.access import template_admin_required
from core.http import CONTENT_TYPES
from indicators.models import IndicatorTemplate
from reports.exports.template_workbook import render_template_xlsx, template_xlsx_filename


@template_admin_required
def template_export(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(IndicatorTemplate, pk=pk)
    response = HttpResponse(render_template_xlsx(template), content_type=CONTENT_TYPES["xlsx"])
    filename = template_xlsx_filename(template)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
