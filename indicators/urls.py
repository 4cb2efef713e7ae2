from django.urls import path

from indicators.views import rules

app_name = "indicators"

urlpatterns = [
    path("", rules.template_list, name="templates"),
    path("<int:pk>/quy-tac/", rules.rule_list, name="rules"),
    path("<int:pk>/quy-tac/them/", rules.rule_create, name="rule_create"),
    path("<int:pk>/quy-tac/thu/", rules.rule_preview, name="rule_preview"),
    path("<int:pk>/quy-tac/<int:rule_pk>/sua/", rules.rule_edit, name="rule_edit"),
    path("<int:pk>/quy-tac/<int:rule_pk>/xoa/", rules.rule_delete, name="rule_delete"),
]
