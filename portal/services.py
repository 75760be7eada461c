"""The publishing workflow of products and forum events.

    draft ──submit──▶ submitted ──publish──▶ published
      ▲                   │                      │
      └──return to draft──┴──────────────────────┘

Whoever may change a record may submit it for review; only holders of the model's
`publish_<model>` permission (national reviewers and administrators) publish it or
return it to draft, optionally with a comment. Each transition is saved with its
author and comment in the record's audit trail (the comment is the history entry's
change reason). Admin actions call these functions; nothing else sets `status`.
"""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import PublicationStatus, Publishable

DRAFT = PublicationStatus.DRAFT
SUBMITTED = PublicationStatus.SUBMITTED
PUBLISHED = PublicationStatus.PUBLISHED


class TransitionRefused(Exception):
    """The record is not in a state the transition starts from."""


def publish_permission(model: type[Publishable]) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def change_permission(model: type[Publishable]) -> str:
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def can_publish(user: AbstractBaseUser, model: type[Publishable]) -> bool:
    return user.has_perm(publish_permission(model))


def _move(
    record: Publishable,
    *,
    by: AbstractBaseUser,
    to: str,
    starts_from: Collection[str],
    permission: str,
    comment: str,
) -> None:
    if not by.has_perm(permission):
        raise PermissionDenied
    if record.status not in starts_from:
        raise TransitionRefused(
            _("“%(record)s” is %(status)s; this step starts from %(allowed)s.")
            % {
                "record": record,
                "status": record.get_status_display().lower(),
                "allowed": _(" or ").join(
                    str(PublicationStatus(state).label).lower() for state in starts_from
                ),
            }
        )
    record.status = to
    if to == PUBLISHED:
        record.published_at = timezone.now()
    record._history_user = by
    record._change_reason = comment.strip()
    record.save(update_fields=["status", "published_at", "updated_at"])


def submit_for_review(record: Publishable, *, by: AbstractBaseUser, comment: str = "") -> None:
    """Ask the reviewers to publish a draft."""
    _move(
        record,
        by=by,
        to=SUBMITTED,
        starts_from=(DRAFT,),
        permission=change_permission(type(record)),
        comment=comment,
    )


def publish(record: Publishable, *, by: AbstractBaseUser, comment: str = "") -> None:
    """Show the record to the public. Reviewers may publish a draft directly."""
    _move(
        record,
        by=by,
        to=PUBLISHED,
        starts_from=(DRAFT, SUBMITTED),
        permission=publish_permission(type(record)),
        comment=comment,
    )


def return_to_draft(record: Publishable, *, by: AbstractBaseUser, comment: str = "") -> None:
    """Send a submitted record back to its authors, or take a published one down."""
    _move(
        record,
        by=by,
        to=DRAFT,
        starts_from=(SUBMITTED, PUBLISHED),
        permission=publish_permission(type(record)),
        comment=comment,
    )


def status_after_edit(record: Publishable, *, by: AbstractBaseUser) -> str:
    """The status a record takes when `by` edits its content.

    A published record edited by someone who may not publish goes back to review, so
    that what the public sees is always what a reviewer approved.
    """
    if record.status == PUBLISHED and not can_publish(by, type(record)):
        return SUBMITTED
    return record.status


def record_edit(record: Publishable, *, by: AbstractBaseUser) -> None:
    """Give a record whose public content `by` has just changed its status after the edit."""
    status = status_after_edit(record, by=by)
    if status != record.status:
        record.status = status
        record.save(update_fields=["status", "updated_at"])
