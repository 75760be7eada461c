"""The admin start page's review panel: what waits for the reviewer, and the official's
own changes waiting or sent back, each one click away."""

from __future__ import annotations

from django import template
from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from portal.start_page import start_panel
from review.models import Revision
from review.services import can_publish, is_reviewed

register = template.Library()

LISTED = 5  # of the official's own waiting and sent-back changes, the latest shown by name


@start_panel(register, "admin/review/includes/panel.html", "review.view_revision")
def review_panel(user: AbstractBaseUser) -> dict:
    queue = reverse("admin:review_revision_changelist")
    mine = Revision.objects.filter(created_by=user)
    latest = mine.open().select_related("content_type").order_by("-submitted_at", "-id")
    return {
        "may_review": any(
            can_publish(user, model) for model in apps.get_models() if is_reviewed(model)
        ),
        "waiting": Revision.objects.waiting().count(),
        "queue_url": f"{queue}?state__exact=waiting",
        "mine_latest": [
            {
                "revision": revision,
                "kind": revision.content_type.model_class()._meta.verbose_name,
                # The record's own form, where a sent-back change shows the comment.
                "url": reverse(
                    f"admin:{revision.content_type.app_label}_{revision.content_type.model}_change",
                    args=[revision.object_id],
                ),
            }
            for revision in latest[:LISTED]
        ],
        "mine_waiting": mine.waiting().count(),
        "mine_waiting_url": f"{queue}?state__exact=waiting&created_by__id__exact={user.pk}",
        "mine_sent_back": mine.sent_back().count(),
        "mine_sent_back_url": f"{queue}?state__exact=sent_back&created_by__id__exact={user.pk}",
    }
