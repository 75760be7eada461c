"""The admin's pages of one record, for a key that the record's primary key cannot hold:
"no such record" (a 404, or Django's redirect with "perhaps it was deleted"), never a
server error. Here for every model with history; the sweep in test_no_server_errors.py
sends any text to every registered model's pages.

simple-history's history page looked "abc" or "1.5" up as an id and failed for every
model with history; on PostgreSQL a NUL in a code (provinces, districts, communes are
keyed by code) failed in the provincial officials' scope check. These tests run without
the site-wide NUL guard (portal.middleware), so they check the admin on its own.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

pytestmark = pytest.mark.usefixtures("without_nul_guard")

HISTORY_MODELS = [
    model
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, SimpleHistoryAdmin)
]
CODE_KEYED = [
    model for model in HISTORY_MODELS if model._meta.pk.get_internal_type() == "CharField"
]


def not_a_key(model) -> list[str]:
    """Text the model's key cannot hold: not a number, or not a code."""
    if model in CODE_KEYED:
        return ["21\x0004", "\x00", "2" * 300]
    return ["abc", "1.5", "9" * 40]


def url(model, view: str, *keys: str) -> str:
    opts = model._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[quote(key) for key in keys]
    )


def pages_of_a_missing_record(model) -> list[str]:
    return [
        page
        for key in not_a_key(model)
        for page in (
            url(model, "change", key),
            url(model, "delete", key),
            url(model, "history", key),
            url(model, "simple_history", key, "1"),
            url(model, "simple_history", "1", key),
        )
    ]


def unanswered(client, pages: list[str]) -> list[str]:
    """The pages that did not answer as for a missing record."""
    wrong = []
    for page in pages:
        response = client.get(page)
        if response.status_code == 302 and response["Location"] == reverse("admin:index"):
            continue
        if response.status_code not in (403, 404):
            wrong.append(f"{page!r}: {response.status_code}")
    return wrong


def test_the_models_with_history_include_the_places_keyed_by_code():
    labels = {model._meta.label_lower for model in CODE_KEYED}
    assert labels == {"provinces.province", "provinces.district", "provinces.commune"}


def test_every_record_page_of_a_key_that_is_none_says_there_is_no_such_record(admin_client):
    pages = [page for model in HISTORY_MODELS for page in pages_of_a_missing_record(model)]
    assert unanswered(admin_client, pages) == []


def test_a_provincial_official_opening_a_code_that_is_none_finds_no_record(official_client):
    # Officials' scope check asks whether a record they cannot reach exists elsewhere.
    pages = [page for model in CODE_KEYED for page in pages_of_a_missing_record(model)]
    pages += pages_of_a_missing_record(apps.get_model("products", "product"))
    assert unanswered(official_client, pages) == []


def test_a_code_that_is_none_is_answered_as_a_missing_record_with_its_message(
    official_client, takeo
):
    response = official_client.get(url(type(takeo.commune), "change", "21\x0004"), follow=True)
    assert response.status_code == 200
    assert "Perhaps it was deleted" in str(next(iter(response.context["messages"])))


def test_the_pages_of_a_real_record_still_open(official_client, takeo):
    for record in (takeo.commune, takeo.product):
        model = type(record)
        for view in ("change", "history"):
            assert official_client.get(url(model, view, str(record.pk))).status_code == 200
        version = record.history.latest()
        page = url(model, "simple_history", str(record.pk), str(version.history_id))
        assert official_client.get(page).status_code == 200
