"""A public product, its photos and its producer: an official's edit waits for review
while the public keeps the approved version; a reviewer's approval makes it live."""

from django.urls import reverse

from products.models import Product
from review.models import Revision
from tests.review.conftest import change_url, decide, edit, public

SAVED = "Saved. The public keeps seeing the approved version until a reviewer publishes"


def pages_of(takeo) -> list[str]:
    """Every public page the product or its producer shows on."""
    return [
        takeo.product.get_absolute_url(),
        "/en/",
        "/en/products/",
        "/en/provinces/takeo/",
        takeo.village.get_absolute_url(),
        "/km" + takeo.product.get_absolute_url()[3:],
    ]


def snapshot_of(urls: list[str]) -> dict:
    return {url: public(url) for url in urls}


def approve(client, revision: Revision, comment: str = ""):
    """Open the change's review page and approve it there."""
    return decide(client, revision, "approve", comment)


def test_an_officials_edit_leaves_every_public_page_as_it_was_until_approved(
    as_official, takeo, official
):
    before = snapshot_of(pages_of(takeo))

    response = edit(
        as_official,
        takeo.product,
        description_en="Now with a Khmer description too.",
        name_km="ស្ករត្នោតគីរីវង់",
    )

    assert SAVED in response.content.decode()
    assert snapshot_of(pages_of(takeo)) == before
    takeo.product.refresh_from_db()
    assert takeo.product.live
    assert takeo.product.description_en.startswith("Sugar from the sap")
    revision = Revision.objects.open().for_record(takeo.product).get()
    assert revision.created_by == official
    assert revision.state == Revision.State.WAITING
    assert revision.field_changes == {
        "description_en": "Now with a Khmer description too.",
        "name_km": "ស្ករត្នោតគីរីវង់",
    }


def test_after_approval_the_public_page_shows_the_change_and_history_names_the_reviewer(
    as_official, takeo, reviewer, client
):
    edit(as_official, takeo.product, description_en="Boiled over a wood fire.")
    revision = Revision.objects.open().for_record(takeo.product).get()

    client.force_login(reviewer)
    page = approve(client, revision, comment="Checked with the group.")

    assert "Approved" in page.content.decode()
    status, content = public(takeo.product.get_absolute_url())
    assert status == 200
    assert "Boiled over a wood fire." in content.decode()
    revision.refresh_from_db()
    assert (revision.state, revision.reviewed_by) == (Revision.State.APPROVED, reviewer)
    entry = takeo.product.history.latest()
    assert entry.history_user == reviewer
    assert "Approved the change proposed by takeo-official" in entry.history_change_reason
    assert "Checked with the group." in entry.history_change_reason


def test_the_officials_next_edit_starts_from_their_waiting_change(as_official, takeo):
    edit(as_official, takeo.product, description_en="First try.")
    form = as_official.get(change_url(takeo.product))

    assert form.context["adminform"].form["description_en"].value() == "First try."
    assert "wait for review" in form.content.decode()

    edit(as_official, takeo.product, unit="bag")
    revision = Revision.objects.open().for_record(takeo.product).get()
    assert revision.field_changes == {"description_en": "First try.", "unit": "bag"}


def test_saving_the_live_values_again_withdraws_the_waiting_change(as_official, takeo):
    original = takeo.product.description_en
    edit(as_official, takeo.product, description_en="A change I regret.")
    edit(as_official, takeo.product, description_en=original)

    assert not Revision.objects.open().for_record(takeo.product).exists()
    assert Revision.objects.for_record(takeo.product).get().state == Revision.State.WITHDRAWN


