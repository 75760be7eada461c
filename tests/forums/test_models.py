"""Forum events, specified on the models: dates as far as the sources state them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from forums.models import ForumEvent
from tests.factories import ActionPlanFactory, ForumEventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "month", "year", "label"),
    [
        (26, 1, None, "26 January"),
        (26, 1, 2009, "26 January 2009"),
        (None, 1, 2009, "January 2009"),
        (None, 1, None, "January"),
        (None, None, 2009, "2009"),
        (None, None, None, "date not stated"),
    ],
)
def test_an_events_date_says_only_what_is_known(day, month, year, label):
    with override("en"):
        assert ForumEvent(day=day, month=month, year=year).date_label == label


@pytest.mark.parametrize(
    ("day", "month", "year", "label"),
    [
        (26, 1, None, "២៦ មករា"),
        (27, 1, 2009, "២៧ មករា ២០០៩"),
        (None, 4, None, "មេសា"),
    ],
)
def test_a_khmer_date_has_khmer_digits_and_month_names(day, month, year, label):
    with override("km"):
        assert ForumEvent(day=day, month=month, year=year).date_label == label


def test_a_date_without_its_year_says_so_once_plainly():
    event = ForumEvent(day=26, month=1, year=None)

    with override("en"):
        assert event.date_with_note == "26 January; the year is not stated in the source"
    with override("km"):
        assert event.date_with_note == "២៦ មករា; ប្រភពមិនបានបញ្ជាក់ឆ្នាំទេ"
    assert ForumEvent(day=26, month=1, year=2009).date_with_note == "26 January 2009"


def test_a_day_needs_its_month():
    event = ForumEventFactory.build(day=26, month=None, province=None, slug="forum")

    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["month"] == ["A day needs its month."]
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_a_day_must_exist_in_its_month_but_29_february_needs_no_year():
    ForumEventFactory.build(day=29, month=2, year=None, province=None, slug="f").full_clean()

    for day, month, year in [(30, 2, None), (29, 2, 2009), (31, 4, None)]:
        event = ForumEventFactory.build(day=day, month=month, year=year, province=None, slug="f")
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert error.value.message_dict["day"] == ["That month has no such day."]


def test_the_database_refuses_a_month_out_of_range():
    event = ForumEventFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumEvent.objects.filter(pk=event.pk).update(month=13)


def test_an_event_gets_a_slug_from_its_english_title():
    event = ForumEventFactory(title_en="National OVOP Forum")

    assert event.slug == "national-ovop-forum"
    assert str(event) == "National OVOP Forum (26 January)"


def test_names_and_titles_show_in_khmer_when_khmer_is_active_and_written():
    organisation = OrganisationFactory(name_en="Ministry of Industry", name_km="ក្រសួងឧស្សាហកម្ម")
    plan = ActionPlanFactory(title_en="Fund the projects", title_km="")

    with override("km"):
        assert organisation.name == "ក្រសួងឧស្សាហកម្ម"
        assert plan.title == "Fund the projects"


def test_an_organisation_reads_with_its_acronym():
    assert str(OrganisationFactory(name_en="Japan International Cooperation Agency")) == (
        "Japan International Cooperation Agency"
    )
    assert str(OrganisationFactory(name_en="JICA Cambodia", acronym="JICA")) == (
        "JICA Cambodia (JICA)"
    )
