"""Import and export of the gazetteer in the Ministry of Economy and Finance's formats.

The four lists come as published (UTF-8 with a byte-order mark):

    provinces: province_code,province_kh,province_en
    districts: province_code,district_code,district_kh,district_en
    communes:  province_code,district_code,commune_code,commune_kh,commune_en
    villages:  province_code,district_code,commune_code,village_code,village_kh,village_en

Rows are checked as sets (one query per level of parents, one for the villages that
share codes) and written by provinces.services, the one place that matches rows to
records. Exports use the same columns, so an export imports back unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from imports.definitions import Column, ImportDefinition, ImportOptions, Problems, register
from imports.reading import Row
from imports.resources import ExportResource
from provinces.models import (
    COMMUNE_CODE_LENGTH,
    DISTRICT_CODE_LENGTH,
    PROVINCE_CODE_LENGTH,
    VILLAGE_CODE_LENGTH,
    Commune,
    District,
    Province,
    Village,
)
from provinces.services import (
    PARENTS,
    DivisionRow,
    SyncResult,
    VillageRow,
    missing_divisions,
    sync_divisions,
    sync_villages,
)

DIGITS = re.compile(r"[0-9]+")
NAME_LENGTH = 100
LEVELS = {
    "province": (Province, PROVINCE_CODE_LENGTH),
    "district": (District, DISTRICT_CODE_LENGTH),
    "commune": (Commune, COMMUNE_CODE_LENGTH),
}
LEVEL_LABELS = {
    "province": gettext_lazy("province"),
    "district": gettext_lazy("district"),
    "commune": gettext_lazy("commune"),
    "village": gettext_lazy("village"),
}
CODE_HELP = {
    "province_code": gettext_lazy("the province's official code (2 digits)"),
    "district_code": gettext_lazy("the district's official code (4 digits)"),
    "commune_code": gettext_lazy("the commune's official code (6 digits)"),
    "village_code": gettext_lazy("the village's official code (normally 8 digits)"),
}
NAME_KH_HELP = gettext_lazy("the name in Khmer, as published")
NAME_EN_HELP = gettext_lazy("the name in English, as published")


def code_shape_problem(value: str, length: int, level: str) -> str | None:
    """What is wrong with a code's shape, in plain words, or None if it has `length` digits."""
    label = LEVEL_LABELS[level]
    if DIGITS.fullmatch(value):
        if len(value) == length:
            return None
        message = _("%(value)s has %(count)s digits; %(level)s codes have %(length)s") % {
            "value": value,
            "count": len(value),
            "level": label,
            "length": length,
        }
        if len(value) < length:
            return message + _(" — did a spreadsheet drop a leading zero?")
        return message + "."
    return _("%(value)s is not a code; %(level)s codes are %(length)s digits.") % {
        "value": value,
        "level": label,
        "length": length,
    }


def code_columns(level: str) -> list[str]:
    """The code columns a row of `level` carries, from the province down."""
    order = ["province", "district", "commune", "village"]
    return [f"{name}_code" for name in order[: order.index(level) + 1]]


def parent_missing_message(level: str, code: str) -> str:
    return _(
        "%(level)s %(code)s does not exist in the portal. Import the %(level)s list first, "
        "or ask for missing parents to be created as flagged placeholders."
    ) % {"level": LEVEL_LABELS[level], "code": code}


