"""Cambodia's gazetteer: provinces, districts, communes and villages.

Codes follow the Ministry of Economy and Finance's convention, written down once in
`provinces.codes`: each level's codes have a fixed number of digits and start with
their parent's code. Provinces, districts and communes are keyed by their code and
the convention is enforced, in `clean()` and by database constraints. Villages are
not keyed by code, because the Ministry's own list breaks the convention for about
a hundred villages: a village keeps its code as published and carries flags saying
what is odd about it
(see docs/decisions/0001-village-identity-and-code-flags.md).

The Ministry revises its lists; each whole new edition imported is a
GazetteerEdition. Districts, communes and villages that an edition no longer lists
are marked with it (`retired_in`), never deleted: products and history point at them.

A province's designation as a model province and a district's as a demonstration
centre are declared at forum events and live in `forums`; the querysets here reach
them by relation name only (`model_province_designation`, `demonstration_centre`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, F, FilteredRelation, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.collation import name_order
from portal.history import audit_trail, insert_history
from portal.models import (
    Named,
    PublishableQuerySet,
    Reviewed,
    in_active_language,
    published_through,
)
from portal.text import validate_khmer_script, validate_not_lost_text
from provinces.codes import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    VILLAGE,
    CodeValidator,
    Level,
    shared_problem,
)


def code_constraints(model_name: str, level: Level) -> list:
    """Database constraints for a code-keyed level: its length and its parent's prefix."""
    constraints = [
        models.CheckConstraint(
            condition=Exact(Length("code"), level.length),
            name=f"{model_name}_code_length",
            violation_error_message=level.length_rule,
        )
    ]
    if level.parent:
        constraints.append(
            models.CheckConstraint(
                condition=Q(code__startswith=F(f"{level.parent.name}_id")),
                name=f"{model_name}_code_starts_with_parent_code",
                violation_error_message=level.prefix_rule,
            )
        )
    return constraints


def published_products_count(products_path: str) -> Count:
    """Count of the published products reached from a place through `products_path`.

    Relation names only: the gazetteer does not import the products app. Not distinct:
    the path runs down the tree (province, district, commune, village, product), so each
    product is reached once, and a distinct count made the database sort every joined
    row (the province list took twice as long at 20,000 products). Annotate one such
    count per queryset.
    """
    return Count(
        products_path,
        filter=published_through(products_path),
    )


class PlaceQuerySet(models.QuerySet):
    def in_name_order(self) -> PlaceQuerySet:
        """By the name visitors read: Khmer names in Khmer order on Khmer pages."""
        return self.order_by(name_order(), "code", "pk")


@dataclass(frozen=True)
class MenuDistrict:
    """A district as a menu offers it: its code and its name in the active language."""

    code: str
    name: str


@dataclass(frozen=True)
class MenuProvince:
    """A province as a menu offers it, with the districts a menu below it offers."""

    slug: str
    name: str
    districts: tuple[MenuDistrict, ...]


class ProvinceQuerySet(PlaceQuerySet):
    def menus(self) -> list[MenuProvince]:
        """These provinces with their districts (placeholders left out), for menus.

        Names in the active language, provinces and each one's districts in the order of
        the names shown (Khmer order on Khmer pages), all in one query: a province menu
        and the district menus of every province cost what the province menu alone did.
        """
        rows = (
            self.annotate(
                menu_district=FilteredRelation(
                    "districts", condition=Q(districts__is_placeholder=False)
                )
            )
            .order_by(name_order(), "code", name_order("menu_district__"), "menu_district__code")
            .values_list(
                "code",
                "slug",
                "name_en",
                "name_km",
                "menu_district__code",
                "menu_district__name_en",
                "menu_district__name_km",
            )
        )
        return [
            MenuProvince(
                slug=slug,
                name=in_active_language(name_en, name_km),
                districts=tuple(
                    MenuDistrict(code=row[4], name=in_active_language(row[5], row[6]))
                    for row in province_rows
                    if row[4] is not None  # a province without districts
                ),
            )
            for (_code, slug, name_en, name_km), province_rows in groupby(
                rows, key=lambda row: row[:4]
            )
        ]

    def official(self) -> ProvinceQuerySet:
        """Cambodia's provinces as the Ministry lists them, without placeholders.

        A placeholder stands for a code that imported records name but the Ministry's
        list lacks; the public lists and counts must not present it as a province.
        """
        return self.filter(is_placeholder=False)

    def for_public_list(self) -> ProvinceQuerySet:
        """The official provinces with their designation and number of published products."""
        return (
            self.official()
            .select_related("model_province_designation")
            .annotate(
                product_count=published_products_count("districts__communes__villages__products")
            )
            .in_name_order()
        )

    def model_provinces(self) -> ProvinceQuerySet:
        """Model provinces, the first designated first (Takeo leads the movement)."""
        return (
            self.filter(model_province_designation__isnull=False)
            .select_related("model_province_designation")
            .order_by("model_province_designation__id")
        )

    def for_province_page(self) -> ProvinceQuerySet:
        return self.select_related(
            "model_province_designation", "model_province_designation__declared_at"
        )


