from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from indicators import urls as template_admin_urls
from reports.views import health, template_exports

admin.site.site_header = "Cổng báo cáo cải cách hành chính"
admin.site.site_title = "Quản trị CCHC"
admin.site.index_title = "Quản trị hệ thống"

# The template-admin area: indicators' views, plus the XLSX download drawn by the exporters a
# floor above (composed here, at the top, so the floors below import one way only).
template_admin = (
    [
        *template_admin_urls.urlpatterns,
        path("<int:pk>/tai-ve.xlsx", template_exports.template_export, name="export"),
    ],
    template_admin_urls.app_name,
)

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("api.urls")),
    path("mau/", include(template_admin)),
    # The editor's old address (/mau-bieu/…), kept for bookmarks.
    re_path(r"^mau-bieu/(?P<rest>.*)$", RedirectView.as_view(url="/mau/%(rest)s", permanent=True)),
    path("nhap-file/", include("reports.import_urls")),
    path("", include("reports.urls")),
]
