"""Takeo's public records, an official who works there and a reviewer, and helpers that
fill in admin forms as a browser would."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.roles import NATIONAL_ADMINISTRATOR, NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
from review import services
from review.models import Revision
from tests.factories import ActionPlanFactory, OrganisationFactory, ParticipantFactory
from tests.scenarios import build_takeo


@pytest.fixture(autouse=True)
def in_english():
    """Records' URLs in English, whatever another test left active."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def takeo(db) -> SimpleNamespace:
    """build_takeo(), with the event's organiser, a participant and an action plan."""
    place = build_takeo()
    place.organisation = OrganisationFactory(name_en="OVOP National Committee")
    place.event.organisations.create(organisation=place.organisation)
    place.participant = ParticipantFactory(event=place.event, name="H.E. Sok Chenda")
    place.plan = ActionPlanFactory(event=place.event, title_en="Fund sourcing")
    place.item = place.plan.items.create(description_en="Meet donor institutions")
    return place


@pytest.fixture
def official(make_official, takeo):
    return make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")


@pytest.fixture
def reviewer(make_official):
    return make_official(NATIONAL_REVIEWER, username="reviewer")


@pytest.fixture
def as_official(client, official):
    client.force_login(official)
    return client


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def change_url(record) -> str:
    return reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
    )


def hidden_inputs(response) -> dict:
    """The page's hidden inputs outside Django's forms, as a browser posts them back."""
    html = response.content.decode()
    return {
        name: value
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
        if name != "csrfmiddlewaretoken" and "-" not in name
    }


def shown(revision: Revision) -> services.Seen:
    """What a review page opened now shows of `revision`: the decision a reviewer takes
    on it applies to that."""
    revision = Revision.objects.get(pk=revision.pk)
    return services.Seen.of(revision, revision.record)


def review_url(revision: Revision) -> str:
    return reverse("admin:review_revision_change", args=[revision.pk])


def decide(client, revision: Revision, decision: str, comment: str = "", page=None):
    """Open the review page (or post from `page`, opened earlier), and decide there."""
    page = page or client.get(review_url(revision))
    assert page.status_code == 200, page.status_code
    data = {**hidden_inputs(page), "decision": decision, "comment": comment}
    return client.post(review_url(revision), data, follow=True)


def form_values(response) -> dict:
    """What a browser would post back from an admin change form as it was shown."""
    data = hidden_inputs(response)
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(n): management[n].value() for n in management.fields})
        forms += list(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or name in getattr(form, "_file_fields_skipped", ()):
                continue
            if field.widget.__class__.__name__ in ("ClearableFileInput", "FileInput"):
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
                continue
            data[form.add_prefix(name)] = str(value)
    return data


def edit(client, record, **changes):
    """Open the record's admin form, change some values, save; returns the response."""
    form = client.get(change_url(record))
    assert form.status_code == 200, form.status_code
    data = {**form_values(form), **changes}
    return client.post(change_url(record), data, follow=True)


def public(url: str) -> tuple[int, bytes]:
    """The page as an anonymous visitor gets it: status and every byte."""
    response = Client().get(url)
    return response.status_code, response.content


# What the race tests post and read (test_decisions_as_seen.py, test_rows_as_seen.py).
EDITED = "This change was edited after you opened it; review it again."
BENIGN = "Benign typo fix."
EVIL = "EVIL: order at https://evil.example/phish"


@pytest.fixture
def reviewing(reviewer) -> Client:
    """The reviewer's browser, beside the official's (`as_official`)."""
    browser = Client()
    browser.force_login(reviewer)
    return browser


@pytest.fixture
def administering(make_official) -> Client:
    """A national administrator's browser: they edit records, and their saves publish."""
    browser = Client()
    browser.force_login(make_official(NATIONAL_ADMINISTRATOR, username="administrator"))
    return browser


def the_change(record) -> Revision:
    return Revision.objects.open().for_record(record).get()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
