"""Which provinces a provincial official works in, and the password-reset mails sent."""

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


class PasswordResetMailQuerySet(models.QuerySet):
    def to_address(self, email: str) -> PasswordResetMailQuerySet:
        return self.filter(email=normalised_address(email))

    def since(self, moment) -> PasswordResetMailQuerySet:
        return self.filter(sent_at__gte=moment)


def normalised_address(email: str) -> str:
    """An address as the reset mails are counted by: "Sokha@Example.org" is "sokha@example.org"."""
    return email.strip().lower()


class PasswordResetMail(models.Model):
    """One password-reset mail sent (or about to be), so that an address gets few an hour.

    Bookkeeping only (accounts.password_reset): rows older than the counting window are
    deleted as new ones are written, and no page lists them.
    """

    email = models.EmailField(_("email address"), max_length=254)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = PasswordResetMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("password-reset mail")
        verbose_name_plural = _("password-reset mails")
        indexes = [models.Index(fields=["email", "sent_at"], name="passwordresetmail_address")]

    def __str__(self) -> str:
        return f"{self.email} {self.sent_at:%Y-%m-%d %H:%M}"
