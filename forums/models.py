"""Forum events (forums, workshops, fairs, trainings), who ran and attended them, the
action plans they produced, and what they declared: model provinces and demonstration
centres.

Sources often give an event's day and month without its year (the news item the
programme starts from does). Dates are therefore kept as their parts, and a missing
year stays missing rather than being invented.
"""

from __future__ import annotations

import calendar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.fields import WebsiteField
from portal.formats import format_partial_date
from portal.history import audit_trail
from portal.models import Publishable, PublishableQuerySet, in_active_language, slug_for
from provinces.models import District, Province


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_COMMITTEE = "national_committee", _("National committee")
        MINISTRY = "ministry", _("Ministry")
        PRODUCTIVITY_CENTRE = "productivity_centre", _("Productivity centre")
        INTERNATIONAL_BODY = "international_body", _("International body")
        DONOR = "donor", _("Donor institution")
        PROVINCIAL_GOVERNMENT = "provincial_government", _("Provincial government")
        CHAMBER = "chamber", _("Chamber or association")
        OTHER = "other", _("Other")

    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    website = WebsiteField(_("website"), blank=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.acronym})" if self.acronym else self.name_en

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_km)


MIN_YEAR, MAX_YEAR = 1900, 2200
FOLLOW_CHAIN_LIMIT = 50


class ForumEventQuerySet(PublishableQuerySet):
    def latest_first(self) -> ForumEventQuerySet:
        return self.order_by(models.F("year").desc(nulls_last=True), "-month", "-day", "-id")

    def for_public_list(self) -> ForumEventQuerySet:
        """Published events, latest first, with the province each was held in."""
        return self.published().select_related("province").latest_first()

    def for_event_page(self) -> ForumEventQuerySet:
        """A published event with everything its page shows, in a fixed number of queries."""
        return (
            self.published()
            .select_related("province", "follows")
            .prefetch_related(
                models.Prefetch(
                    "organisations",
                    queryset=EventOrganisation.objects.select_related("organisation"),
                ),
                models.Prefetch(
                    "participants", queryset=Participant.objects.select_related("organisation")
                ),
                models.Prefetch(
                    "follow_ups", queryset=ForumEvent.objects.published().latest_first()
                ),
                models.Prefetch(
                    "action_plans__items",
                    queryset=ActionItem.objects.select_related("owner").prefetch_related(
                        "funding_sources"
                    ),
                ),
            )
        )


