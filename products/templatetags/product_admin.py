"""The admin start page's products panel: products that still lack a photo."""

from __future__ import annotations

from django import template
from django.urls import reverse

from accounts.scoping import scope_queryset
from products.models import Product

register = template.Library()


@register.inclusion_tag("admin/start/products.html", takes_context=True)
def products_panel(context: template.Context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("products.view_product"):
        return {"show": False}
    products = scope_queryset(Product.objects.all(), user)
    url = reverse("admin:products_product_changelist")
    return {
        "show": True,
        "without_photos": products.without_photos().count(),
        "without_photos_url": f"{url}?photo=none",
    }
