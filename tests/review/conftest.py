"""Takeo's public records, an official who works there and a reviewer, and helpers that
fill in admin forms as a browser would."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.roles import NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
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


def form_values(response) -> dict:
    """What a browser would post back from an admin change form as it was shown."""
    data = {}
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
