"""A product's photos are part of its change; its producer is reviewed on its own, and
no edit of a producer reaches a public page before a reviewer approves it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from products.models import Producer, Product, ProductPhoto
from review.models import Revision
from tests.factories import ProducerFactory, ProductFactory
from tests.review.conftest import change_url, edit, form_values, public, shown
from tests.review.test_products import approve, pages_of, snapshot_of


def photo_upload(colour: str = "red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("new.png", buffer.getvalue(), content_type="image/png")


def test_a_photo_added_and_an_alt_text_changed_wait_with_the_product(as_official, takeo):
    before = snapshot_of(pages_of(takeo))
    form = as_official.get(change_url(takeo.product))
    data = form_values(form)
    data["photos-0-alt_text_en"] = "Palm sugar cooling in moulds"
    data["photos-1-image"] = photo_upload()
    data["photos-1-alt_text_en"] = "The group's boiling shed"
    data["photos-1-position"] = "1"

    response = as_official.post(change_url(takeo.product), data, follow=True)

    assert "Saved. The public keeps seeing" in response.content.decode()
    assert snapshot_of(pages_of(takeo)) == before
    assert list(takeo.product.photos.values_list("alt_text_en", flat=True)) == [
        "Blocks of palm sugar"
    ]
    photos = Revision.objects.open().for_record(takeo.product).get().changes["children"]["photos"]
    assert photos["changed"] == {
        str(takeo.photo.pk): {
            "fields": {"alt_text_en": "Palm sugar cooling in moulds"},
            "children": {},
        }
    }
    [(new_pk, added)] = photos["added"].items()
    assert added["fields"]["alt_text_en"] == "The group's boiling shed"
    assert not ProductPhoto.objects.filter(pk=new_pk).exists()

    # The official's form shows both photos as they will be.
    again = as_official.get(change_url(takeo.product))
    shown = [f["alt_text_en"].value() for f in again.context["inline_admin_formsets"][0].formset]
    assert shown[:2] == ["Palm sugar cooling in moulds", "The group's boiling shed"]


def test_the_reviewer_compares_photos_as_thumbnails_and_approves_them_with_the_product(
    as_official, takeo, reviewer, client
):
    data = form_values(as_official.get(change_url(takeo.product)))
    data["photos-1-image"] = photo_upload("blue")
    data["photos-1-alt_text_en"] = "Sugar palms at dawn"
    data["photos-0-DELETE"] = "on"
    as_official.post(change_url(takeo.product), data)
    revision = Revision.objects.open().for_record(takeo.product).get()

    client.force_login(reviewer)
    page = client.get(reverse("admin:review_revision_change", args=[revision.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Sugar palms at dawn" in text and "Blocks of palm sugar" in text
    assert text.count('class="review-thumbnail"') == 2  # the added and the removed photo
    comparison = page.context["comparison"]
    assert [row.kind for row in comparison.sections[0].rows] == ["added", "removed"]

    approve(client, revision)

    assert list(takeo.product.photos.values_list("alt_text_en", flat=True)) == [
        "Sugar palms at dawn"
    ]
    content = public(takeo.product.get_absolute_url())[1].decode()
    assert "Sugar palms at dawn" in content and "Blocks of palm sugar" not in content


def test_a_changed_producer_website_or_phone_reaches_no_public_page_before_approval(
    as_official, takeo, reviewer, client
):
    before = snapshot_of(pages_of(takeo))

    response = edit(
        as_official,
        takeo.producer,
        website="https://evil.example/phish",
        phone="099 999 999",
        name_en="Kirivong Sugar Scam",
    )

    assert "Saved. The public keeps seeing" in response.content.decode()
    after = snapshot_of(pages_of(takeo))
    assert after == before
    for _status, content in after.values():
        text = content.decode()
        assert "evil.example" not in text and "099 999 999" not in text
    takeo.producer.refresh_from_db()
    assert takeo.producer.website == "" and takeo.producer.phone == "012 345 678"

    client.force_login(reviewer)
    approve(client, Revision.objects.open().for_record(takeo.producer).get())
    assert "099 999 999" in public(takeo.product.get_absolute_url())[1].decode()


def test_a_producers_import_proposes_its_website_instead_of_publishing_it(as_official, takeo):
    header = "id,name_en,kind,village_code,contact_person,website,phone"
    row = f"{takeo.producer.pk},{takeo.producer.name_en},cooperative,21040101,Sok Dara,"
    row += "https://evil.example/phish,012 345 678"
    upload = SimpleUploadedFile("producers.csv", f"{header}\n{row}\n".encode())
    before = snapshot_of(pages_of(takeo))

    preview = as_official.post(
        reverse("admin:products_producer_import"), {"import_file": upload, "format": "0"}
    )
    form = preview.context["confirm_form"]
    confirm = as_official.post(
        reverse("admin:products_producer_process_import"),
        {name: form[name].value() for name in form.fields},
    )

    assert confirm.status_code == 302
    assert snapshot_of(pages_of(takeo)) == before
    revision = Revision.objects.open().for_record(takeo.producer).get()
    assert revision.field_changes == {"website": "https://evil.example/phish"}


def test_a_product_whose_producer_is_not_public_cannot_be_published(takeo, reviewer, client):
    newcomer = ProducerFactory(village=takeo.village, name_en="New group", live=False)
    product = ProductFactory(producer=newcomer, village=takeo.village, live=False)
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:products_product_changelist"),
        {"action": "publish_selected", "_selected_action": [product.pk]},
        follow=True,
    )

    assert "its producer “New group” is not public yet" in response.content.decode()
    product.refresh_from_db()
    assert not product.live


def test_unpublishing_a_producer_takes_its_products_down_with_a_reason(takeo, reviewer, client):
    client.force_login(reviewer)
    url = reverse("admin:products_producer_changelist")

    refused = client.post(
        url, {"action": "unpublish_selected", "_selected_action": [takeo.producer.pk]}, follow=True
    )
    assert "Give a reason" in refused.content.decode()
    assert Producer.objects.get(pk=takeo.producer.pk).live

    client.post(
        url,
        {
            "action": "unpublish_selected",
            "_selected_action": [takeo.producer.pk],
            "comment": "The group has dissolved.",
        },
    )

    assert public(takeo.product.get_absolute_url())[0] == 404
    product = Product.objects.get(pk=takeo.product.pk)
    assert not product.live
    assert "The group has dissolved." in product.history.latest().history_change_reason


def test_approving_a_change_to_a_producer_that_is_not_public_is_refused(takeo, official, reviewer):
    from review import services
    from review.changes import field_change

    newcomer = ProducerFactory(village=takeo.village, name_en="New group", live=False)
    revision = services.propose(
        takeo.product, field_change(takeo.product, {"producer": newcomer.pk}), by=official
    )

    with pytest.raises(services.ReviewRefused, match="not public yet"):
        services.approve(revision, by=reviewer, seen=shown(revision))

    takeo.product.refresh_from_db()
    assert takeo.product.producer == takeo.producer
    revision.refresh_from_db()
    assert revision.state == Revision.State.WAITING


def test_a_public_product_cannot_be_given_a_producer_that_is_not_public(
    client, takeo, make_official
):
    from accounts.roles import NATIONAL_ADMINISTRATOR

    client.force_login(make_official(NATIONAL_ADMINISTRATOR, username="administrator"))
    newcomer = ProducerFactory(village=takeo.village, name_en="New group", live=False)

    response = edit(client, takeo.product, producer=newcomer.pk)

    assert "have the producer published first" in response.content.decode()
    takeo.product.refresh_from_db()
    assert takeo.product.producer == takeo.producer
