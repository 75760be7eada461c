"""The recognition workflow: versions, entries, scoring, results, confirmation, certificates.

Every path (admin, demo loader, commands, tests) goes through these functions, which
check who may act, keep the model invariants (each writes through `full_clean()`) and
record who did it in the audit trail.

- An entry's result is computed here from the complete score sheets: the average of the
  assessors' totals, cut (never rounded up) to two decimals, banded into stars by the
  round's scheme version and lowered by any gate criterion whose average falls short.
- A confirmation happens at the round's level. A provincial confirmation gives at most
  the stars the version lets provinces confirm; a product that earned more is shown as
  proposed for the national level.
- A result is confirmed only once the whole panel has scored it (`Entry.panel_gaps`);
  confirming without a panel member is a national reviewer's decision with a reason,
  kept on the entry and in its history. A confirmation can carry the fingerprint of the
  result the reviewer was shown (`result_fingerprint`) and is refused if it moved.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Model, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.scoping import provinces_of, reaches
from products.models import Product
from recognition.models import (
    Certificate,
    CertificateSequence,
    Criterion,
    Entry,
    Level,
    Round,
    SchemeVersion,
    Score,
    ScoreSheet,
    Section,
    StarBand,
)
from recognition.tasks import certificate_changed

CENT = Decimal("0.01")
SCORE_PERMISSION = "recognition.score_entry"
CONFIRM_PERMISSION = "recognition.confirm_entry"
CONFIRM_WITHOUT_FULL_PANEL_PERMISSION = "recognition.confirm_incomplete_entry"
WITHDRAW_PERMISSION = "recognition.withdraw_certificate"


def _save(obj: Model, by: AbstractBaseUser | None, **kwargs) -> None:
    obj.full_clean(**kwargs)
    if by is not None:
        obj._history_user = by  # simple-history's way to name the author outside a request
    obj.save()


@transaction.atomic
def start_new_version(
    version: SchemeVersion, *, by: AbstractBaseUser | None = None, notes: str = ""
) -> SchemeVersion:
    """A new, editable version of the scheme, copied from `version` with all its parts."""
    new = SchemeVersion(
        scheme=version.scheme,
        based_on=version,
        certificate_validity_months=version.certificate_validity_months,
        certified_min_stars=version.certified_min_stars,
        notes=notes,
    )
    _save(new, by)
    sections = {}
    for section in version.sections.all():
        sections[section.pk] = Section(
            version=new,
            position=section.position,
            name_en=section.name_en,
            name_km=section.name_km,
        )
        _save(sections[section.pk], by)
    for criterion in version.criteria.all():
        copy = Criterion(
            version=new,
            section=sections[criterion.section_id],
            position=criterion.position,
            name_en=criterion.name_en,
            name_km=criterion.name_km,
            guidance_en=criterion.guidance_en,
            max_points=criterion.max_points,
            gate_stars=criterion.gate_stars,
            gate_min_points=criterion.gate_min_points,
        )
        _save(copy, by)
    for band in version.bands.all():
        _save(
            StarBand(
                version=new,
                stars=band.stars,
                min_points=band.min_points,
                confirmed_at=band.confirmed_at,
            ),
            by,
        )
    return new


def enter_product(
    round_: Round,
    product: Product,
    *,
    by: AbstractBaseUser,
    self_assessment: str = "",
    self_assessed_points: Decimal | None = None,
) -> Entry:
    """Enter a product into an open round; officials enter products of their provinces."""
    if not by.has_perm("recognition.add_entry") or not reaches(by, product):
        raise PermissionDenied(_("You may not enter this product."))
    entry = Entry(
        round=round_,
        product=product,
        entered_by=by,
        self_assessment=self_assessment,
        self_assessed_points=self_assessed_points,
    )
    _save(entry, by)
    return entry


def may_score(user: AbstractBaseUser, round_: Round) -> bool:
    return user.has_perm(SCORE_PERMISSION) and round_.assessors.filter(pk=user.pk).exists()


@transaction.atomic
def open_sheet(entry: Entry, *, assessor: AbstractBaseUser) -> ScoreSheet:
    """The assessor's score sheet for the entry, with a row for every criterion."""
    if not may_score(assessor, entry.round):
        raise PermissionDenied(_("Only the round's assessors may score its entries."))
    sheet = ScoreSheet.objects.filter(entry=entry, assessor=assessor).first()
    if sheet is None:
        sheet = ScoreSheet(entry=entry, assessor=assessor)
        _save(sheet, assessor)
    have = set(sheet.scores.values_list("criterion_id", flat=True))
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=criterion)
        for criterion in entry.round.version.criteria.all()
        if criterion.pk not in have
    )
    return sheet


