"""A file writes all of its rows or none, and the same file twice changes nothing."""

import pytest

from imports.models import ImportLog
from provinces.models import Village, VillageQuerySet
from tests.factories import CommuneFactory

from .conftest import do_import, village, villages_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(db):
    return [CommuneFactory(code=f"2104{n:02d}") for n in range(1, 11)]


def ten_thousand_villages(invalid_row: int | None = None) -> bytes:
    rows = []
    for n in range(10_000):
        commune = f"2104{n % 10 + 1:02d}"
        code = f"{commune}{n % 100:02d}"  # shared codes: warnings, which do not refuse
        rows.append(village(code, name_en=f"Village {n}", name_km=f"ភូមិ {n}", commune=commune))
    if invalid_row is not None:
        rows[invalid_row - 1][5] = ""  # an empty English name
    return villages_file(rows)


def test_one_invalid_row_of_ten_thousand_writes_nothing(communes):
    report = do_import("villages", ten_thousand_villages(invalid_row=9_000))

    assert not report.ok
    assert report.invalid == 1
    assert [str(error) for error in report.errors] == [
        "line 9001, village_en: this value is required but empty."
    ]
    assert Village.objects.count() == 0
    assert ImportLog.objects.count() == 0


def test_the_same_ten_thousand_rows_import_whole(communes):
    report = do_import("villages", ten_thousand_villages())

    assert report.ok
    assert report.created == 10_000
    assert Village.objects.count() == 10_000


def test_a_crash_half_way_writes_nothing(communes, monkeypatch):
    def crash(self):
        raise RuntimeError("the database went away")

    # Villages are already inserted when the flags are refreshed; the crash must undo them.
    monkeypatch.setattr(VillageQuerySet, "refresh_code_flags", crash)

    with pytest.raises(RuntimeError):
        do_import("villages", villages_file([village("21040101")]), create_missing_parents=True)

    assert Village.objects.count() == 0
    assert ImportLog.objects.count() == 0


def test_importing_the_same_file_twice_changes_nothing(communes, django_assert_max_num_queries):
    data = villages_file([village(f"210401{n:02d}", name_en=f"Village {n}") for n in range(1, 50)])
    do_import("villages", data)
    before = list(Village.objects.order_by("pk").values_list())

    with django_assert_max_num_queries(8):
        report = do_import("villages", data)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 49)
    assert list(Village.objects.order_by("pk").values_list()) == before


def test_a_changed_name_is_an_update_shown_in_the_sample(communes):
    do_import("villages", villages_file([village("21040101", name_en="Old name")]))

    report = do_import("villages", villages_file([village("21040101", name_en="New name")]))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    [change] = report.changes
    assert change.differences == (("name_en", "Old name", "New name"),)
    assert Village.objects.get().name_en == "New name"
