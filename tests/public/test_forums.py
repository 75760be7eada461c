"""Forum events: the list and each event's organisers, supporters, participants and
action plans; only published events are public."""

from forums.models import ActionItem, EventOrganisation, Participant
from tests.factories import (
    ActionItemFactory,
    ActionPlanFactory,
    EventOrganisationFactory,
    ForumEventFactory,
    OrganisationFactory,
    ParticipantFactory,
)


def test_event_list_shows_published_events_latest_first(client, takeo):
    workshop = ForumEventFactory(title_en="Follow-up workshop", day=27, month=1)
    ForumEventFactory(title_en="Planning session", live=False)

    response = client.get("/en/forums/")

    assert list(response.context["events"]) == [workshop, takeo.event]
    assert "Planning session" not in response.content.decode()


def test_event_page_shows_organisers_supporters_participants_and_action_plans(client, takeo):
    event = takeo.event
    EventOrganisationFactory(event=event, organisation__name_en="Ministry of Industry")
    EventOrganisationFactory(
        event=event,
        organisation__name_en="Asian Productivity Organization",
        role=EventOrganisation.Role.SUPPORTER,
    )
    ParticipantFactory(event=event, name="H.E. Sok An", role=Participant.Role.GUEST_OF_HONOUR)
    plan = ActionPlanFactory(event=event, title_en="Promote Takeo products")
    item = ActionItemFactory(
        plan=plan,
        description_en="Open a shop in Phnom Penh",
        status=ActionItem.Status.IN_PROGRESS,
        owner=OrganisationFactory(name_en="Takeo provincial hall"),
    )
    item.funding_sources.add(OrganisationFactory(name_en="JICA"))

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert [link.organisation.name_en for link in response.context["organisers"]] == [
        "Ministry of Industry"
    ]
    assert [link.organisation.name_en for link in response.context["supporters"]] == [
        "Asian Productivity Organization"
    ]
    for text in (
        "H.E. Sok An",
        "Guest of honour",
        "Promote Takeo products",
        "Open a shop in Phnom Penh",
        "In progress",
        "Takeo provincial hall",
        "JICA",
        "26 January; the year is not stated in the source",
    ):
        assert text in html, text


def test_donor_contacts_stay_off_the_public_page(client, takeo):
    ActionItemFactory(plan__event=takeo.event, donor_contacts="Ms Private, +855 12 000 000")

    assert "Ms Private" not in client.get(takeo.event.get_absolute_url()).content.decode()


def test_unpublished_events_answer_404(client, takeo):
    draft = ForumEventFactory(live=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_follow_up_is_linked_and_an_unpublished_one_is_not(client, takeo):
    ForumEventFactory(title_en="Workshop", follows=takeo.event)
    ForumEventFactory(title_en="Private debrief", follows=takeo.event, live=False)

    html = client.get(takeo.event.get_absolute_url()).content.decode()

    assert "Workshop" in html
    assert "Private debrief" not in html