@transaction.atomic
def record_scores(
    sheet: ScoreSheet,
    points: Mapping[int, Decimal | None],
    *,
    by: AbstractBaseUser,
    comments: Mapping[int, str] | None = None,
) -> Entry:
    """Save the assessor's points (by criterion id) on their own sheet; recompute the result."""
    if by.pk != sheet.assessor_id or not may_score(by, sheet.entry.round):
        raise PermissionDenied(_("Only the sheet's assessor may score on it."))
    lock_for_scoring(sheet.entry_id)
    comments = comments or {}
    for score in sheet.scores.select_related("criterion"):
        if score.criterion_id in points:
            score.points = points[score.criterion_id]
        if score.criterion_id in comments:
            score.comment = comments[score.criterion_id]
        _save(score, by)
    return compute_result(sheet.entry)


def compute_result(entry: Entry) -> Entry:
    """Work out the entry's score and stars from its complete score sheets."""
    if entry.is_locked:
        raise ValidationError(_("This result is confirmed and locked."))
    version = SchemeVersion.objects.prefetch_related("bands", "criteria").get(
        pk=entry.round.version_id
    )
    sheets = [
        sheet for sheet in entry.sheets.prefetch_related("scores") if sheet.total() is not None
    ]
    if not sheets:
        entry.score = entry.stars = None
    else:
        count = Decimal(len(sheets))
        entry.score = (sum(sheet.total() for sheet in sheets) / count).quantize(
            CENT, rounding=ROUND_DOWN
        )
        by_criterion: dict[int, Decimal] = {}
        for sheet in sheets:
            for score in sheet.scores.all():
                by_criterion[score.criterion_id] = by_criterion.get(score.criterion_id, 0) + (
                    score.points
                )
        averages = {
            pk: (total / count).quantize(CENT, rounding=ROUND_DOWN)
            for pk, total in by_criterion.items()
        }
        entry.stars = version.stars_for(entry.score, averages)
    entry.assessor_count = len(sheets)
    Entry.objects.filter(pk=entry.pk).update(
        score=entry.score, stars=entry.stars, assessor_count=entry.assessor_count
    )
    return entry


def lock_for_scoring(entry_id: int) -> Entry:
    """Hold the entry's row until the scoring transaction ends, and refuse a locked result.

    A confirmation takes the same row lock, so points are never saved under a result
    that is being confirmed: one waits for the other, and the second sees what the
    first did (a locked result, or points the confirmation's fingerprint did not show).
    """
    entry = Entry.objects.select_for_update().get(pk=entry_id)
    if entry.is_locked:
        raise ValidationError(_("This result is confirmed and locked."), code="locked")
    return entry


def assessor_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def panel_problem(entry: Entry) -> str:
    """Whose sheet the entry still needs from its round's panel, or "" if none."""
    missing, incomplete = entry.panel_gaps()
    parts = []
    if missing:
        parts.append(
            _("no score sheet from %(names)s")
            % {"names": ", ".join(assessor_name(user) for user in missing)}
        )
    if incomplete:
        parts.append(
            _("an incomplete score sheet from %(names)s")
            % {"names": ", ".join(assessor_name(user) for user in incomplete)}
        )
    if not parts:
        return ""
    return _("The whole panel has not scored %(product)s yet: %(gaps)s.") % {
        "product": entry.product,
        "gaps": "; ".join(parts),
    }


def may_confirm_without_full_panel(user: AbstractBaseUser) -> bool:
    """Only a national reviewer (national reach and the permission) may set a gap aside."""
    return (
        user.has_perm(CONFIRM_PERMISSION)
        and user.has_perm(CONFIRM_WITHOUT_FULL_PANEL_PERMISSION)
        and provinces_of(user) is None
    )


