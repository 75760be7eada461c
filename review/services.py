"""The review workflow: proposing changes, approving them, sending them back, and taking
records off the public site.

    official saves a live record ──▶ its change waits (the public keeps the live version)
    reviewer approves           ──▶ the change is written onto the live record
    reviewer sends it back      ──▶ the live record stays; the official sees the comment
    official saves a new record ──▶ it waits as it stands; approving makes it public
    reviewer unpublishes        ──▶ the record leaves the public site (with a reason)

Holders of a model's `publish_<model>` permission (national reviewers and
administrators) approve, send back and unpublish; their own edits go live directly.
Each decision is kept in the audit trail: on the record (the reviewer as the author,
the decision as the change reason) and on the revision itself.

A decision applies to what the reviewer was shown (`Seen`): the version of the change
and, for a record not public yet, the fingerprint of its content. Saving again into a
change, or editing a record that is not public, moves them; a decision on what moved is
refused (docs/decisions/0090-decisions-apply-to-what-was-seen.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.scoping import province_code_of, province_path
from portal.models import Reviewed
from review.changes import (
    Change,
    Snapshot,
    apply,
    base_of,
    encode,
    field_change,
    fingerprint,
    merge,
    overtaken,
    reviewed_relations,
    snapshot,
    tracked_fields,
)
from review.models import Revision


class ReviewRefused(Exception):
    """The step cannot be taken now; the message says why, for the reviewer."""


class ChangedSinceSeen(ReviewRefused):
    """The change, or the record not public yet, moved since the reviewer was shown it."""


EDITED_SINCE_SEEN = gettext_lazy("This change was edited after you opened it; review it again.")


@dataclass(frozen=True)
class Seen:
    """What a reviewer was shown when deciding on a record's change.

    `version`: the version of the open change shown (None: no change was shown).
    `content`: for a record not public yet, the fingerprint of its content as shown
    (None: the content was not shown, as on a list of records, where only the
    version is compared).
    """

    version: int | None
    content: str | None = None

    @classmethod
    def of(cls, revision: Revision, record: Reviewed | None) -> Seen:
        """What a page showing `revision` and its `record` as they stand now shows."""
        shows_content = record is not None and revision.is_new_record
        return cls(revision.version, fingerprint(snapshot(record)) if shows_content else None)

    @classmethod
    def from_form(cls, version: str | None, content: str | None = None) -> Seen:
        """What a decision form says was shown; anything unreadable matches nothing."""
        version = (version or "").strip()
        return cls(int(version) if version.isdecimal() else None, (content or "").strip() or None)

    def matches(self, revision: Revision | None, record: Reviewed | None) -> bool:
        if revision is None:
            return self.version is None
        if self.version != revision.version:
            return False
        if self.content is None or record is None or not revision.is_new_record:
            return True
        return self.content == fingerprint(snapshot(record))


def refuse_unless_seen(seen: Seen, revision: Revision | None, record: Reviewed | None) -> None:
    """Refuse a decision when the open change (or the record not public yet) moved
    since `seen`; call it with both rows locked."""
    if not seen.matches(revision, record):
        raise ChangedSinceSeen(str(EDITED_SINCE_SEEN))


def publish_permission(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user: AbstractBaseUser, model: type[models.Model]) -> bool:
    return user.has_perm(publish_permission(model))


def is_reviewed(model: type[models.Model]) -> bool:
    return issubclass(model, Reviewed)


def open_revision(record: models.Model, *, for_update: bool = False) -> Revision | None:
    revisions = Revision.objects.open().for_record(record)
    if for_update:
        revisions = revisions.select_for_update()
    return revisions.first()


def _stamp(
    revision: Revision,
    record: models.Model,
    by: AbstractBaseUser | None,
    province: str | None = None,
) -> None:
    revision.record_label = str(record)[:300]
    revision.province_id = province or province_code_of(record)
    revision.state = Revision.State.WAITING
    # A new proposal kept in an open change is a new version of it: a decision taken on
    # a page showing the one before is refused. A new change is numbered after the
    # record's earlier ones before it is saved (`_number_after_earlier`).
    revision.version = revision.version + 1 if revision.pk is not None else 1
    revision.submitted_at = timezone.now()
    revision.created_by = by
    revision.reviewed_by, revision.reviewed_at = None, None
    revision._history_user = by


WITHDRAWN_REASON = gettext_lazy("No difference from the live version is left.")


@transaction.atomic
def propose(
    record: Reviewed,
    change: Change | None,
    *,
    by: AbstractBaseUser | None,
    live: Snapshot | None = None,
) -> Revision | None:
    """Keep `change` (against the live version) as the record's pending change.

    It replaces what waited before: a proposal is always the whole difference between
    the live version and what the author last saved. A change that leaves nothing
    different withdraws the pending one. For a record that is not live, the record
    itself waits for review and `change` is not needed. `live` is the live version the
    change was made against (read from the database when not given); what the change
    alters of it is kept, so that approval can tell if it has changed since.
    """
    revision = open_revision(record, for_update=True)
    if record.live:
        if change is not None and live is None:
            live = snapshot(type(record)._default_manager.get(pk=record.pk))
        revision = _keep(revision, record, change, live, by)
        if revision is None:
            return None
    else:
        if revision is None:
            revision = _new_revision(record)
        revision.changes = revision.base = None
        _stamp(revision, record, by)
    withdrawn = revision.state == Revision.State.WITHDRAWN
    if revision.pk is None:
        _number_after_earlier([revision])
    revision._change_reason = str(WITHDRAWN_REASON) if withdrawn else _("Proposed")
    revision.save()
    return None if withdrawn else revision


def _number_after_earlier(revisions: list[Revision]) -> None:
    """Number new changes (not saved yet) after their records' earlier ones, in one
    query: a page that showed version 1 of a change since decided must not match
    version 1 of the record's next change."""
    if not revisions:
        return
    last = dict(
        Revision.objects.filter(
            content_type_id=revisions[0].content_type_id,
            object_id__in={revision.object_id for revision in revisions},
        )
        .order_by()
        .values("object_id")
        .annotate(last=models.Max("version"))
        .values_list("object_id", "last")
    )
    for revision in revisions:
        revision.version = last.get(revision.object_id, 0) + 1


