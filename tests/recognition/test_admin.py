"""The recognition admin as each role uses it: scoring on one page per product, confirming
from the list, frozen versions, locked results, the round's progress page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import PROVINCIAL_REVIEWER
from recognition import services
from recognition.models import Certificate, Entry, SchemeVersion, ScoreSheet
from tests.factories import ProductFactory
from tests.recognition.conftest import confirm_from_list, score, score_by_panel

pytestmark = pytest.mark.django_db


def sheet_post(sheet: ScoreSheet, points: list[str], comment: str = "") -> dict:
    scores = list(sheet.scores.order_by("criterion__section__position"))
    data = {
        "comment": comment,
        "scores-TOTAL_FORMS": str(len(scores)),
        "scores-INITIAL_FORMS": str(len(scores)),
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    for i, (row, value) in enumerate(zip(scores, points, strict=True)):
        data |= {
            f"scores-{i}-id": row.pk,
            f"scores-{i}-sheet": sheet.pk,
            f"scores-{i}-points": value,
            f"scores-{i}-comment": f"Comment {i}",
        }
    return data


def test_an_assessor_scores_a_product_on_one_page(client, entry, people):
    client.force_login(people.assessor)
    response = client.post(reverse("admin:recognition_scoresheet_add"), {"entry": entry.pk})
    sheet = ScoreSheet.objects.get(entry=entry, assessor=people.assessor)
    assert response["Location"] == reverse("admin:recognition_scoresheet_change", args=[sheet.pk])

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Product quality" in page.content.decode()

    response = client.post(response["Location"], sheet_post(sheet, ["35", "20", "30"]))
    assert response.status_code == 302, response.context and response.context["errors"]
    entry.refresh_from_db()
    assert (entry.score, entry.stars) == (Decimal("85.00"), 4)


def test_points_above_a_criterions_maximum_are_refused_on_the_page(client, entry, people):
    client.force_login(people.assessor)
    sheet = services.open_sheet(entry, assessor=people.assessor)
    url = reverse("admin:recognition_scoresheet_change", args=[sheet.pk])
    response = client.post(url, sheet_post(sheet, ["41", "20", "30"]))
    assert response.status_code == 200
    assert "Give between 0 and 40" in response.content.decode()


def test_an_assessor_sees_only_their_own_sheets(client, entry, people):
    own = services.open_sheet(entry, assessor=people.assessor)
    other = services.open_sheet(entry, assessor=people.second_assessor)
    client.force_login(people.assessor)
    listed = client.get(reverse("admin:recognition_scoresheet_changelist")).context["cl"]
    assert list(listed.queryset) == [own]
    url = reverse("admin:recognition_scoresheet_change", args=[other.pk])
    assert client.get(url).status_code in (302, 404)  # not among theirs


def test_an_official_and_a_reviewer_cannot_open_a_score_sheet(client, entry, people):
    for user in (people.official, people.reviewer, people.administrator):
        client.force_login(user)
        assert client.get(reverse("admin:recognition_scoresheet_add")).status_code == 403


def test_a_reviewer_confirms_results_from_the_list(client, entry, people):
    score_by_panel(entry, people, ("35", "20", "30"))
    client.force_login(people.reviewer)
    confirm_from_list(client, [entry])
    entry.refresh_from_db()
    assert entry.is_locked and entry.confirmed_by == people.reviewer
    assert Certificate.objects.filter(entry=entry, stars=4).exists()
    history = entry.history.latest()
    assert history.history_user == people.reviewer


def test_a_provincial_reviewer_confirms_their_provinces_round_from_the_list(
    client, takeo_round, product, people, make_official
):
    takeo_reviewer = make_official(PROVINCIAL_REVIEWER, ("21",), username="takeo-reviewer")
    takeo_entry = services.enter_product(takeo_round, product, by=people.official)
    score_by_panel(takeo_entry, people, ("35", "20", "30"))
    client.force_login(takeo_reviewer)
    changelist = reverse("admin:recognition_entry_changelist")

    assert "confirm_results" in client.get(changelist).content.decode()
    confirm_from_list(client, [takeo_entry])

    takeo_entry.refresh_from_db()
    assert takeo_entry.is_locked and takeo_entry.confirmed_by == takeo_reviewer
    assert takeo_entry.confirmed_level == "province"


def test_an_official_is_not_offered_the_confirmation(client, entry, people):
    score_by_panel(entry, people, ("35", "20", "30"))
    client.force_login(people.official)
    response = client.get(reverse("admin:recognition_entry_changelist"))
    assert "confirm_results" not in response.content.decode()
    client.post(
        reverse("admin:recognition_entry_changelist"),
        {"action": "confirm_results", "_selected_action": [entry.pk]},
    )
    entry.refresh_from_db()
    assert not entry.is_locked


def test_a_confirmed_entry_and_its_sheets_are_read_only_pages(client, entry, people):
    score_by_panel(entry, people, ("35", "20", "30"))
    services.confirm_result(entry, by=people.reviewer)
    sheet = entry.sheets.get(assessor=people.assessor)

    client.force_login(people.official)
    page = client.get(reverse("admin:recognition_entry_change", args=[entry.pk]))
    assert page.context["has_change_permission"] is False
    client.force_login(people.assessor)
    url = reverse("admin:recognition_scoresheet_change", args=[sheet.pk])
    assert client.get(url).context["has_change_permission"] is False
    response = client.post(url, sheet_post(sheet, ["1", "1", "1"]))
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.score == Decimal("85.00")


def test_an_official_enters_a_product_in_the_admin_and_not_another_provinces(
    client, national_round, product, kampot_product, people
):
    client.force_login(people.official)
    url = reverse("admin:recognition_entry_add")
    client.post(url, {"round": national_round.pk, "product": product.pk})
    assert Entry.objects.get(product=product).entered_by == people.official
    response = client.post(url, {"round": national_round.pk, "product": kampot_product.pk})
    assert response.status_code == 200
    assert not Entry.objects.filter(product=kampot_product).exists()


def test_an_official_cannot_open_another_provinces_entry(client, entry, people):
    client.force_login(people.kampot_official)
    response = client.get(reverse("admin:recognition_entry_change", args=[entry.pk]))
    assert response.status_code == 403


def test_a_used_version_opens_read_only_and_starts_a_new_version(client, entry, people):
    version = entry.round.version
    client.force_login(people.administrator)
    page = client.get(reverse("admin:recognition_schemeversion_change", args=[version.pk]))
    assert page.context["has_change_permission"] is False
    response = client.post(
        reverse("admin:recognition_schemeversion_changelist"),
        {"action": "start_new_version", "_selected_action": [version.pk]},
    )
    new = SchemeVersion.objects.get(based_on=version)
    assert response["Location"] == reverse("admin:recognition_schemeversion_change", args=[new.pk])
    page = client.get(response["Location"])
    assert page.context["has_change_permission"] is True


def test_certificates_are_never_added_or_deleted_by_hand_and_are_withdrawn_with_a_reason(
    client, entry, people
):
    score_by_panel(entry, people, ("35", "20", "30"))
    certificate = services.confirm_result(entry, by=people.reviewer).certificate
    client.force_login(people.administrator)
    assert client.get(reverse("admin:recognition_certificate_add")).status_code == 403
    delete = reverse("admin:recognition_certificate_delete", args=[certificate.pk])
    assert client.get(delete).status_code == 403

    client.force_login(people.reviewer)
    client.post(
        reverse("admin:recognition_certificate_changelist"),
        {"action": "withdraw", "_selected_action": [certificate.pk], "reason": "Fraud."},
    )
    certificate.refresh_from_db()
    assert certificate.withdrawal_reason == "Fraud."


def test_the_progress_page_counts_each_stage_in_a_fixed_number_of_queries(
    client, national_round, product, people, django_assert_max_num_queries
):
    first = services.enter_product(national_round, product, by=people.official)
    score(first, people.assessor, ("35", "20", "30"))
    score(first, people.second_assessor, ("35", "20", "30"))
    second = services.enter_product(
        national_round, ProductFactory(producer=product.producer), by=people.official
    )
    services.open_sheet(second, assessor=people.assessor)
    services.enter_product(
        national_round, ProductFactory(producer=product.producer), by=people.official
    )
    url = reverse("admin:recognition_round_progress", args=[national_round.pk])
    client.force_login(people.reviewer)

    with django_assert_max_num_queries(12):
        response = client.get(url)
    progress = response.context["progress"]
    assert (progress["entered"], progress["waiting"], progress["scoring"]) == (3, 1, 1)
    assert (progress["scored"], progress["confirmed"]) == (1, 0)

    for _ in range(20):
        services.enter_product(
            national_round, ProductFactory(producer=product.producer), by=people.official
        )
    with django_assert_max_num_queries(12):
        assert client.get(url).context["progress"]["entered"] == 23


def test_an_assessor_cannot_read_other_assessors_points_in_the_audit_trail(client, people, db):
    client.force_login(people.assessor)
    for model in ("historicalscore", "historicalscoresheet"):
        assert client.get(reverse(f"admin:recognition_{model}_changelist")).status_code == 403
