"""Editions of the Ministry's village list: what a new edition drops is marked, never deleted.

`import_data villages FILE --edition 2026` records the edition and marks the
villages, communes and districts that the previous edition listed and this one does
not; products and history keep pointing at them and their pages keep answering,
with a notice. A province's update (no edition) never marks anything.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from imports.models import ImportLog
from imports.services import checksum
from provinces.gazetteer import source_bytes
from provinces.models import Commune, District, GazetteerEdition, Village
from tests.factories import CommuneFactory, ProductFactory

from .conftest import do_import, village, villages_file

pytestmark = pytest.mark.django_db

NOTICE = "Not in the Ministry's current list (2026 edition)"


@pytest.fixture
def listed(db):
    """The 2025 villages of two communes of Kirivong and one of another district."""
    for code in ("210401", "210402", "210501"):
        CommuneFactory(code=code)
    rows = [
        village("21040101"),
        village("21040102"),
        village("21040103"),
        village("21040201"),
        village("21050101"),
    ]
    assert do_import("villages", villages_file(rows)).created == 5
    return rows


def retired_codes(model=Village) -> set[str]:
    return set(model.objects.filter(retired_in__isnull=False).values_list("code", flat=True))


def test_an_edition_marks_exactly_what_it_drops_and_deletes_nothing(listed, superuser):
    product = ProductFactory(producer__village=Village.objects.get(code="21040102"))
    data = villages_file([listed[0], listed[3]])

    report = do_import("villages", data, edition="2026", user=superuser, editor=superuser)

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Village.objects.count() == 5
    assert retired_codes() == {"21040102", "21040103", "21050101"}
    assert retired_codes(Commune) == {"210501"}
    assert retired_codes(District) == {"2105"}
    edition = GazetteerEdition.objects.get()
    assert (edition.label, edition.imported_by, edition.checksum) == (
        "2026",
        superuser,
        checksum(data),
    )
    assert (edition.retired_villages, edition.retired_communes, edition.retired_districts) == (
        3,
        1,
        1,
    )
    assert report.notes == [
        "2026 edition recorded: 3 villages, 1 communes and 1 districts of the previous "
        "edition are not in it and are marked so (nothing is deleted)."
    ]
    assert ImportLog.objects.filter(dataset="villages").count() == 2
    assert Village.objects.get(code="21040102").products.get() == product


def test_what_an_edition_drops_keeps_its_public_pages_with_a_notice(listed, client):
    dropped = Village.objects.get(code="21040102")
    product = ProductFactory(producer__village=dropped)
    do_import("villages", villages_file([listed[0]]), edition="2026")
    dropped.refresh_from_db()

    assert client.get(product.get_absolute_url()).status_code == 200
    page = client.get(dropped.get_absolute_url())
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    commune = Commune.objects.get(code="210501")
    assert NOTICE in client.get(commune.get_absolute_url()).content.decode()
    district = District.objects.get(code="2105")
    assert NOTICE in client.get(district.get_absolute_url()).content.decode()
    kept = Village.objects.get(code="21040101")
    assert "Ministry's current list" not in client.get(kept.get_absolute_url()).content.decode()


def test_the_notice_is_in_khmer_on_khmer_pages(listed, client):
    do_import("villages", villages_file([listed[0]]), edition="2026")
    dropped = Village.objects.get(code="21040102")
    with translation.override("km"):
        url = dropped.get_absolute_url()

    content = client.get(url).content.decode()

    assert NOTICE not in content
    assert "2026" in content
    assert "បញ្ជីបច្ចុប្បន្នរបស់ក្រសួង" in content


def test_the_history_says_when_an_edition_dropped_a_village(listed):
    do_import("villages", villages_file([listed[0]]), edition="2026")
    dropped = Village.objects.get(code="21040102")

    latest = dropped.history.latest("history_date", "history_id")

    assert latest.changed_fields == "retired_in"
    assert latest.history_change_reason == "Not in the 2026 edition of the Ministry's list."


def test_a_partial_file_never_retires_anything(listed):
    report = do_import("villages", villages_file([listed[0]]))

    assert report.ok
    assert retired_codes() == set()
    assert retired_codes(Commune) == retired_codes(District) == set()
    assert not GazetteerEdition.objects.exists()


def test_a_later_edition_that_lists_a_village_again_brings_it_back(listed):
    do_import("villages", villages_file(listed[:1]), edition="2026")

    report = do_import("villages", villages_file(listed[:2] + listed[4:]), edition="2027")

    assert retired_codes() == {"21040103", "21040201"}
    assert retired_codes(Commune) == {"210402"}
    assert retired_codes(District) == set()
    assert report.updated == 2  # the two villages listed again
    assert GazetteerEdition.objects.latest().label == "2027"


def test_a_commune_without_villages_is_not_retired_by_a_village_list(listed):
    CommuneFactory(code="210403")

    do_import("villages", villages_file(listed), edition="2026")

    assert retired_codes(Commune) == set()


def test_an_official_of_one_province_cannot_import_an_edition(listed):
    report = do_import(
        "villages", villages_file(listed), edition="2026", provinces=frozenset({"21"})
    )

    assert not report.ok
    assert "only an import for every province may record one" in report.errors[0].message
    assert not GazetteerEdition.objects.exists()


def test_the_command_takes_an_edition_for_the_village_list_only(listed, tmp_path):
    path = tmp_path / "CambodiaVillagesList2026.csv"
    path.write_bytes(villages_file(listed[:4]))
    output = io.StringIO()

    call_command("import_data", "villages", str(path), "--edition", "2026", stdout=output)

    assert "2026 edition recorded: 1 villages, 1 communes and 1 districts" in output.getvalue()
    assert GazetteerEdition.objects.get().file_name == "CambodiaVillagesList2026.csv"
    with pytest.raises(CommandError, match="village list only"):
        call_command("import_data", "communes", str(path), "--edition", "2026")


def test_the_admin_lists_and_filters_what_the_current_edition_lacks(listed, admin_client):
    do_import("villages", villages_file(listed[:4]), edition="2026")
    url = reverse("admin:provinces_village_changelist")

    response = admin_client.get(url, {"edition": "retired"})

    assert [village.code for village in response.context["cl"].result_list] == ["21050101"]
    assert "not in the 2026 edition" in response.content.decode()
    current = admin_client.get(url, {"edition": "current"}).context["cl"].result_list
    assert len(current) == 4
    communes = admin_client.get(
        reverse("admin:provinces_commune_changelist"), {"edition": "retired"}
    )
    assert [commune.code for commune in communes.context["cl"].result_list] == ["210501"]


def test_the_admin_keeps_a_read_only_list_of_the_editions(listed, admin_client, superuser):
    do_import("villages", villages_file(listed[:4]), edition="2026", user=superuser)
    edition = GazetteerEdition.objects.get()

    listed_editions = admin_client.get(reverse("admin:provinces_gazetteeredition_changelist"))

    assert list(listed_editions.context["cl"].result_list) == [edition]
    assert edition.retired_villages == 1
    page = admin_client.get(reverse("admin:provinces_gazetteeredition_change", args=[edition.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert admin_client.get(reverse("admin:provinces_gazetteeredition_add")).status_code == 403


@pytest.mark.slow
def test_a_2026_edition_dropping_three_villages_marks_exactly_those_three(
    national_gazetteer, client
):
    lines = source_bytes("villages").decode("utf-8-sig").splitlines(keepends=True)
    dropped_lines = [lines[10], lines[5000], lines[14000]]
    dropped = {
        Village.objects.get(commune_id=fields[2], code=fields[3], name_km=fields[4]).pk
        for fields in (line.rstrip("\r\n").split(",") for line in dropped_lines)
    }
    products = [
        ProductFactory(producer__village=Village.objects.get(pk=pk)) for pk in sorted(dropped)
    ]
    count = Village.objects.count()
    edition = [line for line in lines if line not in dropped_lines]

    report = do_import("villages", "".join(edition).encode(), edition="2026")

    assert report.ok
    assert (report.created, report.updated) == (0, 0)
    assert Village.objects.count() == count
    assert set(Village.objects.filter(retired_in__isnull=False).values_list("pk", flat=True)) == (
        dropped
    )
    for product in products:
        assert client.get(product.get_absolute_url()).status_code == 200
