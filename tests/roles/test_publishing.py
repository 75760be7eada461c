"""Draft → submitted → published, and back: officials submit, reviewers decide."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forums.models import ForumEvent
from portal import services
from portal.models import PublicationStatus as Status
from products.models import Product

PRODUCTS = reverse("admin:products_product_changelist")
EVENTS = reverse("admin:forums_forumevent_changelist")


def act(client, url, action: str, record, comment: str = ""):
    return client.post(
        url, {"action": action, "_selected_action": [record.pk], "comment": comment}, follow=True
    )


def status_of(record) -> str:
    record.refresh_from_db()
    return record.status


def test_an_official_submits_a_draft_and_cannot_publish_it(official_client, takeo, users):
    product = takeo["products.product"]

    act(official_client, PRODUCTS, "submit_for_review", product)
    assert status_of(product) == Status.SUBMITTED
    assert product.history.latest().history_user == users["official"]

    page = act(official_client, PRODUCTS, "publish", product)
    assert status_of(product) == Status.SUBMITTED
    assert "publish" not in dict(page.context["action_form"].fields["action"].choices)


def test_a_reviewer_publishes_with_a_comment_kept_in_the_history(client, takeo, users):
    product = takeo["products.product"]
    product.status = Status.SUBMITTED
    product.save()
    client.force_login(users["reviewer"])

    page = act(client, PRODUCTS, "publish", product, comment="Photos and prices checked.")

    assert status_of(product) == Status.PUBLISHED
    assert product.published_at is not None
    decision = product.history.latest()
    assert decision.history_user == users["reviewer"]
    assert decision.history_change_reason == "Photos and prices checked."
    assert "1 record published." in page.content.decode()

    history = client.get(reverse("admin:products_product_history", args=[product.pk]))
    assert "Photos and prices checked." in history.content.decode()


def test_a_reviewer_returns_a_published_event_to_draft(client, takeo, users):
    event = takeo["forums.forumevent"]
    assert event.status == Status.PUBLISHED
    client.force_login(users["reviewer"])

    act(client, EVENTS, "return_to_draft", event, comment="Date is wrong.")

    assert status_of(event) == Status.DRAFT
    assert event.history.latest().history_change_reason == "Date is wrong."


def test_a_step_that_does_not_start_from_the_records_status_is_refused_and_said(
    client, takeo, users
):
    event = takeo["forums.forumevent"]  # already published
    client.force_login(users["administrator"])

    page = act(client, EVENTS, "publish", event)

    assert status_of(event) == Status.PUBLISHED
    assert "is published; this step starts from draft or submitted" in page.content.decode()


def test_viewers_and_officials_elsewhere_cannot_move_anything(client, takeo, kampot, users):
    product = kampot["products.product"]
    client.force_login(users["viewer"])
    act(client, PRODUCTS, "submit_for_review", product)
    assert status_of(product) == Status.DRAFT

    client.force_login(users["official"])
    act(client, PRODUCTS, "submit_for_review", product)
    assert status_of(product) == Status.DRAFT


def test_the_status_is_not_a_form_field(official_client, takeo):
    url = reverse("admin:products_product_change", args=[takeo["products.product"].pk])
    form = official_client.get(url).context["adminform"].form
    assert "status" not in form.fields


def test_an_officials_edit_of_a_published_product_goes_back_to_review(official_client, takeo):
    product = takeo["products.product"]
    Product.objects.filter(pk=product.pk).update(status=Status.PUBLISHED)
    url = reverse("admin:products_product_change", args=[product.pk])
    form = official_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "description_en": "Now with a new price list.",
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
        }
    )

    assert official_client.post(url, data).status_code == 302
    assert status_of(product) == Status.SUBMITTED


def test_the_services_check_permission_and_state(takeo, users):
    event = takeo["forums.forumevent"]
    with pytest.raises(PermissionDenied):
        services.return_to_draft(event, by=users["official"])
    with pytest.raises(services.TransitionRefused):
        services.submit_for_review(event, by=users["official"])  # it is published
    services.return_to_draft(event, by=users["reviewer"])
    services.submit_for_review(event, by=users["official"])
    assert ForumEvent.objects.get(pk=event.pk).status == Status.SUBMITTED


def test_an_officials_new_photo_on_a_published_product_goes_back_to_review(
    official_client, takeo, settings, tmp_path
):
    from tests.roles.test_photos import image_file

    settings.MEDIA_ROOT = tmp_path
    product = takeo["products.product"]
    Product.objects.filter(pk=product.pk).update(status=Status.PUBLISHED)
    url = reverse("admin:products_product_change", args=[product.pk])
    form = official_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "photos-TOTAL_FORMS": 1,
            "photos-INITIAL_FORMS": 0,
            "photos-0-alt_text_en": "The loom",
            "photos-0-position": 3,
            "photos-0-image": image_file(),
        }
    )

    assert official_client.post(url, data).status_code == 302
    assert product.photos.filter(alt_text_en="The loom").exists()
    assert status_of(product) == Status.SUBMITTED


def published_event(place):
    event = place["forums.forumevent"]
    ForumEvent.objects.filter(pk=event.pk).update(status=Status.PUBLISHED)
    return event


def test_an_official_adding_a_participant_to_a_published_event_sends_it_back_to_review(
    official_client, takeo
):
    event = published_event(takeo)

    response = official_client.post(
        reverse("admin:forums_participant_add"),
        {"event": event.pk, "name": "Unreviewed guest", "role": "participant"},
    )

    assert response.status_code == 302
    assert event.participants.filter(name="Unreviewed guest").exists()
    assert status_of(event) == Status.SUBMITTED


def test_an_officials_change_to_an_action_item_sends_its_event_back_to_review(
    official_client, takeo
):
    event = published_event(takeo)
    item = takeo["forums.actionitem"]
    url = reverse("admin:forums_actionitem_change", args=[item.pk])
    form = official_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(description_en="Raise funds from everyone", funding_sources=[])

    assert official_client.post(url, data).status_code == 302
    assert status_of(event) == Status.SUBMITTED


def test_an_officials_bulk_deletion_of_participants_sends_their_event_back_to_review(
    official_client, takeo
):
    event = published_event(takeo)
    participant = takeo["forums.participant"]

    official_client.post(
        reverse("admin:forums_participant_changelist"),
        {"action": "delete_selected", "_selected_action": [participant.pk], "post": "yes"},
    )

    assert not event.participants.exists()
    assert status_of(event) == Status.SUBMITTED


def test_a_reviewer_editing_an_action_plan_leaves_the_event_published(client, users, takeo):
    event = published_event(takeo)
    client.force_login(users["administrator"])
    plan = takeo["forums.actionplan"]

    response = client.post(
        reverse("admin:forums_actionplan_delete", args=[plan.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert status_of(event) == Status.PUBLISHED
