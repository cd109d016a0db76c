from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = _("Scar guide content")

    def ready(self):
        from .page_cache import watch_content

        watch_content()
