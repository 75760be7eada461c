"""Writing gazetteer rows into the database, set-based and idempotent.

Every path that brings official lists in (the gazetteer loader, the CSV import in
the admin and on the command line) ends here, so the rules for matching a row to a
record, for placeholders and for flags live in one place. Callers hand over rows
that are already read and checked; these functions compare them with what the
database holds in a few queries and write only the difference, in bulk.

Communes and villages are reviewed records (see the `review` app). A national load
(no `editor`) or an import by someone who may publish them writes the public
version, and what it adds is public. An import by a provincial official proposes:
a change to a public commune or village waits for review while the public keeps the
approved version, and what the file adds waits for review before it is public.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.report import CHANGE_SAMPLE_SIZE, Change
from portal.history import IGNORED_FIELDS, insert_history
from portal.models import slug_for
from provinces.codes import COMMUNE, DISTRICT, PROVINCE
from provinces.models import Commune, District, GazetteerEdition, Province, Village
from review.services import (
    can_publish,
    is_reviewed,
    pending_fields,
    propose_many,
    request_reviews,
    waiting_for_review_note,
)

BATCH_SIZE = 2000


@dataclass(frozen=True)
class DivisionRow:
    """One row of a province, district or commune list."""

    code: str
    name_en: str
    name_km: str
    parent_code: str | None = None
    # A list exported from the portal marks its placeholders; the Ministry's lists carry
    # none, and a division they carry stops being one.
    is_placeholder: bool = False


@dataclass(frozen=True)
class VillageRow:
    """One row of the village list: the village and the commune it names."""

    code: str
    commune_code: str
    name_en: str
    name_km: str


@dataclass(frozen=True)
class Placeholder:
    """A division created because rows named it but no list carried it."""

    level: str
    code: str

    def __str__(self) -> str:
        return f"{self.level} {self.code}"


@dataclass
class SyncResult:
    """What a write did, row by row of the input, with a capped sample of the changes."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    placeholders_created: list[Placeholder] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def note_change(self, change: Change) -> None:
        if len(self.changes) < CHANGE_SAMPLE_SIZE:
            self.changes.append(change)


# Each level's parent: the model, the foreign key's column and the parent code's length.
PARENTS: dict[type[Model], tuple[type[Model], str, int] | None] = {
    Province: None,
    District: (Province, "province_id", PROVINCE.length),
    Commune: (District, "district_id", DISTRICT.length),
    Village: (Commune, "commune_id", COMMUNE.length),
}
LEVEL_NAMES = {Province: "province", District: "district", Commune: "commune"}


def proposes(model: type[Model], editor: AbstractBaseUser | None) -> bool:
    """Whether `editor`'s writes to `model` wait for review instead of going public."""
    return editor is not None and is_reviewed(model) and not can_publish(editor, model)


def publication(model: type[Model], editor: AbstractBaseUser | None) -> dict:
    """The public state of a record that `editor` adds to `model`."""
    if not is_reviewed(model):
        return {}
    if proposes(model, editor):
        return {"live": False}
    return {"live": True, "published_at": timezone.now()}


def placeholder_division(
    model: type[Model], code: str, editor: AbstractBaseUser | None = None
) -> Model:
    """A province, district or commune that rows name but the Ministry's lists lack."""
    level = LEVEL_NAMES[model]
    names = {
        Province: _("Province %(code)s (not in the Ministry's province list)"),
        District: _("District %(code)s (not in the Ministry's district list)"),
        Commune: _("Commune %(code)s (not in the Ministry's commune list)"),
    }
    values = {
        "code": code,
        "name_en": names[model] % {"code": code},
        "name_km": "",
        "slug": slug_for(f"{level}-{code}"),
        "is_placeholder": True,
    }
    parent = PARENTS[model]
    if parent:
        values[parent[1]] = code[: parent[2]]
    return model(**values, **publication(model, editor))


def placeholder_commune(code: str) -> Commune:
    """A commune that villages name but the Ministry's commune list lacks."""
    return placeholder_division(Commune, code)


