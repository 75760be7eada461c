"""A decision applies to what the reviewer was shown.

An official proposes a harmless change, the reviewer opens it, the official saves again
into the same change, and the reviewer decides on the page still open: the decision must
not reach what the reviewer never saw. The same holds for a record that is not public
yet (its row is edited directly), for the list's bulk publishing, for a reviewer's own
save of a form that showed a waiting change, and for sending a change back.
"""

import pytest

from products.models import Product
from provinces.models import Village
from review import services
from review.models import Revision
from tests.factories import ProductPhotoFactory, VillageFactory
from tests.review.conftest import (
    BENIGN,
    EDITED,
    EVIL,
    change_url,
    decide,
    edit,
    form_values,
    hidden_inputs,
    messages_of,
    public,
    review_url,
    shown,
    the_change,
)
from tests.review.test_photos_and_producers import photo_upload
from tests.review.test_places import import_in_admin, villages_file


def test_approving_a_change_saved_again_after_the_page_was_opened_is_refused(
    as_official, takeo, reviewing
):
    edit(as_official, takeo.product, description_en=BENIGN)
    revision = the_change(takeo.product)
    opened = reviewing.get(review_url(revision))
    assert BENIGN in opened.content.decode()

    edit(as_official, takeo.product, description_en=EVIL)
    answer = decide(reviewing, revision, "approve", page=opened)

    # Refused on the review page, which now shows the change as it stands.
    assert answer.redirect_chain[-1][0] == review_url(revision)
    assert messages_of(answer) == [EDITED]
    assert EVIL in answer.content.decode()
    assert EVIL not in public(takeo.product.get_absolute_url())[1].decode()
    assert Product.objects.get(pk=takeo.product.pk).description_en.startswith("Sugar from")
    assert Revision.objects.get(pk=revision.pk).state == Revision.State.WAITING

    # Decided on the page opened again, it applies to what that page shows.
    decide(reviewing, revision, "send_back", "No links to other sites, please.")
    assert Revision.objects.get(pk=revision.pk).state == Revision.State.SENT_BACK


def test_approving_a_new_record_edited_after_the_page_was_opened_is_refused(
    as_official, takeo, reviewing
):
    edit(as_official, takeo.draft, description_en=BENIGN)
    revision = the_change(takeo.draft)
    assert revision.is_new_record
    opened = reviewing.get(review_url(revision))
    assert BENIGN in opened.content.decode()

    edit(as_official, takeo.draft, description_en=EVIL)
    answer = decide(reviewing, revision, "approve", page=opened)

    assert messages_of(answer) == [EDITED]
    assert EVIL in answer.content.decode()
    draft = Product.objects.get(pk=takeo.draft.pk)
    assert not draft.live
    assert public(draft.get_absolute_url())[0] == 404


def test_a_new_record_changed_by_an_import_after_the_page_was_opened_is_refused(
    as_official, takeo, reviewing
):
    """An official's import writes a record that is not public directly and leaves its
    change's version as it was: the content shown is compared too."""
    village = VillageFactory(
        commune=takeo.commune, code="21040102", name_en="Phum Thmey", live=False
    )
    services.request_review(village, by=None)
    revision = the_change(village)
    opened = reviewing.get(review_url(revision))

    row = f"21,2104,210401,21040102,{village.name_km},Phum Evil"
    import_in_admin(as_official, "village", villages_file(row))
    assert Village.objects.get(pk=village.pk).name_en == "Phum Evil"
    assert Revision.objects.get(pk=revision.pk).version == revision.version
    answer = decide(reviewing, revision, "approve", page=opened)

    assert messages_of(answer) == [EDITED]
    assert not Village.objects.get(pk=village.pk).live


def test_a_photo_added_to_a_new_record_after_it_was_shown_holds_the_approval(
    takeo, official, reviewer
):
    revision = services.request_review(takeo.draft, by=official)
    seen = shown(revision)
    ProductPhotoFactory(product=takeo.draft, alt_text_en=EVIL)

    with pytest.raises(services.ChangedSinceSeen, match=EDITED):
        services.approve(revision, by=reviewer, seen=seen)

    assert not Product.objects.get(pk=takeo.draft.pk).live


def test_sending_back_a_change_saved_again_after_the_page_was_opened_is_refused(
    as_official, takeo, reviewing
):
    edit(as_official, takeo.product, description_en=BENIGN)
    revision = the_change(takeo.product)
    opened = reviewing.get(review_url(revision))

    edit(as_official, takeo.product, description_en=EVIL)
    answer = decide(reviewing, revision, "send_back", "Fine apart from a comma.", page=opened)

    assert messages_of(answer) == [EDITED]
    revision.refresh_from_db()
    assert (revision.state, revision.review_comment) == (Revision.State.WAITING, "")


def test_a_decision_posted_without_what_was_seen_is_refused(as_official, takeo, reviewing):
    edit(as_official, takeo.product, description_en=BENIGN)
    revision = the_change(takeo.product)

    for seen in ({}, {"seen_version": "abc"}, {"seen_version": "\x00"}):
        answer = reviewing.post(review_url(revision), {"decision": "approve", **seen}, follow=True)
        assert answer.status_code == 200
        assert messages_of(answer) == [EDITED]
    assert BENIGN not in public(takeo.product.get_absolute_url())[1].decode()


