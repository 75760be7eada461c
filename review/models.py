"""Pending changes to public records, and the reviewers' decisions on them.

A reviewed record (a `portal.models.Reviewed`: products, producers, forum events,
communes and villages) keeps its live, approved version in its own row. A change
proposed by someone who may not publish is kept here as a `Revision` instead: the
difference between the live
version and the proposed one, its own fields and those of the rows that belong to it
(a product's photos, an event's participants and action plans). At most one revision
per record is open (waiting or sent back); approving it writes it onto the live row.
A record that is not live yet is its own working copy: its revision carries no
changes and approving it makes the row public as it stands.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.history import audit_trail


class RevisionQuerySet(models.QuerySet):
    def open(self) -> RevisionQuerySet:
        """Revisions still waiting for a decision, or sent back to their authors."""
        return self.filter(state__in=Revision.OPEN_STATES)

    def waiting(self) -> RevisionQuerySet:
        return self.filter(state=Revision.State.WAITING)

    def sent_back(self) -> RevisionQuerySet:
        return self.filter(state=Revision.State.SENT_BACK)

    def for_record(self, record: models.Model) -> RevisionQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
        )

    def for_queue(self) -> RevisionQuerySet:
        """The review queue: what waits, oldest first, with who and where."""
        return self.select_related("content_type", "created_by", "province").order_by(
            "submitted_at", "pk"
        )


class Revision(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for review")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATES = (State.WAITING, State.SENT_BACK)

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    # Text, as the admin's own log keeps it: communes are keyed by their code ("010201"),
    # which a number would lose the leading zero of.
    object_id = models.CharField(_("record key"), max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("record"), max_length=300)
    province = models.ForeignKey(
        "provinces.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("province"),
    )
    changes = models.JSONField(
        _("changes"),
        null=True,
        blank=True,
        help_text=_(
            "What the change alters, against the live version; empty for a record that "
            "is not public yet, which waits for review as it stands."
        ),
    )
    base = models.JSONField(
        _("live values when proposed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "What the change alters, as the live version had it when the change was "
            "proposed; approval is refused if it has changed since."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Counts the proposals kept in this change: every save into it adds one. A "
            "decision names the version the reviewer was shown and is refused if it moved."
        ),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.WAITING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("first proposed at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("waiting since"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    objects = RevisionQuerySet.as_manager()
    history = audit_trail()

    class Meta:
        verbose_name = _("change for review")
        verbose_name_plural = _("changes for review")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["waiting", "sent_back"]),
                name="revision_one_open_per_record",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.record_label} ({self.get_state_display().lower()})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def is_new_record(self) -> bool:
        """A record that is not public yet: approving it publishes the row as it stands."""
        return self.changes is None

    @property
    def field_changes(self) -> dict[str, Any]:
        return (self.changes or {}).get("fields", {})