def missing_divisions(model: type[Model], codes: Iterable[str]) -> set[str]:
    """Those of `codes` that name no province, district or commune in the database."""
    codes = set(codes)
    known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
    return codes - known


def missing_communes(rows: Iterable[VillageRow]) -> set[str]:
    """Codes of the communes the rows name that the database does not hold."""
    return missing_divisions(Commune, {row.commune_code for row in rows})


def create_placeholders(
    model: type[Model], codes: Iterable[str], editor: AbstractBaseUser | None = None
) -> list[Placeholder]:
    """Create the divisions of `codes` that do not exist, and their missing parents, flagged.

    Parents come first, so a commune whose district is missing too gets a placeholder
    district in a placeholder-free province, or a placeholder province as well. A
    placeholder commune an official's import needs waits for review like the rows.
    """
    missing = sorted(missing_divisions(model, codes))
    if not missing:
        return []
    created = []
    parent = PARENTS[model]
    if parent:
        created += create_placeholders(parent[0], {code[: parent[2]] for code in missing}, editor)
    placeholders = [placeholder_division(model, code, editor) for code in missing]
    bulk_create_with_history(placeholders, model, default_user=editor)
    if proposes(model, editor):
        request_reviews(placeholders, by=editor)
    return created + [Placeholder(LEVEL_NAMES[model], code) for code in missing]


def write_with_history(
    model: type[Model], to_create: list[Model], to_update: dict[tuple[str, ...], list[Model]]
) -> None:
    """Bulk-write new and changed records and their audit trail; call inside a transaction.

    Plain bulk writes call no save() and send no signals, so they would leave no
    history; simple-history's bulk helpers write it. Changed records come grouped by
    the fields that changed, which each group's history entries name.
    """
    if to_create:
        created = model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        pks = [record.pk for record in created]
        if None in pks or not insert_history(model, pks, batch_size=BATCH_SIZE):
            # The database did not return the new keys, or the history table has
            # columns this writer does not know: let simple-history do it row by row.
            model.history.bulk_history_create(created, batch_size=BATCH_SIZE)
    for fields, records in to_update.items():
        bulk_update_with_history(
            records,
            model,
            list(fields),
            batch_size=BATCH_SIZE,
            custom_historical_attrs={
                # By field name ("commune", not "commune_id"), as the admin's history says.
                "changed_fields": ", ".join(
                    model._meta.get_field(f).name for f in fields if f not in IGNORED_FIELDS
                )
            },
        )


def sync_divisions(
    model: type[Model],
    rows: Iterable[DivisionRow],
    *,
    create_missing_parents: bool = False,
    editor: AbstractBaseUser | None = None,
) -> SyncResult:
    """Create or update provinces, districts or communes keyed by their code.

    A division that the list now carries stops being a placeholder, unless the row
    marks it as one (a list exported from the portal, imported back). Parents the rows
    name but the database lacks are created as flagged placeholders when
    `create_missing_parents` is set; otherwise the database refuses the rows. Rows
    must have codes of the right shape; the database's constraints refuse anything else.
    What `editor` may not publish is proposed (see the module's docstring).
    """
    rows = list(rows)
    parent = PARENTS[model]
    parent_field = parent[1] if parent else None
    value_fields = ["name_en", "name_km", "is_placeholder"]
    if parent_field:
        value_fields.append(parent_field)
    result = SyncResult()
    with transaction.atomic():
        if parent and create_missing_parents:
            result.placeholders_created = create_placeholders(
                parent[0], {row.parent_code for row in rows}, editor
            )
        # Whole records: the audit trail copies every field of those that change.
        existing = {obj.pk: obj for obj in model.objects.all()}
        to_create, to_update, to_propose = [], defaultdict(list), []
        proposing = proposes(model, editor)
        pending = pending_fields(model) if proposing else {}
        for row in rows:
            # No slug: the lists have no slug column, so an import never rewrites the
            # one a place has (set in the admin, or made from its first name).
            values = {
                "name_en": row.name_en,
                "name_km": row.name_km,
                "is_placeholder": row.is_placeholder,
            }
            if parent_field:
                values[parent_field] = row.parent_code
            current = existing.get(row.code)
            if current is None:
                to_create.append(
                    model(
                        code=row.code,
                        slug=slug_for(row.name_en),
                        **values,
                        **publication(model, editor),
                    )
                )
                result.created += 1
                result.note_change(Change("new", f"{row.code} {row.name_en}"))
                continue
            differences = tuple(
                (name, str(getattr(current, name)), str(value))
                for name, value in values.items()
                if getattr(current, name) != value
                and not (proposing and as_proposed(model, current, name, pending) == value)
            )
            if differences and proposing and current.live:
                to_propose.append((current, values))
                result.updated += 1
                result.note_change(Change("updated", f"{row.code} {row.name_en}", differences))
            elif differences:
                for name, value in values.items():
                    setattr(current, name, value)
                to_update[tuple(name for name, _old, _new in differences)].append(current)
                result.updated += 1
                result.note_change(Change("updated", f"{row.code} {row.name_en}", differences))
            else:
                result.unchanged += 1
        write_with_history(model, to_create, to_update)
        if proposing:
            propose_all(to_propose, to_create, editor, result)
    return result


