"""What a proposed change alters, worked out from a record's own fields, and how it is
written onto the live record.

A *snapshot* is a record's public content as JSON: its editable fields and, for each
relation named in the model's `reviewed_with`, the snapshots of the rows that belong
to it (a product's photos; an event's participants and action plans, and each plan's
items). A *change* is the difference between two snapshots:

    {"fields": {"name_km": "…"},
     "children": {"photos": {"added": {"91": {…}}, "changed": {"5": {…}}, "removed": ["6"]}}}

The fields come from the models themselves (every editable field, many-to-many ones
included, but the link to the parent), so a field added to a model is reviewed
without anyone listing it here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

Snapshot = dict[str, Any]
Change = dict[str, Any]

EMPTY: Snapshot = {"fields": {}, "children": {}}


def reviewed_relations(model: type[models.Model]) -> tuple[str, ...]:
    """Related names of the rows that are part of a record's reviewed content."""
    return tuple(getattr(model, "reviewed_with", ()))


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields whose values the public may see: everything an editor can edit."""
    return [
        field
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.editable
        and not field.primary_key
    ]


def _parent_link(manager: models.Manager) -> str:
    return manager.field.name


def _value(field: models.Field, record: models.Model) -> Any:
    if field.many_to_many:
        if record.pk is None:
            return []
        return sorted(getattr(record, field.name).values_list("pk", flat=True))
    return field.value_from_object(record)


def encode(field: models.Field, value: Any) -> Any:
    """A field's value as JSON keeps it; `_decode` gives it back."""
    if field.many_to_many:
        return sorted(getattr(each, "pk", each) for each in value)
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or None
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        # One spelling per amount, whatever the source wrote: 12.5 and 12.50 are equal.
        return str(field.to_python(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def field_change(record: models.Model, values: dict[str, Any]) -> Change | None:
    """The change that gives `record` these field values (by name or attribute name)."""
    fields = {}
    for name, value in values.items():
        field = record._meta.get_field(name)
        encoded = encode(field, value)
        if encoded != encode(field, _value(field, record)):
            fields[field.name] = encoded
    return {"fields": fields, "children": {}} if fields else None


def _decode(field: models.Field, value: Any) -> Any:
    if value is None or field.many_to_many or isinstance(field, models.FileField):
        return value
    if field.many_to_one:
        return field.target_field.to_python(value)
    return field.to_python(value)


def snapshot(record: models.Model, parent_link: str | None = None) -> Snapshot:
    """The record's public content as it stands in the database."""
    fields = {
        field.name: encode(field, _value(field, record))
        for field in tracked_fields(type(record))
        if field.name != parent_link
    }
    children = {}
    for relation in reviewed_relations(type(record)):
        manager = getattr(record, relation)
        link = _parent_link(manager)
        children[relation] = {
            str(child.pk): snapshot(child, parent_link=link) for child in manager.all()
        }
    return {"fields": fields, "children": children}


def fingerprint(snap: Snapshot) -> str:
    """A short digest of a snapshot: equal for equal content, whatever the keys' order.

    A page that shows a record's content carries it, so that a decision taken on the
    page can tell whether the record is still as it was shown."""
    text = json.dumps(snap, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def difference(before: Snapshot, after: Snapshot) -> Change | None:
    """What turns `before` into `after`, or None when they are the same."""
    fields = {
        name: value
        for name, value in after["fields"].items()
        if name not in before["fields"] or before["fields"][name] != value
    }
    children: dict[str, Any] = {}
    for relation in sorted(set(before["children"]) | set(after["children"])):
        old, new = before["children"].get(relation, {}), after["children"].get(relation, {})
        added = {pk: difference(EMPTY, new[pk]) or EMPTY for pk in new if pk not in old}
        changed = {
            pk: change
            for pk in new
            if pk in old and (change := difference(old[pk], new[pk])) is not None
        }
        removed = [pk for pk in old if pk not in new]
        if added or changed or removed:
            children[relation] = {"added": added, "changed": changed, "removed": removed}
    if not fields and not children:
        return None
    return {"fields": fields, "children": children}


def base_of(live: Snapshot, change: Change) -> Snapshot:
    """The parts of the live version that `change` alters, as they are now.

    Kept with a proposal, so that approving it later can tell whether the live version
    has changed underneath (an import by a reviewer, say) and would be undone.
    """
    fields = {name: live["fields"].get(name) for name in change.get("fields", {})}
    children: dict[str, Any] = {}
    for relation, rows in change.get("children", {}).items():
        old = live.get("children", {}).get(relation, {})
        kept = {
            pk: base_of(old[pk], row) for pk, row in rows.get("changed", {}).items() if pk in old
        }
        kept.update({pk: old[pk] for pk in rows.get("removed", []) if pk in old})
        if kept:
            children[relation] = kept
    return {"fields": fields, "children": children}


def overtaken(base: Snapshot, live: Snapshot) -> list[str]:
    """The fields and relations whose live values are no longer those in `base`."""
    names = [name for name, value in base["fields"].items() if live["fields"].get(name) != value]
    for relation, rows in base.get("children", {}).items():
        now = live.get("children", {}).get(relation, {})
        if any(pk not in now or overtaken(was, now[pk]) for pk, was in rows.items()):
            names.append(relation)
    return names


def merge(earlier: Change | None, later: Change | None) -> Change | None:
    """One change doing what `earlier` then `later` do (for imports, which change fields
    only, on top of what already waits)."""
    if earlier is None:
        return later
    if later is None:
        return earlier
    return {
        "fields": {**earlier.get("fields", {}), **later.get("fields", {})},
        "children": {**earlier.get("children", {}), **later.get("children", {})},
    }


def apply(
    record: models.Model,
    change: Change,
    *,
    by: AbstractBaseUser | None,
    reason: str = "",
    parent_link: str | None = None,
) -> None:
    """Write `change` onto `record` and the rows that belong to it, with their history."""
    fields = {field.name: field for field in tracked_fields(type(record))}
    many = {}
    for name, value in change.get("fields", {}).items():
        field = fields.get(name)
        if field is None or name == parent_link:
            continue  # a field since removed from the model, or the parent link itself
        if field.many_to_many:
            many[name] = value
        else:
            setattr(record, field.attname, _decode(field, value))
    record._history_user = by
    record._change_reason = reason
    if not record._state.adding:
        # The rows' rules held when the change was proposed; another record may have
        # taken a unique value since (a village's code and Khmer name in its commune).
        record.validate_unique()
        record.validate_constraints()
    if record.pk is not None and record._state.adding:
        # A row added by the change keeps the number it was given when it was proposed,
        # so that the form showing the proposal and the one saving it agree; if that
        # number has been taken since, the row gets a new one.
        if type(record)._default_manager.filter(pk=record.pk).exists():
            record.pk = None
            record.save()
        else:
            record.save(force_insert=True)
    else:
        record.save()
    for name, value in many.items():
        getattr(record, name).set(value)
    for relation, rows in change.get("children", {}).items():
        if relation not in reviewed_relations(type(record)):
            continue
        manager = getattr(record, relation)
        link = _parent_link(manager)
        existing = {str(child.pk): child for child in manager.all()}
        for pk in rows.get("removed", []):
            child = existing.pop(pk, None)
            if child is not None:
                child._history_user = by
                child._change_reason = reason
                child.delete()
        for pk, child_change in rows.get("changed", {}).items():
            if pk in existing:
                apply(existing[pk], child_change, by=by, reason=reason, parent_link=link)
        for pk, child_change in rows.get("added", {}).items():
            child = manager.model(**{link: record})
            child.pk = manager.model._meta.pk.to_python(pk)
            apply(child, child_change, by=by, reason=reason, parent_link=link)
