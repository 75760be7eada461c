"""Abstract models and helpers shared by the gazetteer, products and forums.

Content is kept in English and Khmer side by side (`name_en`, `name_km`); the public
site shows the active language's text and falls back to English where the Khmer is
missing. Public content carries a publication status, and only published records
are shown to the public.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def slug_for(text: str, max_length: int = 110) -> str:
    """The URL slug of a name; never empty, so every record has a working URL."""
    return slugify(text)[:max_length].strip("-") or "unnamed"


def in_active_language(english: str, khmer: str) -> str:
    """The Khmer text when Khmer is active and the text exists, else the English."""
    if khmer and (get_language() or "").startswith("km"):
        return khmer
    return english


class Named(models.Model):
    """English and Khmer names, a URL slug, and `name` in the active language."""

    name_en = models.CharField(_("name (English)"), max_length=100)
    name_km = models.CharField(_("name (Khmer)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=110)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slug_for(self.name_en, self._meta.get_field("slug").max_length)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        """Only what the public may see."""
        return self.filter(status=PublicationStatus.PUBLISHED)


class Publishable(models.Model):
    """Content the public sees once published, with its timestamps."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Only published records appear on the public site."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration content, not a real record of the programme."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED
