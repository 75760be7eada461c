"""Producers in villages and the products they make, with photos and categories."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from portal.fields import WebsiteField
from portal.history import audit_trail
from portal.models import Named, Publishable, PublishableQuerySet, in_active_language
from portal.search import bounded_search
from portal.text import validate_khmer_script, validate_not_lost_text
from products.photos import StripMetadata
from provinces.models import Village


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

    objects = PublishableQuerySet.as_manager()
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

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_km)

    def public_dependants(self) -> list[Product]:
        """What cannot stay public without this producer: its public products."""
        return list(self.products.filter(live=True))


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
        candidates, so the catalogue is never scanned or sorted whole.
        """
        province_code = product.village.commune.district.province_id
        others = self.published().exclude(pk=product.pk).order_by("-is_showcase", "name_en", "pk")
        same_category = others.filter(category_id=product.category_id)
        same_province = others.exclude(category_id=product.category_id).in_province(province_code)
        return (
            self.for_cards()
            .filter(
                Q(pk__in=same_category.values("pk")[:count])
                | Q(pk__in=same_province.values("pk")[:count])
            )
            .annotate(
                same_category=Case(
                    When(category_id=product.category_id, then=Value(1)), default=Value(0)
                )
            )
            .order_by("-same_category", "-is_showcase", "name_en", "pk")[:count]
        )

    def search(self, text: str) -> ProductQuerySet:
        """Products whose English or Khmer name or description contain every word of `text`.

        Khmer is written without spaces between words, so a word is matched as a
        substring rather than through a stemming full-text parser (see
        docs/decisions/0002-catalogue-search.md). Only the first words count
        (portal.search), so one query's cost is bounded whatever a visitor sends.
        """
        words = bounded_search(text).terms
        if not words:
            return self
        return self.filter(
            *(
                Q(name_en__icontains=word)
                | Q(name_km__icontains=word)
                | Q(description_en__icontains=word)
                | Q(description_km__icontains=word)
                for word in words
            )
        )

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
        _("price from"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("price to"), max_digits=12, decimal_places=2, null=True, blank=True
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

    objects = ProductQuerySet.as_manager()

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
        """A product shows its producer: it is public only once its producer is."""
        if self.producer.live:
            return []
        return [_("its producer “%(producer)s” is not public yet") % {"producer": self.producer}]

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