def _new_revision(record: Reviewed) -> Revision:
    return Revision(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=str(record.pk)
    )


def _keep(
    revision: Revision | None,
    record: Reviewed,
    change: Change | None,
    live: Snapshot | None,
    by: AbstractBaseUser | None,
    province: str | None = None,
) -> Revision | None:
    """Make `revision` (None: a new one) keep `change` for the live `record`, made against
    its `live` version; no change withdraws it. Returns what is to be saved (None: nothing,
    as no change waited either); the caller saves it, one at a time or in bulk."""
    if change is None:
        if revision is not None:
            revision.state = Revision.State.WITHDRAWN
            revision._history_user = by
        return revision
    if revision is None:
        revision = _new_revision(record)
    revision.changes = change
    revision.base = base_of(live, change)
    _stamp(revision, record, by, province)
    return revision


def request_review(record: Reviewed, *, by: AbstractBaseUser | None) -> Revision:
    """Put a record that is not public into the review queue as it stands."""
    if record.live:
        raise ReviewRefused(_("“%(record)s” is already public.") % {"record": record})
    return propose(record, None, by=by)


def _check_may_publish(by: AbstractBaseUser, model: type[models.Model]) -> None:
    if not can_publish(by, model):
        raise PermissionDenied


def publication_blockers(record: Reviewed) -> list[str]:
    """Why the record may not go public yet (a product whose producer is not public)."""
    blockers = getattr(record, "publication_blockers", None)
    return list(blockers()) if blockers else []


def _stamped(record: Reviewed, *fields: str) -> list[str]:
    """`fields`, and the record's last-changed time where it keeps one."""
    names = {field.name for field in record._meta.concrete_fields}
    return [*fields, "updated_at"] if "updated_at" in names else list(fields)


