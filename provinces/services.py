"""Writing gazetteer rows into the database, set-based and idempotent.

Every path that brings official lists in (the gazetteer loader, the CSV import in
the admin and on the command line) ends here, so the rules for matching a row to a
record, for placeholders and for flags live in one place. Callers hand over rows
that are already read and checked; these functions compare them with what the
database holds in a few queries and write only the difference, in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from portal.models import slug_for
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


@dataclass
class SyncResult:
    """What a write did, row by row of the input."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    placeholders_created: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


_PARENT_FIELD = {Province: None, District: "province_id", Commune: "district_id"}


def sync_divisions(model: type[Model], rows: Iterable[DivisionRow]) -> SyncResult:
    """Create or update provinces, districts or communes keyed by their code.

    A commune that the list now carries stops being a placeholder. Rows must have
    codes of the right shape whose parents exist; the database's constraints refuse
    anything else.
    """
    parent_field = _PARENT_FIELD[model]
    value_fields = ["name_en", "name_km", "slug"] + ([parent_field] if parent_field else [])
    if model is Commune:
        value_fields.append("is_placeholder")
    existing = {obj.pk: obj for obj in model.objects.only("code", *value_fields)}
    result = SyncResult()
    to_create, to_update = [], []
    for row in rows:
        values = {
            "name_en": row.name_en,
            "name_km": row.name_km,
            "slug": slug_for(row.name_en),
        }
        if parent_field:
            values[parent_field] = row.parent_code
        if model is Commune:
            values["is_placeholder"] = False
        current = existing.get(row.code)
        if current is None:
            to_create.append(model(code=row.code, **values))
            result.created += 1
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            to_update.append(current)
            result.updated += 1
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    model.objects.bulk_update(to_update, value_fields, batch_size=BATCH_SIZE)
    return result


def placeholder_commune(code: str) -> Commune:
    """A commune that villages name but the Ministry's commune list lacks."""
    name = _("Commune %(code)s (not in the Ministry's commune list)") % {"code": code}
    return Commune(
        code=code,
        district_id=code[:4],
        name_en=name,
        name_km="",
        slug=slug_for(f"commune-{code}"),
        is_placeholder=True,
    )


def missing_communes(rows: Iterable[VillageRow]) -> set[str]:
    """Codes of the communes the rows name that the database does not hold."""
    named = {row.commune_code for row in rows}
    known = set(Commune.objects.filter(code__in=named).values_list("code", flat=True))
    return named - known


def sync_villages(
    rows: Iterable[VillageRow], *, create_missing_communes: bool = False
) -> SyncResult:
    """Create or update villages, matched on (commune, code, Khmer name).

    Codes are kept exactly as given; what breaks the convention is flagged, not
    refused (see Village). Communes the rows name but the database lacks are created
    as flagged placeholders when `create_missing_communes` is set; otherwise the
    database refuses the rows. Flags of all villages are brought up to date at the end.
    """
    rows = list(rows)
    result = SyncResult()
    with transaction.atomic():
        if create_missing_communes:
            missing = sorted(missing_communes(rows))
            Commune.objects.bulk_create([placeholder_commune(code) for code in missing])
            result.placeholders_created = missing

        existing = {
            (commune_id, code, name_km): (pk, name_en, slug)
            for pk, commune_id, code, name_km, name_en, slug in Village.objects.values_list(
                "pk", "commune_id", "code", "name_km", "name_en", "slug"
            ).iterator(chunk_size=BATCH_SIZE)
        }
        to_create, to_update = [], []
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
            elif current[1:] != (row.name_en, slug):
                to_update.append(Village(pk=current[0], name_en=row.name_en, slug=slug))
                result.updated += 1
            else:
                result.unchanged += 1
        Village.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Village.objects.bulk_update(to_update, ["name_en", "slug"], batch_size=BATCH_SIZE)
        if to_create or to_update:
            Village.objects.all().refresh_code_flags()
    return result
