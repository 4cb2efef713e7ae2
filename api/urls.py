"""/api/: the versioned REST API (/api/v1/), its schema and documentation, and the portal page
of personal tokens (/api/ma-truy-cap/)."""

from django.urls import include, path

from api.views import data, docs, reference, reports, tokens, writes

app_name = "api"

v1 = [
    path("schema/", docs.Schema.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("me/", data.Me.as_view(), name="me"),
    path("units/", reference.UnitList.as_view(), name="units"),
    path("units/<int:pk>/", reference.UnitDetail.as_view(), name="unit"),
    path("periods/", reference.PeriodList.as_view(), name="periods"),
    path("templates/", reference.TemplateList.as_view(), name="templates"),
    path("templates/<int:pk>/", reference.TemplateDetail.as_view(), name="template"),
    path("reports/", reports.ReportList.as_view(), name="reports"),
    path("reports/<int:pk>/", reports.ReportDetail.as_view(), name="report"),
    path("reports/<int:pk>/findings/", reports.ReportFindings.as_view(), name="findings"),
    path(
        "reports/<int:pk>/download/<str:fmt>/",
        reports.ReportDownload.as_view(),
        name="download",
    ),
    path("reports/<int:pk>/values/<str:code>/", writes.ValueWrite.as_view(), name="value"),
    path(
        "reports/<int:pk>/cells/<slug:table>/<slug:row>/<slug:column>/",
        writes.CellWrite.as_view(),
        name="cell",
    ),
    path("reports/<int:pk>/submit/", writes.Submit.as_view(), name="submit"),
    path("reports/<int:pk>/return/", writes.Return.as_view(), name="return"),
    path("reports/<int:pk>/approve/", writes.Approve.as_view(), name="approve"),
    path(
        "reports/<str:unit_code>/<str:period_key>/dataValueSets",
        data.DataValueSetOfReport.as_view(),
        name="report_data_values",
    ),
    path("dataValueSets", data.DataValueSets.as_view(), name="data_value_sets"),
    path("aggregates/", data.Aggregate.as_view(), name="aggregate"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("ma-truy-cap/", tokens.tokens_page, name="tokens"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", tokens.token_revoke, name="token_revoke"),
]
