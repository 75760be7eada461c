"""Producers in villages and the products they make, with photos and categories."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connections, models
from django.db.models import Case, Count, F, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from portal.fields import WebsiteField
from portal.history import audit_trail
from portal.models import Named, Publishable, PublishableQuerySet, in_active_language
from portal.search import bounded_search
from portal.text import (
    khmer_words,
    searchable_text,
    validate_khmer_script,
    validate_not_lost_text,
)
from products.photos import StripMetadata
from provinces.models import Commune, District, Province, Village


class Category(Named):
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )

    history = audit_trail()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name_en

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)


def village_blockers(village: Village) -> list[str]:
    """Why a record that names `village` on its public page may not be public yet."""
    if village.live:
        return []
    return [_("its village “%(village)s” is not public yet") % {"village": village}]


def check_public_village(record: Publishable) -> None:
    """A public record's page names its village: refuse one that is not public."""
    if record.live and record.village_id and not record.village.live:
        raise ValidationError(
            {
                "village": _(
                    "This village is not public yet, and a public record shows its village: "
                    "have the village published first."
                )
            }
        )


class ProducerQuerySet(PublishableQuerySet):
    def for_producer_page(self) -> ProducerQuerySet:
        """Public producers with their village's place joined, for their public page."""
        return self.published().select_related("village__commune__district__province")

    def for_sitemap(self) -> ProducerQuerySet:
        return self.published().only("pk", "slug", "updated_at").order_by("pk")


