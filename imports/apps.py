"""The shared machinery for importing officials' files: reading, checking, logging."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app declares its import definitions in its resources.py.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("resources")
