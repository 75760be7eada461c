"""A result needs its whole panel: it is confirmed only once every assessor on the round's
panel has completed a score sheet (the refusal says whose is missing), the progress page
counts entries by the same rule, a national reviewer alone may confirm without a panel
member and must say why, the confirmation confirms the result the reviewer was shown,
and its message names each certificate it issued."""

import threading
import time
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse

from accounts.roles import PROVINCIAL_REVIEWER
from recognition import services
from recognition.models import Entry
from tests.factories import ProductFactory
from tests.recognition.conftest import TAKEO, confirm_from_list, score, score_by_panel

FOUR_STARS = ("35", "20", "30")  # 85 points
CHANGELIST = "admin:recognition_entry_changelist"


@pytest.fixture
def takeo_reviewer(people, make_official):
    return make_official(PROVINCIAL_REVIEWER, (TAKEO,), username="takeo-reviewer")


def half_scored(entry: Entry, people) -> Entry:
    """The issue's round: the first assessor scored, the second has not opened a sheet."""
    return score(entry, people.assessor, FOUR_STARS)


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The rule -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_confirming_while_a_panel_members_sheet_is_missing_is_refused_and_names_them(
    entry, people
):
    people.second_assessor.first_name, people.second_assessor.last_name = "Sok", "Dara"
    people.second_assessor.save()
    half_scored(entry, people)

    with pytest.raises(PermissionDenied) as refusal:
        services.confirm_result(entry, by=people.reviewer)

    assert str(refusal.value) == (
        "The whole panel has not scored Takeo silk scarf yet: no score sheet from Sok Dara."
    )
    entry.refresh_from_db()
    assert not entry.is_locked and not hasattr(entry, "certificate")


@pytest.mark.django_db
def test_confirming_while_a_panel_members_sheet_is_incomplete_is_refused_and_names_them(
    entry, people
):
    half_scored(entry, people)
    sheet = services.open_sheet(entry, assessor=people.second_assessor)
    strength = entry.round.version.criteria.get(max_points=40)
    services.record_scores(sheet, {strength.pk: Decimal("30")}, by=people.second_assessor)

    with pytest.raises(PermissionDenied, match="an incomplete score sheet from assessor-2"):
        services.confirm_result(entry, by=people.reviewer)


@pytest.mark.django_db
def test_the_confirmation_and_the_queryset_read_the_same_rule(entry, people):
    def agree() -> bool:
        whole = Entry.objects.scored_by_whole_panel().filter(pk=entry.pk).exists()
        assert whole == (entry.panel_gaps() == ([], []))
        return whole

    assert not agree()  # nobody scored
    half_scored(entry, people)
    assert not agree()
    sheet = services.open_sheet(entry, assessor=people.second_assessor)
    assert not agree()  # opened, nothing scored
    score(entry, people.second_assessor, FOUR_STARS)
    assert agree()
    entry.round.assessors.add(people.outsider_assessor)  # the panel grows
    assert not agree()
    entry.round.assessors.remove(people.outsider_assessor)
    assert agree()
    assert sheet.pk in entry.sheets.complete().values_list("pk", flat=True)


@pytest.mark.django_db
def test_the_admin_shows_the_refusal_naming_the_assessor_and_confirms_nothing(
    client, entry, people
):
    half_scored(entry, people)
    client.force_login(people.reviewer)
    changelist = reverse(CHANGELIST)

    page = client.post(changelist, {"action": "confirm_results", "_selected_action": [entry.pk]})
    assert page.status_code == 200
    assert page.context["confirmable"] == []
    assert "no score sheet from assessor-2" in page.content.decode()

    # Pressing a confirm button the page did not offer changes nothing either.
    seen = services.result_fingerprint(entry)
    response = client.post(
        changelist,
        {
            "action": "confirm_results",
            "confirm": "yes",
            "_selected_action": [entry.pk],
            f"seen-{entry.pk}": seen,
        },
        follow=True,
    )
    assert any("no score sheet from assessor-2" in m for m in shown_messages(response))
    entry.refresh_from_db()
    assert not entry.is_locked


