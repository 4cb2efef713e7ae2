from django.urls import path

from reports.views import aggregate, dashboard, entry, exports, home, jobs, review, submit

app_name = "reports"

urlpatterns = [
    path("", home.home, name="home"),
    path("theo-doi/", dashboard.reviewer_dashboard, name="dashboard"),
    path("tong-hop/", aggregate.aggregate_page, name="aggregate"),
    path("tong-hop/tao-tep/", jobs.export_start, name="export_start"),
    path("tong-hop/tep/<int:pk>/", jobs.export_job, name="export_job"),
    path("tong-hop/tep/<int:pk>/tai-ve/", jobs.export_download, name="export_download"),
    path("ky/<int:period_pk>/lap-bao-cao/", entry.report_start, name="report_start"),
    path("bao-cao/<int:pk>/", entry.report_page, name="report"),
    path("bao-cao/<int:pk>/so-lieu/<int:indicator_pk>/", entry.value_save, name="value_save"),
    path(
        "bao-cao/<int:pk>/so-lieu/<int:indicator_pk>/xac-nhan/",
        entry.value_confirm,
        name="value_confirm",
    ),
    path(
        "bao-cao/<int:pk>/xac-nhan-muc/<str:code>/",
        entry.section_confirm,
        name="section_confirm",
    ),
    path("bao-cao/<int:pk>/dien-san-bao-cao-cu/", entry.prefill_old, name="prefill_old"),
    path("bao-cao/<int:pk>/bang/<int:row_pk>/<int:column_pk>/", entry.cell_save, name="cell_save"),
    path("bao-cao/<int:pk>/muc/<int:section_pk>/", entry.section_save, name="section_save"),
    path(
        "bao-cao/<int:pk>/muc/<int:section_pk>/chen-so-lieu/",
        entry.section_figures,
        name="section_figures",
    ),
    path("bao-cao/<int:pk>/thong-tin/", entry.header_save, name="header_save"),
    path("bao-cao/<int:pk>/kiem-tra/", submit.report_check, name="report_check"),
    path("bao-cao/<int:pk>/phat-hien/", entry.report_findings_panel, name="report_findings"),
    path("bao-cao/<int:pk>/gui/", submit.report_send, name="report_send"),
    path("bao-cao/<int:pk>/xac-nhan-ky-truoc/", submit.prefill_confirm, name="prefill_confirm"),
    path("bao-cao/<int:pk>/tai-ve.<str:fmt>", exports.report_download, name="report_download"),
    path("bao-cao/<int:pk>/y-kien/", review.comment_add, name="comment_add"),
    path(
        "bao-cao/<int:pk>/y-kien/<int:comment_pk>/tra-loi/",
        review.comment_reply,
        name="comment_reply",
    ),
    path("bao-cao/<int:pk>/tra-lai/", review.report_return, name="report_return"),
    path("bao-cao/<int:pk>/duyet/", review.report_approve, name="report_approve"),
    path(
        "ky/<int:period_pk>/gia-han/<int:unit_pk>/",
        review.extension_grant,
        name="extension_grant",
    ),
]
