from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reports.views import health

admin.site.site_header = "Cổng báo cáo cải cách hành chính"
admin.site.site_title = "Quản trị CCHC"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("mau/", include("indicators.urls")),
    path("mau-bieu/", include("indicators.editor_urls")),
    path("nhap-file/", include("reports.import_urls")),
    path("", include("reports.urls")),
]
