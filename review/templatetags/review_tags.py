"""The admin start page's review panel: what waits for the reviewer, and the official's
own changes waiting or sent back, each one click away."""

from __future__ import annotations

from django import template
from django.apps import apps
from django.urls import reverse

from review.models import Revision
from review.services import can_publish, is_reviewed

register = template.Library()


@register.inclusion_tag("admin/review/includes/panel.html", takes_context=True)
def review_panel(context: template.Context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("review.view_revision"):
        return {"show": False}
    queue = reverse("admin:review_revision_changelist")
    mine = Revision.objects.filter(created_by=user)
    return {
        "show": True,
        "may_review": any(
            can_publish(user, model) for model in apps.get_models() if is_reviewed(model)
        ),
        "waiting": Revision.objects.waiting().count(),
        "queue_url": f"{queue}?state__exact=waiting",
        "mine_waiting": mine.waiting().count(),
        "mine_waiting_url": f"{queue}?state__exact=waiting&created_by__id__exact={user.pk}",
        "mine_sent_back": mine.sent_back().count(),
        "mine_sent_back_url": f"{queue}?state__exact=sent_back&created_by__id__exact={user.pk}",
    }
