from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Nền tảng"

    def ready(self) -> None:
        from core.text_input import clean_on_save

        # Every row of core, indicators and reports is saved with clean text.
        pre_save.connect(clean_on_save, dispatch_uid="core.clean_text_on_save")
