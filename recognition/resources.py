"""The score import: an assessor's points for many products of a round, from a spreadsheet.

It runs through the project's import engine (`imports.services.run_import`), so the
admin's upload → preview → confirm, the all-or-nothing write, the line-numbered
messages and the import log are the same as for the gazetteer. The file is checked as
a whole in a few queries; the rules are the score sheet's own (points between 0 and the
criterion's maximum, the criterion in the round's scheme, the entry not locked, the
assessor on the round's panel), and the write goes through `recognition.services`, which
recomputes each entry's result. Points go onto the importing assessor's own sheets, so
the import is offered in the admin only: the command line names no assessor. The
export of score sheets writes the same columns, a row per score given, so that an
assessor's exported sheets import back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.definitions import Column, ImportDefinition, ImportOptions, Problems, register
from imports.reading import Row
from imports.report import Change
from imports.resources import resource_for
from provinces.services import SyncResult
from recognition import services
from recognition.models import Criterion, Entry, Score, ScoreSheet


class ScoreImport(ImportDefinition):
    name = "scores"
    model = ScoreSheet
    description = gettext_lazy(
        "An assessor's points, one row per product and criterion, onto their own score "
        "sheets in the rounds whose panel they sit on."
    )
    columns = (
        Column(
            "round",
            gettext_lazy("the round's slug, as in the address of its public page"),
            export="sheet__entry__round__slug",
        ),
        Column(
            "product_id",
            gettext_lazy("the product's number in the portal"),
            export="sheet__entry__product_id",
        ),
        Column(
            "criterion_id",
            gettext_lazy("the criterion's number in the scheme version"),
            export="criterion_id",
        ),
        Column("points", gettext_lazy("the points given, e.g. 7 or 7.5"), export="points"),
        Column("comment", gettext_lazy("why, in a few words"), required=False, export="comment"),
        Column(
            "product",
            gettext_lazy("the product's name, for the reader; not checked"),
            required=False,
            optional_column=True,
            export="sheet__entry__product__name_en",
        ),
        Column(
            "criterion",
            gettext_lazy("the criterion's name, for the reader; not checked"),
            required=False,
            optional_column=True,
            export="criterion__name_en",
        ),
    )
    example = (
        {
            "round": "takeo-2026",
            "product_id": "12",
            "criterion_id": "3",
            "points": "8",
            "comment": "Local silk, reeled in the village.",
            "product": "Hand-woven silk scarf",
            "criterion": "Local raw materials and production",
        },
    )

    def check_rows(
        self, rows: Sequence[Row], options: ImportOptions, problems: Problems
    ) -> list[dict[str, Any]]:
        assessor = options.editor
        if assessor is None or not assessor.has_perm(services.SCORE_PERMISSION):
            problems.error(None, None, _("Scores are imported by an assessor, in the admin."))
            return []
        entries = self._entries(rows)
        criteria = self._criteria(rows)
        panels = set(
            Entry.objects.filter(pk__in=[e.pk for e in entries.values()])
            .filter(round__assessors=assessor)
            .values_list("pk", flat=True)
        )
        seen: dict[tuple[int, int], int] = {}
        records = []
        for row in rows:
            entry = entries.get((row["round"], row["product_id"]))
            if row["round"] and row["product_id"] and entry is None:
                problems.error(
                    row,
                    "product_id",
                    _("product %(product)s is not entered in round %(round)s.")
                    % {"product": row["product_id"], "round": row["round"]},
                )
                continue
            if entry is None:
                continue
            if entry.pk not in panels:
                problems.error(row, "round", _("you are not on this round's panel."))
                continue
            if entry.is_locked:
                problems.error(row, "product_id", _("this result is confirmed and locked."))
                continue
            criterion = criteria.get(row["criterion_id"])
            if criterion is None or criterion.version_id != entry.round.version_id:
                problems.error(
                    row,
                    "criterion_id",
                    _("criterion %(criterion)s is not in this round's scheme.")
                    % {"criterion": row["criterion_id"]},
                )
                continue
            points = self._points(row, criterion, problems)
            if points is None:
                continue
            key = (entry.pk, criterion.pk)
            if key in seen:
                problems.error(
                    row,
                    "criterion_id",
                    _("this product and criterion are scored on line %(line)s already.")
                    % {"line": seen[key]},
                )
                continue
            seen[key] = row.line
            records.append(
                {
                    "entry": entry,
                    "criterion": criterion,
                    "points": points,
                    "comment": row["comment"],
                }
            )
        return records

    @staticmethod
    def _entries(rows: Sequence[Row]) -> dict[tuple[str, str], Entry]:
        wanted = Q(pk__in=[])
        for round_slug, product in {(r["round"], r["product_id"]) for r in rows}:
            if product.isdigit():
                wanted |= Q(round__slug=round_slug, product_id=int(product))
        return {
            (entry.round.slug, str(entry.product_id)): entry
            for entry in Entry.objects.filter(wanted).select_related("round", "product")
        }

    @staticmethod
    def _criteria(rows: Sequence[Row]) -> dict[str, Criterion]:
        ids = {int(r["criterion_id"]) for r in rows if r["criterion_id"].isdigit()}
        return {str(c.pk): c for c in Criterion.objects.filter(pk__in=ids)}

    @staticmethod
    def _points(row: Row, criterion: Criterion, problems: Problems) -> Decimal | None:
        try:
            points = Decimal(row["points"].replace(",", "."))
        except InvalidOperation:
            problems.error(
                row, "points", _("%(value)s is not a number.") % {"value": row["points"]}
            )
            return None
        if not points.is_finite() or not 0 <= points <= criterion.max_points:
            problems.error(
                row,
                "points",
                _("give between 0 and %(max)s points.") % {"max": criterion.max_points},
            )
            return None
        return points.quantize(Decimal("0.01"))

    def write(self, records: list[dict[str, Any]], options: ImportOptions) -> SyncResult:
        result = SyncResult()
        by_entry: dict[int, list[dict[str, Any]]] = {}
        for record in records:
            by_entry.setdefault(record["entry"].pk, []).append(record)
        for rows in by_entry.values():
            entry = rows[0]["entry"]
            sheet = services.open_sheet(entry, assessor=options.editor)
            current = {s.criterion_id: s for s in sheet.scores.all()}
            points, comments = {}, {}
            for row in rows:
                before = current[row["criterion"].pk]
                if before.points == row["points"] and before.comment == row["comment"]:
                    result.unchanged += 1
                    continue
                result.created += before.points is None
                result.updated += before.points is not None
                result.note_change(
                    Change(
                        "new" if before.points is None else "updated",
                        f"{entry.product} — {row['criterion']}",
                        (("points", str(before.points or ""), str(row["points"])),),
                    )
                )
                points[row["criterion"].pk] = row["points"]
                comments[row["criterion"].pk] = row["comment"]
            if points:
                services.record_scores(sheet, points, by=options.editor, comments=comments)
        return result


SCORE_IMPORT = register(ScoreImport())


def scored(sheets: QuerySet[ScoreSheet]) -> QuerySet[Score]:
    """The points given on the exported sheets: one row of the score file each."""
    return Score.objects.filter(sheet__in=sheets, points__isnull=False).order_by(
        "sheet_id", "criterion__section__position", "criterion__position", "criterion_id"
    )


# The export of score sheets is a score file, in the import's columns.
ScoreResource = resource_for(SCORE_IMPORT, "ScoreResource", model=Score, rows=scored)
