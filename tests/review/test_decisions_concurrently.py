"""Decisions and saves that meet inside their transactions (PostgreSQL's row locks).

A decision locks the change, then the record, and compares what the reviewer was shown
with them; a save takes the same locks in the same order. Whichever comes second waits
for the first and then sees what it wrote: an approval waiting for a proposal is refused,
and a save waiting for an approval finds the record public and proposes.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from products.models import Product
from review import services
from review.changes import field_change
from review.models import Revision
from tests.review.conftest import EVIL, change_url, form_values, public, shown

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def in_another_transaction(step) -> tuple[threading.Thread, list]:
    """Run `step` in a thread of its own (its own connection); returns the thread and
    what it returned or raised."""
    outcome: list = []

    def run() -> None:
        try:
            with transaction.atomic():
                outcome.append(step())
        except BaseException as error:  # reported in the test's own thread
            outcome.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def wait_until_one_waits_for_a_lock(thread: threading.Thread) -> None:
    """Until the other transaction waits on a row lock (asked of PostgreSQL, not timed)."""
    for _attempt in range(500):
        with connection.cursor() as cursor:
            # Within a transaction the statistics are read once unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
        assert thread.is_alive(), "the other transaction finished without waiting"
        time.sleep(0.01)
    raise AssertionError("the other transaction never waited for the lock")


def test_an_approval_waiting_for_a_proposal_into_its_change_is_refused(takeo, official, reviewer):
    revision = services.propose(
        takeo.product, field_change(takeo.product, {"unit": "bag"}), by=official
    )
    seen = shown(revision)

    with transaction.atomic():
        services.propose(
            takeo.product, field_change(takeo.product, {"description_en": EVIL}), by=official
        )
        thread, outcome = in_another_transaction(
            lambda: services.approve(revision, by=reviewer, seen=seen)
        )
        wait_until_one_waits_for_a_lock(thread)
    thread.join()

    [refusal] = outcome
    assert isinstance(refusal, services.ChangedSinceSeen), refusal
    assert EVIL not in Product.objects.get(pk=takeo.product.pk).description_en
    assert Revision.objects.get(pk=revision.pk).state == Revision.State.WAITING


def test_an_approval_waiting_for_a_write_to_a_new_record_is_refused(takeo, official, reviewer):
    revision = services.request_review(takeo.draft, by=official)
    seen = shown(revision)

    with transaction.atomic():
        # As a save of a record that is not public holds it (an import writes it so too).
        draft = Product.objects.select_for_update().get(pk=takeo.draft.pk)
        draft.description_en = EVIL
        draft.save()
        thread, outcome = in_another_transaction(
            lambda: services.approve(revision, by=reviewer, seen=seen)
        )
        wait_until_one_waits_for_a_lock(thread)
    thread.join()

    [refusal] = outcome
    assert isinstance(refusal, services.ChangedSinceSeen), refusal
    assert not Product.objects.get(pk=takeo.draft.pk).live


def test_an_officials_save_waiting_for_an_approval_proposes_instead_of_writing_live(
    takeo, official, reviewer, client
):
    revision = services.request_review(takeo.draft, by=official)
    client.force_login(official)
    data = {**form_values(client.get(change_url(takeo.draft))), "description_en": EVIL}

    with transaction.atomic():
        services.approve(revision, by=reviewer, seen=shown(revision))
        thread, outcome = in_another_transaction(
            lambda: client.post(change_url(takeo.draft), data).status_code
        )
        wait_until_one_waits_for_a_lock(thread)
    thread.join()

    assert outcome == [302]
    draft = Product.objects.get(pk=takeo.draft.pk)
    assert draft.live and EVIL not in draft.description_en
    assert EVIL not in public(draft.get_absolute_url())[1].decode()
    assert Revision.objects.open().for_record(draft).get().field_changes == {
        "description_en": EVIL
    }