def _go_live(record: Reviewed, *, by: AbstractBaseUser, reason: str) -> None:
    record.live = True
    record.published_at = record.published_at or timezone.now()
    record._history_user = by
    record._change_reason = reason
    record.save(update_fields=_stamped(record, "live", "published_at"))


def _decision_reason(revision: Revision, decision: str, comment: str) -> str:
    author = revision.created_by.get_username() if revision.created_by else _("an import")
    reason = _("%(decision)s the change proposed by %(author)s") % {
        "decision": decision,
        "author": author,
    }
    return f"{reason}: {comment}"[:100] if comment else reason[:100]


@transaction.atomic
def approve(
    revision: Revision, *, by: AbstractBaseUser, seen: Seen, comment: str = ""
) -> Reviewed:
    """Make the pending change live, with the record's rows, in one transaction, as
    the reviewer was shown it (`seen`): refused if it has moved since."""
    model = revision.content_type.model_class()
    _check_may_publish(by, model)
    # The change first, then the record: proposing and editing take them in that order.
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_open:
        raise ReviewRefused(
            _("This change is %(state)s already.") % {"state": revision.get_state_display()}
        )
    record = model._default_manager.select_for_update().get(pk=revision.object_id)
    refuse_unless_seen(seen, revision, record)
    overtaken_parts = changed_since_proposed(revision, record)
    if overtaken_parts:
        raise ReviewRefused(
            _(
                "Since this change was proposed, the public version's %(parts)s changed: "
                "approving it would undo that. Send it back so that its author can look "
                "again."
            )
            % {"parts": ", ".join(overtaken_parts)}
        )
    reason = _decision_reason(revision, _("Approved"), comment.strip())
    if revision.changes:
        record.live = True
        record.published_at = record.published_at or timezone.now()
        try:
            apply(record, revision.changes, by=by, reason=reason)
        except ValidationError as error:
            raise ReviewRefused(
                _(
                    "Approving it would break a rule another record now holds: %(rules)s "
                    "Send it back so that its author can look again."
                )
                % {"rules": " ".join(error.messages)}
            ) from None
    else:
        _go_live(record, by=by, reason=reason)
    # Checked on the record as approved (a change may name another producer); raising
    # undoes the writes above.
    _refuse_if_blocked(record)
    _decide(revision, Revision.State.APPROVED, by=by, comment=comment, reason=reason)
    return record


def changed_since_proposed(revision: Revision, record: Reviewed) -> list[str]:
    """What the change alters that the live version has changed since it was proposed,
    named as officials read it; empty when approving undoes nothing."""
    if not revision.changes or not revision.base:
        return []
    names = overtaken(revision.base, snapshot(record))
    model = type(record)
    relations = set(reviewed_relations(model))
    labels = []
    for name in names:
        if name in relations:
            labels.append(str(getattr(model, name).rel.related_model._meta.verbose_name_plural))
        else:
            try:
                labels.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
    return labels


def _refuse_if_blocked(record: Reviewed) -> None:
    blockers = publication_blockers(record)
    if blockers:
        raise ReviewRefused(
            _("“%(record)s” cannot be published yet: %(reasons)s.")
            % {"record": record, "reasons": "; ".join(blockers)}
        )


def _decide(
    revision: Revision, state: str, *, by: AbstractBaseUser, comment: str, reason: str
) -> None:
    revision.state = state
    revision.reviewed_by = by
    revision.reviewed_at = timezone.now()
    revision.review_comment = comment.strip()
    revision._history_user = by
    revision._change_reason = reason
    revision.save()