def as_proposed(model: type[Model], record: object, name: str, pending: dict[str, dict]) -> object:
    """A field of `record` as its open revision proposes it, else as it is live."""
    proposed = pending.get(str(record.pk), {})
    field_name = model._meta.get_field(name).name
    return proposed[field_name] if field_name in proposed else getattr(record, name)


def propose_all(
    changes: list[tuple[Model, dict]],
    created: list[Model],
    editor: AbstractBaseUser | None,
    result: SyncResult,
) -> None:
    """Keep an official's changes to public records as proposals, and put the records
    they added in the review queue; say so in the import's summary."""
    if changes:
        propose_many(type(changes[0][0]), changes, by=editor)
    for part in chunks(created):
        request_reviews(part, by=editor)
    if changes or created:
        result.notes.append(waiting_for_review_note(len(changes), len(created)))


class KnownVillage(NamedTuple):
    """A village as matching and comparing need it (a tuple: there are 14,576)."""

    pk: int
    commune_id: str
    code: str
    name_km: str
    name_en: str
    slug: str
    retired_in_id: int | None


def known_villages() -> list[KnownVillage]:
    """Every village, as much as matching and comparing need, in one query."""
    values = Village.objects.values_list(*KnownVillage._fields).iterator(chunk_size=BATCH_SIZE)
    return list(map(KnownVillage._make, values))


@dataclass
class VillageMatch:
    """Which existing village each row is (None: a new one), and the codes' users after."""

    pks: list[int | None]
    code_users: Counter

    def others_using(self, code: str) -> int:
        """How many other villages will carry `code` once the rows are written."""
        return self.code_users[code] - 1


def match_villages(rows: Sequence[VillageRow], known: Sequence[KnownVillage]) -> VillageMatch:
    """Match each row to the village it is, set-based (see docs/decisions/0001).

    A row is the village with its commune and code wherever that pair names one
    village in the database and one row in the file: a corrected spelling is then the
    same village renamed. Only where a commune's code is shared, in the database or
    the file, does the Khmer name say which village a row is. A row that matches
    nothing so is a village moved to another commune of its district when exactly one
    village of that district has its code and Khmer name, no other row claims it, and
    the file no longer lists it where it was. Anything else is a new village.
    """
    by_pair: dict[tuple[str, str], list[KnownVillage]] = defaultdict(list)
    by_name: dict[tuple[str, str, str], int] = {}
    for village in known:
        by_pair[(village.commune_id, village.code)].append(village)
        by_name[(village.commune_id, village.code, village.name_km)] = village.pk
    in_file = Counter((row.commune_code, row.code) for row in rows)
    pks: list[int | None] = []
    for row in rows:
        pair = (row.commune_code, row.code)
        candidates = by_pair.get(pair, ())
        if in_file[pair] == 1 and len(candidates) == 1:
            pks.append(candidates[0].pk)
        else:
            pks.append(by_name.get((*pair, row.name_km)))

    if known and None in pks:
        _match_moves(rows, known, pks, in_file)

    matched = set(pks)
    users = Counter(village.code for village in known if village.pk not in matched)
    users.update(row.code for row in rows)
    return VillageMatch(pks, users)


