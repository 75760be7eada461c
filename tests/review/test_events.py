"""A public forum event with its organisers, participants and action plans: edits on the
event's page and on the pages of its rows wait for review as one change."""

from django.urls import reverse

from forums.models import ActionItem, Participant
from review.models import Revision
from tests.review.conftest import change_url, edit, form_values, public
from tests.review.test_products import approve


def event_pages(takeo) -> dict:
    urls = [takeo.event.get_absolute_url(), "/en/forums/", "/en/", "/en/provinces/takeo/"]
    return {url: public(url) for url in urls}


def pending(takeo) -> Revision:
    return Revision.objects.open().for_record(takeo.event).get()


def test_an_event_edited_with_its_rows_waits_as_one_change(as_official, takeo, reviewer, client):
    before = event_pages(takeo)
    data = form_values(as_official.get(change_url(takeo.event)))
    data["title_en"] = "National OVOP forum 2"
    data["participants-TOTAL_FORMS"] = "2"
    data["participants-1-name"] = "Dr. Chea Sophal"
    data["participants-1-role"] = "speaker"
    data["participants-0-title"] = "Minister"

    response = as_official.post(change_url(takeo.event), data, follow=True)

    assert "Saved. The public keeps seeing" in response.content.decode()
    assert event_pages(takeo) == before
    assert list(takeo.event.participants.values_list("name", flat=True)) == ["H.E. Sok Chenda"]
    children = pending(takeo).changes["children"]["participants"]
    assert len(children["added"]) == 1 and len(children["changed"]) == 1

    client.force_login(reviewer)
    approve(client, pending(takeo))

    status, content = public(takeo.event.get_absolute_url())
    assert status == 200
    assert "Dr. Chea Sophal" in content.decode() and "Minister" in content.decode()
    assert "National OVOP forum 2" in content.decode()


def test_a_participant_changed_on_its_own_page_waits_with_the_event(
    as_official, takeo, reviewer, client
):
    before = event_pages(takeo)

    response = edit(as_official, takeo.participant, name="H.E. Sok Chenda Sophea")

    assert "Saved. The public keeps seeing" in response.content.decode()
    assert event_pages(takeo) == before
    assert Participant.objects.get(pk=takeo.participant.pk).name == "H.E. Sok Chenda"
    client.force_login(reviewer)
    approve(client, pending(takeo))
    assert "Sok Chenda Sophea" in public(takeo.event.get_absolute_url())[1].decode()


def test_a_participant_deleted_on_its_own_page_stays_public_until_approved(
    as_official, takeo, reviewer, client
):
    before = event_pages(takeo)
    url = reverse("admin:forums_participant_delete", args=[takeo.participant.pk])

    as_official.post(url, {"post": "yes"})

    assert event_pages(takeo) == before
    assert Participant.objects.filter(pk=takeo.participant.pk).exists()
    client.force_login(reviewer)
    approve(client, pending(takeo))
    assert not Participant.objects.filter(pk=takeo.participant.pk).exists()


def test_a_participant_added_on_its_own_page_waits_with_the_event(as_official, takeo):
    before = event_pages(takeo)

    as_official.post(
        reverse("admin:forums_participant_add"),
        {"event": takeo.event.pk, "name": "Ms. Lim Dara", "role": "participant"},
    )

    assert event_pages(takeo) == before
    assert not Participant.objects.filter(name="Ms. Lim Dara").exists()
    assert len(pending(takeo).changes["children"]["participants"]["added"]) == 1


def test_an_action_item_added_to_a_plan_waits_with_the_event(as_official, takeo, reviewer, client):
    before = event_pages(takeo)
    data = form_values(as_official.get(change_url(takeo.plan)))
    data["items-TOTAL_FORMS"] = "2"
    data["items-1-description_en"] = "Write to the donor institutions"
    data["items-1-status"] = "planned"

    as_official.post(change_url(takeo.plan), data)

    assert event_pages(takeo) == before
    assert not ActionItem.objects.filter(description_en__startswith="Write").exists()
    client.force_login(reviewer)
    approve(client, pending(takeo))
    assert "Write to the donor institutions" in public(takeo.event.get_absolute_url())[1].decode()


def test_a_row_stays_with_its_event_and_officials_delete_rows_one_at_a_time(as_official, takeo):
    form = as_official.get(change_url(takeo.participant))
    assert "event" not in form.context["adminform"].form.fields
    changelist = as_official.get(reverse("admin:forums_participant_changelist"))
    action_form = changelist.context["action_form"]
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "delete_selected" not in actions


def test_an_event_never_approved_answers_404_until_a_reviewer_publishes_it(
    as_official, takeo, reviewer, client
):
    takeo.event.live = False
    takeo.event.save()
    edit(as_official, takeo.event, summary_en="Rescheduled.")
    assert public(takeo.event.get_absolute_url())[0] == 404

    client.force_login(reviewer)
    approve(client, pending(takeo))
    assert "Rescheduled." in public(takeo.event.get_absolute_url())[1].decode()
