"""The template-admin area (``/mau/``): the templates, their tree, outline, assignments and
versions, imports from annex files, and their validation rules. One namespace,
``template_admin``, one guard (``core.access.template_admin_required``) and one "locked" page.

``cchc_portal.urls`` adds to this area the one view drawn a floor above (the XLSX download).
"""

from django.urls import path

from indicators.views import editor, rules, template_import

app_name = "template_admin"

urlpatterns = [
    path("", editor.template_list, name="templates"),
    path("nhap-tu-tep/", template_import.template_import, name="import"),
    path(
        "nhap-tu-tep/xac-nhan/",
        template_import.template_import_confirm,
        name="import_confirm",
    ),
    path("<int:pk>/", editor.template_detail, name="template"),
    path("<int:pk>/thong-tin/", editor.template_meta, name="template_meta"),
    path("<int:pk>/sao-chep/", editor.template_clone, name="clone"),
    path("<int:pk>/ban-hanh/", editor.template_publish_view, name="publish"),
    path("<int:pk>/xoa/", editor.template_delete, name="delete"),
    path("<int:pk>/dong/them/", editor.row_create, name="row_add"),
    path("<int:pk>/dong/<int:row_pk>/", editor.row_edit, name="row_edit"),
    path(
        "<int:pk>/dong/<int:row_pk>/thu-cong-thuc/",
        editor.row_formula_trial,
        name="row_formula_trial",
    ),
    path("<int:pk>/dong/<int:row_pk>/<slug:action>/", editor.row_action, name="row_action"),
    path("<int:pk>/de-cuong/", editor.outline_edit, name="outline"),
    path("<int:pk>/phan-cong/", editor.assignments, name="assignments"),
    path(
        "<int:pk>/phan-cong/<int:assignment_pk>/xoa/",
        editor.assignment_delete,
        name="assignment_delete",
    ),
    path("<int:pk>/so-sanh/", editor.compare, name="compare"),
    path("<int:pk>/quy-tac/", rules.rule_list, name="rules"),
    path("<int:pk>/quy-tac/them/", rules.rule_create, name="rule_create"),
    path("<int:pk>/quy-tac/thu/", rules.rule_preview, name="rule_preview"),
    path("<int:pk>/quy-tac/<int:rule_pk>/sua/", rules.rule_edit, name="rule_edit"),
    path("<int:pk>/quy-tac/<int:rule_pk>/xoa/", rules.rule_delete, name="rule_delete"),
]
