from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal import (
            caching,
            history,  # noqa: F401  (connects the audit-trail signal)
        )

        caching.connect_signals()
