"""The admin start page's imports panel: the user's latest confirmed imports."""

from __future__ import annotations

from django import template
from django.urls import reverse

from imports.admin import imports_anything
from imports.models import ImportLog

register = template.Library()

LATEST = 5


@register.inclusion_tag("admin/start/imports.html", takes_context=True)
def recent_imports_panel(context: template.Context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.has_perm("imports.view_importlog") or imports_anything(user)):
        return {"show": False}
    log = reverse("admin:imports_importlog_changelist")
    return {
        "show": True,
        "imports": list(ImportLog.objects.filter(user=user)[:LATEST]),
        "log_url": f"{log}?user__id__exact={user.pk}",
    }
