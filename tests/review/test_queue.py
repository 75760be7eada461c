"""The review queue and the admin's start page: what waits, for whom, in a fixed number
of queries whatever the length of the queue."""

import pytest
from django.urls import reverse

from review import services
from review.changes import field_change
from review.models import Revision
from tests.factories import ProductFactory
from tests.review.conftest import edit, shown


def test_the_start_page_shows_the_reviewer_what_waits_and_the_official_their_own(
    client, as_official, takeo, official, reviewer
):
    edit(as_official, takeo.product, unit="bag")
    start = as_official.get(reverse("admin:index")).content.decode()
    assert "1 of your changes waits for review" in start
    assert "0 of your changes were sent back" in start
    assert "waits for your review" not in start

    client.force_login(reviewer)
    start = client.get(reverse("admin:index")).content.decode()
    assert "1 change waits for your review" in start


def test_the_officials_own_lists_are_one_click_away(as_official, takeo, official, reviewer):
    edit(as_official, takeo.product, unit="bag")
    edit(as_official, takeo.producer, phone="011 222 333")
    revision = Revision.objects.open().for_record(takeo.producer).get()
    services.send_back(revision, by=reviewer, seen=shown(revision), comment="Why?")
    start = as_official.get(reverse("admin:index")).content.decode()
    queue = reverse("admin:review_revision_changelist")
    for state in ("waiting", "sent_back"):
        assert (
            f'href="{queue}?state__exact={state}&amp;created_by__id__exact={official.pk}"' in start
        )
    sent_back = as_official.get(
        f"{queue}?state__exact=sent_back&created_by__id__exact={official.pk}"
    )
    assert [r.record_label for r in sent_back.context["cl"].result_list] == [str(takeo.producer)]
    waiting = as_official.get(f"{queue}?state__exact=waiting&created_by__id__exact={official.pk}")
    assert [r.record_label for r in waiting.context["cl"].result_list] == [str(takeo.product)]


@pytest.mark.parametrize("count", [3, 40])
def test_the_queue_lists_in_a_fixed_number_of_queries(
    client, takeo, official, reviewer, count, django_assert_max_num_queries
):
    for product in ProductFactory.create_batch(
        count, producer=takeo.producer, village=takeo.village
    ):
        services.propose(product, field_change(product, {"unit": "box"}), by=official)
    client.force_login(reviewer)

    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("admin:review_revision_changelist") + "?state__exact=waiting"
        )

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_the_product_list_says_each_records_state_in_a_fixed_number_of_queries(
    as_official, takeo, official, django_assert_max_num_queries
):
    for product in ProductFactory.create_batch(30, producer=takeo.producer, village=takeo.village):
        services.propose(product, field_change(product, {"unit": "box"}), by=official)

    with django_assert_max_num_queries(14):
        response = as_official.get(reverse("admin:products_product_changelist"))

    text = response.content.decode()
    assert text.count("Public; changes wait for review") == 30
    waiting = as_official.get(reverse("admin:products_product_changelist") + "?review=waiting")
    assert waiting.context["cl"].result_count == 30
