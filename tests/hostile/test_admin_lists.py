"""The admin's lists with parameters they cannot use: a NUL character in any filter
(the province, district and commune filters, choices, the review state, custom filters),
the ordering or the page, and a year past the calendar, answer as Django answers any
filter it cannot apply: the list unfiltered at `?e=1`, never a server error. In the
search, a NUL is a space, as every control character is (portal.search).

On PostgreSQL a NUL in a filter reached a query ("A string literal cannot contain NUL");
a date-hierarchy year of thirty digits failed on every database. These tests run without
the site-wide NUL guard (portal.middleware), so they check the admin on its own.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("without_nul_guard")


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def filter_parameters(user) -> dict[type, list[str]]:
    """Each registered list's filter parameters, as its ChangeList builds them for `user`."""
    found = {}
    for model, model_admin in admin.site._registry.items():
        request = RequestFactory().get(changelist(model))
        request.user = user
        if not model_admin.has_view_permission(request):
            continue
        cl = model_admin.get_changelist_instance(request)
        names = [name for spec in cl.filter_specs for name in spec.expected_parameters()]
        if cl.date_hierarchy:
            names.append(f"{cl.date_hierarchy}__year")
        found[model] = names
    return found


def unfiltered(client, model, params: dict) -> bool:
    response = client.get(changelist(model), params)
    return response.status_code == 302 and response["Location"].endswith("?e=1")


def test_the_lists_offer_the_province_district_and_review_state_filters(superuser, official):
    # The commune filter is offered once a district is chosen (the test below).
    names = {
        name
        for user in (superuser, official)
        for names in filter_parameters(user).values()
        for name in names
    }
    assert {"province", "district", "review", "state__exact"} <= names


@pytest.mark.parametrize("who", ["superuser", "official"])
def test_a_nul_in_any_filter_of_any_list_shows_the_list_unfiltered(
    admin_client, official_client, superuser, official, who
):
    client, user = (admin_client, superuser) if who == "superuser" else (official_client, official)
    wrong = [
        f"{model._meta.label_lower}?{name}"
        for model, names in filter_parameters(user).items()
        for name in names
        for value in ("\x00", "21\x00")
        if not unfiltered(client, model, {name: value})
    ]
    assert wrong == []


def test_a_district_or_commune_filter_with_a_nul_under_a_chosen_province_is_ignored(
    admin_client, takeo
):
    village = type(takeo.village)
    for params in (
        {"province": "21", "district": "\x00"},
        {"province": "21", "district": "2104", "commune": "2104\x0001"},
    ):
        assert unfiltered(admin_client, village, params), params
        response = admin_client.get(changelist(village), params, follow=True)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("parameter", ["o", "p", "\x00"])
def test_a_nul_in_the_ordering_or_page_shows_the_list_unfiltered(admin_client, takeo, parameter):
    for model in (type(takeo.village), type(takeo.product)):
        assert unfiltered(admin_client, model, {parameter: "1\x00"})


def test_a_nul_in_the_search_is_a_space_as_any_control_character_is(admin_client, takeo):
    response = admin_client.get(changelist(type(takeo.village)), {"q": "Ta\x00Nob"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [takeo.village]


def test_a_year_too_large_for_the_calendar_shows_the_list_unfiltered(admin_client, takeo):
    model = type(takeo.product).history.model
    assert unfiltered(admin_client, model, {"history_date__year": "9" * 30})


def test_an_autocomplete_search_with_a_nul_finds_by_the_rest(admin_client, takeo):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "provinces",
            "model_name": "village",
            "field_name": "commune",
            "term": "Prey\x00",
        },
    )
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [takeo.commune.pk]
