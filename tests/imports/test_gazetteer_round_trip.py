"""An export of each list of the gazetteer, imported back through the admin, changes
nothing: 0 new, 0 updated, with Khmer text (zero-width spaces inside words), names a
spreadsheet would run as formulas, codes the Ministry published off the rules, and
placeholders (codes that villages name but no list carries), which have no Khmer
name: the export marks them, and the admin and the import apply one rule to a
division without a Khmer name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from imports.definitions import get_definition
from provinces.models import Commune, District, Province, Village
from tests.factories import CommuneFactory, DistrictFactory, ProvinceFactory, VillageFactory

from .conftest import csv_file, do_import, messages, village, villages_file

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


@pytest.fixture
def placeholders(gazetteer):
    """A village in commune 990101 of district 9901 of province 99, which no list
    carries: imported as the national load does, its parents made placeholders."""
    report = do_import(
        "villages",
        villages_file([village("99010101", "Phum Thmei", "ភូមិថ្មី")]),
        create_missing_parents=True,
    )
    assert report.ok, messages(report)
    assert Commune.objects.get(code="990101").is_placeholder


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
    ("model", "dataset"),
    [
        ("province", "provinces"),
        ("district", "districts"),
        ("commune", "communes"),
        ("village", "villages"),
    ],
)
@pytest.mark.parametrize(("places", "rows"), [("gazetteer", 2), ("placeholders", 3)])
def test_an_export_of_each_gazetteer_list_imports_back_unchanged(
    admin_client, request, places, rows, model, dataset, file_format
):
    """With and without placeholders (a division the Ministry's lists lack)."""
    request.getfixturevalue(places)
    file = io.BytesIO(export(admin_client, model, dataset, file_format))
    file.name = f"export.{file_format}"

    preview = admin_client.post(reverse(f"admin:provinces_{model}_import"), {"import_file": file})

    report = preview.context["report"]
    assert report.ok, [str(problem) for problem in report.problems]
    assert (report.rows, report.created, report.updated, report.unchanged) == (rows, 0, 0, rows)


def test_a_placeholder_keeps_its_empty_khmer_name_and_its_mark_through_a_round_trip(
    admin_client, placeholders
):
    file = io.BytesIO(export(admin_client, "commune", "communes", "csv"))
    file.name = "communes.csv"
    preview = admin_client.post(reverse("admin:provinces_commune_import"), {"import_file": file})
    form = preview.context["confirm_form"]
    admin_client.post(
        reverse("admin:provinces_commune_process_import"),
        {name: form[name].value() for name in form.fields},
    )

    commune = Commune.objects.get(code="990101")
    assert (commune.name_km, commune.is_placeholder) == ("", True)
    assert b"990101,,Commune 990101 (not in the Ministry's commune list),yes" in file.getvalue()


@pytest.mark.parametrize(
    ("model", "dataset", "row"),
    [
        (Province, "provinces", {"province_code": "21", "province_en": "Takeo"}),
        (
            District,
            "districts",
            {"province_code": "21", "district_code": "2104", "district_en": "Kiri Vung"},
        ),
        (
            Commune,
            "communes",
            {
                "province_code": "21",
                "district_code": "2104",
                "commune_code": "210401",
                "commune_en": "Preah Bat Choan Chum",
            },
        ),
    ],
)
def test_the_admin_and_the_import_refuse_a_listed_division_without_its_khmer_name_alike(
    gazetteer, model, dataset, row
):
    level = model.level.name
    division = model.objects.get(code=row[f"{level}_code"])
    division.name_km = ""

    report = do_import(dataset, csv_file([*row, f"{level}_kh"], [[*row.values(), ""]]))
    with pytest.raises(ValidationError) as refused:
        division.full_clean()

    [problem] = report.errors
    assert (problem.line, problem.column) == (2, f"{level}_kh")
    assert refused.value.message_dict["name_km"] == [problem.message]
    # A placeholder may have none, in the admin as in the import.
    division.is_placeholder = True
    division.full_clean()
    marked = do_import(
        dataset, csv_file([*row, f"{level}_kh", "placeholder"], [[*row.values(), "", "yes"]])
    )
    assert marked.ok, messages(marked)


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


@pytest.mark.slow
@pytest.mark.parametrize(
    ("model", "dataset"),
    [
        ("province", "provinces"),
        ("district", "districts"),
        ("commune", "communes"),
        ("village", "villages"),
    ],
)
def test_each_national_list_exported_imports_back_unchanged(
    national_gazetteer, admin_client, model, dataset
):
    """The Ministry's lists as loaded, with commune 120913 (the placeholder the commune
    list lacks), each exported from the admin and imported back."""
    file = io.BytesIO(export(admin_client, model, dataset, "csv"))
    file.name = f"{dataset}.csv"
    rows = get_definition(dataset).model.objects.count()

    preview = admin_client.post(reverse(f"admin:provinces_{model}_import"), {"import_file": file})

    report = preview.context["report"]
    assert report.ok, [str(problem) for problem in report.problems[:5]]
    assert (report.rows, report.created, report.updated, report.unchanged) == (rows, 0, 0, rows)
