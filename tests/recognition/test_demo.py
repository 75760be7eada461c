"""The demo's recognition: an example scheme said to be one, a closed Takeo round with
recognised sample products on the public site, and an open round in progress."""

import io

import pytest
from django.core.management import call_command

from recognition.models import Certificate, Entry, Round, Scheme

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(db) -> str:
    output = io.StringIO()
    call_command("load_initial_data", stdout=output)
    return output.getvalue()


def test_the_demo_recognises_takeo_products_in_a_closed_sample_round(client, demo):
    scheme = Scheme.objects.get()
    assert scheme.is_example and "Decision 148" in scheme.basis
    closed = Round.objects.get(slug="sample-takeo-provincial-round")
    assert closed.is_sample and not closed.is_open()
    certificates = Certificate.objects.filter(round=closed)
    assert {c.product.province.code for c in certificates} == {"21"}
    assert certificates.count() == 3 and all(c.is_current for c in certificates)

    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Sample data" in page and "example scheme" in page
    listed = client.get("/en/recognition/").content.decode()
    assert all(c.product_name_en in listed for c in certificates)


def test_the_demo_has_an_open_round_in_progress(demo):
    running = Round.objects.get(slug="sample-national-recognition-round")
    assert running.is_open()
    entries = Entry.objects.filter(round=running)
    assert entries.count() == 2
    assert not entries.filter(confirmed_at__isnull=False).exists()
    assert entries.filter(assessor_count=1).count() == 1


def test_loading_the_demo_again_changes_nothing(demo):
    counts = (Round.objects.count(), Entry.objects.count(), Certificate.objects.count())
    output = io.StringIO()
    call_command("load_demo_recognition", stdout=output)
    assert (Round.objects.count(), Entry.objects.count(), Certificate.objects.count()) == counts
    assert "3 certificates" in output.getvalue()