# Progress -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_progress_counts_agree_with_the_rows(client, national_round, product, people):
    def enter():
        return services.enter_product(
            national_round, ProductFactory(producer=product.producer), by=people.official
        )

    waiting = enter()
    half = half_scored(enter(), people)
    whole = score_by_panel(enter(), people, FOUR_STARS)
    confirmed = services.confirm_result(
        score_by_panel(enter(), people, FOUR_STARS), by=people.reviewer
    )
    # Confirmed with one sheet of two before the rule held, as the issue found it.
    legacy = half_scored(enter(), people)
    Entry.objects.filter(pk=legacy.pk).update(
        confirmed_at=confirmed.confirmed_at, confirmed_stars=4
    )

    client.force_login(people.reviewer)
    response = client.get(reverse("admin:recognition_round_progress", args=[national_round.pk]))
    rows = {row["entry"].pk: row for row in response.context["rows"]}
    progress = response.context["progress"]

    figures = {
        pk: (row["entry"].panel_scored, row["entry"].panel_size) for pk, row in rows.items()
    }
    assert figures == {
        waiting.pk: (0, 2),
        half.pk: (1, 2),
        whole.pk: (2, 2),
        confirmed.pk: (2, 2),
        legacy.pk: (1, 2),
    }
    assert progress["scored"] == sum(1 for done, size in figures.values() if done == size) == 2
    assert (progress["waiting"], progress["scoring"], progress["confirmed"]) == (1, 1, 2)
    page = response.content.decode()
    assert page.count("<td>1 / 2</td>") == 2 and page.count("<td>2 / 2</td>") == 2


@pytest.mark.django_db
def test_the_entries_list_shows_how_much_of_the_panel_has_scored(client, entry, people):
    half_scored(entry, people)
    client.force_login(people.reviewer)
    response = client.get(reverse(CHANGELIST))
    assert '<td class="field-panel_sheets">1 / 2</td>' in response.content.decode()


# Confirming without the whole panel ----------------------------------------------------


@pytest.mark.django_db
def test_a_national_reviewer_confirms_without_the_panel_with_a_reason_kept_in_the_history(
    client, entry, people
):
    half_scored(entry, people)
    reason = "Assessor 2 is on long leave; the committee agreed on 3 December."
    client.force_login(people.reviewer)

    response = confirm_from_list(client, [entry], "confirm_without_full_panel", reason=reason)

    entry.refresh_from_db()
    assert entry.is_locked and entry.confirmed_by == people.reviewer
    assert (entry.unscored_panel, entry.without_full_panel_reason) == ("assessor-2", reason)
    assert entry.certificate.stars == 4
    assert any("1 result confirmed." in m for m in shown_messages(response))
    latest = entry.history.latest()
    assert latest.history_user == people.reviewer
    assert latest.without_full_panel_reason == reason
    assert latest.history_change_reason.startswith(
        "Confirmed without the whole panel (assessor-2)"
    )
    change = client.get(reverse("admin:recognition_entry_change", args=[entry.pk]))
    assert reason in change.content.decode()
    history = client.get(reverse("admin:recognition_entry_history", args=[entry.pk]))
    assert "Confirmed without the whole panel (assessor-2)" in history.content.decode()
    progress = client.get(reverse("admin:recognition_round_progress", args=[entry.round.pk]))
    assert reason in progress.content.decode()


@pytest.mark.django_db
def test_confirming_without_the_panel_needs_a_reason(client, entry, people):
    half_scored(entry, people)
    with pytest.raises(PermissionDenied, match="no score sheet from assessor-2"):
        services.confirm_result(entry, by=people.reviewer, without_full_panel="   ")

    client.force_login(people.reviewer)
    response = confirm_from_list(client, [entry], "confirm_without_full_panel", reason=" ")
    assert "Say why the result is confirmed without the panel." in response.content.decode()
    entry.refresh_from_db()
    assert not entry.is_locked


