"""The record of every confirmed import: who, when, which file, what it did."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportLog(models.Model):
    class Source(models.TextChoices):
        ADMIN = "admin", _("Admin")
        COMMAND = "command", _("Command line")

    dataset = models.CharField(_("data"), max_length=30, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(
        _("SHA-256 checksum"),
        max_length=64,
        db_index=True,
        help_text=_("Identifies the exact file imported."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_logs",
        verbose_name=_("imported by"),
    )
    source = models.CharField(_("imported from"), max_length=10, choices=Source.choices)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True, db_index=True)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("new"))
    updated = models.PositiveIntegerField(_("updated"))
    unchanged = models.PositiveIntegerField(_("unchanged"))
    warnings = models.PositiveIntegerField(_("warnings"))
    placeholders = models.TextField(
        _("placeholders created"),
        blank=True,
        help_text=_("Divisions the file named that did not exist, created as flagged."),
    )
    create_missing_parents = models.BooleanField(_("missing parents created"), default=False)
    strict = models.BooleanField(_("warnings refused"), default=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("import log")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dataset}: {self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"
