"""A change waits against the live version it was made on: if that version changes
underneath it (a reviewer's import, say), approving the older change would silently
undo the newer values, so approval is refused and the review page says why."""

import pytest
from django.urls import reverse

from products.models import Product
from review import services
from review.models import Revision
from tests.review.conftest import decide, edit, shown


def waiting_change(client, product: Product, **changes) -> Revision:
    edit(client, product, **changes)
    return Revision.objects.open().for_record(product).get()


def written_live(product: Product, **values) -> None:
    """The live record changed directly, as a reviewer's import or command writes it."""
    product.refresh_from_db()
    for name, value in values.items():
        setattr(product, name, value)
    product.save()


def test_approving_is_refused_when_the_live_version_changed_the_same_field_since(
    as_official, takeo, reviewer
):
    revision = waiting_change(as_official, takeo.product, unit="bag")
    written_live(takeo.product, unit="sack")

    with pytest.raises(services.ReviewRefused, match="unit"):
        services.approve(revision, by=reviewer, seen=shown(revision))

    takeo.product.refresh_from_db()
    assert takeo.product.unit == "sack"
    revision.refresh_from_db()
    assert revision.state == Revision.State.WAITING


def test_a_live_change_to_another_field_does_not_hold_the_approval(as_official, takeo, reviewer):
    revision = waiting_change(as_official, takeo.product, unit="bag")
    written_live(takeo.product, name_en="Kirivong palm sugar")

    services.approve(revision, by=reviewer, seen=shown(revision))

    takeo.product.refresh_from_db()
    assert (takeo.product.unit, takeo.product.name_en) == ("bag", "Kirivong palm sugar")


def test_the_review_page_says_what_changed_since_and_approving_there_changes_nothing(
    client, as_official, takeo, reviewer
):
    revision = waiting_change(as_official, takeo.product, unit="bag")
    written_live(takeo.product, unit="sack")
    client.force_login(reviewer)
    page = reverse("admin:review_revision_change", args=[revision.pk])

    assert "changed: approving it would undo that" in client.get(page).content.decode()
    answer = decide(client, revision, "approve")

    assert [str(m) for m in answer.context["messages"]] == [
        "Since this change was proposed, the public version's unit changed: approving it "
        "would undo that. Send it back so that its author can look again."
    ]
    takeo.product.refresh_from_db()
    assert takeo.product.unit == "sack"


def test_the_author_saving_again_after_it_is_sent_back_makes_it_approvable(
    client, as_official, takeo, reviewer
):
    revision = waiting_change(as_official, takeo.product, unit="bag")
    written_live(takeo.product, unit="sack")
    services.send_back(
        revision, by=reviewer, seen=shown(revision), comment="The unit changed meanwhile."
    )

    revision = waiting_change(as_official, takeo.product, unit="basket")
    services.approve(revision, by=reviewer, seen=shown(revision))

    takeo.product.refresh_from_db()
    assert takeo.product.unit == "basket"


def test_an_imported_proposal_is_held_the_same_way(takeo, official, reviewer):
    revision = services.propose_values(takeo.product, {"unit": "bag"}, by=official)
    written_live(takeo.product, unit="sack")

    with pytest.raises(services.ReviewRefused, match="unit"):
        services.approve(revision, by=reviewer, seen=shown(revision))
