"""The admin's import (upload, preview, confirm), its export, and the import log."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportLog
from provinces.models import Commune, Province, Village
from tests.factories import CommuneFactory, VillageFactory

from .conftest import VILLAGE_HEADER, village, villages_file

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:provinces_village_import")
CONFIRM_URL = reverse("admin:provinces_village_process_import")
EXPORT_URL = reverse("admin:provinces_village_export")


def upload(client, data: bytes, name="villages.csv", **fields):
    file = io.BytesIO(data)
    file.name = name
    return client.post(IMPORT_URL, {"import_file": file, **fields})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {name: form[name].value() for name in form.fields})


def test_the_import_page_documents_the_columns_and_offers_the_template(admin_client):
    page = admin_client.get(IMPORT_URL).content.decode()

    assert "<code>village_code</code>" in page
    assert reverse("admin:provinces_village_import_template") in page

    template = admin_client.get(reverse("admin:provinces_village_import_template"))
    assert template["Content-Type"] == "text/csv; charset=utf-8"
    header = template.content.decode("utf-8-sig").splitlines()[0]
    assert header == "province_code,district_code,commune_code,village_code,village_kh,village_en"


def test_the_preview_counts_rows_and_writes_nothing_until_confirmed(admin_client, superuser):
    existing = VillageFactory(commune=CommuneFactory(code="210401"), code="21040101", name_km="ក")
    data = villages_file(
        [
            village("21040101", name_en="Renamed", name_km="ក"),
            village("21040102", name_km="ខ"),
            village("21040103", name_km="គ"),
        ]
    )

    preview = upload(admin_client, data)

    report = preview.context["report"]
    assert (report.created, report.updated, report.unchanged, report.invalid) == (2, 1, 0, 0)
    assert Village.objects.count() == 1
    assert "This was a dry run" in preview.content.decode()

    response = confirm(admin_client, preview)

    assert response.status_code == 302
    assert Village.objects.count() == 3
    existing.refresh_from_db()
    assert existing.name_en == "Renamed"
    log = ImportLog.objects.get()
    assert (log.user, log.source, log.file_name) == (superuser, "admin", "villages.csv")
    assert (log.rows, log.created, log.updated, log.unchanged) == (3, 2, 1, 0)


def test_invalid_rows_are_listed_with_their_problems_and_no_confirm_button(admin_client):
    CommuneFactory(code="210401")
    data = villages_file([village("21040101"), village("21040102", name_en="")])

    preview = upload(admin_client, data)

    page = preview.content.decode()
    assert preview.context["report"].invalid == 1
    assert "line 3, village_en" in page
    assert "this value is required but empty." in page
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert 'name="confirm"' not in page


def test_what_officials_upload_is_shown_back_escaped_in_problems(admin_client):
    CommuneFactory(code="210401")
    data = villages_file([village("<i>12</i>", commune="210401")])

    page = upload(admin_client, data, name="<img src=x onerror=alert(1)>.csv").content.decode()

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in page
    assert "<i>12</i>" not in page
    assert "&lt;i&gt;12&lt;/i&gt; is too long" in page


def test_what_officials_upload_is_shown_back_escaped_in_the_sample(admin_client):
    CommuneFactory(code="210401")
    data = villages_file([village("21040101", name_en="<script>alert(1)</script>")])

    page = upload(admin_client, data).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "21040101 &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_sample_of_changes_is_capped(admin_client):
    CommuneFactory(code="210401")
    rows = [village(f"210401{n:02d}", name_km=f"ភូមិ {n}") for n in range(1, 100)]

    preview = upload(admin_client, villages_file(rows))

    assert preview.context["report"].created == 99
    assert len(preview.context["report"].changes) == 50


def test_the_checkbox_creates_missing_parents_as_flagged_placeholders(admin_client):
    data = villages_file([village("12091301")])

    refused = upload(admin_client, data)
    assert "commune 120913 does not exist" in refused.content.decode()

    preview = upload(admin_client, data, create_missing_parents="on")
    assert preview.context["report"].placeholders == [
        "province 12",
        "district 1209",
        "commune 120913",
    ]
    confirm(admin_client, preview)

    assert Village.objects.get().commune.is_placeholder


def test_a_tampered_confirmation_is_refused(admin_client):
    CommuneFactory(code="210401")
    preview = upload(admin_client, villages_file([village("21040101")]))
    form = preview.context["confirm_form"]
    fields = {name: form[name].value() for name in form.fields}
    fields["checksum"] = "0" * 64

    response = admin_client.post(CONFIRM_URL, fields)

    assert response.status_code == 302
    assert Village.objects.count() == 0


def test_import_needs_the_import_permission(client, django_user_model):
    staff = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(staff)

    assert client.get(IMPORT_URL).status_code == 403


def export(client, url, file_format: int, query: str = "", resource="villageresource"):
    fields = {"format": str(file_format), "resource": "0"}
    fields.update({f"{resource}_{name}": "on" for name in VILLAGE_HEADER})
    return client.post(f"{url}?{query}", fields)


def test_export_follows_the_changelist_filter_and_neutralises_formulas(admin_client):
    takeo = CommuneFactory(code="210401")
    VillageFactory(commune=takeo, code="21040101", name_en='=HYPERLINK("http://x")')
    VillageFactory(commune=takeo, code="21040102", name_en="-Minus", name_km="ខ")
    VillageFactory(commune=CommuneFactory(code="010201"), code="01020101", name_en="Elsewhere")

    response = export(admin_client, EXPORT_URL, 0, "province=21")

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["village_en"] for row in rows] == ['\'=HYPERLINK("http://x")', "'-Minus"]


def test_xlsx_export_writes_text_not_formulas(admin_client):
    VillageFactory(commune=CommuneFactory(code="210401"), code="21040101", name_en="@SUM(A1)")

    response = export(admin_client, EXPORT_URL, 1)

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert "'@SUM(A1)" in values
    assert sheet.cell(row=2, column=values.index("'@SUM(A1)") + 1).data_type == "s"


def test_an_export_imports_back_unchanged(admin_client):
    commune = CommuneFactory(code="210401")
    VillageFactory(commune=commune, code="21040101", name_en="=1+1", name_km="ក")
    VillageFactory(commune=commune, code="2104011", name_en="Short code", name_km="ខ")
    exported = export(admin_client, EXPORT_URL, 0).content

    preview = upload(admin_client, exported)

    report = preview.context["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Village.objects.get(code="21040101").name_en == "=1+1"


def test_every_changelist_offers_export(admin_client):
    for url in [
        reverse("admin:forums_forumevent_export"),
        reverse("admin:products_category_export"),
        reverse("admin:provinces_flaggedvillage_export"),
        reverse("admin:imports_importlog_export"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_the_import_log_is_listed_in_the_admin_read_only(admin_client):
    CommuneFactory(code="210401")
    confirm(admin_client, upload(admin_client, villages_file([village("21040101")])))
    log = ImportLog.objects.get()

    listing = admin_client.get(reverse("admin:imports_importlog_changelist")).content.decode()
    assert "villages.csv" in listing
    detail = admin_client.get(reverse("admin:imports_importlog_change", args=[log.pk]))
    assert log.checksum in detail.content.decode()
    assert admin_client.get(reverse("admin:imports_importlog_add")).status_code == 403


def test_the_upload_waits_in_shared_storage_and_is_removed_on_confirm(
    admin_client, settings, tmp_path
):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
    settings.MEDIA_ROOT = tmp_path
    CommuneFactory(code="210401")

    preview = upload(admin_client, villages_file([village("21040101")]))
    waiting = list((tmp_path / "django-import-export").iterdir())
    assert len(waiting) == 1

    confirm(admin_client, preview)

    assert list((tmp_path / "django-import-export").iterdir()) == []
    assert Village.objects.count() == 1


def confirm_fields(preview) -> dict:
    form = preview.context["confirm_form"]
    return {name: form[name].value() for name in form.fields}


def test_a_confirmation_naming_any_other_file_is_refused_and_deletes_nothing(
    admin_client, tmp_path, settings
):
    import tempfile

    CommuneFactory(code="210401")
    data = villages_file([village("21040101")])
    fields = confirm_fields(upload(admin_client, data))
    with tempfile.NamedTemporaryFile(delete=False) as other:
        other.write(data)  # even with the very content the checksum names
    forged = {**fields, "upload": other.name, "import_file_name": other.name}

    response = admin_client.post(CONFIRM_URL, forged)

    assert response.status_code == 403
    assert Village.objects.count() == 0
    with open(other.name, "rb") as still_there:
        assert still_there.read() == data


def test_another_users_preview_cannot_be_confirmed(admin_client, django_user_model):
    from django.test import Client

    CommuneFactory(code="210401")
    fields = confirm_fields(upload(admin_client, villages_file([village("21040101")])))
    colleague = Client()
    colleague.force_login(django_user_model.objects.create_superuser("colleague", password="x"))

    assert colleague.post(CONFIRM_URL, fields).status_code == 403
    assert Village.objects.count() == 0
    # The preview's own user still can: the file was left alone.
    assert admin_client.post(CONFIRM_URL, fields).status_code == 302
    assert Village.objects.count() == 1


def test_a_preview_of_one_import_cannot_confirm_another(admin_client):
    CommuneFactory(code="210401")
    fields = confirm_fields(upload(admin_client, villages_file([village("21040101")])))

    response = admin_client.post(reverse("admin:provinces_commune_process_import"), fields)

    assert response.status_code == 403


def test_the_log_records_the_name_the_upload_had_not_a_field_the_browser_sends_back(
    admin_client,
):
    CommuneFactory(code="210401")
    preview = upload(admin_client, villages_file([village("21040101")]), name="Takeo 2025.csv")
    fields = {**confirm_fields(preview), "original_file_name": "someone-else.csv"}

    admin_client.post(CONFIRM_URL, fields)

    assert ImportLog.objects.get().file_name == "Takeo 2025.csv"
    assert "original_file_name" not in preview.context["confirm_form"].fields


@pytest.mark.parametrize(
    "model",
    ["provinces_province", "provinces_district", "provinces_commune", "provinces_village"],
)
def test_a_gazetteer_template_uploaded_as_it_is_imports_nothing(admin_client, model):
    CommuneFactory(code="210401")
    counts = (Province.objects.count(), Commune.objects.count(), Village.objects.count())
    template = admin_client.get(reverse(f"admin:{model}_import_template")).content
    file = io.BytesIO(template)
    file.name = "template.csv"

    preview = admin_client.post(reverse(f"admin:{model}_import"), {"import_file": file})

    report = preview.context["report"]
    assert [str(problem) for problem in report.errors] == [
        "line 2, province_code: this is the template's example row (EXAMPLE): replace it "
        "with your own rows or delete it."
    ]
    assert preview.context.get("confirm_form") is None
    assert (report.created, report.updated) == (0, 0)
    assert counts == (Province.objects.count(), Commune.objects.count(), Village.objects.count())


def test_every_template_carries_the_header_and_an_example_marked_as_such(db):
    from imports.definitions import EXAMPLE_MARK, dataset_names, get_definition
    from imports.services import run_import

    for name in dataset_names():
        definition = get_definition(name)
        template = definition.template_csv()
        lines = template.lstrip("\ufeff").splitlines()
        assert lines[0] == ",".join(definition.column_names), name
        assert all(line.startswith(f"{EXAMPLE_MARK},") for line in lines[1:]), name

        report = run_import(definition, template.encode(), "template.csv")

        assert not report.ok and not report.written, name
        assert any("example row" in str(problem) for problem in report.errors), name