class Producer(Named, Publishable):
    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("Household")
        GROUP = "group", _("Producer group")
        COOPERATIVE = "cooperative", _("Cooperative")
        ENTERPRISE = "enterprise", _("Enterprise")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(
        _("name (Khmer)"),
        max_length=200,
        blank=True,
        validators=[validate_khmer_script, validate_not_lost_text],
    )
    slug = models.SlugField(_("slug"), max_length=210)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("village"),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = WebsiteField(_("website"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration content, not a real producer of the programme."),
    )

    objects = ProducerQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name_en"]
        permissions = [("publish_producer", _("Can publish and unpublish producers"))]
        # The admin's list order (name, then newest first).
        indexes = [models.Index(fields=["name_en", "-id"], name="producer_admin_order")]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("producers:producer", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_person or self.phone or self.email or self.website)

    def clean(self) -> None:
        super().clean()
        check_public_village(self)

    def publication_blockers(self) -> list[str]:
        """A producer's page names its village: it is public only once its village is."""
        return village_blockers(self.village)

    def public_dependants(self) -> list[Product]:
        """What cannot stay public without this producer: its public products."""
        return list(self.products.filter(live=True))


# Where a product lies, from its village up: search finds it by any of their names.
PLACES = (
    (Village, "village_id"),
    (Commune, "village__commune_id"),
    (District, "village__commune__district_id"),
    (Province, "village__commune__district__province_id"),
)
# Conditions one search word costs: the product's text, and three names of each place.
CONDITIONS_PER_WORD = 1 + 3 * len(PLACES)
# The product's own text that search reads, stored segmented in `search_text`.
SEARCHED_FIELDS = ("name_en", "name_km", "description_en", "description_km")


class ProductQuerySet(PublishableQuerySet):
    def with_origin(self) -> ProductQuerySet:
        """Products with category, producer and the full place of origin joined."""
        return self.select_related("category", "producer", "village__commune__district__province")

    def showcase(self) -> ProductQuerySet:
        return self.published().filter(is_showcase=True)

    def in_province(self, province_code: str) -> ProductQuerySet:
        return self.filter(village__commune__district__province_id=province_code)

    def in_district(self, district_code: str) -> ProductQuerySet:
        return self.filter(village__commune__district_id=district_code)

    def in_commune(self, commune_code: str) -> ProductQuerySet:
        return self.filter(village__commune_id=commune_code)

    def without_photos(self) -> ProductQuerySet:
        """Products no photo shows yet: their cards and pages show a placeholder."""
        return self.filter(photos__isnull=True)

    def with_photos(self) -> ProductQuerySet:
        """Photos in display order, fetched in one query for the whole page of products."""
        return self.prefetch_related(
            Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))
        )

    def for_cards(self) -> ProductQuerySet:
        """Published products as product cards show them: origin, category, photos.

        A fixed number of queries whatever the number of products.
        """
        return self.published().with_origin().with_photos()

    def for_catalogue(self) -> ProductQuerySet:
        """The catalogue's starting point, before its search, filters and sorting."""
        return self.for_cards().order_by("-is_showcase", "name_en", "pk")

    def for_product_page(self) -> ProductQuerySet:
        return self.published().with_origin().with_photos()

    def for_sitemap(self) -> ProductQuerySet:
        """Published products in a stable order, with only what a sitemap entry needs."""
        return self.published().only("pk", "slug", "updated_at").order_by("pk")

    def related_to(self, product: Product, count: int) -> ProductQuerySet:
        """Up to `count` other published products, of the same category first, then of
        the same province, each in the catalogue's order.

        One query: two indexed sub-selects of at most `count` rows each pick the
        candidates, so the catalogue is never scanned or sorted whole. On PostgreSQL
        they are one `pk IN (… UNION ALL …)`: `pk IN (…) OR pk IN (…)` is planned as a
        sequential scan of every product (240 ms against 0.7 ms at 100,000 products).
        SQLite cannot limit the parts of a compound select, and is given the `OR`.
        """
        province_code = product.village.commune.district.province_id
        others = self.published().exclude(pk=product.pk).order_by("-is_showcase", "name_en", "pk")
        same_category = others.filter(category_id=product.category_id).values("pk")[:count]
        same_province = (
            others.exclude(category_id=product.category_id)
            .in_province(province_code)
            .values("pk")[:count]
        )
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            candidates = Q(pk__in=same_category.union(same_province, all=True))
        else:
            candidates = Q(pk__in=same_category) | Q(pk__in=same_province)
        return (
            self.for_cards()
            .filter(candidates)
            .annotate(
                same_category=Case(
                    When(category_id=product.category_id, then=Value(1)), default=Value(0)
                )
            )
            .order_by("-same_category", "-is_showcase", "name_en", "pk")[:count]
        )

    def search(self, text: str) -> ProductQuerySet:
        """Products that match every word of `text`: in their English or Khmer name or
        description, or in the name (either language, or a known other spelling) of
        their village, commune, district or province.

        Khmer is written without spaces between words: the query is cut into words by
        the same segmenter that cut the product's stored `search_text` when it was
        saved, so a Khmer word is found inside unspaced text and words typed together
        are matched one by one (docs/decisions/0061-khmer-search-segmented-at-save.md).
        A word is matched as a substring, not through a stemming full-text parser
        (docs/decisions/0002-catalogue-search.md). Only the first words count
        (portal.search), so one query's cost is bounded whatever a visitor sends.
        """
        words = bounded_search(text, split=khmer_words).terms
        if not words:
            return self
        return self.filter(*(self._word_matches(word.lower()) for word in words))

    @staticmethod
    def _word_matches(word: str) -> Q:
        """One word of a search: in the product's own text, or in a place it lies in.

        Places are matched in their own (small) tables, once per query, not per product.
        """
        condition = Q(search_text__contains=word)
        for model, path in PLACES:
            places = model.objects.filter(
                Q(name_en__icontains=word)
                | Q(name_km__contains=word)
                | Q(also_known_as__icontains=word)
            )
            condition |= Q(**{f"{path}__in": places.values("pk")})
        return condition

    def refresh_search_text(self) -> int:
        """Recompute the stored search text of these products (after bulk writes, which
        call no save()); returns how many changed."""
        changed = []
        for product in self.only(*SEARCHED_FIELDS, "search_text").order_by("pk").iterator():
            if product.update_search_text():
                changed.append(product)
        Product.objects.bulk_update(changed, ["search_text"], batch_size=500)
        return len(changed)

    def headline_figures(self) -> dict[str, int]:
        """Published products and the producers and villages behind them, in one query."""
        return self.published().aggregate(
            products=Count("pk"),
            producers=Count("producer", distinct=True),
            villages=Count("village", distinct=True),
        )


