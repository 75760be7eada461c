"""A provincial official reaches their provinces' records and nothing else, whichever
way they ask: by typing a URL, through autocomplete, in a form, in a bulk action."""

import json

from django.urls import reverse

from products.models import Producer
from tests.two_provinces import KAMPOT, TAKEO


def autocomplete(client, app_label: str, model_name: str, field_name: str, term: str = ""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {item["id"] for item in json.loads(response.content)["results"]}


def test_autocomplete_offers_only_the_officials_provinces(official_client, takeo, kampot):
    villages = autocomplete(official_client, "products", "producer", "village", "Village")
    assert str(takeo["provinces.village"].pk) in villages
    assert str(kampot["provinces.village"].pk) not in villages

    provinces = autocomplete(official_client, "forums", "forumevent", "province")
    assert provinces == {TAKEO}

    producers = autocomplete(official_client, "products", "product", "producer")
    assert producers == {str(takeo["products.producer"].pk)}


def test_autocomplete_offers_every_province_to_national_roles(client, users, takeo, kampot):
    client.force_login(users["reviewer"])
    assert autocomplete(client, "forums", "forumevent", "province") == {TAKEO, KAMPOT}


def producer_form(village, **overrides) -> dict:
    return {
        "name_en": "New weavers",
        "name_km": "",
        "slug": "new-weavers",
        "kind": Producer.Kind.GROUP,
        "village": village.pk,
        "description_en": "",
        "description_km": "",
        "contact_person": "",
        "phone": "",
        "email": "",
        "website": "",
        "_history_change_reason": "",
        **overrides,
    }


def test_an_official_adds_a_producer_in_their_province(official_client, takeo):
    response = official_client.post(
        reverse("admin:products_producer_add"), producer_form(takeo["provinces.village"])
    )
    assert response.status_code == 302
    assert Producer.objects.filter(name_en="New weavers", village=takeo["provinces.village"])


def test_a_hand_made_post_naming_another_provinces_village_is_refused(official_client, kampot):
    response = official_client.post(
        reverse("admin:products_producer_add"), producer_form(kampot["provinces.village"])
    )
    assert response.status_code == 200
    assert "village" in response.context["adminform"].form.errors
    assert not Producer.objects.filter(name_en="New weavers").exists()


def test_an_official_cannot_move_a_record_into_another_province(official_client, takeo, kampot):
    producer = takeo["products.producer"]
    response = official_client.post(
        reverse("admin:products_producer_change", args=[producer.pk]),
        producer_form(kampot["provinces.village"], name_en=producer.name_en),
    )
    assert response.status_code == 200
    producer.refresh_from_db()
    assert producer.village == takeo["provinces.village"]


def test_an_official_cannot_save_an_event_that_lies_in_no_province(official_client):
    response = official_client.post(
        reverse("admin:forums_forumevent_add"),
        {
            "title_en": "A forum somewhere",
            "slug": "a-forum",
            "kind": "workshop",
            "province": "",
            "organisations-TOTAL_FORMS": 0,
            "organisations-INITIAL_FORMS": 0,
            "participants-TOTAL_FORMS": 0,
            "participants-INITIAL_FORMS": 0,
            "action_plans-TOTAL_FORMS": 0,
            "action_plans-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "must lie in one of your provinces" in response.content.decode()


def test_a_bulk_delete_cannot_reach_another_provinces_records(official_client, takeo, kampot):
    response = official_client.post(
        reverse("admin:products_producer_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [kampot["products.producer"].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert Producer.objects.filter(pk=kampot["products.producer"].pk).exists()


def test_the_changelist_and_its_province_filter_show_only_the_officials_provinces(
    official_client, takeo, kampot
):
    response = official_client.get(reverse("admin:products_producer_changelist"))
    shown = list(response.context["cl"].result_list)
    assert shown == [takeo["products.producer"]]
    assert b"Kampot" not in response.content


def test_an_official_without_provinces_reaches_nothing(client, make_official, takeo):
    from accounts.roles import PROVINCIAL_OFFICIAL

    client.force_login(make_official(PROVINCIAL_OFFICIAL))
    response = client.get(reverse("admin:provinces_village_changelist"))
    assert list(response.context["cl"].result_list) == []


def test_one_version_of_another_provinces_record_is_refused(official_client, takeo, kampot):
    producer = kampot["products.producer"]
    version = producer.history.latest()
    url = reverse("admin:products_producer_simple_history", args=[producer.pk, version.pk])
    assert official_client.get(url).status_code == 403

    own = takeo["products.producer"]
    own_url = reverse(
        "admin:products_producer_simple_history", args=[own.pk, own.history.latest().pk]
    )
    assert official_client.get(own_url).status_code == 200


def test_the_event_list_offers_only_the_officials_provinces_to_filter_by(
    official_client, takeo, kampot
):
    page = official_client.get(reverse("admin:forums_forumevent_changelist"))
    provinces = next(f for f in page.context["cl"].filter_specs if f.title == "province")
    assert [label for _pk, label in provinces.lookup_choices] == [
        str(takeo.records["provinces.province"])
    ]


def test_an_administrator_assigns_a_user_a_role_and_provinces(client, users, takeo, kampot):
    from django.contrib.auth.models import Group

    from accounts.roles import PROVINCIAL_OFFICIAL

    client.force_login(users["administrator"])
    newcomer = users["viewer"]
    url = reverse("admin:auth_user_change", args=[newcomer.pk])
    form = client.get(url).context["adminform"].form
    data = {
        "username": newcomer.username,
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=PROVINCIAL_OFFICIAL).pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": form["date_joined"].value().strftime("%Y-%m-%d"),
        "date_joined_1": form["date_joined"].value().strftime("%H:%M:%S"),
        "province_assignments-TOTAL_FORMS": 2,
        "province_assignments-INITIAL_FORMS": 0,
        "province_assignments-0-province": TAKEO,
        "province_assignments-1-province": KAMPOT,
    }

    response = client.post(url, data)

    assert response.status_code == 302
    assert sorted(newcomer.province_assignments.values_list("province_id", flat=True)) == [
        KAMPOT,
        TAKEO,
    ]
    change = newcomer.province_assignments.first().history.latest()
    assert change.history_user == users["administrator"]