class GazetteerImport(ImportDefinition):
    """Shared checks of the four lists: code shapes, prefixes, scope and parents."""

    level: str

    def check_codes(self, row: Row, options: ImportOptions, problems: Problems) -> bool:
        """Check the division codes of a row; True when they are usable."""
        usable = True
        previous = None
        for column in code_columns(self.level):
            level = column.removesuffix("_code")
            value = row[column]
            if level == "village":
                continue  # villages' own codes are checked by their definition
            if not value:
                usable = False  # already reported as a required value
                continue
            problem = code_shape_problem(value, LEVELS[level][1], level)
            if problem:
                problems.error(row, column, problem)
                usable = False
            elif previous and not value.startswith(row[previous]):
                problems.error(
                    row,
                    column,
                    _("%(value)s does not start with the row's %(parent)s %(parent_value)s.")
                    % {"value": value, "parent": previous, "parent_value": row[previous]},
                )
                usable = False
            previous = column
        province = row["province_code"]
        if usable and options.provinces is not None and province not in options.provinces:
            problems.error(
                row,
                "province_code",
                _("province %(code)s is not one of the provinces you may edit.")
                % {"code": province},
            )
            usable = False
        return usable

    def check_parents(
        self,
        rows: Sequence[Row],
        parent_level: str,
        options: ImportOptions,
        problems: Problems,
    ) -> None:
        """Refuse rows whose parent exists neither in the database nor as a placeholder.

        Placeholders are records too: an editor who may not add districts (a provincial
        official) may not have the import create placeholder districts either.
        """
        if not options.create_missing_parents:
            column = f"{parent_level}_code"
            missing = missing_divisions(LEVELS[parent_level][0], {row[column] for row in rows})
            for row in rows:
                if row[column] in missing:
                    problems.error(row, column, parent_missing_message(parent_level, row[column]))
            return
        if options.editor is None:
            return
        for column in code_columns(parent_level):
            level = column.removesuffix("_code")
            model = LEVELS[level][0]
            if options.editor.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
                continue
            missing = missing_divisions(model, {row[column] for row in rows})
            for row in rows:
                if row[column] in missing:
                    problems.error(
                        row,
                        column,
                        _(
                            "%(level)s %(code)s does not exist in the portal, and you may not "
                            "create %(level)s records, not even as placeholders; ask a national "
                            "administrator to import the %(level)s list first."
                        )
                        % {"level": LEVEL_LABELS[level], "code": row[column]},
                    )


class DivisionImport(GazetteerImport):
    def __init__(self, level: str, name: str, description: str, example: dict[str, str]):
        self.level = level
        self.name = name
        self.model = LEVELS[level][0]
        self.description = description
        self.example = (example,)
        self.columns = (
            *(Column(column, CODE_HELP[column]) for column in code_columns(level)),
            Column(f"{level}_kh", NAME_KH_HELP, max_length=NAME_LENGTH),
            Column(f"{level}_en", NAME_EN_HELP, max_length=NAME_LENGTH),
        )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[DivisionRow]:
        code_column = f"{self.level}_code"
        parent = PARENTS[self.model]
        parent_level = code_columns(self.level)[-2][:-5] if parent else None
        first_line: dict[str, int] = {}
        usable = []
        for row in rows:
            if not self.check_codes(row, options, problems):
                continue
            code = row[code_column]
            if code in first_line:
                problems.error(
                    row,
                    code_column,
                    _("%(code)s is already on line %(line)s; each code may appear once.")
                    % {"code": code, "line": first_line[code]},
                )
                continue
            first_line[code] = row.line
            usable.append(row)
        if parent_level:
            self.check_parents(usable, parent_level, options, problems)
        return [
            DivisionRow(
                row[code_column],
                row[f"{self.level}_en"],
                row[f"{self.level}_kh"],
                row[f"{parent_level}_code"] if parent_level else None,
            )
            for row in usable
        ]

    def write(self, records: list[DivisionRow], options: ImportOptions) -> SyncResult:
        return sync_divisions(
            self.model, records, create_missing_parents=options.create_missing_parents
        )


