"""Which provinces a provincial official works in."""

from django.conf import settings
from django.db import models
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
