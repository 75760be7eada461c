"""A village is known by its commune and code; its names are what the list says of it.

Where a commune's code names one village, in the portal and in the file, a row is
that village whatever its names: a corrected spelling updates it in place and the
history keeps the old one. Only codes shared within a commune are told apart by the
Khmer name (docs/decisions/0001).
"""

import pytest

from provinces.gazetteer import source_bytes
from provinces.models import Village
from tests.factories import CommuneFactory, VillageFactory

from .conftest import do_import, village, villages_file

pytestmark = pytest.mark.django_db


def counts(report) -> tuple[int, int, int]:
    return (report.created, report.updated, report.unchanged)


def test_a_corrected_khmer_spelling_updates_the_village_in_place(commune):
    old = VillageFactory(commune=commune, code="21040101", name_km="ភូមិចាស", name_en="Phum")

    report = do_import("villages", villages_file([village("21040101", name_km="ភូមិចាស់")]))

    assert counts(report) == (0, 1, 0)
    [change] = report.changes
    assert (change.action, change.differences) == (
        "updated",
        (("name_km", "ភូមិចាស", "ភូមិចាស់"),),
    )
    assert list(Village.objects.values_list("pk", "name_km")) == [(old.pk, "ភូមិចាស់")]
    names = list(
        old.history.order_by("history_date", "history_id").values_list("name_km", flat=True)
    )
    assert names[0] == "ភូមិចាស"
    assert names[-1] == "ភូមិចាស់"
    assert old.history.latest("history_date", "history_id").changed_fields == "name_km"


def test_a_village_renamed_in_both_languages_is_still_one_village(commune):
    VillageFactory(commune=commune, code="21040101", name_km="ភូមិក", name_en="Phum Ka")

    report = do_import(
        "villages", villages_file([village("21040101", name_km="ភូមិខ", name_en="Phum Kha")])
    )

    assert counts(report) == (0, 1, 0)
    assert Village.objects.get().name_en == "Phum Kha"
    assert not report.warnings


def test_where_a_commune_shares_a_code_the_khmer_name_says_which_village(commune):
    upper = VillageFactory(commune=commune, code="21040101", name_km="ភូមិលើ")
    lower = VillageFactory(commune=commune, code="21040101", name_km="ភូមិក្រោម")

    report = do_import(
        "villages",
        villages_file(
            [
                village("21040101", name_km="ភូមិលើ", name_en="Upper"),
                village("21040101", name_km="ភូមិក្រោម", name_en="Lower"),
            ]
        ),
    )

    assert counts(report) == (0, 2, 0)
    assert dict(Village.objects.values_list("pk", "name_en")) == {
        upper.pk: "Upper",
        lower.pk: "Lower",
    }


def test_a_shared_code_with_a_khmer_name_no_village_has_is_a_new_village(commune):
    VillageFactory(commune=commune, code="21040101", name_km="ភូមិលើ")
    VillageFactory(commune=commune, code="21040101", name_km="ភូមិក្រោម")

    report = do_import("villages", villages_file([village("21040101", name_km="ភូមិកណ្ដាល")]))

    assert counts(report) == (1, 0, 0)
    assert Village.objects.count() == 3


def test_a_code_the_file_gives_twice_in_a_commune_is_matched_by_name(commune):
    existing = VillageFactory(commune=commune, code="21040101", name_km="ភូមិលើ", name_en="Upper")

    report = do_import(
        "villages",
        villages_file(
            [
                village("21040101", name_km="ភូមិលើ", name_en="Upper"),
                village("21040101", name_km="ភូមិក្រោម", name_en="Lower"),
            ]
        ),
    )

    assert counts(report) == (1, 0, 1)
    assert Village.objects.get(name_km="ភូមិលើ").pk == existing.pk


def test_the_same_code_in_another_commune_is_another_village(commune):
    VillageFactory(commune=CommuneFactory(code="210402"), code="21040101", name_km="ភូមិ")

    report = do_import("villages", villages_file([village("21040101", name_km="ភូមិថ្មី")]))

    assert counts(report) == (1, 0, 0)


def test_a_village_moved_to_another_commune_of_its_district_is_moved_in_place(commune):
    moved = VillageFactory(
        commune=CommuneFactory(code="210402"), code="21040201", name_km="ភូមិ", name_en="Phum"
    )

    report = do_import("villages", villages_file([village("21040201", commune="210401")]))

    assert counts(report) == (0, 1, 0)
    moved.refresh_from_db()
    assert moved.commune_id == "210401"
    changes = list(moved.history.order_by("history_id").values_list("changed_fields", flat=True))
    assert changes[-2:] == ["commune", "code_outside_commune"]
    assert [change.differences for change in report.changes] == [
        (("commune", "210402", "210401"),)
    ]


@pytest.mark.slow
def test_the_ministrys_list_with_one_khmer_spelling_corrected_is_one_update(national_gazetteer):
    text = source_bytes("villages").decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    # Line 2: the first village, in a commune where its code names it alone.
    fields = lines[1].split(",")
    before = Village.objects.get(commune_id=fields[2], code=fields[3])
    fields[4] = fields[4] + "\u17cb"  # the spelling, corrected with a sign
    lines[1] = ",".join(fields)
    village_count = Village.objects.count()

    report = do_import("villages", "".join(lines).encode())

    assert report.ok
    assert counts(report) == (0, 1, 14575)
    assert Village.objects.count() == village_count
    after = Village.objects.get(pk=before.pk)
    assert after.name_km == before.name_km + "\u17cb"
    assert before.name_km in after.history.values_list("name_km", flat=True)
