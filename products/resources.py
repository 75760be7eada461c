"""Import and export of producers and products in the portal's own templates.

Each template is documented on the admin's import page and downloadable from it.
A row names its village by the village's official code (`village_code`), with the
Khmer name (`village_kh`) needed only where several villages share the code. `id`
is the portal's own number of a record, as in an export: with it a row updates that
record; without it a row is matched on its English name (in its village for a
producer, for its producer for a product) and otherwise creates a new record.
Every other column sets the model field of its name, with the rules of the admin's
form field for it (portal.fields.form_field_for). A column the file leaves out leaves
its field as it is; an empty cell clears the field where the admin allows it empty
and is an error where it does not. `slug` is written only by a file that has the
column (empty: made from the English name). Exports are built from the same columns,
so an export imports back unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.definitions import (
    Column,
    ImportDefinition,
    ImportOptions,
    Problems,
    model_column,
    register,
)
from imports.reading import Row
from imports.resources import resource_for
from products.models import Category, Producer, Product
from products.services import chunks, sync_producers, sync_products
from provinces.models import Village
from provinces.services import SyncResult

ID = re.compile(r"[0-9]{1,18}")

VILLAGE_COLUMNS = (
    Column(
        "village_code",
        gettext_lazy("the official code of the producer's village, e.g. 21040101"),
        export="village__code",
    ),
    Column(
        "village_kh",
        gettext_lazy("the village's Khmer name; needed only when several villages share the code"),
        required=False,
        optional_column=True,
        export="village__name_km",
    ),
    Column(
        "village_id",
        gettext_lazy(
            "the portal's number of the village, as in an export; needed only when villages "
            "share both code and Khmer name"
        ),
        required=False,
        optional_column=True,
        export="village_id",
    ),
)
ID_COLUMN = Column(
    "id",
    gettext_lazy(
        "the portal's number of an existing record, as in an export; empty for a new one"
    ),
    required=False,
    optional_column=True,
    export="id",
)
SLUG_HELP = gettext_lazy(
    "the last part of the record's public address; empty: made from the English name. "
    "Leave the column out to keep the slugs as they are."
)


def slug_column(model) -> Column:
    # Not required: an empty slug is made from the English name, as in the admin.
    return replace(model_column(model, "slug", SLUG_HELP), required=False)


def without_thousands_separators(value: str) -> str:
    """12,000.50 as spreadsheets write a price with thousands separators."""
    return value.replace(",", "")


class VillageLookup:
    """Resolve rows' (village_code, village_kh, village_id) to villages, in a few queries.

    Villages of two provinces may share code and Khmer name; `village_id`, the
    portal's own number, then says which, so one province's village never blocks
    rows naming another's.
    """

    def __init__(self, rows: Sequence[Row]) -> None:
        codes = sorted({row["village_code"] for row in rows if row["village_code"]})
        self.by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for part in chunks(codes):
            for village in Village.objects.filter(code__in=part).values(
                "pk", "code", "name_km", "commune_id", "commune__district__province_id"
            ):
                self.by_code[village["code"]].append(village)

    def resolve(self, row: Row, problems: Problems) -> dict[str, Any] | None:
        code, name_km = row["village_code"], row["village_kh"]
        candidates = self.by_code.get(code, [])
        if name_km:
            candidates = [village for village in candidates if village["name_km"] == name_km]
        if row["village_id"]:
            chosen = [v for v in candidates if str(v["pk"]) == row["village_id"]]
            if not chosen:
                problems.error(
                    row,
                    "village_id",
                    _("no village with code %(code)s has id %(id)s.")
                    % {"code": code, "id": row["village_id"]},
                )
                return None
            return chosen[0]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            problems.error(
                row,
                "village_code",
                _("no village has code %(code)s%(name)s; check it against the village list.")
                % {"code": code, "name": f" and Khmer name {name_km}" if name_km else ""},
            )
        elif name_km:
            problems.error(
                row,
                "village_id",
                _(
                    "%(count)s villages share code %(code)s and Khmer name %(name)s (ids "
                    "%(ids)s); give the village's id in village_id to say which."
                )
                % {
                    "count": len(candidates),
                    "code": code,
                    "name": name_km,
                    "ids": ", ".join(str(v["pk"]) for v in candidates),
                },
            )
        else:
            problems.error(
                row,
                "village_kh",
                _(
                    "%(count)s villages share code %(code)s (%(names)s); give the village's "
                    "Khmer name in village_kh to say which."
                )
                % {
                    "count": len(candidates),
                    "code": code,
                    "names": ", ".join(v["name_km"] for v in candidates),
                },
            )
        return None


class PortalImport(ImportDefinition):
    """What producers and products share: ids, villages, scope, natural-key duplicates."""

    def check_id(self, row: Row, problems: Problems, existing: dict[int, Any]) -> int | None:
        raw = row["id"]
        if not raw:
            return None
        if not ID.fullmatch(raw):
            problems.error(row, "id", _("%(value)s is not a record number.") % {"value": raw})
            return None
        pk = int(raw)
        if pk not in existing:
            problems.error(
                row,
                "id",
                _("no %(model)s has id %(id)s; leave id empty to create a new one.")
                % {"model": self.model._meta.verbose_name, "id": pk},
            )
            return None
        return pk

    def existing_ids(self, rows: Sequence[Row]) -> dict[int, Any]:
        ids = sorted({int(row["id"]) for row in rows if ID.fullmatch(row["id"] or "")})
        found = {}
        for part in chunks(ids):
            found.update(
                self.model.objects.filter(pk__in=part).values_list(
                    "pk", "village__commune__district__province_id"
                )
            )
        return found

    def check_scope(
        self, row: Row, province: str | None, options: ImportOptions, problems: Problems
    ) -> bool:
        if options.provinces is None or province in options.provinces:
            return True
        problems.error(
            row,
            "village_code",
            _("the village lies in province %(code)s, which is not one of yours.")
            % {"code": province},
        )
        return False

    def check_once(
        self, row: Row, key: tuple, seen: dict[tuple, int], problems: Problems, what: str
    ) -> bool:
        if key in seen:
            problems.error(
                row,
                None,
                _("%(what)s is already on line %(line)s.") % {"what": what, "line": seen[key]},
            )
            return False
        seen[key] = row.line
        return True


class ProducerImport(PortalImport):
    name = "producers"
    model = Producer
    description = gettext_lazy(
        "Producers (households, groups, cooperatives, enterprises) and the village each works in."
    )
    columns = (
        ID_COLUMN,
        model_column(
            Producer,
            "name_en",
            gettext_lazy("the producer's name in English"),
            optional_column=False,
        ),
        model_column(Producer, "name_km", gettext_lazy("the producer's name in Khmer")),
        slug_column(Producer),
        model_column(
            Producer,
            "kind",
            gettext_lazy("household, group, cooperative or enterprise"),
            optional_column=False,
        ),
        *VILLAGE_COLUMNS,
        model_column(
            Producer, "description_en", gettext_lazy("what the producer does, in English")
        ),
        model_column(Producer, "description_km", gettext_lazy("what the producer does, in Khmer")),
        model_column(Producer, "contact_person", gettext_lazy("who to contact")),
        model_column(Producer, "phone", gettext_lazy("a phone number")),
        model_column(Producer, "email", gettext_lazy("an email address")),
        model_column(
            Producer,
            "website",
            gettext_lazy("a web address; without a scheme it is taken to be https://"),
        ),
    )
    example = (
        {
            "id": "",
            "name_en": "Kirivong Silk Weavers",
            "name_km": "ក្រុមតម្បាញសូត្រគីរីវង់",
            "slug": "",
            "kind": "group",
            "village_code": "21040101",
            "village_kh": "",
            "village_id": "",
            "description_en": "Hand-woven silk scarves.",
            "description_km": "",
            "contact_person": "",
            "phone": "",
            "email": "",
            "website": "",
        },
    )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[dict[str, Any]]:
        villages = VillageLookup(rows)
        existing = self.existing_ids(rows)
        seen: dict[tuple, int] = {}
        records = []
        for row in rows:
            pk = self.check_id(row, problems, existing)
            values = self.clean_fields(row, options, problems)
            village = villages.resolve(row, problems) if row["village_code"] else None
            if village is None or values is None or (row["id"] and pk is None):
                continue
            province = village["commune__district__province_id"]
            if not self.check_scope(row, province, options, problems):
                continue
            if pk and not self.check_scope(row, existing[pk], options, problems):
                continue
            key = ("id", pk) if pk else (village["pk"], values["name_en"])
            what = _("the same producer")
            if not self.check_once(row, key, seen, problems, what):
                continue
            records.append({"pk": pk, "village_id": village["pk"], **values})
        return records

    def write(self, records: list[dict[str, Any]], options: ImportOptions) -> SyncResult:
        return sync_producers(records, editor=options.editor)


class ProductImport(PortalImport):
    name = "products"
    model = Product
    description = gettext_lazy(
        "Products and who makes them. New products wait for review until a reviewer "
        "publishes them."
    )
    columns = (
        ID_COLUMN,
        model_column(
            Product,
            "name_en",
            gettext_lazy("the product's name in English"),
            optional_column=False,
        ),
        model_column(Product, "name_km", gettext_lazy("the product's name in Khmer")),
        slug_column(Product),
        Column(
            "category",
            gettext_lazy("the category's short name (slug) or English name"),
            export="category__slug",
        ),
        Column(
            "producer",
            gettext_lazy("the producer's English name, exactly as in the portal"),
            max_length=Producer._meta.get_field("name_en").max_length,
            export="producer__name_en",
        ),
        replace(VILLAGE_COLUMNS[0], export="producer__village__code"),
        replace(VILLAGE_COLUMNS[1], export="producer__village__name_km"),
        replace(VILLAGE_COLUMNS[2], export="producer__village_id"),
        model_column(Product, "description_en", gettext_lazy("the description in English")),
        model_column(Product, "description_km", gettext_lazy("the description in Khmer")),
        model_column(Product, "unit", gettext_lazy("what a price is for, e.g. kg, bottle")),
        model_column(
            Product,
            "price_min",
            gettext_lazy("the lowest price, e.g. 2.50"),
            prepare=without_thousands_separators,
        ),
        model_column(
            Product,
            "price_max",
            gettext_lazy("the highest price, e.g. 4.00"),
            prepare=without_thousands_separators,
        ),
        model_column(
            Product,
            "price_currency",
            gettext_lazy("USD or KHR; leave the column out for USD"),
        ),
        model_column(Product, "season_en", gettext_lazy("when it is available, in English")),
        model_column(Product, "season_km", gettext_lazy("when it is available, in Khmer")),
    )
    example = (
        {
            "id": "",
            "name_en": "Silk scarf",
            "name_km": "ក្រម៉ាសូត្រ",
            "slug": "",
            "category": "textiles",
            "producer": "Kirivong Silk Weavers",
            "village_code": "21040101",
            "village_kh": "",
            "village_id": "",
            "description_en": "Hand-woven silk scarf, natural dyes.",
            "description_km": "",
            "unit": "piece",
            "price_min": "12.00",
            "price_max": "25.00",
            "price_currency": "USD",
            "season_en": "All year",
            "season_km": "",
        },
    )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[dict[str, Any]]:
        villages = VillageLookup(rows)
        existing = self.existing_ids(rows)
        categories = {}
        for pk, slug, name_en in Category.objects.values_list("pk", "slug", "name_en"):
            categories[slug.casefold()] = pk
            categories.setdefault(name_en.casefold(), pk)
        resolved = [
            (row, villages.resolve(row, problems) if row["village_code"] else None) for row in rows
        ]
        village_ids = sorted({village["pk"] for _row, village in resolved if village})
        producers = {}
        for part in chunks(village_ids):
            for pk, village_id, name_en in Producer.objects.filter(
                village_id__in=part
            ).values_list("pk", "village_id", "name_en"):
                producers[(village_id, name_en)] = pk
        current_prices = self.current_prices(existing, set(producers.values()))
        seen: dict[tuple, int] = {}
        records = []
        for row, village in resolved:
            pk = self.check_id(row, problems, existing)
            values = self.clean_fields(row, options, problems)
            category = categories.get(row["category"].casefold()) if row["category"] else None
            if row["category"] and category is None:
                problems.error(
                    row,
                    "category",
                    _("no category is called %(value)s; use one of the portal's categories.")
                    % {"value": row["category"]},
                )
            producer = None
            if village and row["producer"]:
                producer = producers.get((village["pk"], row["producer"]))
                if producer is None:
                    problems.error(
                        row,
                        "producer",
                        _(
                            "no producer called %(name)s works in village %(code)s; import "
                            "or add the producer first."
                        )
                        % {"name": row["producer"], "code": row["village_code"]},
                    )
            if None in (village, producer, category, values) or (row["id"] and pk is None):
                continue
            key = ("id", pk) if pk else (producer, values["name_en"])
            if not self.check_price_range(row, values, current_prices.get(key), problems):
                continue
            if not self.check_scope(
                row, village["commune__district__province_id"], options, problems
            ):
                continue
            if pk and not self.check_scope(row, existing[pk], options, problems):
                continue
            if not self.check_once(row, key, seen, problems, _("the same product")):
                continue
            records.append(
                {
                    "pk": pk,
                    "category_id": category,
                    "producer_id": producer,
                    "village_id": village["pk"],
                    **values,
                }
            )
        return records

    def current_prices(
        self, existing: dict[int, Any], producer_ids: set[int]
    ) -> dict[tuple, tuple[Any, Any]]:
        """The prices of the products the rows may update, by id and by natural key: a file
        that gives one end of the range is checked against the other end as stored."""
        prices: dict[tuple, tuple[Any, Any]] = {}
        for field, keys in (("pk", sorted(existing)), ("producer_id", sorted(producer_ids))):
            for part in chunks(keys):
                for pk, producer_id, name_en, low, high in Product.objects.filter(
                    **{f"{field}__in": part}
                ).values_list("pk", "producer_id", "name_en", "price_min", "price_max"):
                    prices[("id", pk)] = prices[(producer_id, name_en)] = (low, high)
        return prices

    def check_price_range(
        self, row: Row, values: dict[str, Any], current: tuple[Any, Any] | None, problems: Problems
    ) -> bool:
        """The model's own rule on the range, with the stored end where the file has none."""
        low, high = current or (None, None)
        product = Product(
            price_min=values.get("price_min", low), price_max=values.get("price_max", high)
        )
        try:
            product.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = field if field in values else "price_min"
                for message in messages:
                    problems.error(row, column, message)
            return False
        return True

    def write(self, records: list[dict[str, Any]], options: ImportOptions) -> SyncResult:
        return sync_products(records, editor=options.editor)


PRODUCER_IMPORT = register(ProducerImport())
PRODUCT_IMPORT = register(ProductImport())

# Exports: the same columns, read from the same fields, so an export imports back as is.
ProducerResource = resource_for(PRODUCER_IMPORT, "ProducerResource")
ProductResource = resource_for(PRODUCT_IMPORT, "ProductResource")
