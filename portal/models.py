"""Abstract models and helpers shared by the gazetteer, products and forums.

Content is kept in English and Khmer side by side (`name_en`, `name_km`); the public
site shows the active language's text and falls back to English where the Khmer is
missing. Public content is shown only once a reviewer has approved it (`Reviewed`,
`Publishable`).
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


def published_through(path: str) -> models.Q:
    """Related records, reached through `path` (relation names), that the public may see.

    For apps that must not import the model they reach (the gazetteer counting products).
    """
    return models.Q(**{f"{path}__live": True})


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        """Only what the public may see: records whose approved version is live."""
        return self.filter(live=True)


class Reviewed(models.Model):
    """A record the public sees only in the version a reviewer approved.

    The row always holds the live (approved) version while `live` is set: changes
    proposed by someone who may not publish wait beside it as a pending revision
    (see the `review` app) and reach the row only when a reviewer approves them.
    A record that was never approved, or was taken down, is not public at all.
    The gazetteer's communes and villages are reviewed so; the programme's own
    content is `Publishable`.
    """

    live = models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        db_index=True,
        help_text=_("Whether the approved version is on the public site."),
    )
    published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.live


class Publishable(Reviewed):
    """The programme's public content (producers, products, events): reviewed, and
    marked when it is demonstration content."""

    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration content, not a real record of the programme."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