class DivisionQuerySet(PlaceQuerySet):
    """Districts, communes or villages listed on a place's page with their product counts."""

    products_path = ""

    def with_product_counts(self) -> DivisionQuerySet:
        return self.annotate(product_count=published_products_count(self.products_path))


class DistrictQuerySet(DivisionQuerySet):
    products_path = "communes__villages__products"

    def official(self) -> DistrictQuerySet:
        """Districts of the Ministry's lists: neither a placeholder nor in a placeholder
        province."""
        return self.filter(is_placeholder=False, province__is_placeholder=False)

    def for_district_page(self) -> DistrictQuerySet:
        return self.select_related("province", "demonstration_centre", "retired_in")


class CommuneQuerySet(DivisionQuerySet, PublishableQuerySet):
    products_path = "villages__products"

    def for_commune_page(self) -> CommuneQuerySet:
        return self.select_related("district__province", "retired_in")


def english_name_field() -> models.CharField:
    return models.CharField(
        _("name (English)"), max_length=100, validators=[validate_not_lost_text]
    )


def khmer_name_field() -> models.CharField:
    """A Khmer name: refused when it holds no Khmer script (see portal.text)."""
    return models.CharField(
        _("name (Khmer)"),
        max_length=100,
        blank=True,
        validators=[validate_khmer_script, validate_not_lost_text],
    )


