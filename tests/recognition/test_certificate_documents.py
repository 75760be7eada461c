"""Certificates as documents: each certificate's PDF is made when it is issued or
withdrawn, kept in the media storage and served from there, whatever the query string or
cookies; a withdrawn or expired one says so across the page; long names stay in their box.

Renders are counted from the log line each one writes ("Rendered certificate ..."), and
what a request serves is compared byte for byte with the stored file.
"""

import datetime
import io
import logging

import pypdfium2
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import ImageChops

from recognition import services
from recognition.documents import document_name, verify_url
from recognition.models import Certificate
from recognition.printing import certificate_pdf
from tests.factories import ProductFactory
from tests.recognition.conftest import score_by_panel
from tests.recognition.factories import certify

pytestmark = pytest.mark.django_db

RENDERED = "Rendered certificate"


@pytest.fixture
def renders(caplog):
    """The certificates rendered by the test itself (not by its fixtures), by number, as
    the log says."""
    caplog.set_level(logging.INFO, logger="recognition.documents")

    def numbers() -> list[str]:
        return [r.args[0] for r in caplog.records if r.getMessage().startswith(RENDERED)]

    return numbers


@pytest.fixture
def scored_entry(entry, people):
    return score_by_panel(entry, people, ("35", "20", "30"))  # 85: four stars


@pytest.fixture
def certificate(scored_entry, people, django_capture_on_commit_callbacks) -> Certificate:
    with django_capture_on_commit_callbacks(execute=True):
        return services.confirm_result(scored_entry, by=people.reviewer).certificate


def pdf_url(certificate: Certificate, language: str = "en") -> str:
    return f"/{language}/recognition/certificates/{certificate.number}/pdf/"


def stored_bytes(certificate: Certificate) -> bytes:
    with default_storage.open(document_name(certificate)) as stored:
        return stored.read()


def page_text(pdf: bytes) -> str:
    return pypdfium2.PdfDocument(io.BytesIO(pdf))[0].get_textpage().get_text_range()


def picture(pdf: bytes):
    return pypdfium2.PdfDocument(io.BytesIO(pdf))[0].render(scale=2).to_pil().convert("RGB")


def red_pixels(image, box: tuple[int, int, int, int]) -> int:
    """Pixels in `box` drawn in the stamp's red (strongly more red than green or blue)."""
    region = image.crop(box)
    return sum(
        1 for r, g, b in region.get_flattened_data() if r > 150 and r - g > 60 and r - b > 60
    )


# Stored when issued and withdrawn --------------------------------------------------------