@transaction.atomic
def send_back(revision: Revision, *, by: AbstractBaseUser, seen: Seen, comment: str) -> None:
    """Return the change to its author with a comment; the live record stays as it is.

    Like approval, it applies to the version the reviewer was shown (`seen`): the
    comment is about that one, so it is refused if the change has moved since."""
    model = revision.content_type.model_class()
    _check_may_publish(by, model)
    if not comment.strip():
        raise ReviewRefused(_("Say what should change: the comment is what the official sees."))
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != Revision.State.WAITING:
        raise ReviewRefused(
            _("Only a change waiting for review can be sent back; this one is %(state)s.")
            % {"state": revision.get_state_display().lower()}
        )
    record = model._default_manager.select_for_update().filter(pk=revision.object_id).first()
    refuse_unless_seen(seen, revision, record)
    reason = _decision_reason(revision, _("Sent back"), comment.strip())
    _decide(revision, Revision.State.SENT_BACK, by=by, comment=comment, reason=reason)


@transaction.atomic
def publish(
    record: Reviewed, *, by: AbstractBaseUser, comment: str = "", seen: Seen | None = None
) -> None:
    """Make a record that is not public live, approving what waits for it as the
    reviewer was shown it (`seen`; None: no change was shown, so a change that waits
    now is refused)."""
    _check_may_publish(by, type(record))
    revision = open_revision(record, for_update=True)
    locked = type(record)._default_manager.select_for_update().values_list("live", flat=True)
    if record.live or locked.get(pk=record.pk):
        raise ReviewRefused(_("“%(record)s” is already public.") % {"record": record})
    if revision is not None:
        approve(revision, by=by, comment=comment, seen=seen or Seen(None))
        return
    _refuse_if_blocked(record)
    _go_live(record, by=by, reason=(comment.strip() or _("Published"))[:100])


@transaction.atomic
def unpublish(record: Reviewed, *, by: AbstractBaseUser, reason: str) -> list[Reviewed]:
    """Take a live record off the public site, and what cannot stay public without it.

    Returns every record taken down (a producer takes its products with it).
    """
    _check_may_publish(by, type(record))
    if not reason.strip():
        raise ReviewRefused(_("Give a reason: it is kept in the record's history."))
    if not record.live:
        raise ReviewRefused(_("“%(record)s” is not public.") % {"record": record})
    staying = getattr(record, "unpublication_blockers", None)
    reasons = list(staying()) if staying else []
    if reasons:
        raise ReviewRefused(
            _("“%(record)s” stays public: %(reasons)s.")
            % {"record": record, "reasons": "; ".join(reasons)}
        )
    taken_down = [record]
    dependants = getattr(record, "public_dependants", None)
    if dependants:
        taken_down += list(dependants())
    for each in taken_down:
        each.live = False
        each._history_user = by
        each._change_reason = (
            _("Unpublished: %(reason)s") % {"reason": reason.strip()}
            if each is record
            else _("Unpublished with %(record)s: %(reason)s")
            % {"record": record, "reason": reason.strip()}
        )[:100]
        each.save(update_fields=_stamped(each, "live"))
    return taken_down


def approve_as_edited(revision: Revision, *, by: AbstractBaseUser) -> None:
    """A reviewer saved the record from a form that showed its pending change: the change
    went live with their edit."""
    _decide(
        revision,
        Revision.State.APPROVED,
        by=by,
        comment="",
        reason=_decision_reason(revision, _("Published with an edit"), ""),
    )


def propose_values(
    record: Reviewed, values: dict, *, by: AbstractBaseUser | None
) -> Revision | None:
    """Propose new field values for a live record (an import's row), on top of what
    already waits for it."""
    return propose_many(type(record), [(record, values)], by=by)[0]


def _live_fields(record: Reviewed, pending: Revision | None) -> Snapshot:
    """The live version an import's row is proposed against: the record's fields, and
    for those an earlier proposal alters, the values that one was made against."""
    live = {
        "fields": {
            f.name: encode(f, f.value_from_object(record))
            for f in tracked_fields(type(record))
            if not f.many_to_many
        },
        "children": {},
    }
    if pending and pending.base:
        live = {
            "fields": {**live["fields"], **pending.base.get("fields", {})},
            "children": pending.base.get("children", {}),
        }
    return live