def publish_from_list(reviewing, page, *records):
    """Choose "Publish selected" for `records` on the list `page` opened earlier."""
    return reviewing.post(
        "/admin/products/product/",
        {
            **(hidden_inputs(page) if page else {}),
            "action": "publish_selected",
            "_selected_action": [record.pk for record in records],
            "index": "0",
        },
        follow=True,
    )


def test_publishing_from_the_list_approves_each_change_as_the_list_showed_it(
    as_official, takeo, reviewing
):
    edit(as_official, takeo.product, description_en=BENIGN)
    edit(as_official, takeo.draft, description_en=BENIGN)
    page = reviewing.get("/admin/products/product/")

    edit(as_official, takeo.product, description_en=EVIL)
    answer = publish_from_list(reviewing, page, takeo.product, takeo.draft)

    assert messages_of(answer) == [f"“{takeo.product}”: {EDITED}", "1 record published."]
    assert EVIL not in public(takeo.product.get_absolute_url())[1].decode()
    assert the_change(takeo.product).state == Revision.State.WAITING
    assert Product.objects.get(pk=takeo.draft.pk).live


def test_publishing_from_the_list_refuses_a_change_proposed_after_it_was_shown(
    as_official, takeo, reviewing
):
    page = reviewing.get("/admin/products/product/")

    edit(as_official, takeo.draft, description_en=EVIL)
    answer = publish_from_list(reviewing, page, takeo.draft)

    assert messages_of(answer) == [f"“{takeo.draft}”: {EDITED}"]
    assert not Product.objects.get(pk=takeo.draft.pk).live


def test_publishing_records_the_list_did_not_show_refuses_their_changes(
    as_official, takeo, reviewing
):
    edit(as_official, takeo.product, description_en=BENIGN)

    answer = publish_from_list(reviewing, None, takeo.product)

    assert messages_of(answer) == [
        f"“{takeo.product}” was not on the page you chose from: open its change and decide there."
    ]
    assert BENIGN not in public(takeo.product.get_absolute_url())[1].decode()


def test_a_reviewers_save_publishes_only_the_change_their_form_showed(
    as_official, takeo, administering
):
    edit(as_official, takeo.product, description_en=BENIGN)
    form = administering.get(change_url(takeo.product))
    data = {**form_values(form), "unit": "bag"}

    # The official adds a photo into the same change while the reviewer's form is open.
    added = form_values(as_official.get(change_url(takeo.product)))
    added.update({"photos-1-image": photo_upload(), "photos-1-alt_text_en": EVIL})
    added["photos-1-position"] = "1"
    as_official.post(change_url(takeo.product), added)
    answer = administering.post(change_url(takeo.product), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert answer.redirect_chain[-1][0] == change_url(takeo.product)
    assert EVIL not in public(takeo.product.get_absolute_url())[1].decode()
    product = Product.objects.get(pk=takeo.product.pk)
    assert (product.unit, product.photos.count()) == ("kg", 1)
    assert the_change(takeo.product).state == Revision.State.WAITING

    # Saved again from the form as it shows the change now, it goes live.
    edit(administering, takeo.product, unit="bag")
    product = Product.objects.get(pk=takeo.product.pk)
    assert product.unit == "bag"
    assert EVIL in product.photos.values_list("alt_text_en", flat=True)
    assert not Revision.objects.open().for_record(takeo.product).exists()


def test_a_reviewers_save_refuses_a_change_proposed_after_their_form_was_opened(
    as_official, takeo, administering
):
    form = administering.get(change_url(takeo.product))
    data = {**form_values(form), "unit": "bag"}

    edit(as_official, takeo.product, description_en=EVIL)
    answer = administering.post(change_url(takeo.product), data, follow=True)

    assert messages_of(answer) == [EDITED]
    assert EVIL not in public(takeo.product.get_absolute_url())[1].decode()


def test_every_proposal_into_a_change_counts_a_version(as_official, takeo, official):
    edit(as_official, takeo.product, description_en=BENIGN)
    first = the_change(takeo.product).version
    edit(as_official, takeo.product, description_en=EVIL)
    services.propose_values(takeo.product, {"unit": "bag"}, by=official)

    assert the_change(takeo.product).version == first + 2


def test_a_records_next_change_is_numbered_after_the_one_decided(
    as_official, takeo, reviewing, administering
):
    edit(as_official, takeo.product, description_en=BENIGN)
    form = administering.get(change_url(takeo.product))
    data = {**form_values(form), "unit": "bag"}
    decide(reviewing, the_change(takeo.product), "approve")

    edit(as_official, takeo.product, description_en=EVIL)
    answer = administering.post(change_url(takeo.product), data, follow=True)

    assert the_change(takeo.product).version == 2
    assert messages_of(answer) == [EDITED]
    assert EVIL not in public(takeo.product.get_absolute_url())[1].decode()
