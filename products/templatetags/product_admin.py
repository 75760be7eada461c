"""The admin start page's products panel: products that still lack a photo."""

from __future__ import annotations

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from accounts.scoping import scope_queryset
from portal.start_page import start_panel
from products.models import Product

register = template.Library()


@start_panel(register, "admin/start/products.html", "products.view_product")
def products_panel(user: AbstractBaseUser) -> dict:
    products = scope_queryset(Product.objects.all(), user)
    url = reverse("admin:products_product_changelist")
    return {
        "without_photos": products.without_photos().count(),
        "without_photos_url": f"{url}?photo=none",
    }
