"""Template tags for showing recognition: star ratings, and a product's current stars.

`{% product_recognition product %}` and `{% product_structured_data product %}` are the
pieces other pages include (the product page): together they cost one query, and show
no recognition for a product without a current certificate.
"""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from products.models import Product
from recognition.models import STAR_LEVELS, Certificate, Level

register = template.Library()

# What Django's json_script escapes, so that no text can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def current_certificate(product: Product) -> Certificate | None:
    """The product's current certificate with the most stars: read once per product."""
    if not hasattr(product, "_current_certificate"):
        product._current_certificate = (
            Certificate.objects.public()
            .current()
            .filter(product=product)
            .select_related("round__province")
            .order_by("-stars", "-issued_on")
            .first()
        )
    return product._current_certificate


def issuer_name(certificate: Certificate) -> str:
    if certificate.issuing_level == Level.NATIONAL or certificate.round.province is None:
        return _("the national OVOP committee")
    return _("the provincial OVOP committee of %(province)s") % {
        "province": certificate.round.province.name
    }


@register.inclusion_tag("recognition/includes/stars.html")
def star_rating(stars: int | None) -> dict:
    """Filled and empty stars, read out as “4 stars out of 5”."""
    stars = stars or 0
    return {"stars": stars, "filled": range(stars), "empty": range(max(STAR_LEVELS) - stars)}


@register.inclusion_tag("recognition/includes/product_recognition.html")
def product_recognition(product: Product) -> dict:
    """The product's current certificate with the most stars, if it holds one."""
    return {"product": product, "certificate": current_certificate(product)}


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def structured_data(product: Product, request=None, image_url: str = "") -> dict:
    """The product as schema.org's `Product`, with its current certificate as
    `hasCertification` (rating, issuer, validity) when it holds one."""
    producer = product.producer
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": absolute(request, product.get_absolute_url()),
        "category": product.category.name,
        "manufacturer": {
            "@type": "Organization",
            "name": producer.name,
            "url": absolute(request, producer.get_absolute_url()),
        },
        "countryOfOrigin": {"@type": "Country", "name": "KH"},
    }
    if product.description:
        data["description"] = product.description
    if image_url:
        data["image"] = absolute(request, image_url)
    low, high = product.price_min, product.price_max
    if low is not None or high is not None:
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": product.price_currency,
            "lowPrice": str(low if low is not None else high),
            "highPrice": str(high if high is not None else low),
        }
    certificate = current_certificate(product)
    if certificate is not None:
        data["hasCertification"] = {
            "@type": "Certification",
            "name": _("OVOP recognition: %(stars)s stars") % {"stars": certificate.stars},
            "certificationIdentification": certificate.number,
            "certificationStatus": "https://schema.org/CertificationActive",
            "url": absolute(request, certificate.get_absolute_url()),
            "certificationRating": {
                "@type": "Rating",
                "ratingValue": certificate.stars,
                "bestRating": max(STAR_LEVELS),
                "worstRating": min(STAR_LEVELS),
            },
            "issuedBy": {"@type": "Organization", "name": issuer_name(certificate)},
            "validFrom": certificate.issued_on.isoformat(),
            "expires": certificate.expires_on.isoformat(),
        }
    return data


@register.simple_tag(takes_context=True)
def product_structured_data(context, product: Product, image_url: str = "") -> str:
    """`structured_data` as a JSON-LD script element, escaped as json_script escapes."""
    data = structured_data(product, context.get("request"), image_url)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


PROVINCE_RECOGNISED_COUNT = 12


@register.inclusion_tag("recognition/includes/province_recognition.html")
def province_recognition(province) -> dict:
    """The province's products holding a current certificate, most stars first (one query)."""
    certificates = list(
        Certificate.objects.public()
        .current()
        .filter(product__village__commune__district__province=province)
        .order_by("-stars", "product_name_en", "pk")[:PROVINCE_RECOGNISED_COUNT]
    )
    return {"province": province, "certificates": certificates}
