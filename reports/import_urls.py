"""Imports of filled annex files into reports (``/nhap-file/``)."""

from django.urls import path

from reports.views import imports

app_name = "imports"

urlpatterns = [
    path("", imports.import_index, name="index"),
    path("bao-cao/<int:pk>/", imports.annex_upload, name="upload"),
    path("bao-cao/<int:pk>/xac-nhan/", imports.annex_confirm, name="confirm"),
]
