"""Template tags for showing recognition: star ratings, and a product's current stars.

`{% product_recognition product %}` is the one piece other pages include (the product
page): it costs one query and shows nothing for a product without a current certificate.
"""

from __future__ import annotations

from django import template

from products.models import Product
from recognition.models import STAR_LEVELS, Certificate

register = template.Library()


@register.inclusion_tag("recognition/includes/stars.html")
def star_rating(stars: int | None) -> dict:
    """Filled and empty stars, read out as “4 stars out of 5”."""
    stars = stars or 0
    return {"stars": stars, "filled": range(stars), "empty": range(max(STAR_LEVELS) - stars)}


@register.inclusion_tag("recognition/includes/product_recognition.html")
def product_recognition(product: Product) -> dict:
    """The product's current certificate with the most stars, if it holds one."""
    certificate = (
        Certificate.objects.public()
        .current()
        .filter(product=product)
        .order_by("-stars", "-issued_on")
        .first()
    )
    return {"product": product, "certificate": certificate}


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
