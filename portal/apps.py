"""The portal app, and the admin app configured with the portal's admin site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal import (  # noqa: F401  (registers checks, connects signals)
            caching,
            checks,
            converters,
            history,
        )

        caching.connect_signals()
        converters.register()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with `admin.site` an instance of portal.sites.PortalAdminSite."""

    default = False  # "portal" itself means PortalConfig
    default_site = "portal.sites.PortalAdminSite"
