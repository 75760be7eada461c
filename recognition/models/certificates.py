"""Certificates: what a confirmed result of the certified stars issues.

A certificate keeps the names it was issued to (a product renamed later does not
rename its certificate) and is never deleted: it expires, or is withdrawn with a
reason, and its public verification page says so.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.history import audit_trail
from portal.models import in_active_language
from products.models import Producer, Product
from recognition.models.rounds import Entry, Round
from recognition.models.schemes import Level


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CertificateQuerySet(models.QuerySet):
    def public(self) -> CertificateQuerySet:
        """Certificates of products the public may see, with what their pages show."""
        return self.filter(product__in=Product.objects.published()).select_related(
            "round__version__scheme", "product"
        )

    def current(self, day: datetime.date | None = None) -> CertificateQuerySet:
        """Neither withdrawn nor expired on `day` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True, issued_on__lte=day, expires_on__gt=day)

    def best_stars(self, product: str = "pk") -> Case:
        """The most stars among these certificates of the product at `product` (a path
        from the outer query), for annotating products: `None` for a product without one.

        `Certificate.objects.current().best_stars()` is a product's current stars, so an
        expired or withdrawn rating never counts. Few products hold a certificate: the
        per-product sub-select runs only for those (a hashed `IN` picks them), so sorting
        a catalogue of 20,000 by stars does not run it 20,000 times.
        """
        stars = Subquery(
            self.filter(product=OuterRef(product)).order_by("-stars").values("stars")[:1],
            output_field=models.PositiveSmallIntegerField(),
        )
        return Case(
            When(**{f"{product}__in": self.values("product_id")}, then=stars),
            default=None,
            output_field=models.PositiveSmallIntegerField(),
        )

    def products_with_stars(self, stars: int) -> models.QuerySet:
        """The ids of the products holding one of these certificates with at least `stars`."""
        return self.filter(stars__gte=stars).values("product_id")


class Certificate(models.Model):
    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    entry = models.OneToOneField(
        Entry,
        on_delete=models.PROTECT,
        related_name="certificate",
        editable=False,
        verbose_name=_("entry"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="certificates",
        editable=False,
        verbose_name=_("product"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        related_name="certificates",
        editable=False,
        verbose_name=_("producer"),
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        related_name="certificates",
        editable=False,
        verbose_name=_("round"),
    )
    product_name_en = models.CharField(_("product (English)"), max_length=200, editable=False)
    product_name_km = models.CharField(_("product (Khmer)"), max_length=200, editable=False)
    producer_name_en = models.CharField(_("producer (English)"), max_length=200, editable=False)
    producer_name_km = models.CharField(_("producer (Khmer)"), max_length=200, editable=False)
    stars = models.PositiveSmallIntegerField(_("stars"), editable=False)
    issuing_level = models.CharField(
        _("issued at"), max_length=20, choices=Level.choices, editable=False
    )
    issued_on = models.DateField(_("issued on"), editable=False)
    expires_on = models.DateField(
        _("valid until"), editable=False, help_text=_("The first day it is no longer valid.")
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-number"]
        permissions = [("withdraw_certificate", _("Can withdraw certificates"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=1) & Q(stars__lte=5), name="certificate_stars_range"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | ~Q(withdrawal_reason=""),
                name="certificate_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("recognition:certificate", kwargs={"number": self.number})

    @property
    def product_name(self) -> str:
        return in_active_language(self.product_name_en, self.product_name_km)

    @property
    def producer_name(self) -> str:
        return in_active_language(self.producer_name_en, self.producer_name_km)

    def status(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.withdrawn_on is not None:
            return CertificateStatus.WITHDRAWN
        if not self.issued_on <= day < self.expires_on:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def is_current(self) -> bool:
        return self.status() == CertificateStatus.VALID

    @property
    def last_valid_day(self) -> datetime.date:
        return self.expires_on - datetime.timedelta(days=1)


class CertificateSequence(models.Model):
    """The last number given in a year's series of certificates.

    Taking a number locks the year's row until the certificate is saved, so two
    confirmations at the same moment never get the same number.
    """

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("certificate number series")
        verbose_name_plural = _("certificate number series")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
