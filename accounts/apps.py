"""Officials: their roles, the provinces they work in, and how they sign in."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Officials and access")

    def ready(self) -> None:
        from accounts.roles import sync_roles_after_migrate
        from accounts.two_factor import (  # noqa: F401  (registers the check and the sign-in signal)
            checks,
            middleware,
        )

        # Every `migrate` brings the role groups in line with accounts/roles.py, once
        # the permissions of every app exist (this app comes last in INSTALLED_APPS).
        post_migrate.connect(sync_roles_after_migrate, sender=self)
