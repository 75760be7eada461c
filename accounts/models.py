"""Which provinces a provincial official works in, and the password-reset requests made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.history import audit_trail


class ProvinceAssignment(models.Model):
    """One province an official may create and edit records in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="province_assignments",
        verbose_name=_("official"),
    )
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.CASCADE,
        related_name="official_assignments",
        verbose_name=_("province"),
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("province assignment")
        verbose_name_plural = _("province assignments")
        ordering = ["province_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "province"], name="provinceassignment_unique")
        ]
        permissions = [
            (
                "work_in_all_provinces",
                _("Works in every province (national roles); otherwise only in assigned ones"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.province}"


class PasswordResetRequestQuerySet(models.QuerySet):
    def from_client(self, client: str) -> PasswordResetRequestQuerySet:
        return self.filter(client=client)

    def to_address(self, email: str) -> PasswordResetRequestQuerySet:
        return self.filter(email=normalised_address(email))

    def since(self, moment) -> PasswordResetRequestQuerySet:
        return self.filter(requested_at__gte=moment)


def normalised_address(email: str) -> str:
    """An address as reset requests are counted by: "Sokha@Example.org" is "sokha@example.org"."""
    return email.strip().lower()


class PasswordResetRequest(models.Model):
    """One password-reset request a client made, counted whether or not the address has
    an account, so that one client gets few answered an hour (accounts.password_reset).

    Bookkeeping only: rows older than the counting window are deleted as new ones are
    written, and no page lists them.
    """

    client = models.CharField(
        _("client"),
        max_length=45,
        help_text=_("The client's IP address; for IPv6, the first address of its /64."),
    )
    email = models.EmailField(_("email address"), max_length=254)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)

    objects = PasswordResetRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")
        indexes = [
            models.Index(
                fields=["client", "email", "requested_at"], name="passwordresetrequest_client"
            ),
            models.Index(fields=["requested_at"], name="passwordresetrequest_time"),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.email} {self.requested_at:%Y-%m-%d %H:%M}"
