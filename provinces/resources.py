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

from collections.abc import Sequence
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from imports.definitions import Column, ImportDefinition, ImportOptions, Problems, register
from imports.reading import Row
from imports.resources import ExportResource
from provinces import codes
from provinces.codes import VILLAGE
from provinces.models import Commune, District, Province, Village, khmer_name_problem
from provinces.services import (
    DivisionRow,
    EditionImport,
    SyncResult,
    VillageRow,
    known_villages,
    match_villages,
    missing_divisions,
    sync_divisions,
    sync_villages,
)

NAME_LENGTH = 100
NAME_FIELDS = {"kh": "name_km", "en": "name_en"}  # a file's name columns, by model field
MODELS = {"province": Province, "district": District, "commune": Commune}
NAME_KH_HELP = gettext_lazy("the name in Khmer, as published")
NAME_EN_HELP = gettext_lazy("the name in English, as published")


def code_column_definitions(level: str) -> list[Column]:
    """The code columns of a file of `level`, documented from the code rules."""
    return [Column(each.column, each.column_help) for each in codes.LEVELS[level].lineage]


def flagged(problem: str) -> str:
    """A village problem that the import lets through: the village is kept and flagged."""
    return problem + " " + _("Imported and flagged.")


def parent_missing_message(level: str, code: str) -> str:
    return _(
        "%(level)s %(code)s does not exist in the portal. Import the %(level)s list first, "
        "or ask for missing parents to be created as flagged placeholders."
    ) % {"level": codes.LEVELS[level].label, "code": code}


class GazetteerImport(ImportDefinition):
    """Shared checks of the four lists: code shapes, prefixes, scope, parents and scripts."""

    level: str

    def check_cells(self, row: Row, problems: Problems, options: ImportOptions) -> None:
        """The row's own rules, and the name fields' validators (the admin's own).

        A Khmer name without Khmer script, or a name of nothing but `?` and
        replacement characters, is text a program lost on the way: an error.
        """
        super().check_cells(row, problems, options)
        for column, validators in self.name_validators:
            value = row[column]
            if not value:
                continue
            for validator in validators:
                try:
                    validator(value)
                except ValidationError as error:
                    problems.error(row, column, " ".join(error.messages))
                    break

    @cached_property
    def name_validators(self) -> list[tuple[str, list]]:
        """Each name column with its model field's validators, but the length check,
        which the column's own check says with the numbers."""
        return [
            (
                f"{self.level}_{suffix}",
                [
                    validator
                    for validator in self.model._meta.get_field(field_name).validators
                    if not isinstance(validator, MaxLengthValidator)
                ],
            )
            for suffix, field_name in NAME_FIELDS.items()
        ]

    def check_codes(self, row: Row, options: ImportOptions, problems: Problems) -> bool:
        """Check the division codes of a row; True when they are usable."""
        usable = True
        previous = None
        for level in codes.LEVELS[self.level].lineage:
            column = level.column
            value = row[column]
            if level is VILLAGE:
                continue  # villages' own codes are checked by their definition
            if not value:
                usable = False  # already reported as a required value
                continue
            problem = level.shape_problem(value, from_file=True) or (
                previous and level.prefix_problem(value, row[previous])
            )
            if problem:
                problems.error(row, column, problem)
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
            missing = missing_divisions(MODELS[parent_level], {row[column] for row in rows})
            for row in rows:
                if row[column] in missing:
                    problems.error(row, column, parent_missing_message(parent_level, row[column]))
            return
        if options.editor is None:
            return
        for each in codes.LEVELS[parent_level].lineage:
            column, level, model = each.column, each.name, MODELS[each.name]
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
                        % {"level": codes.LEVELS[level].label, "code": row[column]},
                    )


PLACEHOLDER_COLUMN = "placeholder"
PLACEHOLDER_MARK = "yes"
PLACEHOLDER_VALUES = {
    "yes": True,
    "1": True,
    "true": True,
    "no": False,
    "0": False,
    "false": False,
}
PLACEHOLDER_HELP = gettext_lazy(
    "yes for a placeholder: a code other records name that the Ministry's list lacks "
    "(its Khmer name may be empty); empty otherwise. The Ministry's lists leave the column "
    "out, and a division they carry stops being a placeholder."
)


def is_placeholder(row: Row) -> bool | None:
    """The row's placeholder mark: True, False, or None when it is not a mark."""
    return PLACEHOLDER_VALUES.get(row[PLACEHOLDER_COLUMN].casefold() or "no")