class VillageImport(GazetteerImport):
    level = "village"
    name = "villages"
    model = Village
    description = gettext_lazy(
        "The Ministry's village list. Village codes that break the coding convention "
        "(not eight digits, not starting with the commune's code, used by another "
        "village) are imported and flagged for review, as warnings."
    )
    columns = (
        *(Column(column, CODE_HELP[column]) for column in code_columns("village")),
        Column("village_kh", NAME_KH_HELP, max_length=NAME_LENGTH),
        Column("village_en", NAME_EN_HELP, max_length=NAME_LENGTH),
    )
    example = (
        {
            "province_code": "21",
            "district_code": "2104",
            "commune_code": "210401",
            "village_code": "21040101",
            "village_kh": "ភូមិ",
            "village_en": "Phum",
        },
    )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[VillageRow]:
        first_line: dict[tuple[str, str, str], int] = {}
        usable = []
        for row in rows:
            if not self.check_codes(row, options, problems):
                continue
            code, commune = row["village_code"], row["commune_code"]
            if not code:
                continue  # already reported as a required value
            if len(code) > VILLAGE_CODE_LENGTH:
                problems.error(
                    row,
                    "village_code",
                    _("%(code)s is too long; village codes have %(length)s digits.")
                    % {"code": code, "length": VILLAGE_CODE_LENGTH},
                )
                continue
            identity = (commune, code, row["village_kh"])
            if identity in first_line:
                problems.error(
                    row,
                    None,
                    _(
                        "the same village (commune %(commune)s, code %(code)s, Khmer name) "
                        "is already on line %(line)s."
                    )
                    % {"commune": commune, "code": code, "line": first_line[identity]},
                )
                continue
            first_line[identity] = row.line
            usable.append(row)
            shape = code_shape_problem(code, VILLAGE_CODE_LENGTH, "village")
            if shape:
                problems.warning(row, "village_code", shape + " " + _("Imported and flagged."))
            elif not code.startswith(commune):
                problems.warning(
                    row,
                    "village_code",
                    _(
                        "%(code)s does not start with its commune's code %(commune)s. "
                        "Imported and flagged."
                    )
                    % {"code": code, "commune": commune},
                )
        self.check_parents(usable, "commune", options, problems)
        self.warn_shared_codes(usable, problems)
        return [
            VillageRow(
                row["village_code"], row["commune_code"], row["village_en"], row["village_kh"]
            )
            for row in usable
        ]

    def warn_shared_codes(self, rows: Sequence[Row], problems: Problems) -> None:
        """Warn about each row whose code another village uses, in the file or the portal."""
        users: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        for commune, code, name_km in Village.objects.values_list(
            "commune_id", "code", "name_km"
        ).iterator(chunk_size=5000):
            users[code].add((commune, code, name_km))
        for row in rows:
            users[row["village_code"]].add(
                (row["commune_code"], row["village_code"], row["village_kh"])
            )
        for row in rows:
            others = len(users[row["village_code"]]) - 1
            if others:
                problems.warning(
                    row,
                    "village_code",
                    _(
                        "%(code)s is also the code of %(count)s other village(s). "
                        "Imported and flagged."
                    )
                    % {"code": row["village_code"], "count": others},
                )

    def write(self, records: list[VillageRow], options: ImportOptions) -> SyncResult:
        return sync_villages(records, create_missing_communes=options.create_missing_parents)


register(
    DivisionImport(
        "province",
        "provinces",
        gettext_lazy("The Ministry's province list."),
        {"province_code": "21", "province_kh": "តាកែវ", "province_en": "Takeo"},
    )
)
register(
    DivisionImport(
        "district",
        "districts",
        gettext_lazy("The Ministry's district list."),
        {
            "province_code": "21",
            "district_code": "2104",
            "district_kh": "គីរីវង់",
            "district_en": "Kiri Vong",
        },
    )
)
register(
    DivisionImport(
        "commune",
        "communes",
        gettext_lazy("The Ministry's commune list."),
        {
            "province_code": "21",
            "district_code": "2104",
            "commune_code": "210401",
            "commune_kh": "ឃុំ",
            "commune_en": "Khum",
        },
    )
)
register(VillageImport())


# Exports: the same columns as the imports, so that an export imports back as is.


class ProvinceResource(ExportResource):
    province_code = fields.Field("code", "province_code")
    province_kh = fields.Field("name_km", "province_kh")
    province_en = fields.Field("name_en", "province_en")

    class Meta:
        model = Province
        fields = ["province_code", "province_kh", "province_en"]


class DistrictResource(ExportResource):
    province_code = fields.Field("province_id", "province_code")
    district_code = fields.Field("code", "district_code")
    district_kh = fields.Field("name_km", "district_kh")
    district_en = fields.Field("name_en", "district_en")

    class Meta:
        model = District
        fields = ["province_code", "district_code", "district_kh", "district_en"]


class CommuneResource(ExportResource):
    province_code = fields.Field("district__province_id", "province_code")
    district_code = fields.Field("district_id", "district_code")
    commune_code = fields.Field("code", "commune_code")
    commune_kh = fields.Field("name_km", "commune_kh")
    commune_en = fields.Field("name_en", "commune_en")

    class Meta:
        model = Commune
        fields = ["province_code", "district_code", "commune_code", "commune_kh", "commune_en"]


class VillageResource(ExportResource):
    province_code = fields.Field("commune__district__province_id", "province_code")
    district_code = fields.Field("commune__district_id", "district_code")
    commune_code = fields.Field("commune_id", "commune_code")
    village_code = fields.Field("code", "village_code")
    village_kh = fields.Field("name_km", "village_kh")
    village_en = fields.Field("name_en", "village_en")

    class Meta:
        model = Village
        fields = [
            "province_code",
            "district_code",
            "commune_code",
            "village_code",
            "village_kh",
            "village_en",
        ]
