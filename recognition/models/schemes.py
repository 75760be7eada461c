"""Assessment schemes and their versions: sections, criteria, gates and star bands.

A scheme is the programme's name for a way of scoring products; what is scored is
always one *version* of it. A version that a round uses is frozen: its criteria,
bands and rules cannot change any more, so every past result keeps the rules it was
scored by. Changing a used scheme means starting its next version
(`recognition.services.start_new_version`), which copies the frozen one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.history import audit_trail
from portal.models import in_active_language

STAR_LEVELS = range(1, 6)


def _at_least_stars(stars: int) -> str:
    return gettext("%(stars)s stars or more") % {"stars": stars}


# “4 stars or more”, in the language of the page that shows it (choices are built once,
# at start-up, when no visitor's language is active yet).
at_least_stars = lazy(_at_least_stars, str)


class Level(models.TextChoices):
    """Who decides: a province's committee or the national one."""

    PROVINCE = "province", _("Province")
    NATIONAL = "national", _("National")


class Scheme(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=210, unique=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    is_example = models.BooleanField(
        _("example scheme"),
        default=False,
        help_text=_(
            "An illustration, not a scheme the programme has adopted. Said wherever its "
            "results are shown."
        ),
    )
    basis = models.CharField(
        _("modelled on"),
        max_length=300,
        blank=True,
        help_text=_("The published scheme this one follows, e.g. a decree, shown to the public."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)


class SchemeVersion(models.Model):
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="versions", verbose_name=_("scheme")
    )
    number = models.PositiveSmallIntegerField(_("version"), editable=False)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("based on"),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    certified_min_stars = models.PositiveSmallIntegerField(
        _("lowest certified stars"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("A confirmed result with at least these stars issues a certificate."),
    )
    notes = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        ordering = ["scheme__name_en", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="schemeversion_unique"),
            models.CheckConstraint(
                condition=Q(certified_min_stars__gte=1) & Q(certified_min_stars__lte=5),
                name="schemeversion_certified_stars_range",
            ),
            models.CheckConstraint(
                condition=Q(certificate_validity_months__gte=1),
                name="schemeversion_validity_positive",
            ),
        ]

    def __str__(self) -> str:
        return _("%(scheme)s, version %(number)s") % {
            "scheme": self.scheme,
            "number": self.number,
        }

    def save(self, *args, **kwargs) -> None:
        if self.number is None:
            latest = SchemeVersion.objects.filter(scheme_id=self.scheme_id).aggregate(
                models.Max("number")
            )["number__max"]
            self.number = (latest or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        """Whether a round scores by this version, which freezes it."""
        return self.pk is not None and self.rounds.exists()

    def clean(self) -> None:
        super().clean()
        if self.pk is not None and self.is_used:
            stored = SchemeVersion.objects.get(pk=self.pk)
            fields = ["certificate_validity_months", "certified_min_stars", "scheme_id"]
            if any(getattr(stored, name) != getattr(self, name) for name in fields):
                raise ValidationError(frozen_message(), code="frozen")

    def total_points(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal(0))

    def ordered_bands(self) -> list[StarBand]:
        return sorted(self.bands.all(), key=lambda band: band.stars)

    def stars_for(self, score: Decimal, points_by_criterion: Mapping[int, Decimal]) -> int:
        """The stars a score earns: its band, lowered by every gate it falls below.

        `points_by_criterion` maps criterion ids to the points given to each.
        """
        stars = 0
        for band in self.ordered_bands():
            if score >= band.min_points:
                stars = band.stars
        for criterion in self.criteria.all():
            if criterion.gate_stars is None:
                continue
            if points_by_criterion.get(criterion.pk, Decimal(0)) < criterion.gate_min_points:
                stars = min(stars, criterion.gate_stars - 1)
        return stars

    def highest_stars_confirmed_at(self, level: str) -> int:
        """The most stars a confirmation at this level may give."""
        if level == Level.NATIONAL:
            return max(STAR_LEVELS)
        province_stars = [b.stars for b in self.bands.all() if b.confirmed_at == Level.PROVINCE]
        return max(province_stars, default=0)

    def problems(self) -> list[str]:
        """What keeps this version from scoring a round; empty when it is complete."""
        found: list[str] = []
        criteria = list(self.criteria.all())
        if not criteria:
            found.append(str(_("It has no criteria.")))
        bands = self.ordered_bands()
        if [band.stars for band in bands] != list(STAR_LEVELS):
            found.append(str(_("It needs exactly one score band for each of 1 to 5 stars.")))
            return found
        if bands[0].min_points != 0:
            found.append(str(_("The 1-star band must start at 0 points.")))
        if any(low.min_points >= high.min_points for low, high in pairwise(bands)):
            found.append(str(_("Each star band must start above the one below it.")))
        if criteria and bands[-1].min_points > self.total_points():
            found.append(str(_("The 5-star band starts above the most points a product can get.")))
        levels = [band.confirmed_at for band in bands]
        if Level.NATIONAL in levels and Level.PROVINCE in levels[levels.index(Level.NATIONAL) :]:
            found.append(
                str(_("Stars confirmed nationally must be above those confirmed by provinces."))
            )
        return found


def frozen_message() -> str:
    return str(
        _(
            "A round scores by this version, so it can no longer change: start a new "
            "version of the scheme to make changes."
        )
    )


class VersionPart(models.Model):
    """A piece of a scheme version; frozen with it once a round uses it."""

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.version_id is not None and self.version.is_used:
            raise ValidationError(frozen_message(), code="frozen")


class Section(VersionPart):
    version = models.ForeignKey(
        SchemeVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)


class Criterion(VersionPart):
    version = models.ForeignKey(
        SchemeVersion, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("version")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("section"),
        help_text=_("One of this version's sections (save new sections first)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_km = models.CharField(_("name (Khmer)"), max_length=300, blank=True)
    guidance_en = models.TextField(_("guidance for assessors"), blank=True)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    gate_stars = models.PositiveSmallIntegerField(
        _("gate: needed for stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(5)],
        help_text=_(
            "Optional. A product below the minimum on this criterion cannot reach this "
            "many stars or more, whatever its total."
        ),
    )
    gate_min_points = models.DecimalField(
        _("gate: minimum points"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["section__position", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(
                condition=(Q(gate_stars__isnull=True) & Q(gate_min_points__isnull=True))
                | (
                    Q(gate_stars__gte=2)
                    & Q(gate_stars__lte=5)
                    & Q(gate_min_points__gt=0)
                    & Q(gate_min_points__lte=models.F("max_points"))
                ),
                name="criterion_gate_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)

    def clean(self) -> None:
        super().clean()
        if self.section_id is not None and self.section.version_id != self.version_id:
            raise ValidationError({"section": _("Choose a section of this same version.")})
        if (self.gate_stars is None) != (self.gate_min_points is None):
            raise ValidationError(
                _("A gate needs both the stars it guards and its minimum points.")
            )
        if (
            self.gate_min_points is not None
            and self.max_points is not None
            and not 0 < self.gate_min_points <= self.max_points
        ):
            raise ValidationError(
                {"gate_min_points": _("The minimum must lie between 0 and the maximum points.")}
            )


class StarBand(VersionPart):
    version = models.ForeignKey(
        SchemeVersion, on_delete=models.CASCADE, related_name="bands", verbose_name=_("version")
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    min_points = models.DecimalField(
        _("from points"),
        max_digits=6,
        decimal_places=2,
        help_text=_(
            "The lowest total that earns these stars; the band ends where the next starts."
        ),
    )
    confirmed_at = models.CharField(
        _("confirmed by"),
        max_length=20,
        choices=Level.choices,
        help_text=_("Which level's committee may confirm these stars."),
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("star band")
        verbose_name_plural = _("star bands")
        ordering = ["stars"]
        constraints = [
            models.UniqueConstraint(fields=["version", "stars"], name="starband_unique"),
            models.CheckConstraint(
                condition=Q(stars__gte=1) & Q(stars__lte=5), name="starband_stars_range"
            ),
            models.CheckConstraint(condition=Q(min_points__gte=0), name="starband_min_positive"),
        ]

    def __str__(self) -> str:
        return _("%(stars)s stars from %(points)s points") % {
            "stars": self.stars,
            "points": self.min_points,
        }
