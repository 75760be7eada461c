"""Writing gazetteer rows into the database, set-based and idempotent.

Every path that brings official lists in (the gazetteer loader, the CSV import in
the admin and on the command line) ends here, so the rules for matching a row to a
record, for placeholders and for flags live in one place. Callers hand over rows
that are already read and checked; these functions compare them with what the
database holds in a few queries and write only the difference, in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.report import CHANGE_SAMPLE_SIZE, Change
from portal.history import IGNORED_FIELDS
from portal.models import slug_for
from provinces.codes import COMMUNE, DISTRICT, PROVINCE
from provinces.models import Commune, District, Province, Village

BATCH_SIZE = 2000


@dataclass(frozen=True)
class DivisionRow:
    """One row of a province, district or commune list."""

    code: str
    name_en: str
    name_km: str
    parent_code: str | None = None


@dataclass(frozen=True)
class VillageRow:
    """One row of the village list: the village and the commune it names."""

    code: str
    commune_code: str
    name_en: str
    name_km: str

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.commune_code, self.code, self.name_km)


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


def placeholder_division(model: type[Model], code: str) -> Model:
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
    return model(**values)


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


def create_placeholders(model: type[Model], codes: Iterable[str]) -> list[Placeholder]:
    """Create the divisions of `codes` that do not exist, and their missing parents, flagged.

    Parents come first, so a commune whose district is missing too gets a placeholder
    district in a placeholder-free province, or a placeholder province as well.
    """
    missing = sorted(missing_divisions(model, codes))
    if not missing:
        return []
    created = []
    parent = PARENTS[model]
    if parent:
        created += create_placeholders(parent[0], {code[: parent[2]] for code in missing})
    bulk_create_with_history([placeholder_division(model, code) for code in missing], model)
    return created + [Placeholder(LEVEL_NAMES[model], code) for code in missing]


HISTORY_COLUMNS = {
    "history_id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_change_reason",
    "changed_fields",
}


def insert_creation_history(model: type[Model], pks: list) -> bool:
    """Write the "created" history entries of records just inserted, set-based.

    One INSERT ... SELECT per batch copies the new rows into the history table, the
    same entries simple-history's bulk helper makes but without building a Python
    object and sending two signals per row, which made the national village import
    three times slower. Returns False, writing nothing, if the history table has a
    column this does not fill.
    """
    history = model.history.model
    tracked = [field.column for field in model._meta.concrete_fields]
    history_columns = {field.column for field in history._meta.concrete_fields}
    if history_columns != set(tracked) | HISTORY_COLUMNS:
        return False
    user = history.get_default_history_user(model(pk=pks[0]))
    qn = connection.ops.quote_name
    columns = ", ".join(qn(column) for column in tracked)
    date = connection.ops.adapt_datetimefield_value(timezone.now())
    max_params = connection.features.max_query_params or 10_000
    size = min(BATCH_SIZE, max_params - 4)
    extra = "history_date, history_type, history_user_id, history_change_reason, changed_fields"
    source = qn(model._meta.db_table)
    # Table and column names come from the models; every value is a query parameter.
    with connection.cursor() as cursor:
        for start in range(0, len(pks), size):
            batch = pks[start : start + size]
            marks = ", ".join(["%s"] * len(batch))
            insert = f"INSERT INTO {qn(history._meta.db_table)} ({columns}, {extra})"
            select = f"SELECT {columns}, %s, %s, %s, NULL, %s FROM {source}"  # noqa: S608
            where = f"WHERE {qn(model._meta.pk.column)} IN ({marks})"
            cursor.execute(
                f"{insert} {select} {where}", [date, "+", user.pk if user else None, "", *batch]
            )
    return True


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
        if None in pks or not insert_creation_history(model, pks):
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
                "changed_fields": ", ".join(f for f in fields if f not in IGNORED_FIELDS)
            },
        )


def sync_divisions(
    model: type[Model], rows: Iterable[DivisionRow], *, create_missing_parents: bool = False
) -> SyncResult:
    """Create or update provinces, districts or communes keyed by their code.

    A division that the list now carries stops being a placeholder. Parents the rows
    name but the database lacks are created as flagged placeholders when
    `create_missing_parents` is set; otherwise the database refuses the rows. Rows
    must have codes of the right shape; the database's constraints refuse anything else.
    """
    rows = list(rows)
    parent = PARENTS[model]
    parent_field = parent[1] if parent else None
    value_fields = ["name_en", "name_km", "slug", "is_placeholder"]
    if parent_field:
        value_fields.append(parent_field)
    result = SyncResult()
    with transaction.atomic():
        if parent and create_missing_parents:
            result.placeholders_created = create_placeholders(
                parent[0], {row.parent_code for row in rows}
            )
        # Whole records: the audit trail copies every field of those that change.
        existing = {obj.pk: obj for obj in model.objects.all()}
        to_create, to_update = [], defaultdict(list)
        for row in rows:
            values = {
                "name_en": row.name_en,
                "name_km": row.name_km,
                "slug": slug_for(row.name_en),
                "is_placeholder": False,
            }
            if parent_field:
                values[parent_field] = row.parent_code
            current = existing.get(row.code)
            if current is None:
                to_create.append(model(code=row.code, **values))
                result.created += 1
                result.note_change(Change("new", f"{row.code} {row.name_en}"))
                continue
            differences = tuple(
                (name, str(getattr(current, name)), str(value))
                for name, value in values.items()
                if getattr(current, name) != value
            )
            if differences:
                for name, value in values.items():
                    setattr(current, name, value)
                to_update[tuple(name for name, _old, _new in differences)].append(current)
                result.updated += 1
                result.note_change(Change("updated", f"{row.code} {row.name_en}", differences))
            else:
                result.unchanged += 1
        write_with_history(model, to_create, to_update)
    return result


def sync_villages(
    rows: Iterable[VillageRow], *, create_missing_communes: bool = False
) -> SyncResult:
    """Create or update villages, matched on (commune, code, Khmer name).

    Codes are kept exactly as given; what breaks the convention is flagged, not
    refused (see Village). Communes the rows name but the database lacks are created
    as flagged placeholders (with their district and province, if those are missing
    too) when `create_missing_communes` is set; otherwise the database refuses the
    rows. Flags of all villages are brought up to date at the end.
    """
    rows = list(rows)
    result = SyncResult()
    with transaction.atomic():
        if create_missing_communes:
            result.placeholders_created = create_placeholders(
                Commune, {row.commune_code for row in rows}
            )

        existing = {
            (commune_id, code, name_km): (pk, name_en, slug)
            for pk, commune_id, code, name_km, name_en, slug in Village.objects.values_list(
                "pk", "commune_id", "code", "name_km", "name_en", "slug"
            ).iterator(chunk_size=BATCH_SIZE)
        }
        to_create, new_names = [], {}
        for row in rows:
            slug = slug_for(row.name_en)
            current = existing.get(row.identity)
            if current is None:
                to_create.append(
                    Village(
                        code=row.code,
                        commune_id=row.commune_code,
                        name_en=row.name_en,
                        name_km=row.name_km,
                        slug=slug,
                    )
                )
                result.created += 1
                result.note_change(Change("new", f"{row.code} {row.name_en}"))
            elif current[1:] != (row.name_en, slug):
                new_names[current[0]] = (row.name_en, slug)
                result.updated += 1
                result.note_change(
                    Change(
                        "updated",
                        f"{row.code} {row.name_en}",
                        (("name_en", current[1], row.name_en),),
                    )
                )
            else:
                result.unchanged += 1
        to_update = defaultdict(list)
        for village in Village.objects.in_bulk(new_names).values():
            name_en, slug = new_names[village.pk]
            changed = tuple(
                name
                for name, value in (("name_en", name_en), ("slug", slug))
                if getattr(village, name) != value
            )
            village.name_en, village.slug = name_en, slug
            to_update[changed].append(village)
        write_with_history(Village, to_create, to_update)
        if to_create or to_update:
            Village.objects.all().refresh_code_flags()
    return result
