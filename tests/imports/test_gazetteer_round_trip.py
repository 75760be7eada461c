"""An export of each list of the gazetteer, imported back through the admin, changes
nothing: 0 new, 0 updated, with Khmer text (zero-width spaces inside words), names a
spreadsheet would run as formulas, and codes the Ministry published off the rules."""

import io

import pytest
from django.urls import reverse

from imports.definitions import get_definition
from provinces.models import Village
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory, VillageFactory

pytestmark = pytest.mark.django_db

FORMATS = {"csv": "0", "xlsx": "1"}


@pytest.fixture
def gazetteer(db):
    takeo = ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ")
    ProvinceFactory(code="07", name_en="=Kampot", name_km="កំពត")
    kiri_vung = DistrictFactory(
        code="2104", province=takeo, name_en="Kiri Vung", name_km="គីរី\u200bវង់"
    )
    DistrictFactory(code="2105", province=takeo, name_en="-Koh Andaet", name_km="កោះអណ្ដែត")
    commune = CommuneFactory(
        code="210401", district=kiri_vung, name_en="Preah Bat Choan Chum", name_km="ព្រះបាទជាន់ជុំ"
    )
    CommuneFactory(code="210402", district=kiri_vung, name_en="Kampeaeng", name_km="កំពែង")
    VillageFactory(commune=commune, code="21040101", name_en="Ta Nob", name_km="តា\u200bនប់")
    VillageFactory(commune=commune, code="2104011", name_en="Short code", name_km="ខ្លី")


def export(client, model: str, dataset: str, file_format: str) -> bytes:
    fields = {"format": FORMATS[file_format], "resource": "0"}
    fields.update(
        {f"{model}resource_{name}": "on" for name in get_definition(dataset).column_names}
    )
    response = client.post(reverse(f"admin:provinces_{model}_export"), fields)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("model", "dataset", "rows"),
    [
        ("province", "provinces", 2),
        ("district", "districts", 2),
        ("commune", "communes", 2),
        ("village", "villages", 2),
    ],
)
def test_an_export_of_each_gazetteer_list_imports_back_unchanged(
    admin_client, gazetteer, model, dataset, rows, file_format
):
    file = io.BytesIO(export(admin_client, model, dataset, file_format))
    file.name = f"export.{file_format}"

    preview = admin_client.post(reverse(f"admin:provinces_{model}_import"), {"import_file": file})

    report = preview.context["report"]
    assert report.ok, [str(problem) for problem in report.problems]
    assert (report.rows, report.created, report.updated, report.unchanged) == (rows, 0, 0, rows)


def test_a_renamed_village_keeps_the_slug_set_in_the_admin(admin_client, gazetteer):
    village = Village.objects.get(code="21040101")
    Village.objects.filter(pk=village.pk).update(slug="ta-nob-weavers")
    file = io.BytesIO(
        "province_code,district_code,commune_code,village_code,village_kh,village_en\n"
        "21,2104,210401,21040101,តា\u200bនប់,Ta Nop\n".encode()
    )
    file.name = "villages.csv"

    preview = admin_client.post(reverse("admin:provinces_village_import"), {"import_file": file})

    assert preview.context["report"].updated == 1
    form = preview.context["confirm_form"]
    admin_client.post(
        reverse("admin:provinces_village_process_import"),
        {name: form[name].value() for name in form.fields},
    )
    village.refresh_from_db()
    assert (village.name_en, village.slug) == ("Ta Nop", "ta-nob-weavers")
