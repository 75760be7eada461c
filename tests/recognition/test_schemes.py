"""Schemes: star bands, gates, what makes a version complete, and versioning."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from recognition import services
from recognition.models import Criterion, Level, Section, StarBand
from tests.recognition.conftest import score
from tests.recognition.factories import RoundFactory, complete_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_the_star_band_follows_the_total_at_every_boundary(total, stars):
    version = complete_version()
    assert version.stars_for(Decimal(total), {}) == stars


def test_a_gate_criterion_keeps_a_high_total_below_the_stars_it_guards():
    version = complete_version(gate=(4, "20"))
    quality = version.criteria.get(gate_stars=4)

    assert version.stars_for(Decimal("95"), {quality.pk: Decimal("19.99")}) == 3
    assert version.stars_for(Decimal("95"), {quality.pk: Decimal("20")}) == 5
    assert version.stars_for(Decimal("60"), {quality.pk: Decimal("0")}) == 3  # below the gate


def test_a_gate_needs_its_minimum_within_the_criterion_points():
    version = complete_version()
    criterion = version.criteria.first()
    criterion.gate_stars, criterion.gate_min_points = 3, criterion.max_points + 1
    with pytest.raises(ValidationError):
        criterion.full_clean()
    criterion.gate_min_points = None
    with pytest.raises(ValidationError, match="both"):
        criterion.full_clean()


def test_a_complete_version_has_no_problems():
    assert complete_version().problems() == []


def test_a_version_without_five_ordered_bands_cannot_score_a_round():
    version = complete_version()
    version.bands.filter(stars=5).delete()
    assert "exactly one score band" in " ".join(version.problems())

    version = complete_version()
    StarBand.objects.filter(version=version, stars=4).update(min_points=Decimal("20"))
    assert "above the one below" in " ".join(version.problems())

    version = complete_version()
    StarBand.objects.filter(version=version, stars=3).update(confirmed_at=Level.NATIONAL)
    assert "confirmed nationally" in " ".join(version.problems())

    with pytest.raises(ValidationError):
        RoundFactory.build(version=version).full_clean()


def test_only_national_confirmation_gives_the_stars_reserved_for_it():
    version = complete_version()
    assert version.highest_stars_confirmed_at(Level.PROVINCE) == 4
    assert version.highest_stars_confirmed_at(Level.NATIONAL) == 5


def test_a_used_version_is_frozen():
    version = complete_version()
    RoundFactory(version=version)
    criterion = version.criteria.first()
    criterion.max_points = Decimal("50")
    with pytest.raises(ValidationError, match="new version"):
        criterion.full_clean()
    with pytest.raises(ValidationError, match="new version"):
        Section(version=version, name_en="Extra").full_clean()
    version.certificate_validity_months = 12
    with pytest.raises(ValidationError, match="new version"):
        version.full_clean()


def test_editing_a_used_scheme_makes_a_new_version_and_past_results_keep_theirs(entry, people):
    old = entry.round.version
    entry = score(entry, people.assessor, ("30", "20", "25"))  # 75 points: 4 stars
    assert (entry.score, entry.stars) == (Decimal("75.00"), 4)

    new = services.start_new_version(old, by=people.administrator, notes="Stricter bands")
    assert (new.number, new.based_on) == (old.number + 1, old)
    assert new.criteria.count() == old.criteria.count() and new.problems() == []
    StarBand.objects.filter(version=new, stars=4).update(min_points=Decimal("80"))
    Criterion.objects.filter(version=new).update(max_points=Decimal("10"))

    entry.refresh_from_db()
    assert entry.round.version == old
    assert old.stars_for(Decimal("75"), {}) == 4
    assert services.compute_result(entry).stars == 4
    assert new.stars_for(Decimal("75"), {}) == 3
