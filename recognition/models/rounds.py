"""Assessment rounds, the products entered into them, and the assessors' score sheets.

An entry's result (its score and stars) is computed from the complete score sheets by
`recognition.services.compute_result`, never typed: the fields are not editable. Once a
reviewer confirms a result the entry, its sheets and their scores are locked.

*Scored by the whole panel* is one rule, written here: every assessor on the round's
panel has a complete sheet on the entry (`ScoreSheetQuerySet.complete`). The
confirmation (`Entry.panel_gaps`) and the progress page (`EntryQuerySet.with_panel`)
both read it from here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.history import audit_trail
from portal.models import in_active_language
from products.models import Product
from provinces.models import Province
from recognition.models.schemes import Criterion, Level, SchemeVersion


def locked_message() -> str:
    return str(_("This result is confirmed and locked; nothing about it can change."))


class RoundQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date) -> RoundQuerySet:
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Round(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=210, unique=True)
    version = models.ForeignKey(
        SchemeVersion,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("scheme version"),
        help_text=_("The rules products are scored by. Once used, the version is frozen."),
    )
    level = models.CharField(_("scope"), max_length=20, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognition_rounds",
        verbose_name=_("province"),
        help_text=_("For a provincial round: only this province's products may enter."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day products may be entered.")
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assessed_rounds",
        verbose_name=_("assessors"),
        help_text=_("The panel: only these assessors may score this round's entries."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration content, not a real round of the programme."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opens_on", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=Level.PROVINCE) & Q(province__isnull=False))
                | (Q(level=Level.NATIONAL) & Q(province__isnull=True)),
                name="round_province_matches_scope",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("recognition:round", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)

    def clean(self) -> None:
        super().clean()
        if self.level == Level.PROVINCE and self.province_id is None:
            raise ValidationError({"province": _("A provincial round needs its province.")})
        if self.level == Level.NATIONAL and self.province_id is not None:
            raise ValidationError({"province": _("A national round lies in no one province.")})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The round closes before it opens.")})
        if self.version_id is not None:
            problems = self.version.problems()
            if problems:
                raise ValidationError({"version": problems})
            if self.pk is not None:
                stored = Round.objects.get(pk=self.pk)
                if stored.version_id != self.version_id and stored.entries.exists():
                    raise ValidationError(
                        {"version": _("Products are entered already; the version stays.")}
                    )

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


def _count(queryset: models.QuerySet) -> Subquery:
    """A correlated COUNT(*) of `queryset`, as a subquery that answers 0 when empty."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


class EntryQuerySet(models.QuerySet):
    def confirmed(self) -> EntryQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def with_panel(self) -> EntryQuerySet:
        """Annotate `panel_size` (the round's assessors) and `panel_scored` (how many of
        them have a complete sheet on the entry), in the same query."""
        members = Round.assessors.through.objects.filter(round_id=OuterRef("round_id"))
        complete = ScoreSheet.objects.complete().filter(
            entry_id=OuterRef(OuterRef("pk")), assessor_id=OuterRef("user_id")
        )
        return self.annotate(
            panel_size=_count(members),
            panel_scored=_count(members.filter(Exists(complete))),
        )

    def scored_by_whole_panel(self) -> EntryQuerySet:
        """Entries that every assessor on their round's panel has scored completely."""
        return self.with_panel().filter(panel_size__gt=0, panel_scored=F("panel_size"))

    def for_progress(self) -> EntryQuerySet:
        return self.select_related(
            "product__producer", "product__village__commune__district__province", "confirmed_by"
        ).order_by("product__name_en", "pk")


