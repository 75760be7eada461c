"""A save on the page of a row that belongs to an event publishes only what that page
showed of the event's waiting change.

An event's participants, action plans and action items have admin pages of their own;
an administrator's save there also publishes the change that waits for the event. The
page carries the version of that change it showed, as the event's own form does: a
change an official proposes (or saves again) after the page was opened is refused,
nothing is written, and the page opens again on the change as it is now.
"""

from django.urls import reverse

from forums.models import ActionItem, ActionPlan, Participant
from review.models import Revision
from tests.factories import ForumEventFactory
from tests.review.conftest import (
    BENIGN,
    EDITED,
    EVIL,
    change_url,
    decide,
    edit,
    form_values,
    hidden_inputs,
    messages_of,
    public,
    the_change,
)


def delete_url(row) -> str:
    return reverse(f"admin:forums_{row._meta.model_name}_delete", args=[row.pk])


def add_url(model, **initial) -> str:
    url = reverse(f"admin:forums_{model._meta.model_name}_add")
    return url + "".join(f"?{name}={value}" for name, value in initial.items())


def test_a_participants_save_refuses_a_change_proposed_after_its_page_was_opened(
    as_official, takeo, administering
):
    event_page = takeo.event.get_absolute_url()
    form = administering.get(change_url(takeo.participant))
    data = {**form_values(form), "title": "Minister"}

    edit(as_official, takeo.event, summary_en=EVIL)
    before = public(event_page)
    answer = administering.post(change_url(takeo.participant), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert answer.redirect_chain[-1][0] == change_url(takeo.participant)
    assert public(event_page) == before
    assert EVIL not in before[1].decode()
    assert Participant.objects.get(pk=takeo.participant.pk).title != "Minister"
    assert the_change(takeo.event).state == Revision.State.WAITING

    # Saved again from the page as it opens now, the change goes live with the edit.
    edit(administering, takeo.participant, title="Minister")
    assert EVIL in public(event_page)[1].decode()
    assert Participant.objects.get(pk=takeo.participant.pk).title == "Minister"
    assert not Revision.objects.open().for_record(takeo.event).exists()


def test_a_participants_save_refuses_a_change_saved_again_after_its_page_was_opened(
    as_official, takeo, administering
):
    edit(as_official, takeo.event, summary_en=BENIGN)
    form = administering.get(change_url(takeo.participant))
    data = {**form_values(form), "title": "Minister"}

    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(change_url(takeo.participant), data, follow=True)

    assert messages_of(answer) == [EDITED]
    content = public(takeo.event.get_absolute_url())[1].decode()
    assert EVIL not in content and BENIGN not in content


def test_an_action_plans_save_with_its_items_refuses_a_change_proposed_after_it_was_opened(
    as_official, takeo, administering
):
    form = administering.get(change_url(takeo.plan))
    data = {**form_values(form), "title_en": "Fund sourcing 2027"}
    data["items-0-description_en"] = "Meet the donors in Phnom Penh"

    edit(as_official, takeo.event, summary_en=EVIL)
    before = public(takeo.event.get_absolute_url())
    answer = administering.post(change_url(takeo.plan), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert public(takeo.event.get_absolute_url()) == before
    assert ActionPlan.objects.get(pk=takeo.plan.pk).title_en == "Fund sourcing"
    assert ActionItem.objects.get(pk=takeo.item.pk).description_en == "Meet donor institutions"


def test_an_action_items_save_refuses_a_change_proposed_after_its_page_was_opened(
    as_official, takeo, administering
):
    form = administering.get(change_url(takeo.item))
    data = {**form_values(form), "description_en": "Meet the donors"}

    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(change_url(takeo.item), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()
    assert ActionItem.objects.get(pk=takeo.item.pk).description_en == "Meet donor institutions"


def test_deleting_a_participant_refuses_a_change_proposed_after_the_confirmation_was_opened(
    as_official, takeo, administering
):
    confirmation = administering.get(delete_url(takeo.participant))
    data = {**hidden_inputs(confirmation), "post": "yes"}

    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(delete_url(takeo.participant), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert Participant.objects.filter(pk=takeo.participant.pk).exists()
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()


def test_adding_a_participant_refuses_a_change_proposed_after_the_add_page_was_opened(
    as_official, takeo, administering
):
    url = add_url(Participant, event=takeo.event.pk)
    form = administering.get(url)
    data = {**form_values(form), "name": "Ms. Lim Dara", "role": "participant"}
    assert data["event"] == str(takeo.event.pk)

    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(url, data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert answer.redirect_chain[-1][0] == url
    assert not Participant.objects.filter(name="Ms. Lim Dara").exists()
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()

    # The add page opened again shows the change's version: saved from it, both go live.
    data = {**form_values(answer), "name": "Ms. Lim Dara", "role": "participant"}
    administering.post(url, data)
    content = public(takeo.event.get_absolute_url())[1].decode()
    assert EVIL in content and "Ms. Lim Dara" in content


def test_adding_a_participant_from_a_page_that_showed_no_event_refuses_the_events_change(
    as_official, takeo, administering
):
    form = administering.get(add_url(Participant))
    data = {**form_values(form), "event": str(takeo.event.pk), "name": "Ms. Lim Dara"}
    data["role"] = "participant"
    edit(as_official, takeo.event, summary_en=EVIL)

    answer = administering.post(add_url(Participant), data, follow=True)

    assert messages_of(answer) == [EDITED]
    # It opens again on the event chosen, so that a second save can carry its version.
    assert answer.redirect_chain[-1][0] == add_url(Participant, event=takeo.event.pk)
    assert hidden_inputs(answer)["_review_version"] == str(the_change(takeo.event).version)
    assert not Participant.objects.filter(name="Ms. Lim Dara").exists()
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()


def test_adding_a_row_to_another_event_than_the_page_showed_refuses_that_events_change(
    as_official, takeo, administering
):
    other = ForumEventFactory(title_en="Provincial OVOP forum", province=takeo.province)
    edit(as_official, takeo.event, summary_en=BENIGN)
    edit(as_official, other, summary_en=EVIL)
    assert the_change(takeo.event).version == the_change(other).version

    url = add_url(ActionPlan, event=takeo.event.pk)
    data = {**form_values(administering.get(url)), "title_en": "Market access"}
    data["event"] = str(other.pk)
    answer = administering.post(url, data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert not ActionPlan.objects.filter(title_en="Market access").exists()
    assert EVIL not in public(other.get_absolute_url())[1].decode()


def test_adding_an_action_item_refuses_a_change_proposed_after_the_add_page_was_opened(
    as_official, takeo, administering
):
    url = add_url(ActionItem, plan=takeo.plan.pk)
    data = {**form_values(administering.get(url)), "description_en": "Call the bank"}
    data["status"] = "planned"

    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(url, data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert not ActionItem.objects.filter(description_en="Call the bank").exists()
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()


def test_a_rows_save_with_no_change_waiting_publishes_at_once(takeo, administering):
    edit(administering, takeo.participant, title="Minister")
    assert "Minister" in public(takeo.event.get_absolute_url())[1].decode()
    assert not Revision.objects.open().for_record(takeo.event).exists()


def test_a_rows_page_opened_on_a_change_since_approved_refuses_the_events_next_change(
    as_official, takeo, administering, reviewing
):
    edit(as_official, takeo.event, summary_en=BENIGN)
    form = administering.get(change_url(takeo.participant))
    data = {**form_values(form), "title": "Minister"}

    # The change the page showed is approved; the official's next one is a new change.
    decide(reviewing, the_change(takeo.event), "approve")
    edit(as_official, takeo.event, summary_en=EVIL)
    answer = administering.post(change_url(takeo.participant), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert EVIL not in public(takeo.event.get_absolute_url())[1].decode()
    assert the_change(takeo.event).state == Revision.State.WAITING
