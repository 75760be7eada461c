"""Loading the Ministry's 2025 lists: every row carried, anomalies flagged, idempotent."""

import io

import pytest
from django.core.management import call_command

from provinces.models import Commune, District, Province, Village

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "communes": Commune.objects.count(),
        "villages": Village.objects.count(),
        "flagged": Village.objects.flagged().count(),
    }


def test_gazetteer_holds_every_official_row(national_gazetteer):
    assert counts() == {
        "provinces": 25,
        "districts": 210,
        "communes": 1662,
        "villages": 14576,
        "flagged": 113,
    }


def test_missing_commune_is_a_flagged_placeholder(national_gazetteer):
    placeholder = Commune.objects.get(is_placeholder=True)

    assert placeholder.code == "120913"
    assert placeholder.district_id == "1209"
    assert placeholder.villages.count() == 13
    assert "commune 120913 is named by villages" in national_gazetteer.getvalue()


def test_anomalies_are_flagged_by_kind(national_gazetteer):
    villages = Village.objects
    assert villages.filter(code_malformed=True).count() == 9
    assert villages.filter(code="0506140-").count() == 9
    assert villages.filter(code_outside_commune=True).count() == 43
    assert villages.filter(code_shared=True).count() == 80
    assert villages.filter(code_shared=True).values("code").distinct().count() == 26


def test_loading_twice_changes_nothing(national_gazetteer):
    before = list(
        Village.objects.order_by("pk").values_list(
            "pk", "code", "commune_id", "name_en", "name_km", "code_shared"
        )
    )
    before_counts = counts()

    output = io.StringIO()
    call_command("load_gazetteer", stdout=output)

    assert counts() == before_counts
    assert "villages: 0 created, 0 updated, 14576 unchanged" in output.getvalue()
    after = list(
        Village.objects.order_by("pk").values_list(
            "pk", "code", "commune_id", "name_en", "name_km", "code_shared"
        )
    )
    assert after == before


def test_takeo_and_kirivong_carry_their_official_names(national_gazetteer):
    assert Province.objects.get(code="21").name_en == "Takeo"
    kirivong = District.objects.get(code="2104")
    assert kirivong.province_id == "21"
    assert kirivong.name_km == "គីរីវង់"
