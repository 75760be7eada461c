"""Import and export of producers and products in the portal's own templates.

Each template is documented on the admin's import page and downloadable from it.
A row names its village by the village's official code (`village_code`), with the
Khmer name (`village_kh`) needed only where several villages share the code. `id`
is the portal's own number of a record, as in an export: with it a row updates that
record; without it a row is matched on its English name (in its village for a
producer, for its producer for a product) and otherwise creates a new record.
Exports use the same columns, so an export imports back unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from imports.definitions import Column, ImportDefinition, ImportOptions, Problems, register
from imports.reading import Row
from imports.resources import ExportResource
from products.models import Category, Producer, Product
from products.services import chunks, sync_producers, sync_products
from provinces.models import Village
from provinces.services import SyncResult

ID = re.compile(r"[0-9]{1,18}")

VILLAGE_COLUMNS = (
    Column(
        "village_code",
        gettext_lazy("the official code of the producer's village, e.g. 21040101"),
    ),
    Column(
        "village_kh",
        gettext_lazy("the village's Khmer name; needed only when several villages share the code"),
        required=False,
        optional_column=True,
    ),
    Column(
        "village_id",
        gettext_lazy(
            "the portal's number of the village, as in an export; needed only when villages "
            "share both code and Khmer name"
        ),
        required=False,
        optional_column=True,
    ),
)
ID_COLUMN = Column(
    "id",
    gettext_lazy(
        "the portal's number of an existing record, as in an export; empty for a new one"
    ),
    required=False,
    optional_column=True,
)


def text_column(name: str, help: str, max_length: int | None = None, required=False) -> Column:
    return Column(name, help, required=required, max_length=max_length, optional_column=True)


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

    def check_choice(self, row: Row, column: str, choices, problems: Problems) -> str | None:
        """A choice given by its value or its English label, in any case."""
        value = row[column].casefold()
        for choice_value, label in choices:
            if value in (str(choice_value).casefold(), str(label).casefold()):
                return choice_value
        problems.error(
            row,
            column,
            _("%(value)s is not one of: %(choices)s.")
            % {"value": row[column], "choices": ", ".join(str(v) for v, _label in choices)},
        )
        return None

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
        Column("name_en", gettext_lazy("the producer's name in English"), max_length=200),
        text_column("name_km", gettext_lazy("the producer's name in Khmer"), 200),
        Column(
            "kind",
            gettext_lazy("household, group, cooperative or enterprise"),
        ),
        *VILLAGE_COLUMNS,
        text_column("description_en", gettext_lazy("what the producer does, in English")),
        text_column("description_km", gettext_lazy("what the producer does, in Khmer")),
        text_column("contact_person", gettext_lazy("who to contact"), 200),
        text_column("phone", gettext_lazy("a phone number"), 50),
        text_column("email", gettext_lazy("an email address"), 254),
        text_column("website", gettext_lazy("a web address starting with https://"), 200),
    )
    example = (
        {
            "id": "",
            "name_en": "Kirivong Silk Weavers",
            "name_km": "ក្រុមតម្បាញសូត្រគីរីវង់",
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
            kind = (
                self.check_choice(row, "kind", Producer.Kind.choices, problems)
                if row["kind"]
                else None
            )
            village = villages.resolve(row, problems) if row["village_code"] else None
            ok = self.check_urls_and_emails(row, problems)
            if village is None or kind is None or (row["id"] and pk is None) or not ok:
                continue
            province = village["commune__district__province_id"]
            if not self.check_scope(row, province, options, problems):
                continue
            if pk and not self.check_scope(row, existing[pk], options, problems):
                continue
            key = ("id", pk) if pk else (village["pk"], row["name_en"])
            what = _("the same producer")
            if not self.check_once(row, key, seen, problems, what):
                continue
            records.append(
                {
                    "pk": pk,
                    "name_en": row["name_en"],
                    "name_km": row["name_km"],
                    "kind": kind,
                    "village_id": village["pk"],
                    "description_en": row["description_en"],
                    "description_km": row["description_km"],
                    "contact_person": row["contact_person"],
                    "phone": row["phone"],
                    "email": row["email"],
                    "website": row["website"],
                }
            )
        return records

    def check_urls_and_emails(self, row: Row, problems: Problems) -> bool:
        ok = True
        for column, validator, message in (
            ("email", EmailValidator(), _("%(value)s is not an email address.")),
            (
                "website",
                URLValidator(schemes=["http", "https"]),
                _("%(value)s is not a web address; it should start with https://."),
            ),
        ):
            if row[column]:
                try:
                    validator(row[column])
                except ValidationError:
                    problems.error(row, column, message % {"value": row[column]})
                    ok = False
        return ok

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
        Column("name_en", gettext_lazy("the product's name in English"), max_length=200),
        text_column("name_km", gettext_lazy("the product's name in Khmer"), 200),
        Column("category", gettext_lazy("the category's short name (slug) or English name")),
        Column(
            "producer",
            gettext_lazy("the producer's English name, exactly as in the portal"),
            max_length=200,
        ),
        *VILLAGE_COLUMNS,
        text_column("description_en", gettext_lazy("the description in English")),
        text_column("description_km", gettext_lazy("the description in Khmer")),
        text_column("unit", gettext_lazy("what a price is for, e.g. kg, bottle"), 50),
        text_column("price_min", gettext_lazy("the lowest price, e.g. 2.50")),
        text_column("price_max", gettext_lazy("the highest price, e.g. 4.00")),
        text_column("price_currency", gettext_lazy("USD or KHR; USD when empty")),
        text_column("season_en", gettext_lazy("when it is available, in English"), 200),
        text_column("season_km", gettext_lazy("when it is available, in Khmer"), 200),
    )
    example = (
        {
            "id": "",
            "name_en": "Silk scarf",
            "name_km": "ក្រម៉ាសូត្រ",
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
        seen: dict[tuple, int] = {}
        records = []
        for row, village in resolved:
            pk = self.check_id(row, problems, existing)
            category = categories.get(row["category"].casefold()) if row["category"] else None
            if row["category"] and category is None:
                problems.error(
                    row,
                    "category",
                    _("no category is called %(value)s; use one of the portal's categories.")
                    % {"value": row["category"]},
                )
            prices = self.check_prices(row, problems)
            currency = (
                self.check_choice(row, "price_currency", Product.PriceCurrency.choices, problems)
                if row["price_currency"]
                else Product.PriceCurrency.USD
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
            if None in (village, producer, category, prices, currency) or (
                row["id"] and pk is None
            ):
                continue
            if not self.check_scope(
                row, village["commune__district__province_id"], options, problems
            ):
                continue
            if pk and not self.check_scope(row, existing[pk], options, problems):
                continue
            key = ("id", pk) if pk else (producer, row["name_en"])
            if not self.check_once(row, key, seen, problems, _("the same product")):
                continue
            records.append(
                {
                    "pk": pk,
                    "name_en": row["name_en"],
                    "name_km": row["name_km"],
                    "category_id": category,
                    "producer_id": producer,
                    "village_id": village["pk"],
                    "description_en": row["description_en"],
                    "description_km": row["description_km"],
                    "unit": row["unit"],
                    "price_min": prices[0],
                    "price_max": prices[1],
                    "price_currency": currency,
                    "season_en": row["season_en"],
                    "season_km": row["season_km"],
                }
            )
        return records

    def check_prices(
        self, row: Row, problems: Problems
    ) -> tuple[Decimal | None, Decimal | None] | None:
        prices = []
        for column in ("price_min", "price_max"):
            raw = row[column].replace(",", "")
            if not raw:
                prices.append(None)
                continue
            try:
                price = Decimal(raw)
            except InvalidOperation:
                price = None
            if price is None or not price.is_finite() or price < 0 or price >= Decimal("1e10"):
                problems.error(
                    row,
                    column,
                    _("%(value)s is not a price, e.g. 12.50.") % {"value": row[column]},
                )
                return None
            prices.append(price.quantize(Decimal("0.01")))
        low, high = prices
        if low is not None and high is not None and low > high:
            problems.error(
                row,
                "price_max",
                _("%(high)s is below the lowest price %(low)s.") % {"high": high, "low": low},
            )
            return None
        return low, high

    def write(self, records: list[dict[str, Any]], options: ImportOptions) -> SyncResult:
        return sync_products(records, editor=options.editor)


register(ProducerImport())
register(ProductImport())


class ProducerResource(ExportResource):
    id = fields.Field("id", "id")
    name_en = fields.Field("name_en", "name_en")
    name_km = fields.Field("name_km", "name_km")
    kind = fields.Field("kind", "kind")
    village_code = fields.Field("village__code", "village_code")
    village_kh = fields.Field("village__name_km", "village_kh")
    village_id = fields.Field("village_id", "village_id")
    description_en = fields.Field("description_en", "description_en")
    description_km = fields.Field("description_km", "description_km")
    contact_person = fields.Field("contact_person", "contact_person")
    phone = fields.Field("phone", "phone")
    email = fields.Field("email", "email")
    website = fields.Field("website", "website")

    class Meta:
        model = Producer
        fields = [column.name for column in ProducerImport.columns]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("village")


class ProductResource(ExportResource):
    id = fields.Field("id", "id")
    name_en = fields.Field("name_en", "name_en")
    name_km = fields.Field("name_km", "name_km")
    category = fields.Field("category__slug", "category")
    producer = fields.Field("producer__name_en", "producer")
    village_code = fields.Field("producer__village__code", "village_code")
    village_kh = fields.Field("producer__village__name_km", "village_kh")
    village_id = fields.Field("producer__village_id", "village_id")
    description_en = fields.Field("description_en", "description_en")
    description_km = fields.Field("description_km", "description_km")
    unit = fields.Field("unit", "unit")
    price_min = fields.Field("price_min", "price_min")
    price_max = fields.Field("price_max", "price_max")
    price_currency = fields.Field("price_currency", "price_currency")
    season_en = fields.Field("season_en", "season_en")
    season_km = fields.Field("season_km", "season_km")

    class Meta:
        model = Product
        fields = [column.name for column in ProductImport.columns]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("category", "producer__village")
