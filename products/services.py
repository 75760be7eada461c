"""Writing producer and product rows into the database, set-based and idempotent.

Rows come checked (by products.resources) with their foreign keys resolved. A row
with a primary key updates that record; a row without one is matched on its natural
key (a producer: its English name in its village; a product: its English name for
its producer) and otherwise created. A row sets only the fields it has (a file's
left-out columns are kept); a slug is made from the English name for a new record
without one and never rewritten unless the row gives it. Only the difference is
written, in bulk, with its audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from imports.report import Change
from portal.models import slug_for
from products.models import Producer, Product
from provinces.services import SyncResult, write_with_history
from review.services import (
    can_publish,
    propose_many,
    request_reviews,
    waiting_for_review_note,
)

PRODUCER_FIELDS = [
    "name_en",
    "name_km",
    "slug",
    "kind",
    "village_id",
    "description_en",
    "description_km",
    "contact_person",
    "phone",
    "email",
    "website",
]
PRODUCT_FIELDS = [
    "name_en",
    "name_km",
    "slug",
    "category_id",
    "producer_id",
    "description_en",
    "description_km",
    "unit",
    "price_min",
    "price_max",
    "price_currency",
    "season_en",
    "season_km",
]


def chunks(values: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    # SQLite limits the parameters of one statement; PostgreSQL does not mind.
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _sync(
    model: type[Model],
    rows: list[dict[str, Any]],
    fields: list[str],
    natural_key: tuple[str, str],
    create_fields: Sequence[str] = (),
    editor: AbstractBaseUser | None = None,
) -> SyncResult:
    """Create or update `model` records from rows of field values (and perhaps "pk").

    New records are not public: they wait for review as they stand. A change to a
    public record is written at once when the import is a national load (no `editor`)
    or the `editor` may publish; otherwise it is proposed, and the public keeps seeing
    the approved version until a reviewer approves it (see review.services).
    """
    result = SyncResult()
    pks = [row["pk"] for row in rows if row.get("pk")]
    scope_field, name_field = natural_key
    scopes = sorted({row[scope_field] for row in rows if not row.get("pk")})
    slug_length = model._meta.get_field("slug").max_length
    existing: dict[Any, Model] = {}
    by_key: dict[tuple[Any, str], Model] = {}
    # Whole records: the audit trail copies every field of those that change.
    for part in chunks(pks):
        existing.update((obj.pk, obj) for obj in model.objects.filter(pk__in=part))
    for part in chunks(scopes):
        for obj in model.objects.filter(**{f"{scope_field}__in": part}):
            by_key[(getattr(obj, scope_field), getattr(obj, name_field))] = obj
    to_create, to_update, to_propose = [], defaultdict(list), []
    proposing = editor is not None and not can_publish(editor, model)
    stamped = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    now = timezone.now()
    with transaction.atomic():
        for row in rows:
            values = {name: row[name] for name in fields if name in row}
            if "slug" in values and not values["slug"]:
                values["slug"] = slug_for(values["name_en"], slug_length)
            current = (
                existing.get(row["pk"])
                if row.get("pk")
                else by_key.get((row[scope_field], row[name_field]))
            )
            label = values["name_en"]
            if current is None:
                creation = {name: row[name] for name in create_fields}
                values.setdefault("slug", slug_for(values["name_en"], slug_length))
                to_create.append(model(**creation, **values))
                result.created += 1
                result.note_change(Change("new", label))
                continue
            differences = tuple(
                (name, str(getattr(current, name) or ""), str(value or ""))
                for name, value in values.items()
                if getattr(current, name) != value
            )
            if differences and proposing and current.live:
                to_propose.append((current, values))
                result.updated += 1
                result.note_change(Change("updated", label, differences))
                continue
            if differences:
                for name, value in values.items():
                    setattr(current, name, value)
                changed = tuple(name for name, _before, _after in differences)
                if stamped:
                    # Bulk updates skip auto_now; the record did change now.
                    current.updated_at = now
                    changed += ("updated_at",)
                to_update[changed].append(current)
                result.updated += 1
                result.note_change(Change("updated", label, differences))
            else:
                result.unchanged += 1
        if hasattr(model, "update_search_text"):
            # Bulk writes call no save(): the derived search text is set here.
            for record in to_create:
                record.update_search_text()
            for records in to_update.values():
                for record in records:
                    record.update_search_text()
            to_update = {(*changed, "search_text"): group for changed, group in to_update.items()}
        write_with_history(model, to_create, to_update)
        if to_propose:
            propose_many(model, to_propose, by=editor)
        for part in chunks(to_create):
            request_reviews(list(part), by=editor)
    if to_propose or to_create:
        result.notes.append(waiting_for_review_note(len(to_propose), len(to_create)))
    return result


def sync_producers(
    rows: list[dict[str, Any]], *, editor: AbstractBaseUser | None = None
) -> SyncResult:
    """Create or update producers; see the module's docstring for the matching."""
    return _sync(Producer, rows, PRODUCER_FIELDS, ("village_id", "name_en"), editor=editor)


def sync_products(
    rows: list[dict[str, Any]], *, editor: AbstractBaseUser | None = None
) -> SyncResult:
    """Create or update products; new ones wait for review until someone publishes them."""
    # A new product comes from its producer's village; an existing one keeps its own.
    return _sync(Product, rows, PRODUCT_FIELDS, ("producer_id", "name_en"), ["village_id"], editor)
