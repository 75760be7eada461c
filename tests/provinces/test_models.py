"""The gazetteer's coding convention: enforced for provinces, districts and communes,
flagged (never enforced) for villages."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from provinces.models import Commune, District, Province, Village
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_commune_code_must_start_with_district_code():
    district = DistrictFactory(code="2104")
    commune = Commune(code="210501", district=district, name_en="Elsewhere", slug="elsewhere")

    with pytest.raises(ValidationError) as error:
        commune.full_clean()
    assert "210501 does not start with its district's code 2104." in str(error.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        commune.save()


def test_district_code_must_start_with_province_code():
    province = ProvinceFactory(code="21")
    district = District(code="2201", province=province, name_en="Wrong", slug="wrong")

    with pytest.raises(ValidationError):
        district.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        district.save()


@pytest.mark.parametrize("code", ["21041", "2104011", "210401a"])
def test_commune_code_must_be_six_digits(code):
    district = DistrictFactory(code="2104")
    commune = Commune(code=code, district=district, name_en="Bad", slug="bad")

    with pytest.raises(ValidationError) as error:
        commune.full_clean()
    assert "code" in error.value.message_dict


def test_village_with_a_conventional_code_is_not_flagged():
    village = VillageFactory(commune=CommuneFactory(code="210401"), code="21040101")

    assert village.code_issues == []
    assert not Village.objects.flagged().exists()


def test_village_code_outside_its_commune_is_kept_and_flagged():
    commune = CommuneFactory(code="210401")
    village = VillageFactory(commune=commune, code="21040299")

    village.refresh_from_db()
    assert village.code == "21040299"
    assert village.code_outside_commune
    assert village.code_issues == ["21040299 does not start with its commune's code 210401."]
    assert list(Village.objects.flagged()) == [village]


def test_malformed_village_code_is_kept_as_given_and_flagged():
    village = VillageFactory(commune=CommuneFactory(code="050614"), code="0506140-")

    village.refresh_from_db()
    assert village.code == "0506140-"
    assert village.code_malformed
    assert "0506140- is not a code; village codes are 8 digits." in village.code_issues


def test_a_shared_code_flags_every_village_that_uses_it_and_clears_when_resolved():
    commune = CommuneFactory(code="021404")
    first = VillageFactory(commune=commune, code="02140401", name_km="ក")
    second = VillageFactory(commune=commune, code="02140401", name_km="ខ")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.code_shared and second.code_shared

    second.code = "02140402"
    second.save()
    first.refresh_from_db()
    assert not first.code_shared
    assert not second.code_shared


def test_village_in_a_placeholder_commune_is_flagged():
    commune = CommuneFactory(code="120913", is_placeholder=True)
    village = VillageFactory(commune=commune, code="12091301")

    assert village.code_issues == ["commune 120913 is not in the Ministry's commune list"]
    assert list(Village.objects.flagged()) == [village]


def test_two_villages_cannot_share_commune_code_and_khmer_name():
    commune = CommuneFactory()
    VillageFactory(commune=commune, code=f"{commune.code}01", name_km="ភូមិ")

    with pytest.raises(IntegrityError), transaction.atomic():
        VillageFactory(commune=commune, code=f"{commune.code}01", name_km="ភូមិ")


def test_province_menus_list_each_provinces_districts_in_one_query(
    django_assert_num_queries,
):
    takeo = ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo")
    kampot = ProvinceFactory(code="07", name_en="Kampot", name_km="", slug="kampot")
    kandal = ProvinceFactory(code="08", name_en="Kandal", slug="kandal")  # no district yet
    DistrictFactory(code="2106", province=takeo, name_en="Prey Kabbas", name_km="ព្រៃកប្បាស")
    DistrictFactory(code="2104", province=takeo, name_en="Kiri Vong", name_km="គិរីវង់")
    DistrictFactory(code="2199", province=takeo, is_placeholder=True)
    DistrictFactory(code="0706", province=kampot, name_en="Kampong Trach", name_km="")

    with django_assert_num_queries(1):
        english = Province.objects.all().menus()
    with translation.override("km"):
        khmer = Province.objects.all().menus()

    assert [(m.slug, m.name, [d.name for d in m.districts]) for m in english] == [
        ("kampot", "Kampot", ["Kampong Trach"]),
        ("kandal", "Kandal", []),
        ("takeo", "Takeo", ["Kiri Vong", "Prey Kabbas"]),
    ]
    # Names in Khmer (the English one where the Khmer is missing); each province's
    # districts in Khmer order (the provinces' order: tests/public/test_khmer_order.py).
    assert {m.slug: (m.name, [d.name for d in m.districts]) for m in khmer} == {
        "kampot": ("Kampot", ["Kampong Trach"]),
        "kandal": (kandal.name_km, []),
        "takeo": ("តាកែវ", ["គិរីវង់", "ព្រៃកប្បាស"]),
    }