class Product(Named, Publishable):
    class PriceCurrency(models.TextChoices):
        USD = "USD", _("US dollars")
        KHR = "KHR", _("Cambodian riel")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(
        _("name (Khmer)"),
        max_length=200,
        blank=True,
        validators=[validate_khmer_script, validate_not_lost_text],
    )
    slug = models.SlugField(_("slug"), max_length=210)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("category"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("producer"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("village of origin"),
        help_text=_("Where the product comes from; usually the producer's village."),
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("e.g. kg, bottle, metre of silk")
    )
    price_min = models.DecimalField(
        _("price from"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_max = models.DecimalField(
        _("price to"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_currency = models.CharField(
        _("currency"), max_length=3, choices=PriceCurrency.choices, default=PriceCurrency.USD
    )
    season_en = models.CharField(_("season (English)"), max_length=200, blank=True)
    season_km = models.CharField(_("season (Khmer)"), max_length=200, blank=True)
    is_showcase = models.BooleanField(
        _("showcase"),
        default=False,
        help_text=_("Featured on the home page and its province's page once published."),
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Names and descriptions cut into words, as search reads them."),
    )

    objects = ProductQuerySet.as_manager()

    # The history keeps the search text too (its field lists leave it out, see
    # portal.history): excluding it would make every past version read the product.
    history = audit_trail()

    # Rows reviewed with the product, as part of its change (see review.changes).
    reviewed_with = ("photos",)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name_en"]
        permissions = [("publish_product", _("Can publish and unpublish products"))]
        # The catalogue's order, the admin's and the related products' picks read these
        # instead of sorting the catalogue (benchmarks/README.md); search's are in 0004.
        indexes = [
            models.Index(fields=["-is_showcase", "name_en", "id"], name="product_catalogue_order"),
            models.Index(fields=["name_en", "-id"], name="product_admin_order"),
            models.Index(
                "category", F("is_showcase").desc(), "name_en", "id", name="product_category_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=F("price_max")),
                name="product_price_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_min__gte=0),
                name="product_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def save(self, *args, **kwargs) -> None:
        self.update_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def update_search_text(self) -> bool:
        """Set `search_text` from the searched fields; whether it changed."""
        text = searchable_text(*(getattr(self, name) for name in SEARCHED_FIELDS))
        changed = text != self.search_text
        self.search_text = text
        return changed

    def get_absolute_url(self) -> str:
        return reverse("products:product", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_min > self.price_max
        ):
            raise ValidationError({"price_max": _("The upper price is below the lower price.")})
        check_public_village(self)
        if self.live and self.producer_id and not self.producer.live:
            raise ValidationError(
                {
                    "producer": _(
                        "This producer is not public yet, and a public product shows its "
                        "producer: have the producer published first."
                    )
                }
            )

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)

    def publication_blockers(self) -> list[str]:
        """A product shows its producer and its village: it is public only once they are."""
        blockers = village_blockers(self.village)
        if not self.producer.live:
            blockers.append(
                _("its producer “%(producer)s” is not public yet") % {"producer": self.producer}
            )
        return blockers

    @property
    def season(self) -> str:
        return in_active_language(self.season_en, self.season_km)

    @property
    def province(self):
        return self.village.commune.district.province


def product_photo_path(instance: ProductPhoto, filename: str) -> str:
    # The uploaded file's own name is never used: it may carry anything.
    return f"products/{instance.product_id or 'new'}/{uuid.uuid4().hex}.jpg"


class ProductPhoto(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="photos", verbose_name=_("product")
    )
    image = models.ImageField(_("image"), upload_to=product_photo_path)
    alt_text_en = models.CharField(
        _("alt text (English)"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    alt_text_km = models.CharField(_("alt text (Khmer)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # Re-encoded renditions for the public site, made on first use and kept in the
    # media storage; the upload itself is never served in a page.
    thumbnail = ImageSpecField(
        source="image",
        processors=[ResizeToFill(480, 360), StripMetadata()],
        format="JPEG",
        options={"quality": 82},
    )
    large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(1200, 900, upscale=False), StripMetadata()],
        format="JPEG",
        options={"quality": 85},
    )
    history = audit_trail()

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text_en

    @property
    def alt_text(self) -> str:
        return in_active_language(self.alt_text_en, self.alt_text_km)
