"""Who confirms at which level, and certificate numbers that two confirmations at once
never share."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from accounts.roles import PROVINCIAL_REVIEWER
from products.models import Product
from recognition import services
from recognition.models import CertificateSequence, Level
from review.services import can_publish
from tests.recognition.conftest import KAMPOT, TAKEO, score_by_panel

FIVE_STARS = ("38", "24", "33")  # 95 points


@pytest.fixture
def takeo_reviewer(people, make_official):
    return make_official(PROVINCIAL_REVIEWER, (TAKEO,), username="takeo-reviewer")


@pytest.mark.django_db
def test_a_provincial_reviewer_confirms_a_round_of_their_province_at_its_level(
    takeo_round, product, people, takeo_reviewer
):
    entry = services.enter_product(takeo_round, product, by=people.official)
    score_by_panel(entry, people, FIVE_STARS)

    entry = services.confirm_result(entry, by=takeo_reviewer)

    assert (entry.confirmed_level, entry.confirmed_stars) == (Level.PROVINCE, 4)
    assert entry.confirmed_by == takeo_reviewer
    assert entry.certificate.issuing_level == Level.PROVINCE


@pytest.mark.django_db
def test_a_provincial_reviewer_cannot_confirm_a_national_round(entry, people, takeo_reviewer):
    score_by_panel(entry, people, FIVE_STARS)
    with pytest.raises(PermissionDenied, match="national reviewer"):
        services.confirm_result(entry, by=takeo_reviewer)


@pytest.mark.django_db
def test_a_provincial_reviewer_cannot_confirm_another_provinces_round(
    takeo_round, product, people, make_official
):
    kampot_reviewer = make_official(PROVINCIAL_REVIEWER, (KAMPOT,), username="kampot-reviewer")
    entry = services.enter_product(takeo_round, product, by=people.official)
    score_by_panel(entry, people, FIVE_STARS)
    with pytest.raises(PermissionDenied, match="outside your provinces"):
        services.confirm_result(entry, by=kampot_reviewer)


@pytest.mark.django_db
def test_a_provincial_reviewer_publishes_nothing(takeo_reviewer):
    assert not can_publish(takeo_reviewer, Product)
    assert not takeo_reviewer.has_perm("products.change_product")


@pytest.mark.django_db
def test_numbers_continue_from_certificates_issued_before_the_series_was_kept(entry, people):
    score_by_panel(entry, people, FIVE_STARS)
    issued = services.confirm_result(entry, by=people.reviewer).certificate
    year = issued.issued_on.year
    CertificateSequence.objects.filter(year=year).delete()

    with transaction.atomic():
        assert services.next_certificate_number(year) == f"OVOP-{year}-00002"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_take_different_numbers():
    taken: list[str] = []
    failures: list[BaseException] = []

    def second_confirmation() -> None:
        try:
            with transaction.atomic():
                taken.append(services.next_certificate_number(2026))
        except BaseException as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        taken.append(services.next_certificate_number(2026))
        other = threading.Thread(target=second_confirmation)
        other.start()
        time.sleep(0.5)  # the other confirmation asks for its number meanwhile
    other.join()

    assert not failures
    assert sorted(taken) == ["OVOP-2026-00001", "OVOP-2026-00002"]
