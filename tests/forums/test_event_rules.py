"""An event's date must exist and an event cannot follow up on itself, on every path."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.models import ForumEvent
from tests.factories import ForumEventFactory, ProvinceFactory

INLINES_EMPTY = {
    f"{prefix}-{count}": 0
    for prefix in ("organisations", "participants", "action_plans")
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}

IMPOSSIBLE_DATES = [
    pytest.param({"day": "1", "month": "13", "year": "2025"}, "month", id="month 13"),
    pytest.param({"day": "31", "month": "2", "year": "2025"}, "day", id="31 February"),
    pytest.param({"day": "30", "month": "2", "year": ""}, "day", id="30 February, no year"),
    pytest.param({"day": "1", "month": "1", "year": "99999"}, "year", id="year 99999"),
    pytest.param({"day": "1", "month": "1", "year": "1"}, "year", id="year 1"),
    pytest.param({"day": "0", "month": "0", "year": ""}, "day", id="day 0"),
    pytest.param({"day": "1", "month": "99999", "year": ""}, "month", id="month 99999"),
    pytest.param({"day": "40", "month": "", "year": ""}, "day", id="a day without month"),
]


def event_form(province, **values) -> dict:
    return {
        "title_en": "Provincial forum",
        "slug": "provincial-forum",
        "kind": "workshop",
        "province": province.pk,
        **INLINES_EMPTY,
        **values,
    }


@pytest.mark.parametrize(("date", "field"), IMPOSSIBLE_DATES)
def test_a_date_that_does_not_exist_is_a_field_error_in_the_model(db, date, field):
    values = {part: int(value) if value else None for part, value in date.items()}
    event = ForumEvent(title_en="Forum", slug="forum", kind="workshop", **values)

    with pytest.raises(ValidationError) as refusal:
        event.full_clean()

    assert field in refusal.value.message_dict


@pytest.mark.parametrize(("date", "field"), IMPOSSIBLE_DATES)
def test_a_date_that_does_not_exist_is_a_form_error_in_the_admin(admin_client, date, field):
    province = ProvinceFactory()

    response = admin_client.post(
        reverse("admin:forums_forumevent_add"), event_form(province, **date)
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not ForumEvent.objects.exists()


def test_an_event_cannot_follow_up_on_itself(admin_client):
    event = ForumEventFactory()

    response = admin_client.post(
        reverse("admin:forums_forumevent_change", args=[event.pk]),
        event_form(event.province, day="26", month="1", follows=event.pk),
    )

    assert response.status_code == 200
    assert "follows" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.follows is None


def test_events_cannot_follow_up_on_each_other_in_a_circle(db):
    first = ForumEventFactory()
    second = ForumEventFactory(follows=first)
    first.follows = second

    with pytest.raises(ValidationError) as refusal:
        first.full_clean()

    assert "follows" in refusal.value.message_dict


def test_an_event_may_follow_up_on_another(db):
    first = ForumEventFactory()
    second = ForumEventFactory(follows=first)

    second.full_clean()
