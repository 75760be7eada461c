"""The Ministry's four lists, imported as published, give exactly the national gazetteer."""

import io
from importlib import resources

import pytest
from django.core.management import call_command

from imports.models import ImportLog
from provinces.gazetteer import DATA_PACKAGE, FILES
from provinces.models import Commune, District, Province, Village

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def ministry_file(level: str) -> str:
    return str(resources.files(DATA_PACKAGE).joinpath("data", FILES[level]))


def gazetteer_counts() -> dict[str, int]:
    return {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "communes": Commune.objects.count(),
        "villages": Village.objects.count(),
        "flagged": Village.objects.flagged().count(),
    }


def import_data(*args) -> str:
    output = io.StringIO()
    call_command("import_data", *args, stdout=output)
    return output.getvalue()


def test_the_ministrys_four_files_import_into_an_empty_database():
    for level in ("provinces", "districts", "communes"):
        import_data(level, ministry_file(level))
    output = import_data("villages", ministry_file("villages"), "--create-missing-parents")

    assert gazetteer_counts() == {
        "provinces": 25,
        "districts": 210,
        "communes": 1662,
        "villages": 14576,
        "flagged": 113,
    }
    assert "commune 120913: missing, created as a flagged placeholder" in output
    assert Commune.objects.get(is_placeholder=True).code == "120913"

    before = list(Village.objects.order_by("pk").values_list())
    output = import_data("villages", ministry_file("villages"), "--create-missing-parents")

    assert "14576 rows: 0 new, 0 updated, 14576 unchanged, 0 invalid" in output
    assert list(Village.objects.order_by("pk").values_list()) == before
    assert ImportLog.objects.count() == 5


def test_the_import_and_the_loader_agree(national_gazetteer):
    output = import_data("villages", ministry_file("villages"))

    assert "14576 unchanged" in output


def test_the_ministrys_village_file_imports_through_the_admin(admin_client):
    from django.urls import reverse

    for level in ("provinces", "districts", "communes"):
        import_data(level, ministry_file(level))
    url = reverse("admin:provinces_village_import")

    def upload():
        with open(ministry_file("villages"), "rb") as file:
            return admin_client.post(url, {"import_file": file, "create_missing_parents": "on"})

    preview = upload()
    report = preview.context["report"]
    assert (report.rows, report.created, report.invalid) == (14576, 14576, 0)
    assert "<li>commune 120913</li>" in preview.content.decode()
    form = preview.context["confirm_form"]
    admin_client.post(
        reverse("admin:provinces_village_process_import"),
        {name: form[name].value() for name in form.fields},
    )

    assert gazetteer_counts() == {
        "provinces": 25,
        "districts": 210,
        "communes": 1662,
        "villages": 14576,
        "flagged": 113,
    }
    again = upload().context["report"]
    assert (again.created, again.updated, again.unchanged) == (0, 0, 14576)