@pytest.mark.django_db
def test_a_provincial_reviewer_cannot_confirm_without_the_panel(
    client, takeo_round, product, people, takeo_reviewer
):
    entry = half_scored(services.enter_product(takeo_round, product, by=people.official), people)
    with pytest.raises(PermissionDenied, match="Only a national reviewer may confirm a result"):
        services.confirm_result(entry, by=takeo_reviewer, without_full_panel="In a hurry.")

    client.force_login(takeo_reviewer)
    changelist = reverse(CHANGELIST)
    page = client.get(changelist).content.decode()
    assert "confirm_results" in page and "confirm_without_full_panel" not in page
    client.post(
        changelist,
        {
            "action": "confirm_without_full_panel",
            "confirm": "yes",
            "_selected_action": [entry.pk],
            f"seen-{entry.pk}": services.result_fingerprint(entry),
            "reason": "In a hurry.",
        },
    )
    entry.refresh_from_db()
    assert not entry.is_locked


# What the reviewer saw ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_score_changed_after_the_confirmation_page_was_shown_is_not_confirmed(
    client, entry, people
):
    score_by_panel(entry, people, FOUR_STARS)
    client.force_login(people.reviewer)
    changelist = reverse(CHANGELIST)
    page = client.post(changelist, {"action": "confirm_results", "_selected_action": [entry.pk]})
    [row] = page.context["confirmable"]
    assert row["entry"].score == Decimal("85.00")

    # While the page is open, the second assessor raises their points to five stars.
    score(entry, people.second_assessor, ("40", "25", "35"))
    response = client.post(
        changelist,
        {
            "action": "confirm_results",
            "confirm": "yes",
            "_selected_action": [entry.pk],
            f"seen-{entry.pk}": row["seen"],
        },
        follow=True,
    )

    assert any("changed after the confirmation was shown" in m for m in shown_messages(response))
    entry.refresh_from_db()
    assert not entry.is_locked and entry.score == Decimal("92.50")
    confirm_from_list(client, [entry])  # reviewed again: the new result is confirmed
    entry.refresh_from_db()
    assert entry.is_locked and entry.confirmed_stars == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_points_saved_while_a_confirmation_runs_wait_for_it_and_are_refused(entry, people):
    entry = score_by_panel(entry, people, FOUR_STARS)
    sheet = entry.sheets.get(assessor=people.second_assessor)
    strength = entry.round.version.criteria.get(max_points=40)
    failures: list[BaseException] = []

    def late_points() -> None:
        try:
            services.record_scores(sheet, {strength.pk: Decimal("40")}, by=people.second_assessor)
        except BaseException as error:  # read below, in the test's own thread
            failures.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        services.confirm_result(entry, by=people.reviewer)
        other = threading.Thread(target=late_points)
        other.start()
        for _attempt in range(200):  # until the other session waits for a row lock
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.05)
    other.join()

    assert [type(error) for error in failures] == [ValidationError]
    entry.refresh_from_db()
    assert entry.score == Decimal("85.00") and entry.certificate.stars == entry.confirmed_stars
    assert not sheet.scores.filter(points=Decimal("40")).exists()


# The message --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_confirmation_message_names_each_certificate_with_links(
    client, national_round, product, people
):
    first = score_by_panel(
        services.enter_product(national_round, product, by=people.official), people, FOUR_STARS
    )
    second = score_by_panel(
        services.enter_product(
            national_round, ProductFactory(producer=product.producer), by=people.official
        ),
        people,
        ("38", "24", "33"),
    )
    client.force_login(people.reviewer)

    response = confirm_from_list(client, [first, second])

    first.refresh_from_db()
    second.refresh_from_db()
    page = response.content.decode()
    assert "2 results confirmed. Certificates issued:" in page
    for certificate in (first.certificate, second.certificate):
        public = certificate.get_absolute_url()
        admin = reverse("admin:recognition_certificate_change", args=[certificate.pk])
        assert f'<a href="{public}">{certificate.number}</a>' in page
        assert f'<a href="{admin}">' in page