def confirmation_problems(
    entry: Entry, by: AbstractBaseUser, *, without_full_panel: bool = False
) -> list[str]:
    """Why `by` may not confirm this entry's result now; empty if they may.

    With `without_full_panel`, a panel member's missing or incomplete sheet does not hold
    the confirmation, for a national reviewer; at least one complete sheet still must.
    """
    if not by.has_perm(CONFIRM_PERMISSION):
        return [_("Only reviewers confirm results.")]
    if not reaches(by, entry.product) or (
        entry.round.province_id is not None and not reaches(by, entry.round.province)
    ):
        return [_("This product lies outside your provinces.")]
    if entry.is_locked:
        return [_("This result is confirmed already.")]
    if entry.round.level == Level.NATIONAL and provinces_of(by) is not None:
        return [_("Only a national reviewer confirms the results of a national round.")]
    if without_full_panel and not may_confirm_without_full_panel(by):
        return [_("Only a national reviewer may confirm a result without the whole panel.")]
    if entry.round.version.highest_stars_confirmed_at(entry.round.level) == 0:
        return [_("Under this scheme, no stars are confirmed at this round's level.")]
    if entry.sheets.filter(assessor=by).exists():
        return [_("An assessor of this product cannot also confirm its result.")]
    if not without_full_panel:
        gaps = panel_problem(entry)
        if gaps:
            return [gaps]
    if not entry.sheets.complete().exists():
        return [_("No assessor has completed a score sheet yet.")]
    return []


def result_fingerprint(entry: Entry) -> str:
    """A short digest of everything the result is computed from: the panel and every
    point on every sheet. A confirmation page carries it; if it differs at the click,
    what the reviewer saw is no longer the result."""
    points = sorted(
        (str(assessor), str(criterion), str(value))
        for assessor, criterion, value in Score.objects.filter(sheet__entry=entry).values_list(
            "sheet__assessor_id", "criterion_id", "points"
        )
    )
    panel = sorted(entry.round.assessors.values_list("pk", flat=True))
    digest = hashlib.sha256(repr((entry.pk, panel, points)).encode()).hexdigest()
    return digest[:24]


@transaction.atomic
def confirm_result(
    entry: Entry,
    *,
    by: AbstractBaseUser,
    on: datetime.date | None = None,
    seen: str | None = None,
    without_full_panel: str = "",
) -> Entry:
    """Confirm the computed result at the round's level, lock it, and certify if due.

    `seen` is the `result_fingerprint` of the result the reviewer was shown; a
    confirmation is refused when the scores or the panel changed since.
    `without_full_panel` is a national reviewer's reason for confirming although a
    panel member's sheet is missing or incomplete; it is kept on the entry and in its
    history, with the names of those who had not scored.
    """
    entry = Entry.objects.select_for_update().select_related("round__version").get(pk=entry.pk)
    reason = without_full_panel.strip()
    problems = confirmation_problems(entry, by, without_full_panel=bool(reason))
    if problems:
        raise PermissionDenied(problems[0])
    if seen is not None and seen != result_fingerprint(entry):
        raise ValidationError(
            _(
                "The scores of %(product)s changed after the confirmation was shown to you; "
                "review the result again."
            )
            % {"product": entry.product},
            code="changed",
        )
    compute_result(entry)
    version = entry.round.version
    level = entry.round.level
    entry.confirmed_stars = min(entry.stars, version.highest_stars_confirmed_at(level))
    entry.confirmed_level = level
    entry.confirmed_by = by
    entry.confirmed_at = timezone.now()
    if reason:
        missing, incomplete = entry.panel_gaps()
        entry.unscored_panel = ", ".join(assessor_name(user) for user in missing + incomplete)[
            :1000
        ]
        entry.without_full_panel_reason = reason
        if entry.unscored_panel:
            entry._change_reason = (
                _("Confirmed without the whole panel (%(names)s): %(reason)s")
                % {"names": entry.unscored_panel, "reason": reason}
            )[:100]
        else:  # the panel had scored after all: nothing was set aside
            entry.without_full_panel_reason = ""
    entry._history_user = by
    entry.save()
    if entry.confirmed_stars >= version.certified_min_stars:
        issue_certificate(entry, on=on or timezone.localdate())
    return entry


def next_certificate_number(year: int) -> str:
    """The next number of the year's series, OVOP-<year>-00001 onwards.

    The series' row stays locked until the caller's transaction ends, so concurrent
    confirmations wait for each other's number instead of taking the same one.
    """
    prefix = f"OVOP-{year}-"
    series, _created = CertificateSequence.objects.select_for_update().get_or_create(
        year=year, defaults={"last": _highest_number_issued(prefix)}
    )
    series.last += 1
    series.save(update_fields=["last"])
    return f"{prefix}{series.last:05d}"