def test_a_sent_back_change_leaves_the_page_and_shows_the_comment_to_the_official(
    as_official, takeo, reviewer, official, client
):
    before = snapshot_of(pages_of(takeo))
    edit(as_official, takeo.product, price_max="30")
    revision = Revision.objects.open().for_record(takeo.product).get()

    client.force_login(reviewer)
    decide(client, revision, "send_back", "Thirty dollars a kilo? Please check.")

    assert snapshot_of(pages_of(takeo)) == before
    client.force_login(official)
    form = client.get(change_url(takeo.product)).content.decode()
    assert "Sent back by reviewer" in form
    assert "Thirty dollars a kilo? Please check." in form
    changelist = client.get(reverse("admin:products_product_changelist") + "?review=sent_back")
    assert list(changelist.context["cl"].result_list) == [takeo.product]


def test_sending_back_needs_a_comment(as_official, takeo, reviewer, client):
    edit(as_official, takeo.product, unit="bag")
    revision = Revision.objects.open().for_record(takeo.product).get()

    client.force_login(reviewer)
    response = client.post(
        reverse("admin:review_revision_change", args=[revision.pk]),
        {"decision": "send_back", "comment": "  "},
        follow=True,
    )

    assert "Say what should change" in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == Revision.State.WAITING


def test_an_official_cannot_approve_their_own_change(as_official, takeo):
    edit(as_official, takeo.product, unit="bag")
    revision = Revision.objects.open().for_record(takeo.product).get()
    url = reverse("admin:review_revision_change", args=[revision.pk])

    page = as_official.get(url)
    assert page.status_code == 200
    assert "Approve and publish" not in page.content.decode()
    assert as_official.post(url, {"decision": "approve"}).status_code == 403
    for action in ("publish_selected", "unpublish_selected"):
        as_official.post(
            reverse("admin:products_product_changelist"),
            {"action": action, "_selected_action": [takeo.product.pk], "comment": "x"},
        )
    takeo.product.refresh_from_db()
    assert takeo.product.live and takeo.product.unit == "kg"
    revision.refresh_from_db()
    assert revision.state == Revision.State.WAITING


def test_a_product_never_approved_is_not_public_however_often_it_is_edited(
    as_official, takeo, reviewer, client
):
    add = as_official.get(reverse("admin:products_product_add"))
    assert add.status_code == 200
    data = {
        "name_en": "Palm wine",
        "slug": "palm-wine",
        "category": takeo.category.pk,
        "producer": takeo.producer.pk,
        "village": takeo.village.pk,
        "price_currency": "USD",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    response = as_official.post(reverse("admin:products_product_add"), data, follow=True)
    assert "It is not public yet" in response.content.decode()
    wine = Product.objects.get(name_en="Palm wine")
    assert public(wine.get_absolute_url())[0] == 404
    edit(as_official, wine, description_en="Fermented sap.")
    assert public(wine.get_absolute_url())[0] == 404
    wine.refresh_from_db()
    assert wine.description_en == "Fermented sap."  # not public: the row is the draft

    client.force_login(reviewer)
    approve(client, Revision.objects.open().for_record(wine).get())

    status, content = public(wine.get_absolute_url())
    assert status == 200
    assert "Fermented sap." in content.decode()


def test_a_reviewers_own_edit_goes_live_at_once(as_reviewer, takeo, make_official):
    from accounts.roles import NATIONAL_ADMINISTRATOR

    admin = make_official(NATIONAL_ADMINISTRATOR, username="administrator")
    as_reviewer.force_login(admin)

    response = edit(as_reviewer, takeo.product, description_en="Fixed a typo.")

    assert "Saved and published" in response.content.decode()
    assert "Fixed a typo." in public(takeo.product.get_absolute_url())[1].decode()
    assert not Revision.objects.open().for_record(takeo.product).exists()


def test_an_official_may_not_delete_a_public_product(as_official, takeo):
    url = reverse("admin:products_product_delete", args=[takeo.product.pk])
    assert as_official.get(url).status_code == 403
    response = as_official.post(
        reverse("admin:products_product_changelist"),
        {"action": "delete_selected", "_selected_action": [takeo.product.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Product.objects.filter(pk=takeo.product.pk, live=True).exists()