@transaction.atomic
def propose_many(
    model: type[Reviewed],
    proposals: list[tuple[Reviewed, dict]],
    *,
    by: AbstractBaseUser | None,
    batch_size: int = 500,
) -> list[Revision | None]:
    """`propose_values` for many live records of one model (an import's rows), in a few
    queries per batch whatever their number; returns each record's open revision (None
    where nothing is left to propose)."""
    content_type = ContentType.objects.get_for_model(model)
    path = province_path(model)
    result: list[Revision | None] = []
    for start in range(0, len(proposals), batch_size):
        batch = proposals[start : start + batch_size]
        pks = [record.pk for record, _values in batch]
        pending = {
            revision.object_id: revision
            for revision in Revision.objects.open()
            .select_for_update()
            .filter(content_type=content_type, object_id__in=[str(pk) for pk in pks])
        }
        provinces = dict(model._default_manager.filter(pk__in=pks).values_list("pk", path))
        new, changed, withdrawn = [], [], []
        for record, values in batch:
            revision = pending.get(str(record.pk))
            change = merge(revision.changes if revision else None, field_change(record, values))
            live = _live_fields(record, revision)
            revision = _keep(revision, record, change, live, by, provinces.get(record.pk))
            if revision is not None and revision.state == Revision.State.WITHDRAWN:
                withdrawn.append(revision)
            if revision is None or revision.state == Revision.State.WITHDRAWN:
                result.append(None)
                continue
            (new if revision.pk is None else changed).append(revision)
            result.append(revision)
        reason = _("Proposed")
        _number_after_earlier(new)
        bulk_create_with_history(new, Revision, default_user=by, default_change_reason=reason)
        fields = [
            "changes",
            "base",
            "record_label",
            "province",
            "state",
            "version",
            "submitted_at",
            "created_by",
            "reviewed_by",
            "reviewed_at",
        ]
        bulk_update_with_history(
            changed, Revision, fields, default_user=by, default_change_reason=reason
        )
        bulk_update_with_history(
            withdrawn,
            Revision,
            ["state"],
            default_user=by,
            default_change_reason=str(WITHDRAWN_REASON),
        )
    return result


def pending_fields(model: type[models.Model]) -> dict[str, dict]:
    """What the open revisions of `model`'s records propose for their fields, by record
    key (as text), in one query: an import compares its rows with these, so that a
    file imported twice proposes nothing new the second time."""
    revisions = Revision.objects.open().filter(
        content_type=ContentType.objects.get_for_model(model), changes__isnull=False
    )
    return {
        object_id: changes.get("fields", {})
        for object_id, changes in revisions.values_list("object_id", "changes")
    }


def waiting_for_review_note(changed: int, added: int) -> str:
    """What an import's summary says of the changes it proposed and the records it added
    that wait for review."""
    return _(
        "%(changed)s changes to public records and %(added)s new records wait for review; "
        "the public keeps seeing the approved version until a reviewer publishes them."
    ) % {"changed": changed, "added": added}


def request_reviews(records: list[Reviewed], *, by: AbstractBaseUser | None) -> None:
    """Put new records (an import's) into the review queue as they stand, in bulk."""
    if not records:
        return
    model = type(records[0])
    content_type = ContentType.objects.get_for_model(model)
    waiting = set(
        Revision.objects.open()
        .filter(content_type=content_type, object_id__in=[str(each.pk) for each in records])
        .values_list("object_id", flat=True)
    )
    provinces = dict(
        model._default_manager.filter(pk__in=[each.pk for each in records]).values_list(
            "pk", province_path(model)
        )
    )
    revisions = []
    for record in records:
        if record.live or str(record.pk) in waiting:
            continue
        revision = _new_revision(record)
        _stamp(revision, record, by, provinces.get(record.pk))
        revisions.append(revision)
    _number_after_earlier(revisions)
    bulk_create_with_history(
        revisions, Revision, batch_size=500, default_user=by, default_change_reason=_("Imported")
    )
