"""Importing an assessor's scores from a spreadsheet, through the project's import engine."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from imports.definitions import ImportOptions
from imports.models import ImportLog
from imports.services import run_import
from recognition import services
from recognition.models import Entry
from recognition.resources import ScoreImport
from tests.factories import ProductFactory
from tests.recognition.conftest import score_by_panel

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:recognition_scoresheet_import")
CONFIRM_URL = reverse("admin:recognition_scoresheet_process_import")
HEADER = "round,product_id,criterion_id,points,comment"


def criteria(entry: Entry) -> list:
    return list(entry.round.version.criteria.order_by("section__position"))


def rows_for(entry: Entry, points: tuple[str, str, str]) -> list[str]:
    return [
        f"{entry.round.slug},{entry.product_id},{criterion.pk},{value},Seen on site"
        for criterion, value in zip(criteria(entry), points, strict=True)
    ]


def file_of(*rows: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode()


def check(data: bytes, user, dry_run: bool = True):
    return run_import(
        ScoreImport(), data, "scores.csv", options=ImportOptions(editor=user), dry_run=dry_run
    )


@pytest.fixture
def second(entry, people) -> Entry:
    other = ProductFactory(producer=entry.product.producer, name_en="Silk shawl")
    return services.enter_product(entry.round, other, by=people.official)


def test_an_assessor_imports_scores_for_several_products_in_the_admin(
    client, entry, second, people
):
    client.force_login(people.assessor)
    upload = io.BytesIO(
        file_of(*rows_for(entry, ("35", "20", "30")), *rows_for(second, ("10", "10", "10")))
    )
    upload.name = "scores.csv"
    preview = client.post(IMPORT_URL, {"import_file": upload})
    form = preview.context["confirm_form"]
    assert preview.context["report"].created == 6
    client.post(CONFIRM_URL, {name: form[name].value() for name in form.fields})

    entry.refresh_from_db()
    second.refresh_from_db()
    assert (entry.score, entry.stars) == (Decimal("85.00"), 4)
    assert (second.score, second.stars) == (Decimal("30.00"), 2)
    assert entry.sheets.get().assessor == people.assessor
    log = ImportLog.objects.get()
    assert (log.dataset, log.user, log.created) == ("scores", people.assessor, 6)


def test_importing_the_same_file_twice_changes_nothing(entry, people):
    data = file_of(*rows_for(entry, ("35", "20", "30")))
    check(data, people.assessor, dry_run=False)
    again = check(data, people.assessor, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_file_with_any_bad_row_writes_nothing_and_names_each_line(entry, people):
    strength, marketing, quality = criteria(entry)
    data = file_of(
        f"{entry.round.slug},{entry.product_id},{strength.pk},41,",
        f"{entry.round.slug},{entry.product_id},{marketing.pk},lots,",
        f"{entry.round.slug},{entry.product_id},999999,3,",
        f"{entry.round.slug},{entry.product_id},{quality.pk},30,",
        f"{entry.round.slug},{entry.product_id},{quality.pk},31,",
        f"{entry.round.slug},424242,{quality.pk},31,",
    )
    report = check(data, people.assessor, dry_run=False)
    messages = [str(problem) for problem in report.errors]
    assert messages == [
        "line 2, points: give between 0 and 40.00 points.",
        "line 3, points: lots is not a number.",
        "line 4, criterion_id: criterion 999999 is not in this round's scheme.",
        "line 6, criterion_id: this product and criterion are scored on line 5 already.",
        f"line 7, product_id: product 424242 is not entered in round {entry.round.slug}.",
    ]
    assert not report.written
    assert not entry.sheets.exists()


def test_only_the_rounds_assessors_import_and_never_into_a_locked_result(entry, people):
    data = file_of(*rows_for(entry, ("35", "20", "30")))
    assert "not on this round's panel" in str(check(data, people.outsider_assessor).errors[0])
    assert "imported by an assessor" in str(check(data, people.official).errors[0])

    score_by_panel(entry, people, ("35", "20", "30"))
    services.confirm_result(entry, by=people.reviewer)
    assert "locked" in str(check(data, people.assessor).errors[0])


def test_officials_and_reviewers_are_not_offered_the_score_import(client, people, db):
    for user in (people.official, people.reviewer):
        client.force_login(user)
        assert client.get(IMPORT_URL).status_code == 403