class GazetteerEdition(models.Model):
    """A whole edition of the Ministry's village list, as imported with `--edition`."""

    label = models.CharField(
        _("edition"), max_length=40, help_text=_("The Ministry's name for it, e.g. 2026.")
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    checksum = models.CharField(_("file checksum (SHA-256)"), max_length=64, blank=True)
    villages = models.PositiveIntegerField(_("villages listed"), default=0)
    retired_villages = models.PositiveIntegerField(_("villages no longer listed"), default=0)
    retired_communes = models.PositiveIntegerField(_("communes no longer listed"), default=0)
    retired_districts = models.PositiveIntegerField(_("districts no longer listed"), default=0)

    class Meta:
        verbose_name = _("gazetteer edition")
        verbose_name_plural = _("gazetteer editions")
        ordering = ["-imported_at", "-pk"]
        get_latest_by = ["imported_at", "pk"]

    def __str__(self) -> str:
        return _("%(label)s edition") % {"label": self.label}


class InEditions(models.Model):
    """A division that a whole new edition of the Ministry's list may no longer carry."""

    retired_in = models.ForeignKey(
        GazetteerEdition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("not in the Ministry's list since"),
        help_text=_(
            "The edition of the Ministry's list that no longer carries it. It is kept, "
            "with its products and history, and its public page says so."
        ),
    )

    class Meta:
        abstract = True

    @property
    def in_current_edition(self) -> bool:
        return self.retired_in_id is None


def also_known_as_field() -> models.CharField:
    """Other spellings a place goes by, which search finds it by."""
    return models.CharField(
        _("also known as"),
        max_length=200,
        blank=True,
        help_text=_(
            "Other spellings of the name in use, separated by commas (e.g. Kirivong for "
            "Kiri Vung). Searches on the public site find the place and its products by them."
        ),
    )


def khmer_name_problem(name_km: str, is_placeholder: bool) -> str | None:
    """The one rule on a division's Khmer name, for the admin's form and the imports.

    A division of the Ministry's lists has its Khmer name. A placeholder (a code that
    other records name but no list carries) may have none: nobody published one, and
    the portal does not invent it.
    """
    if name_km or is_placeholder:
        return None
    return str(
        _(
            "the Khmer name is required; only a placeholder, which the Ministry's lists "
            "lack, may be left without one."
        )
    )


class CodedDivision(Named):
    """A province, district or commune: keyed by its official code."""

    name_en = english_name_field()
    name_km = khmer_name_field()
    also_known_as = also_known_as_field()

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    level: Level

    def clean(self) -> None:
        super().clean()
        parent_code = self.parent_code
        problem = parent_code and self.code and self.level.prefix_problem(self.code, parent_code)
        if problem:
            raise ValidationError({"code": problem})
        problem = khmer_name_problem(self.name_km, self.is_placeholder)
        if problem:
            raise ValidationError({"name_km": problem})

    @property
    def parent_code(self) -> str | None:
        return None


class Province(CodedDivision):
    level = PROVINCE

    code = models.CharField(
        _("code"),
        max_length=PROVINCE.length,
        primary_key=True,
        validators=[CodeValidator("province")],
        help_text=PROVINCE.help_text,
    )
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    is_placeholder = models.BooleanField(
        _("not in the Ministry's province list"),
        default=False,
        help_text=_(
            "Created because an imported list names this province although no province "
            "list carried it."
        ),
    )

    # Indicators the programme tracks (all optional; source says where they come from).
    agriculture_labour_share = models.PositiveSmallIntegerField(
        _("labour force in agriculture (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    monthly_earnings_min_usd = models.PositiveIntegerField(
        _("typical monthly earnings from (US$)"), null=True, blank=True
    )
    monthly_earnings_max_usd = models.PositiveIntegerField(
        _("typical monthly earnings to (US$)"), null=True, blank=True
    )
    main_livelihoods_en = models.CharField(
        _("main livelihoods (English)"), max_length=200, blank=True
    )
    main_livelihoods_km = models.CharField(
        _("main livelihoods (Khmer)"), max_length=200, blank=True
    )
    indicators_source = models.CharField(
        _("source of the indicators"),
        max_length=200,
        blank=True,
        help_text=_("Where the figures above come from, shown with them on the public site."),
    )

    objects = ProvinceQuerySet.as_manager()
    history = audit_trail()

    class Meta(CodedDivision.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            *code_constraints("province", PROVINCE),
            models.CheckConstraint(
                condition=Q(monthly_earnings_min_usd__isnull=True)
                | Q(monthly_earnings_max_usd__isnull=True)
                | Q(monthly_earnings_min_usd__lte=F("monthly_earnings_max_usd")),
                name="province_earnings_range_ordered",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("provinces:province", kwargs={"slug": self.slug})

    @property
    def main_livelihoods(self) -> str:
        return in_active_language(self.main_livelihoods_en, self.main_livelihoods_km)

    @property
    def is_model_province(self) -> bool:
        return hasattr(self, "model_province_designation")

    def clean(self) -> None:
        super().clean()
        low, high = self.monthly_earnings_min_usd, self.monthly_earnings_max_usd
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"monthly_earnings_max_usd": _("The upper bound is below the lower bound.")}
            )


class District(CodedDivision, InEditions):
    level = DISTRICT

    code = models.CharField(
        _("code"),
        max_length=DISTRICT.length,
        primary_key=True,
        validators=[CodeValidator("district")],
        help_text=DISTRICT.help_text,
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("province"),
    )
    is_placeholder = models.BooleanField(
        _("not in the Ministry's district list"),
        default=False,
        help_text=_(
            "Created because an imported list names this district although no district "
            "list carried it."
        ),
    )

    objects = DistrictQuerySet.as_manager()
    history = audit_trail()

    class Meta(CodedDivision.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = code_constraints("district", DISTRICT)

    def get_absolute_url(self) -> str:
        return reverse("provinces:district", kwargs={"code": self.code, "slug": self.slug})

    @property
    def parent_code(self) -> str | None:
        return self.province_id


class Commune(CodedDivision, InEditions, Reviewed):
    """A commune. Provincial officials correct communes' names and add missing ones;
    the public sees a commune as a reviewer approved it (see the `review` app)."""

    level = COMMUNE

    code = models.CharField(
        _("code"),
        max_length=COMMUNE.length,
        primary_key=True,
        validators=[CodeValidator("commune")],
        help_text=COMMUNE.help_text,
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("district"),
    )
    is_placeholder = models.BooleanField(
        _("not in the Ministry's commune list"),
        default=False,
        help_text=_(
            "Created because villages name this commune although the Ministry's commune "
            "list lacks it."
        ),
    )

    objects = CommuneQuerySet.as_manager()
    history = audit_trail()

    class Meta(CodedDivision.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = code_constraints("commune", COMMUNE)
        permissions = [("publish_commune", _("Can publish and unpublish communes"))]

    def get_absolute_url(self) -> str:
        return reverse("provinces:commune", kwargs={"code": self.code, "slug": self.slug})

    @property
    def parent_code(self) -> str | None:
        return self.district_id

    def unpublication_blockers(self) -> list[str]:
        """A commune stays public while one of its villages is."""
        count = self.villages.filter(live=True).count()
        if not count:
            return []
        return [
            ngettext(
                "%(count)d public village lies in it",
                "%(count)d public villages lie in it",
                count,
            )
            % {"count": count}
        ]


class VillageQuerySet(DivisionQuerySet, PublishableQuerySet):
    products_path = "products"

    def with_location(self) -> VillageQuerySet:
        """Villages with commune, district and province joined, for lists and labels."""
        return self.select_related("commune__district__province", "retired_in")

    def with_published_products(self) -> VillageQuerySet:
        """Villages that at least one published product comes from."""
        return self.filter(published_through("products")).distinct()

    # Villages that break the coding convention or sit in a placeholder commune; also
    # counted as such (Count(filter=...)) by the admin's start page.
    FLAGGED = (
        Q(code_malformed=True)
        | Q(code_outside_commune=True)
        | Q(code_shared=True)
        | Q(commune__is_placeholder=True)
    )

    def flagged(self) -> VillageQuerySet:
        """Villages that break the coding convention or sit in a placeholder commune."""
        return self.filter(self.FLAGGED)

    def in_province(self, province_code: str) -> VillageQuerySet:
        return self.filter(commune__district__province_id=province_code)

    def refresh_code_flags(self) -> int:
        """Recompute every flag of the villages in this queryset from their codes.

        Set-based (a handful of UPDATEs whatever the number of villages), so loaders
        and imports call it once after writing. `code_shared` looks at all villages,
        not only those in the queryset: sharing is a relation between rows. Returns
        the number of villages whose flags changed.
        """
        shared_codes = (
            Village.objects.values("code")
            .annotate(uses=Count("id"))
            .filter(uses__gt=1)
            .values("code")
        )
        expected = {
            "code_malformed": ~Q(code__regex=VILLAGE.pattern),
            "code_outside_commune": ~Q(code__startswith=F("commune_id")),
            "code_shared": Q(code__in=shared_codes),
        }
        changed: dict[int, list[str]] = defaultdict(list)
        for field, condition in expected.items():
            for matching, value in (
                (self.filter(condition), True),
                (self.exclude(condition), False),
            ):
                stale = matching.exclude(**{field: value})
                pks = list(stale.values_list("pk", flat=True))
                if pks:
                    stale.update(**{field: value})
                    for pk in pks:
                        changed[pk].append(field)
        # Each village whose flags changed says so in its own history, whichever
        # village's change (in whatever province) set them.
        by_fields: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for pk, fields in changed.items():
            by_fields[tuple(fields)].append(pk)
        for fields, pks in by_fields.items():
            insert_history(
                Village,
                sorted(pks),
                history_type="~",
                changed_fields=", ".join(fields),
                reason=str(_("Data-quality flags recomputed from the village codes.")),
            )
        return len(changed)


class Village(Named, InEditions, Reviewed):
    """A village as the Ministry lists it.

    A village is known by its commune and code wherever that pair names one village;
    the Ministry reuses a few codes within a commune, and only there does the Khmer
    name tell the villages apart (no two villages of a commune share code and Khmer
    name). Anything in the Ministry's list that breaks the coding convention is kept
    as published and flagged, never rejected or rewritten; a new or re-coded village
    must keep the one rule every official row keeps: its code starts with its
    district's code. Provincial officials correct villages and add missing ones; the
    public sees a village as a reviewer approved it (see the `review` app).
    """

    name_en = english_name_field()
    name_km = khmer_name_field()

    code = models.CharField(
        _("code"),
        max_length=VILLAGE.length,
        db_index=True,
        help_text=VILLAGE.help_text_as_published,
    )
    also_known_as = also_known_as_field()
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="villages",
        verbose_name=_("commune"),
    )
    code_malformed = models.BooleanField(VILLAGE.malformed_label, default=False, editable=False)
    code_outside_commune = models.BooleanField(
        _("code does not start with the commune's code"), default=False, editable=False
    )
    code_shared = models.BooleanField(
        _("code used by another village too"), default=False, editable=False
    )

    objects = VillageQuerySet.as_manager()

    history = audit_trail()

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["code", "name_en"]
        permissions = [("publish_village", _("Can publish and unpublish villages"))]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "code", "name_km"],
                name="village_identity",
                violation_error_message=_(
                    "This commune already has a village with this code and Khmer name."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Flags are computed in one place, the queryset, for this village and for
        # the villages that shared its old or new code.
        codes = {self.code, getattr(self, "_code_as_loaded", None)} - {None}
        Village.objects.filter(Q(pk=self.pk) | Q(code__in=codes)).refresh_code_flags()
        self.refresh_from_db(fields=["code_malformed", "code_outside_commune", "code_shared"])
        self._code_as_loaded = self.code

    def get_absolute_url(self) -> str:
        return reverse("provinces:village", kwargs={"pk": self.pk, "slug": self.slug})

    def delete(self, *args, **kwargs):
        code = self.code
        result = super().delete(*args, **kwargs)
        Village.objects.filter(code=code).refresh_code_flags()
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._code_as_loaded = instance.__dict__.get("code")
        return instance

    def clean(self) -> None:
        super().clean()
        code_is_new = self.pk is None or self.code != getattr(self, "_code_as_loaded", None)
        if code_is_new and self.code and self.commune_id:
            problem = VILLAGE.district_prefix_problem(
                self.code, self.commune_id[: DISTRICT.length]
            )
            if problem:
                raise ValidationError({"code": problem})

    @property
    def code_issues(self) -> list[str]:
        """Plain-language reasons this village is flagged, for officials."""
        issues = []
        if self.code_malformed:
            issues.append(VILLAGE.shape_problem(self.code) or VILLAGE.length_rule)
        if self.code_outside_commune:
            issues.append(VILLAGE.prefix_problem(self.code, self.commune_id))
        if self.code_shared:
            issues.append(shared_problem(self.code))
        if self.commune.is_placeholder:
            issues.append(
                _("commune %(commune)s is not in the Ministry's commune list")
                % {"commune": self.commune_id}
            )
        return issues

    @property
    def is_flagged(self) -> bool:
        return bool(self.code_issues)

    def publication_blockers(self) -> list[str]:
        """A village's page shows its commune: it is public only once its commune is."""
        if self.commune.live:
            return []
        return [_("its commune “%(commune)s” is not public yet") % {"commune": self.commune}]

    def unpublication_blockers(self) -> list[str]:
        """A village stays public while public producers or products name it (relation
        names only: the gazetteer does not import the products app)."""
        producers = self.producers.filter(live=True).count()
        products = self.products.filter(live=True).count()
        reasons = []
        if producers:
            reasons.append(
                ngettext(
                    "%(count)d public producer is in it",
                    "%(count)d public producers are in it",
                    producers,
                )
                % {"count": producers}
            )
        if products:
            reasons.append(
                ngettext(
                    "%(count)d public product comes from it",
                    "%(count)d public products come from it",
                    products,
                )
                % {"count": products}
            )
        return reasons


class FlaggedVillage(Village):
    """The data-quality view: villages whose official records break the convention."""

    class Meta:
        proxy = True
        verbose_name = _("flagged village")
        verbose_name_plural = _("data quality: flagged villages")
