"""The admin's search and autocomplete use the first words only, on every admin."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.search import MAX_SEARCH_TERMS
from portal.sites import BoundedSearchMixin
from tests.factories import ForumEventFactory

THOUSANDS_OF_WORDS = " ".join(f"w{n}" for n in range(3000))

SEARCHABLE = [
    pytest.param(model_admin, id=model._meta.label_lower)
    for model, model_admin in admin.site._registry.items()
    if model_admin.search_fields
]


def most_likes(queries) -> int:
    return max(query["sql"].upper().count("LIKE") for query in queries)


def test_every_registered_admin_searches_a_bounded_number_of_words():
    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, BoundedSearchMixin), type(model_admin).__name__


@pytest.mark.parametrize("model_admin", SEARCHABLE)
def test_a_search_of_thousands_of_words_is_bounded_in_every_changelist(admin_client, model_admin):
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url, {"q": THOUSANDS_OF_WORDS})

    assert response.status_code == 200
    fields = model_admin.get_search_fields(response.wsgi_request)
    assert most_likes(queries) <= len(fields) * MAX_SEARCH_TERMS
    assert "Only the first 10 words" in response.content.decode()


def test_an_autocomplete_of_thousands_of_words_is_bounded(admin_client):
    ForumEventFactory(title_en="Takeo forum")
    params = {"app_label": "forums", "model_name": "forumevent", "field_name": "follows"}

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(
            reverse("admin:autocomplete"), {**params, "term": f"Takeo {THOUSANDS_OF_WORDS}"}
        )

    assert response.status_code == 200
    assert most_likes(queries) <= 4 * MAX_SEARCH_TERMS
    found = admin_client.get(reverse("admin:autocomplete"), {**params, "term": "Takeo forum"})
    assert [result["text"] for result in found.json()["results"]] == ["Takeo forum (26 January)"]


def test_a_quoted_phrase_still_counts_as_one_word(admin_client):
    ForumEventFactory(title_en="Takeo provincial forum")
    url = reverse("admin:forums_forumevent_changelist")

    assert admin_client.get(url, {"q": '"provincial forum"'}).context["cl"].result_count == 1
    assert admin_client.get(url, {"q": '"forum provincial"'}).context["cl"].result_count == 0


@pytest.mark.usefixtures("without_nul_guard")  # the search on its own, not the 400 before it
@pytest.mark.parametrize(
    ("term", "found"),
    [("\x00", ["Takeo forum (26 January)"]), ("Takeo\x00forum", ["Takeo forum (26 January)"])],
)
def test_a_control_character_in_a_search_is_a_space_not_a_server_error(admin_client, term, found):
    ForumEventFactory(title_en="Takeo forum")
    params = {"app_label": "forums", "model_name": "forumevent", "field_name": "follows"}

    listed = admin_client.get(reverse("admin:forums_forumevent_changelist"), {"q": term})
    answer = admin_client.get(reverse("admin:autocomplete"), {**params, "term": term})

    assert (listed.status_code, answer.status_code) == (200, 200)
    assert [result["text"] for result in answer.json()["results"]] == found
