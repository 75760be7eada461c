"""The admin start page's shortcuts: the common tasks, each shown to who may do it."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (permission, admin URL name, label); model labels only, so the portal, the lowest
# app, needs none of the apps it links to.
SHORTCUTS = [
    ("products.add_product", "admin:products_product_add", _("Add a product")),
    ("products.add_producer", "admin:products_producer_add", _("Add a producer")),
    ("products.import_product", "admin:products_product_import", _("Import products")),
    ("provinces.import_village", "admin:provinces_village_import", _("Import villages")),
    ("forums.add_forumevent", "admin:forums_forumevent_add", _("Record a forum or event")),
    (
        "provinces.view_flaggedvillage",
        "admin:provinces_flaggedvillage_changelist",
        _("Check flagged villages"),
    ),
]


@register.inclusion_tag("admin/start/shortcuts.html", takes_context=True)
def task_shortcuts(context: template.Context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    links = []
    for permission, url_name, label in SHORTCUTS:
        if user is None or not user.has_perm(permission):
            continue
        try:
            links.append({"url": reverse(url_name), "label": label})
        except NoReverseMatch:  # a model not registered in this admin
            continue
    return {"links": links}