def _highest_number_issued(prefix: str) -> int:
    # Certificates issued before the series was kept (or loaded from elsewhere).
    latest = Certificate.objects.filter(number__startswith=prefix).aggregate(Max("number"))
    last = latest["number__max"]
    return int(last.removeprefix(prefix)) if last else 0


@transaction.atomic
def issue_certificate(entry: Entry, *, on: datetime.date) -> Certificate:
    """The certificate of a confirmed result; its validity comes from the scheme version."""
    if not entry.is_locked:
        raise ValidationError(_("Only a confirmed result is certified."))
    product = entry.product
    certificate = Certificate(
        number=next_certificate_number(on.year),
        entry=entry,
        product=product,
        producer=product.producer,
        round=entry.round,
        product_name_en=product.name_en,
        product_name_km=product.name_km,
        producer_name_en=product.producer.name_en,
        producer_name_km=product.producer.name_km,
        stars=entry.confirmed_stars,
        issuing_level=entry.confirmed_level,
        issued_on=on,
        expires_on=on + relativedelta(months=entry.round.version.certificate_validity_months),
    )
    _save(certificate, entry.confirmed_by)
    certificate_changed(certificate)  # its PDF is made once committed, then served as a file
    return certificate


def withdraw_certificate(
    certificate: Certificate,
    *,
    by: AbstractBaseUser,
    reason: str,
    on: datetime.date | None = None,
) -> Certificate:
    """Withdraw a certificate with its reason; it stays, and its page says so."""
    if not by.has_perm(WITHDRAW_PERMISSION) or not reaches(by, certificate.product):
        raise PermissionDenied(_("You may not withdraw certificates."))
    if not reason.strip():
        raise ValidationError(_("Say why the certificate is withdrawn."))
    if certificate.withdrawn_on is not None:
        raise ValidationError(_("This certificate is withdrawn already."))
    certificate.withdrawn_on = on or timezone.localdate()
    certificate.withdrawal_reason = reason.strip()
    _save(certificate, by)
    certificate_changed(certificate)  # its PDF is made anew, stamped as withdrawn
    return certificate


def national_level_stars(version: SchemeVersion) -> list[int]:
    """The stars only a national confirmation gives, for help texts and the public page."""
    return [band.stars for band in version.ordered_bands() if band.confirmed_at == Level.NATIONAL]


class Progress(TextChoices):
    WAITING = "waiting", _l("Waiting for assessors")
    SCORING = "scoring", _l("Being scored")
    SCORED = "scored", _l("Scored by the whole panel")
    CONFIRMED = "confirmed", _l("Confirmed")


def progress_of(entry: Entry) -> Progress:
    """The entry's stage; `entry` carries `EntryQuerySet.with_panel()`'s annotations."""
    if entry.is_locked:
        return Progress.CONFIRMED
    if whole_panel_scored(entry):
        return Progress.SCORED
    if entry.sheet_count:
        return Progress.SCORING
    return Progress.WAITING


def whole_panel_scored(entry: Entry) -> bool:
    return entry.panel_size > 0 and entry.panel_scored == entry.panel_size


def progress_rows(round_: Round, entries: QuerySet[Entry]) -> list[dict]:
    """Each entry of the round with how far it has come, in a fixed number of queries.

    The row's figure (`panel_scored` of `panel_size`) and its stage come from the same
    annotation, so the counts above the rows always agree with them.
    """
    rows = []
    for entry in entries.with_panel().annotate(sheet_count=Count("sheets")):
        rows.append(
            {
                "entry": entry,
                "progress": progress_of(entry),
                "whole_panel": whole_panel_scored(entry),
            }
        )
    return rows


def round_progress(rows: list[dict]) -> dict[str, int]:
    """How many entries are entered, at each stage, and scored by the whole panel
    (confirmed or not: an entry confirmed without a panel member's sheet is not)."""
    counts = {"entered": len(rows)}
    for stage in Progress:
        counts[stage.value] = sum(1 for row in rows if row["progress"] == stage)
    counts["scored"] = sum(1 for row in rows if row["whole_panel"])
    counts["without_full_panel"] = sum(
        1 for row in rows if row["entry"].confirmed_without_full_panel
    )
    return counts