def test_issuing_a_certificate_stores_its_pdf_once_the_confirmation_commits(
    scored_entry, people, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.confirm_result(scored_entry, by=people.reviewer).certificate
        assert renders() == []  # nothing is made for a confirmation that may roll back

    assert renders() == [certificate.number]
    assert default_storage.exists(document_name(certificate))
    assert "Takeo silk scarf" in page_text(stored_bytes(certificate))


def test_with_a_task_queue_the_pdf_is_made_by_the_worker_not_the_confirming_request(
    scored_entry, people, renders, queued_tasks, django_capture_on_commit_callbacks
):
    from recognition.tasks import store_certificate_document

    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.confirm_result(scored_entry, by=people.reviewer).certificate

    assert [(task.name, task.args) for task in queued_tasks] == [
        ("recognition.tasks.store_certificate_document", [certificate.pk])
    ]
    assert renders() == []  # the reviewer's request made no PDF
    store_certificate_document(*queued_tasks[0].args)  # as the worker runs it
    assert renders() == [certificate.number]
    assert default_storage.exists(document_name(certificate))


def test_a_confirmation_that_rolls_back_stores_nothing(scored_entry, people, renders):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.confirm_result(scored_entry, by=people.reviewer)
        raise RuntimeError("the request fails after the confirmation")

    assert renders() == []
    assert not default_storage.exists("certificates")


def test_withdrawing_a_certificate_replaces_its_stored_pdf(
    certificate, people, renders, django_capture_on_commit_callbacks
):
    valid = document_name(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_certificate(certificate, by=people.reviewer, reason="Recipe changed.")

    assert renders() == [certificate.number]
    assert document_name(certificate) != valid
    assert not default_storage.exists(valid)  # no copy that reads as valid is left
    assert default_storage.listdir(f"certificates/{certificate.number}")[1] == [
        document_name(certificate).rsplit("/", 1)[1]
    ]


# Served from the stored file ------------------------------------------------------------


def test_the_pdf_is_served_from_its_stored_file_whatever_the_query_string_or_cookies(
    client, certificate, renders
):
    stored = stored_bytes(certificate)
    client.cookies["sessionid"] = "someone-who-has-been-here"
    client.cookies["csrftoken"] = "x" * 32

    for url in (
        pdf_url(certificate),
        pdf_url(certificate) + "?x=1",
        pdf_url(certificate) + "?utm_source=mail&x=2",
        pdf_url(certificate, "km") + "?x=3",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="{certificate.number}.pdf"'
        assert b"".join(response.streaming_content) == stored

    assert renders() == []  # it was made when issued, and never since


def test_an_unchanged_pdf_is_answered_not_modified(client, certificate):
    first = client.get(pdf_url(certificate))
    again = client.get(pdf_url(certificate), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304


def test_the_pdfs_address_is_the_configured_site_not_the_requests_host(
    client, scored_entry, people, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://ovop.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.confirm_result(scored_entry, by=people.reviewer).certificate

    text = page_text(b"".join(client.get(pdf_url(certificate)).streaming_content))

    assert f"https://ovop.example.org/c/{certificate.number}/" in text
    assert "testserver" not in text


def test_an_old_certificate_without_a_stored_pdf_gets_one_on_its_first_download(
    client, product, renders
):
    old = certify(product, 3)  # written as rows loaded from before PDFs were stored

    first = b"".join(client.get(pdf_url(old) + "?x=1").streaming_content)
    second = b"".join(client.get(pdf_url(old)).streaming_content)

    assert renders() == [old.number]
    assert first == second == stored_bytes(old)


def test_render_certificates_makes_each_missing_pdf_once(product, renders):
    old = [certify(product, 3), certify(product, 4)]
    output = io.StringIO()

    call_command("render_certificates", stdout=output)
    call_command("render_certificates", stdout=output)

    assert sorted(renders()) == sorted(c.number for c in old)
    assert output.getvalue().splitlines() == [
        "certificates: 2 PDFs made",
        "certificates: 0 PDFs made",
    ]
    assert all(default_storage.exists(document_name(c)) for c in old)


# Withdrawn and expired say so -----------------------------------------------------------


def test_a_withdrawn_certificates_pdf_says_so_across_the_page_in_both_languages(
    client, certificate, people, django_capture_on_commit_callbacks
):
    valid_page = picture(b"".join(client.get(pdf_url(certificate)).streaming_content))
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_certificate(
            certificate, by=people.reviewer, reason="Recipe changed.", on=timezone.localdate()
        )

    pdf = b"".join(client.get(pdf_url(certificate) + "?x=1").streaming_content)
    text = page_text(pdf)
    today = timezone.localdate().strftime("%-d %B %Y")
    assert "WITHDRAWN" in text and f"on {today}" in text and "no longer valid" in text
    assert "បានដកហូត" in text
    assert "Valid until" not in text
    assert f"Withdrawn on\r\n{today}" in text or f"Withdrawn on {today}" in text

    # As a picture: a red stamp across the middle of the page, where the valid one has none.
    withdrawn_page = picture(pdf)
    width, height = withdrawn_page.size
    middle = (width // 5, height // 4, width * 4 // 5, height * 3 // 5)
    assert red_pixels(valid_page, middle) == 0
    assert red_pixels(withdrawn_page, middle) > 0.02 * (middle[2] - middle[0]) * (
        middle[3] - middle[1]
    )


def test_an_expired_certificates_pdf_says_expired(client, product):
    today = timezone.localdate()
    expired = certify(product, 3, issued_on=today - datetime.timedelta(days=800), months=24)

    text = page_text(b"".join(client.get(pdf_url(expired)).streaming_content))

    assert "EXPIRED" in text and "ផុតសុពលភាព" in text and "no longer valid" in text
    assert "Valid until" not in text


def test_a_certificate_that_expires_is_served_anew_as_expired(client, certificate, renders):
    client.get(pdf_url(certificate))
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=timezone.localdate() - datetime.timedelta(days=1200),
        expires_on=timezone.localdate(),  # its last valid day was yesterday
    )

    text = page_text(b"".join(client.get(pdf_url(certificate)).streaming_content))

    assert "EXPIRED" in text
    assert renders() == [certificate.number]


# Long names stay in their box -----------------------------------------------------------

SHORT = ("Silk scarf", "ក្រមា")
KHMER_CLUSTERS = "ស្ត្រីខ្មែរ ក្សត្រ្រា អង្គ្រង់ "  # subscripts stacked under their consonants
LONG_NAMES = {
    "60 W": ("W" * 60, ""),
    "200 A in both fields": ("A" * 200, "ក" * 200),
    "Khmer subscript stacks": ("Khmer", (KHMER_CLUSTERS * 10)[:200]),
    "the longest mixed names": ("W" * 200, (KHMER_CLUSTERS * 10)[:200]),
}


def printed(certificate: Certificate, name_en: str, name_km: str) -> bytes:
    """The certificate's PDF with these names for its product and its producer."""
    certificate.product_name_en = certificate.producer_name_en = name_en
    certificate.product_name_km = certificate.producer_name_km = name_km
    return certificate_pdf(certificate, verify_url(certificate))


def text_box(pdf: bytes, text: str) -> tuple[float, float, float, float]:
    """Where `text` first appears on the page, in pixels of `picture()` (left, top, right,
    bottom)."""
    page = pypdfium2.PdfDocument(io.BytesIO(pdf))[0]
    textpage = page.get_textpage()
    index = textpage.get_text_range().index(text)
    boxes = [textpage.get_charbox(i) for i in range(index, index + len(text))]
    height = page.get_height()
    return (
        min(b[0] for b in boxes) * 2,
        (height - max(b[3] for b in boxes)) * 2,
        max(b[2] for b in boxes) * 2,
        (height - min(b[1] for b in boxes)) * 2,
    )


@pytest.mark.parametrize("names", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_a_long_name_is_drawn_only_in_the_names_box_above_the_table(names):
    certificate = certify(ProductFactory(), 4)
    short_pdf, long_pdf = printed(certificate, *SHORT), printed(certificate, *names)
    short, long = picture(short_pdf), picture(long_pdf)

    changed = ImageChops.difference(short, long).getbbox()
    stars_bottom = text_box(long_pdf, "★")[3]
    table_top = text_box(long_pdf, "Number")[1]
    frame = ImageChops.invert(short).getbbox()  # the frame's outer border encloses the rest

    assert changed is not None
    left, top, right, bottom = changed
    assert top > stars_bottom and bottom < table_top  # the table and note stay untouched
    assert left > frame[0] and right < frame[2]  # and nothing reaches the frame
    assert ImageChops.invert(long).getbbox() == frame
    assert text_box(long_pdf, "Number") == text_box(short_pdf, "Number")


def test_a_long_latin_name_is_printed_whole():
    name = "W" * 60 + " " + "A" * 139
    pdf = printed(certify(ProductFactory(), 4), name, "")

    text = page_text(pdf).replace("\r\n", "").replace("\n", "").replace(" ", "")

    assert name.replace(" ", "") in text