class ForumEvent(Publishable):
    class Kind(models.TextChoices):
        NATIONAL_FORUM = "national_forum", _("National forum")
        WORKSHOP = "workshop", _("Workshop")
        FAIR = "fair", _("Fair")
        TRAINING = "training", _("Training")

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_km = models.CharField(_("title (Khmer)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=210)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("Leave empty when the source does not state the year."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("province"),
        help_text=_("The province the event was held in or about."),
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follows up on"),
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_km = models.TextField(_("summary (Khmer)"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts about this event come from."),
    )
    khmer_is_translation = models.BooleanField(
        _("Khmer translated by the portal"),
        default=False,
        help_text=_(
            "Tick when the Khmer texts are the portal's own translation of an English "
            "source; Khmer pages then say so."
        ),
    )

    objects = ForumEventQuerySet.as_manager()

    history = audit_trail()

    # Rows reviewed with the event, as part of its change (see review.changes).
    reviewed_with = ("organisations", "participants", "action_plans")

    class Meta:
        verbose_name = _("forum event")
        verbose_name_plural = _("forum events")
        ordering = [models.F("year").desc(nulls_last=True), "-month", "-day", "-id"]
        permissions = [("publish_forumevent", _("Can publish and unpublish forum events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(day__isnull=True) | Q(month__isnull=False),
                name="forumevent_day_needs_month",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="forumevent_month_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_en} ({self.date_label})"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slug_for(self.title_en, 210)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forums:event", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.day is not None and self.month is None:
            errors["month"] = _("A day needs its month.")
        elif self.has_valid_date_parts() and self.day is not None:
            # Without a year, 29 February is allowed (2000 was a leap year).
            days_in_month = calendar.monthrange(self.year or 2000, self.month)[1]
            if self.day > days_in_month:
                errors["day"] = _("That month has no such day.")
        if self.follows_id is not None and self.follows_itself():
            errors["follows"] = _(
                "An event cannot follow up on itself, directly or through the events it follows."
            )
        if errors:
            raise ValidationError(errors)

    def has_valid_date_parts(self) -> bool:
        """Whether day, month and year each lie in their range (the field validators'
        job is to say which does not; this only keeps date arithmetic from failing)."""
        return (
            (self.day is None or 1 <= self.day <= 31)
            and (self.month is None or 1 <= self.month <= 12)
            and (self.year is None or MIN_YEAR <= self.year <= MAX_YEAR)
        )

    def follows_itself(self) -> bool:
        """Whether following `follows` leads back to this event (at most a few steps:
        follow-ups form short chains)."""
        if self.pk is None:
            return False
        seen: set[int] = set()
        current = self.follows_id
        while current is not None and current not in seen and len(seen) < FOLLOW_CHAIN_LIMIT:
            if current == self.pk:
                return True
            seen.add(current)
            current = (
                ForumEvent.objects.filter(pk=current).values_list("follows_id", flat=True).first()
            )
        return False

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_km)

    @property
    def summary(self) -> str:
        return in_active_language(self.summary_en, self.summary_km)

    @property
    def year_stated(self) -> bool:
        return self.year is not None

    @property
    def date_label(self) -> str:
        """The date as far as it is known, in the reader's language (Khmer digits and
        month names on Khmer pages). A missing year is not invented, and not remarked
        on here: pages say once that the source does not state it (`date_with_note`)."""
        if self.month is None and self.year is None:
            return str(_("date not stated"))
        if not self.has_valid_date_parts():
            # Never saved through a form; shown as stored rather than failing.
            return "/".join(str(part) for part in (self.day, self.month, self.year) if part)
        try:
            return format_partial_date(self.day, self.month, self.year)
        except ValueError:
            return "/".join(str(part) for part in (self.day, self.month, self.year) if part)

    @property
    def date_with_note(self) -> str:
        """The date, saying so once when the source does not state its year."""
        if self.month is not None and self.year is None:
            return _("%(date)s; the year is not stated in the source") % {"date": self.date_label}
        return self.date_label


class EventOrganisation(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        SUPPORTER = "supporter", _("Supporter")

    event = models.ForeignKey(
        ForumEvent, on_delete=models.CASCADE, related_name="organisations", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ORGANISER)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. under which programme it supported the event"),
    )
    note_km = models.CharField(_("note (Khmer)"), max_length=200, blank=True)

    history = audit_trail()

    class Meta:
        verbose_name = _("organiser or supporter")
        verbose_name_plural = _("organisers and supporters")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"], name="eventorganisation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def note_in_language(self) -> str:
        return in_active_language(self.note, self.note_km)


class Participant(models.Model):
    class Role(models.TextChoices):
        GUEST_OF_HONOUR = "guest_of_honour", _("Guest of honour")
        SPEAKER = "speaker", _("Speaker")
        EXPERT = "expert", _("Expert")
        OFFICIAL = "official", _("Official")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(
        ForumEvent, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    name_km = models.CharField(
        _("name (Khmer)"),
        max_length=200,
        blank=True,
        help_text=_("The name in Khmer script, where it is known for certain."),
    )
    title = models.CharField(_("title or position"), max_length=300, blank=True)
    title_km = models.CharField(_("title or position (Khmer)"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role at the event"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name_in_language(self) -> str:
        return in_active_language(self.name, self.name_km)

    @property
    def title_in_language(self) -> str:
        return in_active_language(self.title, self.title_km)


class ActionPlan(models.Model):
    event = models.ForeignKey(
        ForumEvent, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("event")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_km = models.CharField(_("title (Khmer)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)

    history = audit_trail()

    reviewed_with = ("items",)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_km)

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)


class ActionItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("action plan")
    )
    description_en = models.CharField(_("description (English)"), max_length=300)
    description_km = models.CharField(_("description (Khmer)"), max_length=300, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_action_items",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    funding_sources = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="funded_action_items",
        verbose_name=_("funding sources"),
        help_text=_("Donor institutions or programmes that fund or may fund this item."),
    )
    donor_contacts = models.TextField(
        _("donor contacts"), blank=True, help_text=_("People to contact at donor institutions.")
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description_en

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)


class ModelProvinceDesignation(models.Model):
    """A province named a model province of the OVOP movement."""

    province = models.OneToOneField(
        Province,
        on_delete=models.CASCADE,
        related_name="model_province_designation",
        verbose_name=_("province"),
    )
    declared_at = models.ForeignKey(
        ForumEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="model_province_designations",
        verbose_name=_("declared at"),
        help_text=_(
            "The event at which the designation was declared; its date is the designation's date."
        ),
    )
    declared_by = models.CharField(_("declared by"), max_length=200, blank=True)
    declared_by_km = models.CharField(_("declared by (Khmer)"), max_length=200, blank=True)
    statement_en = models.TextField(_("statement (English)"), blank=True)
    statement_km = models.TextField(_("statement (Khmer)"), blank=True)
    khmer_is_translation = models.BooleanField(
        _("Khmer translated by the portal"),
        default=False,
        help_text=_(
            "Tick when the Khmer statement is the portal's own translation of an English "
            "source; Khmer pages then say so."
        ),
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("model province designation")
        verbose_name_plural = _("model province designations")

    def __str__(self) -> str:
        return _("%(province)s, model province") % {"province": self.province.name_en}

    @property
    def statement(self) -> str:
        return in_active_language(self.statement_en, self.statement_km)

    @property
    def declared_by_in_language(self) -> str:
        return in_active_language(self.declared_by, self.declared_by_km)


class DemonstrationCentre(models.Model):
    """A district named a demonstration centre, with what it demonstrates."""

    district = models.OneToOneField(
        District,
        on_delete=models.CASCADE,
        related_name="demonstration_centre",
        verbose_name=_("district"),
    )
    focus_en = models.CharField(_("focus (English)"), max_length=300)
    focus_km = models.CharField(_("focus (Khmer)"), max_length=300, blank=True)
    designated_at = models.ForeignKey(
        ForumEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demonstration_centres",
        verbose_name=_("designated at"),
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("demonstration centre")
        verbose_name_plural = _("demonstration centres")

    def __str__(self) -> str:
        return _("%(district)s demonstration centre") % {"district": self.district.name_en}

    @property
    def focus(self) -> str:
        return in_active_language(self.focus_en, self.focus_km)