class DivisionImport(GazetteerImport):
    """A province, district or commune list: the Ministry's, or the portal's export of it,
    which also marks its placeholders so that it imports back unchanged."""

    def __init__(self, level: str, name: str, description: str, example: dict[str, str]):
        self.level = level
        self.name = name
        self.model = MODELS[level]
        self.description = description
        self.example = (example,)
        self.columns = (
            *code_column_definitions(level),
            # Required but on a placeholder: see empty_problem.
            Column(f"{level}_kh", NAME_KH_HELP, max_length=NAME_LENGTH),
            Column(f"{level}_en", NAME_EN_HELP, max_length=NAME_LENGTH),
            Column(PLACEHOLDER_COLUMN, PLACEHOLDER_HELP, required=False, optional_column=True),
        )

    def check_cells(self, row: Row, problems: Problems, options: ImportOptions) -> None:
        super().check_cells(row, problems, options)
        if is_placeholder(row) is None:
            problems.error(
                row,
                PLACEHOLDER_COLUMN,
                _("%(value)s is not a placeholder mark: write yes, or leave the cell empty.")
                % {"value": row[PLACEHOLDER_COLUMN]},
            )

    def empty_problem(self, row: Row, column: Column) -> str | None:
        if column.name != f"{self.level}_kh":
            return super().empty_problem(row, column)
        # The admin's rule, so that both agree.
        return khmer_name_problem(row[column.name], bool(is_placeholder(row)))

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[DivisionRow]:
        level = codes.LEVELS[self.level]
        code_column = level.column
        parent_level = level.parent.name if level.parent else None
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
                is_placeholder=bool(is_placeholder(row)),
            )
            for row in usable
        ]

    def write(self, records: list[DivisionRow], options: ImportOptions) -> SyncResult:
        return sync_divisions(
            self.model,
            records,
            create_missing_parents=options.create_missing_parents,
            editor=options.editor,
        )


class VillageImport(GazetteerImport):
    level = "village"
    name = "villages"
    model = Village
    description = codes.lazy_format(
        gettext_lazy(
            "The Ministry's village list. Village codes that break the coding convention "
            "(not %(length)s digits, not starting with the commune's code, used by another "
            "village) are imported and flagged for review, as warnings. A new village's "
            "code must start with its district's code. A row is the village with its "
            "commune and code; the Khmer name tells apart only villages sharing a code."
        ),
        {"length": VILLAGE.length},
    )
    columns = (
        *code_column_definitions("village"),
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
        if options.edition and options.provinces is not None:
            problems.error(
                None,
                None,
                _(
                    "An edition is the Ministry's whole national list; only an import for "
                    "every province may record one. Import a province's villages without "
                    "an edition."
                ),
            )
        first_line: dict[tuple[str, str, str], int] = {}
        usable = []
        for row in rows:
            if not self.check_codes(row, options, problems):
                continue
            code, commune = row["village_code"], row["commune_code"]
            if not code:
                continue  # already reported as a required value
            too_long = VILLAGE.too_long_problem(code)
            if too_long:
                problems.error(row, "village_code", too_long)
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
        self.check_parents(usable, "commune", options, problems)
        records = [
            VillageRow(
                row["village_code"], row["commune_code"], row["village_en"], row["village_kh"]
            )
            for row in usable
        ]
        matching = match_villages(records, known_villages())
        for row, pk in zip(usable, matching.pks, strict=True):
            code = row["village_code"]
            if pk is None:
                # A new village: the one rule every official row keeps is a rule here.
                problem = VILLAGE.district_prefix_problem(code, row["district_code"])
                if problem:
                    problems.error(row, "village_code", problem)
                    continue
            problem = VILLAGE.shape_problem(code, from_file=True) or VILLAGE.prefix_problem(
                code, row["commune_code"]
            )
            if problem:
                problems.warning(row, "village_code", flagged(problem))
            others = matching.others_using(code)
            if others:
                problems.warning(row, "village_code", flagged(codes.shared_problem(code, others)))
        return records

    def write(self, records: list[VillageRow], options: ImportOptions) -> SyncResult:
        edition = None
        if options.edition:
            edition = EditionImport(
                options.edition, options.editor, options.file_name, options.file_checksum
            )
        return sync_villages(
            records,
            create_missing_communes=options.create_missing_parents,
            edition=edition,
            editor=options.editor,
        )


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


class DivisionResource(ExportResource):
    """A division list's export: the Ministry's columns, and the placeholder mark."""

    placeholder = fields.Field(column_name=PLACEHOLDER_COLUMN)

    def dehydrate_placeholder(self, division) -> str:
        return PLACEHOLDER_MARK if division.is_placeholder else ""


class ProvinceResource(DivisionResource):
    province_code = fields.Field("code", "province_code")
    province_kh = fields.Field("name_km", "province_kh")
    province_en = fields.Field("name_en", "province_en")

    class Meta:
        model = Province
        fields = ["province_code", "province_kh", "province_en", "placeholder"]


class DistrictResource(DivisionResource):
    province_code = fields.Field("province_id", "province_code")
    district_code = fields.Field("code", "district_code")
    district_kh = fields.Field("name_km", "district_kh")
    district_en = fields.Field("name_en", "district_en")

    class Meta:
        model = District
        fields = ["province_code", "district_code", "district_kh", "district_en", "placeholder"]


class CommuneResource(DivisionResource):
    province_code = fields.Field("district__province_id", "province_code")
    district_code = fields.Field("district_id", "district_code")
    commune_code = fields.Field("code", "commune_code")
    commune_kh = fields.Field("name_km", "commune_kh")
    commune_en = fields.Field("name_en", "commune_en")

    class Meta:
        model = Commune
        fields = [
            "province_code",
            "district_code",
            "commune_code",
            "commune_kh",
            "commune_en",
            "placeholder",
        ]


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
