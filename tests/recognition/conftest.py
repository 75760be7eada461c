"""A Takeo product, a scheme, an open round with a panel of two, and one user per role."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import (
    ASSESSOR,
    NATIONAL_ADMINISTRATOR,
    NATIONAL_REVIEWER,
    PROVINCIAL_OFFICIAL,
    VIEWER,
)
from recognition import services
from recognition.models import Entry, Level, Round
from tests.factories import CommuneFactory, ProductFactory, ProvinceFactory, VillageFactory
from tests.recognition.factories import RoundFactory

TAKEO, KAMPOT = "21", "07"


@dataclass
class People:
    official: object
    kampot_official: object
    assessor: object
    second_assessor: object
    outsider_assessor: object
    reviewer: object
    administrator: object
    viewer: object


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    # Eight users a test: the production hasher would spend most of the run on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Certificate PDFs are stored in a media folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def people(make_official) -> People:
    ProvinceFactory(code=TAKEO, name_en="Takeo", slug="takeo")
    ProvinceFactory(code=KAMPOT, name_en="Kampot", slug="kampot")
    return People(
        official=make_official(PROVINCIAL_OFFICIAL, (TAKEO,), username="takeo-official"),
        kampot_official=make_official(PROVINCIAL_OFFICIAL, (KAMPOT,), username="kampot-official"),
        assessor=make_official(ASSESSOR, username="assessor-1"),
        second_assessor=make_official(ASSESSOR, username="assessor-2"),
        outsider_assessor=make_official(ASSESSOR, username="assessor-not-on-panel"),
        reviewer=make_official(NATIONAL_REVIEWER, username="reviewer"),
        administrator=make_official(NATIONAL_ADMINISTRATOR, username="administrator"),
        viewer=make_official(VIEWER, username="viewer"),
    )


@pytest.fixture
def product(people):
    return ProductFactory(
        name_en="Takeo silk scarf",
        name_km="ក្រមាសូត្រតាកែវ",
        producer__village=VillageFactory(commune=CommuneFactory(code="210401"), code="21040101"),
    )


@pytest.fixture
def kampot_product(people):
    return ProductFactory(
        name_en="Kampot pepper",
        producer__village=VillageFactory(commune=CommuneFactory(code="070101"), code="07010101"),
    )


def with_panel(round_: Round, people: People) -> Round:
    round_.assessors.add(people.assessor, people.second_assessor)
    return round_


@pytest.fixture
def national_round(db, people) -> Round:
    return with_panel(RoundFactory(name_en="National round 2026"), people)


@pytest.fixture
def takeo_round(db, people, product) -> Round:
    return with_panel(
        RoundFactory(name_en="Takeo round 2026", level=Level.PROVINCE, province=product.province),
        people,
    )


def score(entry: Entry, assessor, points: tuple[str, str, str]) -> Entry:
    """The assessor scores the three criteria (strength, marketing, quality)."""
    sheet = services.open_sheet(entry, assessor=assessor)
    criteria = list(entry.round.version.criteria.order_by("section__position"))
    services.record_scores(
        sheet,
        {c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
        by=assessor,
    )
    entry.refresh_from_db()
    return entry


def score_by_panel(entry: Entry, people: People, points: tuple[str, str, str]) -> Entry:
    """Both assessors on the panel give the same points: a result ready to confirm."""
    score(entry, people.assessor, points)
    return score(entry, people.second_assessor, points)


def confirm_from_list(client, entries, action: str = "confirm_results", **extra):
    """Run the action on the entries, then press the confirmation page's button."""
    changelist = reverse("admin:recognition_entry_changelist")
    page = client.post(changelist, {"action": action, "_selected_action": [e.pk for e in entries]})
    assert page.status_code == 200, page
    form = {
        "action": action,
        "confirm": "yes",
        "_selected_action": [row["entry"].pk for row in page.context["confirmable"]],
        **{f"seen-{row['entry'].pk}": row["seen"] for row in page.context["confirmable"]},
        **extra,
    }
    return client.post(changelist, form, follow=True)


@pytest.fixture
def entry(national_round, product, people) -> Entry:
    return services.enter_product(national_round, product, by=people.official)