class Entry(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="entries", verbose_name=_("round")
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="recognition_entries",
        verbose_name=_("product"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    self_assessment = models.TextField(
        _("producer's self-assessment"),
        blank=True,
        help_text=_("Optional: what the producer says about the product against the criteria."),
    )
    self_assessed_points = models.DecimalField(
        _("producer's own score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional. For reference only: it does not count towards the result."),
    )
    # The result, computed from the complete score sheets (services.compute_result).
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, null=True, blank=True, editable=False
    )
    stars = models.PositiveSmallIntegerField(_("stars earned"), null=True, editable=False)
    assessor_count = models.PositiveSmallIntegerField(
        _("complete score sheets"), default=0, editable=False
    )
    # The confirmation, which locks the entry.
    confirmed_stars = models.PositiveSmallIntegerField(
        _("confirmed stars"), null=True, editable=False
    )
    confirmed_level = models.CharField(
        _("confirmed at"), max_length=20, choices=Level.choices, blank=True, editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, editable=False)
    # Set only when a national reviewer confirmed while the panel had not all scored.
    unscored_panel = models.CharField(
        _("panel members who had not scored"),
        max_length=1000,
        blank=True,
        editable=False,
        help_text=_("Confirmed without their complete score sheets, by a national decision."),
    )
    without_full_panel_reason = models.TextField(
        _("why it was confirmed without the whole panel"), blank=True, editable=False
    )

    objects = EntryQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["round", "product__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["round", "product"], name="entry_unique"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_stars__isnull=False),
                name="entry_confirmation_complete",
            ),
        ]
        permissions = [
            ("score_entry", _("Can score entries as an assessor on a round's panel")),
            ("confirm_entry", _("Can confirm results, which locks them")),
            (
                "confirm_incomplete_entry",
                _("Can confirm a result without the whole panel's sheets, giving a reason"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.round}"

    @property
    def is_locked(self) -> bool:
        return self.confirmed_at is not None

    @property
    def proposed_for_national(self) -> bool:
        """Earned more stars than its provincial confirmation could give."""
        return (
            self.is_locked
            and self.stars is not None
            and self.confirmed_stars is not None
            and self.stars > self.confirmed_stars
        )

    @property
    def confirmed_without_full_panel(self) -> bool:
        return self.is_locked and bool(self.without_full_panel_reason)

    def panel_gaps(self) -> tuple[list, list]:
        """The panel members who have no sheet on this entry, and those whose sheet is
        incomplete; both empty when the whole panel has scored (the rule of
        `EntryQuerySet.scored_by_whole_panel`)."""
        complete = set(
            ScoreSheet.objects.complete().filter(entry=self).values_list("assessor_id", flat=True)
        )
        started = set(self.sheets.values_list("assessor_id", flat=True))
        missing, incomplete = [], []
        for assessor in self.round.assessors.order_by("username"):
            if assessor.pk in complete:
                continue
            (incomplete if assessor.pk in started else missing).append(assessor)
        return missing, incomplete

    def clean(self) -> None:
        super().clean()
        if self.pk is not None:
            stored = Entry.objects.filter(pk=self.pk).values("confirmed_at", "round_id").first()
            if stored and stored["confirmed_at"] is not None:
                raise ValidationError(locked_message(), code="locked")
            if stored and stored["round_id"] != self.round_id and self.sheets.exists():
                raise ValidationError({"round": _("Scored entries stay in their round.")})
        if self.round_id is None or self.product_id is None:
            return
        if self.pk is None and not self.round.is_open():
            raise ValidationError(
                {
                    "round": _("This round takes entries from %(opens)s to %(closes)s.")
                    % {"opens": self.round.opens_on, "closes": self.round.closes_on}
                }
            )
        if (
            self.round.level == Level.PROVINCE
            and self.product.village.commune.district.province_id != self.round.province_id
        ):
            raise ValidationError(
                {"product": _("A provincial round takes only its own province's products.")}
            )


class ScoreSheetQuerySet(models.QuerySet):
    def complete(self) -> ScoreSheetQuerySet:
        """Sheets with points for every criterion (as `ScoreSheet.total()` counts them)."""
        scores = Score.objects.filter(sheet_id=OuterRef("pk"))
        return self.filter(Exists(scores)).exclude(Exists(scores.filter(points__isnull=True)))


class ScoreSheet(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("entry")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="score_sheets",
        verbose_name=_("assessor"),
    )
    comment = models.TextField(_("overall comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScoreSheetQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["entry", "assessor__username"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "assessor"], name="scoresheet_unique")
        ]

    def __str__(self) -> str:
        return _("%(assessor)s on %(entry)s") % {"assessor": self.assessor, "entry": self.entry}

    def clean(self) -> None:
        super().clean()
        if self.entry_id is None:
            return
        if self.entry.is_locked:
            raise ValidationError(locked_message(), code="locked")
        if (
            self.assessor_id is not None
            and not self.entry.round.assessors.filter(pk=self.assessor_id).exists()
        ):
            raise ValidationError(
                {"assessor": _("Only the round's assessors may score its entries.")}
            )

    def total(self) -> Decimal | None:
        """The sheet's total, or None while any criterion is unscored."""
        points = [score.points for score in self.scores.all()]
        if not points or any(p is None for p in points):
            return None
        return sum(points, Decimal(0))


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("score sheet")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__section__position", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    def clean(self) -> None:
        super().clean()
        if self.sheet_id is None or self.criterion_id is None:
            return
        if self.sheet.entry.is_locked:
            raise ValidationError(locked_message(), code="locked")
        if self.criterion.version_id != self.sheet.entry.round.version_id:
            raise ValidationError({"criterion": _("This criterion is not in the round's scheme.")})
        if self.points is not None and not 0 <= self.points <= self.criterion.max_points:
            raise ValidationError(
                {
                    "points": _("Give between 0 and %(max)s points.")
                    % {"max": self.criterion.max_points}
                }
            )
