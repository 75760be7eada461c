"""Rounds from entry to certificate: who may enter, score and confirm, what is computed,
and what a confirmation locks."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from recognition import services
from recognition.models import Certificate, CertificateStatus, Entry, Score, ScoreSheet
from tests.recognition.conftest import score, score_by_panel
from tests.recognition.factories import RoundFactory

pytestmark = pytest.mark.django_db


# Entering products ---------------------------------------------------------------------


def test_an_official_enters_a_product_of_their_province_with_its_self_assessment(
    national_round, product, people
):
    entry = services.enter_product(
        national_round,
        product,
        by=people.official,
        self_assessment="Natural dyes, hand-woven.",
        self_assessed_points=Decimal("80"),
    )
    assert entry.entered_by == people.official
    assert entry.score is None and entry.stars is None


def test_an_official_cannot_enter_another_provinces_product(national_round, product, people):
    with pytest.raises(PermissionDenied):
        services.enter_product(national_round, product, by=people.kampot_official)


def test_a_provincial_round_takes_only_its_provinces_products(takeo_round, kampot_product, people):
    with pytest.raises(ValidationError, match="own province"):
        services.enter_product(takeo_round, kampot_product, by=people.administrator)


def test_a_closed_round_takes_no_entries(product, people):
    today = timezone.localdate()
    closed = RoundFactory(
        opens_on=today - datetime.timedelta(days=40), closes_on=today - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="takes entries from"):
        services.enter_product(closed, product, by=people.official)


def test_a_product_enters_a_round_once(entry, people):
    with pytest.raises(ValidationError):
        services.enter_product(entry.round, entry.product, by=people.official)


# Scoring -------------------------------------------------------------------------------


def test_an_official_cannot_score(entry, people):
    entry.round.assessors.add(people.official)  # even when put on the panel by mistake
    with pytest.raises(PermissionDenied):
        services.open_sheet(entry, assessor=people.official)


def test_an_assessor_scores_only_in_rounds_whose_panel_they_sit_on(entry, people):
    with pytest.raises(PermissionDenied):
        services.open_sheet(entry, assessor=people.outsider_assessor)


def test_an_assessor_scores_only_on_their_own_sheet(entry, people):
    sheet = services.open_sheet(entry, assessor=people.assessor)
    with pytest.raises(PermissionDenied):
        services.record_scores(sheet, {}, by=people.second_assessor)


def test_a_sheet_has_a_row_for_every_criterion_and_refuses_points_above_the_maximum(entry, people):
    sheet = services.open_sheet(entry, assessor=people.assessor)
    assert sheet.scores.count() == 3
    strength = entry.round.version.criteria.get(max_points=40)
    with pytest.raises(ValidationError, match="between 0 and 40"):
        services.record_scores(sheet, {strength.pk: Decimal("40.01")}, by=people.assessor)


def test_the_result_is_the_average_of_the_complete_sheets(entry, people):
    entry = score(entry, people.assessor, ("35", "20", "30"))  # 85
    assert (entry.score, entry.stars, entry.assessor_count) == (Decimal("85.00"), 4, 1)

    sheet = services.open_sheet(entry, assessor=people.second_assessor)
    entry.refresh_from_db()
    assert entry.assessor_count == 1  # an empty sheet does not count
    strength = entry.round.version.criteria.get(max_points=40)
    services.record_scores(sheet, {strength.pk: Decimal("40")}, by=people.second_assessor)
    entry.refresh_from_db()
    assert entry.score == Decimal("85.00")  # still incomplete

    entry = score(entry, people.second_assessor, ("40", "25", "30"))  # 95
    assert (entry.score, entry.stars, entry.assessor_count) == (Decimal("90.00"), 5, 2)


def test_an_average_just_below_a_band_is_never_rounded_up_into_it(entry, people):
    score(entry, people.assessor, ("40", "25", "24.99"))  # 89.99
    entry = score(entry, people.second_assessor, ("40", "25", "25"))  # 90
    assert entry.score == Decimal("89.99")  # 89.995, cut
    assert entry.stars == 4


def test_the_result_is_not_a_form_field():
    editable = {f.name for f in Entry._meta.get_fields() if getattr(f, "editable", False)}
    assert not {"score", "stars", "confirmed_stars", "confirmed_at"} & editable


# Confirming ----------------------------------------------------------------------------


@pytest.fixture
def scored(entry, people) -> Entry:
    score(entry, people.assessor, ("38", "24", "33"))  # 95
    return score(entry, people.second_assessor, ("36", "22", "31"))  # 89 -> 92


def test_an_official_cannot_confirm(scored, people):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        services.confirm_result(scored, by=people.official)


def test_an_assessor_cannot_confirm(scored, people):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        services.confirm_result(scored, by=people.assessor)


def test_an_incomplete_sheet_holds_the_confirmation(entry, people):
    score(entry, people.assessor, ("38", "24", "33"))
    services.open_sheet(entry, assessor=people.second_assessor)
    with pytest.raises(PermissionDenied, match="incomplete"):
        services.confirm_result(entry, by=people.reviewer)


def test_a_national_confirmation_gives_five_stars_and_a_certificate_for_36_months(scored, people):
    issued = datetime.date(2026, 3, 15)
    entry = services.confirm_result(scored, by=people.reviewer, on=issued)

    assert (entry.score, entry.confirmed_stars, entry.confirmed_level) == (
        Decimal("92.00"),
        5,
        "national",
    )
    certificate = entry.certificate
    assert certificate.number == "OVOP-2026-00001"
    assert certificate.stars == 5
    assert certificate.product_name_km == "ក្រមាសូត្រតាកែវ"
    assert certificate.producer == entry.product.producer
    assert (certificate.issued_on, certificate.expires_on) == (issued, datetime.date(2029, 3, 15))


def test_a_provincial_confirmation_cannot_give_the_stars_reserved_for_the_national_level(
    takeo_round, product, people
):
    entry = services.enter_product(takeo_round, product, by=people.official)
    score_by_panel(entry, people, ("38", "24", "33"))  # 95: five stars earned
    entry = services.confirm_result(entry, by=people.reviewer)

    assert entry.stars == 5
    assert entry.confirmed_stars == 4
    assert entry.proposed_for_national
    assert entry.certificate.stars == 4 and entry.certificate.issuing_level == "province"


def test_a_result_below_the_certified_stars_is_confirmed_without_a_certificate(entry, people):
    entry = score_by_panel(entry, people, ("20", "10", "15"))  # 45: two stars
    entry = services.confirm_result(entry, by=people.reviewer)
    assert entry.confirmed_stars == 2
    assert not Certificate.objects.filter(entry=entry).exists()


def test_the_assessor_of_a_product_cannot_confirm_it(scored, people):
    # A reviewer who also sat on the panel (given a sheet directly, as roles may change).
    ScoreSheet.objects.create(entry=scored, assessor=people.reviewer)
    with pytest.raises(PermissionDenied, match="assessor of this product"):
        services.confirm_result(scored, by=people.reviewer)


# Locked results ------------------------------------------------------------------------


@pytest.fixture
def confirmed(scored, people) -> Entry:
    return services.confirm_result(scored, by=people.reviewer)


def test_a_confirmed_result_is_locked(confirmed, people):
    sheet = confirmed.sheets.get(assessor=people.assessor)
    with pytest.raises(ValidationError, match="locked"):
        services.record_scores(
            sheet, {sheet.scores.first().criterion_id: Decimal("1")}, by=people.assessor
        )
    with pytest.raises(ValidationError, match="locked"):
        services.compute_result(confirmed)
    confirmed.self_assessment = "Changed afterwards"
    with pytest.raises(ValidationError, match="locked"):
        confirmed.full_clean()
    with pytest.raises(PermissionDenied, match="confirmed already"):
        services.confirm_result(confirmed, by=people.reviewer)
    assert Score.objects.filter(sheet__entry=confirmed, points=Decimal("1")).count() == 0


# Certificates --------------------------------------------------------------------------


def test_a_certificate_from_37_months_ago_is_not_current(confirmed):
    certificate = confirmed.certificate
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=today - datetime.timedelta(days=37 * 31),
        expires_on=today - datetime.timedelta(days=37 * 31 - 36 * 30),
    )
    certificate.refresh_from_db()
    assert certificate.status() == CertificateStatus.EXPIRED
    assert not Certificate.objects.current().exists()


def test_validity_runs_to_the_day_before_the_expiry_date(confirmed):
    certificate = confirmed.certificate
    assert certificate.status(certificate.last_valid_day) == CertificateStatus.VALID
    assert certificate.status(certificate.expires_on) == CertificateStatus.EXPIRED


def test_a_withdrawn_certificate_stays_and_says_why(confirmed, people):
    certificate = services.withdraw_certificate(
        confirmed.certificate, by=people.reviewer, reason="Product no longer made."
    )
    assert certificate.status() == CertificateStatus.WITHDRAWN
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    with pytest.raises(PermissionDenied):
        services.withdraw_certificate(certificate, by=people.official, reason="x")
