"""The workflow's rules, below the admin: who may decide, and what each step refuses."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import PROVINCIAL_OFFICIAL, VIEWER
from review import services
from review.changes import apply, difference, field_change, snapshot
from review.models import Revision
from tests.factories import ProductFactory, ProvinceFactory
from tests.review.conftest import change_url, edit, public, shown


def test_only_those_who_may_publish_decide(takeo, official):
    revision = services.propose(
        takeo.product, field_change(takeo.product, {"unit": "bag"}), by=official
    )
    with pytest.raises(PermissionDenied):
        services.approve(revision, by=official, seen=shown(revision))
    with pytest.raises(PermissionDenied):
        services.send_back(revision, by=official, seen=shown(revision), comment="No.")
    with pytest.raises(PermissionDenied):
        services.unpublish(takeo.product, by=official, reason="No.")


def test_a_decided_change_cannot_be_decided_again(takeo, official, reviewer):
    revision = services.propose(
        takeo.product, field_change(takeo.product, {"unit": "bag"}), by=official
    )
    services.approve(revision, by=reviewer, seen=shown(revision))
    with pytest.raises(services.ReviewRefused):
        services.approve(revision, by=reviewer, seen=shown(revision))
    with pytest.raises(services.ReviewRefused):
        services.send_back(revision, by=reviewer, seen=shown(revision), comment="Too late.")


def test_one_open_change_per_record(takeo, official):
    first = services.propose(
        takeo.product, field_change(takeo.product, {"unit": "bag"}), by=official
    )
    second = services.propose(
        takeo.product, field_change(takeo.product, {"unit": "sack"}), by=official
    )
    assert first.pk == second.pk
    assert Revision.objects.open().for_record(takeo.product).count() == 1
    assert second.field_changes == {"unit": "sack"}


def test_a_snapshot_round_trips_through_its_difference(takeo, reviewer):
    before = snapshot(takeo.event)
    takeo.participant.name = "Changed"
    takeo.participant.save()
    after = snapshot(takeo.event)
    change = difference(before, after)
    assert change["children"]["participants"]["changed"] == {
        str(takeo.participant.pk): {"fields": {"name": "Changed"}, "children": {}}
    }
    takeo.participant.name = "H.E. Sok Chenda"
    takeo.participant.save()
    apply(takeo.event, change, by=reviewer)
    assert snapshot(takeo.event) == after


def test_officials_of_another_province_and_viewers_reach_nothing_to_decide(
    client, takeo, make_official
):
    kampot = ProvinceFactory(code="07", name_en="Kampot", slug="kampot")
    elsewhere = make_official(PROVINCIAL_OFFICIAL, (kampot.code,), username="kampot-official")
    viewer = make_official(VIEWER, username="viewer")
    revision = services.request_review(ProductFactory(live=False), by=None)

    client.force_login(elsewhere)
    assert client.get(change_url(takeo.product)).status_code == 403
    assert (
        client.get(reverse("admin:review_revision_change", args=[revision.pk])).status_code == 403
    )
    client.force_login(viewer)
    url = reverse("admin:review_revision_change", args=[revision.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"decision": "approve"}).status_code == 403


def test_a_reviewer_editing_an_action_plan_publishes_the_change_at_once(
    as_reviewer, takeo, make_official
):
    from accounts.roles import NATIONAL_ADMINISTRATOR

    as_reviewer.force_login(make_official(NATIONAL_ADMINISTRATOR, username="administrator"))
    edit(as_reviewer, takeo.plan, title_en="Fund sourcing and networking")

    assert "Fund sourcing and networking" in public(takeo.event.get_absolute_url())[1].decode()
    assert not Revision.objects.open().exists()


def test_the_public_flag_is_not_a_form_field(as_official, takeo):
    form = as_official.get(change_url(takeo.product)).context["adminform"].form
    assert "live" not in form.fields and "published_at" not in form.fields
