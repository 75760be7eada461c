"""The reviewer's view of a change: the live and the proposed value of each field that
differs, and the rows added, changed or removed with it (photos as thumbnails)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import localize
from django.utils.translation import gettext as _

from review.changes import (
    EMPTY,
    Change,
    Snapshot,
    difference,
    reviewed_relations,
    snapshot,
    tracked_fields,
)
from review.models import Revision


@dataclass
class Value:
    text: str
    image_url: str | None = None


@dataclass
class FieldRow:
    label: str
    live: Value
    proposed: Value


@dataclass
class Row:
    kind: str  # "added", "changed" or "removed"
    label: str
    fields: list[FieldRow]
    sections: list[Section] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return {"added": _("added"), "changed": _("changed"), "removed": _("removed")}[self.kind]


@dataclass
class Section:
    title: str
    rows: list[Row]


@dataclass
class Comparison:
    is_new: bool
    fields: list[FieldRow]
    sections: list[Section]

    @property
    def is_empty(self) -> bool:
        return not self.fields and not self.sections


def _thumbnail(model: type[models.Model], name: str) -> str | None:
    spec = getattr(model(**{"image": name}), "thumbnail", None) if name else None
    try:
        return spec.url if spec is not None else None
    except (OSError, ValueError):
        return None  # the file is missing: the text says which it was


def display(model: type[models.Model], model_field: models.Field, value: Any) -> Value:
    """A stored value as an official reads it."""
    if value is None or value == "" or value == []:
        return Value("—")
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value)
        return Value(", ".join(str(each) for each in related))
    if model_field.many_to_one:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return Value(str(related) if related else _("(removed) %(pk)s") % {"pk": value})
    if isinstance(model_field, models.ImageField):
        return Value(value.rsplit("/", 1)[-1], _thumbnail(model, value))
    if model_field.choices:
        return Value(str(dict(model_field.flatchoices).get(value, value)))
    if isinstance(value, bool):
        return Value(_("yes") if value else _("no"))
    return Value(str(localize(model_field.to_python(value))))


def _field_rows(
    model: type[models.Model], before: dict[str, Any], after: dict[str, Any], names
) -> list[FieldRow]:
    by_name = {each.name: each for each in tracked_fields(model)}
    return [
        FieldRow(
            str(by_name[name].verbose_name),
            display(model, by_name[name], before.get(name)),
            display(model, by_name[name], after.get(name)),
        )
        for name in names
        if name in by_name
    ]


def _label(snap: Snapshot) -> str:
    fields = snap.get("fields", {})
    for name in ("name_en", "title_en", "name", "description_en", "alt_text_en"):
        if fields.get(name):
            return str(fields[name])
    return ""


def _sections(model: type[models.Model], before: Snapshot, change: Change) -> list[Section]:
    sections = []
    for relation, rows in change.get("children", {}).items():
        if relation not in reviewed_relations(model):
            continue
        related = getattr(model, relation).rel.related_model
        old = before.get("children", {}).get(relation, {})
        listed = []
        for added in rows.get("added", {}).values():
            fields = added.get("fields", {})
            listed.append(
                Row(
                    "added",
                    _label(added),
                    _field_rows(related, {}, fields, fields),
                    _sections(related, EMPTY, added),
                )
            )
        for pk, changed in rows.get("changed", {}).items():
            was = old.get(pk, EMPTY)
            fields = changed.get("fields", {})
            listed.append(
                Row(
                    "changed",
                    _label(was),
                    _field_rows(related, was.get("fields", {}), fields, fields),
                    _sections(related, was, changed),
                )
            )
        for pk in rows.get("removed", []):
            was = old.get(pk, EMPTY)
            fields = was.get("fields", {})
            listed.append(Row("removed", _label(was), _field_rows(related, fields, {}, fields)))
        if listed:
            sections.append(Section(str(related._meta.verbose_name_plural), listed))
    return sections


def compare(record: models.Model, revision: Revision) -> Comparison:
    """What approving `revision` would change on the public site."""
    live = snapshot(record)
    model = type(record)
    if revision.changes is None:
        # Not public yet: everything it holds would appear.
        whole = difference(EMPTY, live) or EMPTY
        fields = whole["fields"]
        return Comparison(
            True, _field_rows(model, {}, fields, fields), _sections(model, EMPTY, whole)
        )
    fields = revision.changes.get("fields", {})
    return Comparison(
        False,
        _field_rows(model, live["fields"], fields, fields),
        _sections(model, live, revision.changes),
    )
