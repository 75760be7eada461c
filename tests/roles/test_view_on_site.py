"""The admin's "view on site" shortcut reveals nothing the public may not see, and
nothing the user does not reach in the admin."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse


def view_on_site(record) -> str:
    content_type = ContentType.objects.get_for_model(record)
    return reverse("admin:view_on_site", args=[content_type.pk, record.pk])


@pytest.fixture
def staff_without_role(make_official):
    return make_official(None, username="no-role")


def publish(record):
    type(record).objects.filter(pk=record.pk).update(live=True)


@pytest.mark.parametrize("role", ["administrator", "reviewer", "official", "viewer"])
@pytest.mark.parametrize("label", ["products.product", "forums.forumevent"])
def test_a_record_never_approved_answers_404_for_every_role(client, users, takeo, role, label):
    record = takeo[label]
    type(record).objects.filter(pk=record.pk).update(live=False)
    client.force_login(users[role])

    response = client.get(view_on_site(record))

    assert response.status_code == 404
    assert record.get_absolute_url() not in response.content.decode()


@pytest.mark.parametrize("label", ["products.product", "forums.forumevent"])
def test_a_record_waiting_for_its_first_review_answers_404(client, users, takeo, label):
    from review.services import request_review

    record = takeo[label]
    type(record).objects.filter(pk=record.pk).update(live=False)
    record.refresh_from_db()
    request_review(record, by=users["official"])
    client.force_login(users["administrator"])

    assert client.get(view_on_site(record)).status_code == 404


def test_a_published_record_leads_to_its_public_page(client, users, takeo):
    product = takeo["products.product"]
    publish(product)
    client.force_login(users["official"])

    response = client.get(view_on_site(product))

    assert response.status_code == 302
    assert response["Location"].endswith(product.get_absolute_url())


def test_a_record_outside_the_users_provinces_answers_404(client, users, takeo, kampot):
    product = kampot["products.product"]
    publish(product)
    client.force_login(users["official"])

    assert client.get(view_on_site(product)).status_code == 404


def test_staff_without_a_role_are_shown_nothing(client, staff_without_role, takeo):
    publish(takeo["products.product"])
    client.force_login(staff_without_role)

    for label in ("products.product", "forums.forumevent", "provinces.province"):
        assert client.get(view_on_site(takeo[label])).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["r/abc/1/", "r/99999/1/", "r/{product}/abc/", "r/{product}/99999999/", "r/{user}/1/"],
)
def test_what_is_no_record_answers_404(admin_client, takeo, path):
    product = ContentType.objects.get_for_model(takeo["products.product"]).pk
    user = ContentType.objects.get(app_label="auth", model="user").pk
    url = reverse("admin:index") + path.format(product=product, user=user)

    assert admin_client.get(url).status_code == 404