def _match_moves(
    rows: Sequence[VillageRow],
    known: Sequence[KnownVillage],
    pks: list[int | None],
    in_file: Counter,
) -> None:
    """Match the unmatched rows that are villages moved within their district, in place."""
    claimed = set(pks)
    movable: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for village in known:
        if village.pk not in claimed and (village.commune_id, village.code) not in in_file:
            key = (village.commune_id[: DISTRICT.length], village.code, village.name_km)
            movable[key].append(village.pk)
    unmatched = Counter(
        (row.commune_code[: DISTRICT.length], row.code, row.name_km)
        for row, pk in zip(rows, pks, strict=True)
        if pk is None
    )
    for index, row in enumerate(rows):
        key = (row.commune_code[: DISTRICT.length], row.code, row.name_km)
        if pks[index] is None and unmatched[key] == 1 and len(movable.get(key, ())) == 1:
            pks[index] = movable[key][0]


SHOWN_AS = {"commune_id": "commune", "retired_in_id": "retired_in"}


@dataclass(frozen=True)
class EditionImport:
    """A whole new edition of the village list, and who brought it."""

    label: str
    user: object = None
    file_name: str = ""
    checksum: str = ""


def sync_villages(
    rows: Iterable[VillageRow],
    *,
    create_missing_communes: bool = False,
    edition: EditionImport | None = None,
    editor: AbstractBaseUser | None = None,
) -> SyncResult:
    """Create or update villages, each matched to the village it is by match_villages.

    Codes are kept exactly as given; what breaks the convention is flagged, not
    refused (see Village). A matched village takes the row's names and commune in
    place, so the history keeps the old ones. Communes the rows name but the database
    lacks are created as flagged placeholders (with their district and province, if
    those are missing too) when `create_missing_communes` is set; otherwise the
    database refuses the rows. Flags of all villages are brought up to date at the end.

    With `edition`, the rows are the Ministry's whole new list: the edition is
    recorded, and the villages, communes and districts of the current edition that
    it no longer lists are marked as retired in it (never deleted); those it lists
    again stop being retired. Without it (a province's update) nothing is retired.
    What `editor` may not publish is proposed (see the module's docstring).
    """
    rows = list(rows)
    result = SyncResult()
    with transaction.atomic():
        if create_missing_communes:
            result.placeholders_created = create_placeholders(
                Commune, {row.commune_code for row in rows}, editor
            )
        proposing = proposes(Village, editor)
        pending = pending_fields(Village) if proposing else {}
        known = known_villages()
        by_pk = {village.pk: village for village in known}
        matching = match_villages(rows, known)
        record = record_edition(edition, len(rows)) if edition else None

        to_create, changes = [], {}
        for row, pk in zip(rows, matching.pks, strict=True):
            # No slug: the list has no slug column, so an import never rewrites the one
            # a village has (set in the admin, or made from its first name).
            values = {
                "commune_id": row.commune_code,
                "name_en": row.name_en,
                "name_km": row.name_km,
            }
            current = by_pk.get(pk)
            if current is None:
                to_create.append(
                    Village(
                        code=row.code,
                        slug=slug_for(row.name_en),
                        **values,
                        **publication(Village, editor),
                    )
                )
                result.created += 1
                result.note_change(Change("new", f"{row.code} {row.name_en}"))
                continue
            if record is not None:
                values["retired_in_id"] = None
            differences = tuple(
                (name, str(getattr(current, name) or ""), str(value or ""))
                for name, value in values.items()
                if getattr(current, name) != value
                and not (proposing and as_proposed(Village, current, name, pending) == value)
            )
            if differences:
                changes[pk] = (values, differences)
                result.updated += 1
                shown = tuple(
                    (SHOWN_AS.get(name, name), old, new) for name, old, new in differences
                )
                result.note_change(Change("updated", f"{row.code} {row.name_en}", shown))
            else:
                result.unchanged += 1

        to_update, to_propose = defaultdict(list), []
        for part in chunks(sorted(changes)):
            for village in Village.objects.filter(pk__in=part):
                values, differences = changes[village.pk]
                if proposing and village.live:
                    to_propose.append((village, values))
                    continue
                for name, value in values.items():
                    setattr(village, name, value)
                to_update[tuple(name for name, _old, _new in differences)].append(village)
        write_with_history(Village, to_create, to_update)
        if record is not None:
            result.notes = retire_absent(record, known, matching.pks, rows)
        if to_create or to_update:
            Village.objects.all().refresh_code_flags()
        if proposing:
            propose_all(to_propose, to_create, editor, result)
    return result


def chunks(values: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def record_edition(edition: EditionImport, villages: int) -> GazetteerEdition:
    user = edition.user if getattr(edition.user, "is_authenticated", False) else None
    return GazetteerEdition.objects.create(
        label=edition.label,
        imported_by=user,
        file_name=edition.file_name[:255],
        checksum=edition.checksum,
        villages=villages,
    )


def retire_absent(
    edition: GazetteerEdition,
    known: Sequence[KnownVillage],
    pks: Sequence[int | None],
    rows: Sequence[VillageRow],
) -> list[str]:
    """Mark what the current edition listed and `edition` does not; say what was marked.

    "Listed" for a commune or district means: one of its villages is. A commune that
    had no village in the current edition (two such in the 2025 list) is left alone.
    """
    listed = {pk for pk in pks if pk is not None}
    villages = [v.pk for v in known if v.retired_in_id is None and v.pk not in listed]
    current = [v for v in known if v.retired_in_id is None]
    communes_before = {v.commune_id for v in current}
    communes_now = {row.commune_code for row in rows}
    districts_before = {code[: DISTRICT.length] for code in communes_before}
    districts_now = {code[: DISTRICT.length] for code in communes_now}
    retired = {
        Village: villages,
        Commune: sorted(communes_before - communes_now),
        District: sorted(districts_before - districts_now),
    }
    reason = str(_("Not in the %(edition)s edition of the Ministry's list.")) % {
        "edition": edition.label
    }
    for model, keys in retired.items():
        for part in chunks(keys):
            model.objects.filter(pk__in=part, retired_in__isnull=True).update(retired_in=edition)
            insert_history(
                model, part, history_type="~", changed_fields="retired_in", reason=reason
            )
    back = str(_("Listed again in the %(edition)s edition of the Ministry's list.")) % {
        "edition": edition.label
    }
    for model, keys in ((Commune, communes_now), (District, districts_now)):
        again = list(
            model.objects.filter(pk__in=keys, retired_in__isnull=False).values_list(
                "pk", flat=True
            )
        )
        if again:
            model.objects.filter(pk__in=again).update(retired_in=None)
            insert_history(
                model, again, history_type="~", changed_fields="retired_in", reason=back
            )
    edition.retired_villages = len(retired[Village])
    edition.retired_communes = len(retired[Commune])
    edition.retired_districts = len(retired[District])
    edition.save(update_fields=["retired_villages", "retired_communes", "retired_districts"])
    return [
        _(
            "%(edition)s recorded: %(villages)s villages, %(communes)s communes and "
            "%(districts)s districts of the previous edition are not in it and are marked "
            "so (nothing is deleted)."
        )
        % {
            "edition": edition,
            "villages": edition.retired_villages,
            "communes": edition.retired_communes,
            "districts": edition.retired_districts,
        }
    ]
