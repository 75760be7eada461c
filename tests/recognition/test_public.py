"""What the public sees: a product's recognition, recognised products by stars, round
results, and the certificate pages and PDF that anyone can use to verify a certificate."""

import datetime
import io
import logging

import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone

from products.models import Product
from recognition import services
from recognition.models import Certificate
from tests.factories import ProductFactory
from tests.recognition.conftest import score_by_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(entry, people) -> Certificate:
    score_by_panel(entry, people, ("35", "20", "30"))  # 85: four stars
    return services.confirm_result(entry, by=people.reviewer).certificate


def expire(certificate: Certificate) -> None:
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=today - datetime.timedelta(days=37 * 31),
        expires_on=today - datetime.timedelta(days=30),
    )


def recognition_url(product: Product) -> str:
    return f"/en/recognition/products/{product.pk}/{product.slug}/"


# The verification page -----------------------------------------------------------------


def test_a_valid_certificates_page_says_it_is_valid_until_its_last_day(client, certificate):
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "This certificate is valid until" in text
    assert certificate.last_valid_day.strftime("%-d %B %Y") in text
    assert "Takeo silk scarf" in text and "★★★★" in text


def test_an_expired_certificates_page_says_it_expired(client, certificate):
    expire(certificate)
    text = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate expired" in text
    assert "is valid until" not in text


def test_a_withdrawn_certificates_page_says_so_and_why(client, certificate, people):
    services.withdraw_certificate(certificate, by=people.reviewer, reason="Recipe changed.")
    text = client.get(certificate.get_absolute_url()).content.decode()
    assert "was withdrawn" in text and "Recipe changed." in text


def test_an_unknown_certificate_number_is_not_genuine(client, db):
    response = client.get("/en/recognition/certificates/OVOP-2026-99999/")
    assert response.status_code == 404
    assert "is not genuine" in response.content.decode()


def test_the_qr_codes_short_address_leads_to_the_page_in_the_visitors_language(
    client, certificate
):
    response = client.get(f"/c/{certificate.number}/", HTTP_ACCEPT_LANGUAGE="km")
    assert response.status_code == 302
    assert response["Location"] == f"/km/recognition/certificates/{certificate.number}/"


def test_the_verify_form_leads_to_the_certificate(client, certificate):
    response = client.get("/en/recognition/verify/", {"number": certificate.number.lower()})
    assert response["Location"] == certificate.get_absolute_url()


def test_an_unpublished_products_recognition_is_not_shown(client, certificate):
    Product.objects.filter(pk=certificate.product_id).update(live=False)  # taken down
    assert client.get(certificate.get_absolute_url()).status_code == 404
    assert client.get(recognition_url(certificate.product)).status_code == 404
    assert certificate.number not in client.get("/en/recognition/").content.decode()


# The certificate PDF -------------------------------------------------------------------


def render_first_page(pdf: bytes):
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    return document[0].render(scale=3).to_pil()


def test_the_pdfs_qr_code_decodes_to_the_verification_address(client, certificate, settings):
    settings.SITE_URL = "https://ovop.example.org"
    response = client.get(f"/en/recognition/certificates/{certificate.number}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"

    codes = zxingcpp.read_barcodes(render_first_page(b"".join(response.streaming_content)))
    assert [code.text for code in codes] == [f"https://ovop.example.org/c/{certificate.number}/"]
    assert client.get(codes[0].text.removeprefix(settings.SITE_URL)).status_code == 302


def test_the_pdf_carries_the_khmer_and_english_names(client, certificate, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(f"/km/recognition/certificates/{certificate.number}/pdf/")
        pdf = b"".join(response.streaming_content)
    # A Khmer font that failed to load shows as WeasyPrint's warnings of missing glyphs.
    assert not [r for r in caplog.records if "unsupported by fonts" in r.getMessage()]
    text = pypdfium2.PdfDocument(io.BytesIO(pdf))[0].get_textpage().get_text_range()
    assert "Takeo silk scarf" in text
    assert certificate.number in text
    assert "Certificate of product recognition" in text


# Recognition pages ---------------------------------------------------------------------


def test_a_products_recognition_page_shows_its_current_stars_and_history(client, certificate):
    text = client.get(recognition_url(certificate.product)).content.decode()
    assert "Recognised in National round 2026" in text
    assert certificate.number in text


def test_an_expired_rating_stops_showing_as_current_and_stays_in_the_history(client, certificate):
    expire(certificate)
    text = client.get(recognition_url(certificate.product)).content.decode()
    assert "holds no current certificate" in text
    assert certificate.number in text and "Expired" in text


def test_recognised_products_filter_by_stars(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        four = client.get("/en/recognition/", {"stars": 4}).content.decode()
    five = client.get("/en/recognition/", {"stars": 5}).content.decode()
    assert "Takeo silk scarf" in four
    assert "Takeo silk scarf" not in five


def test_the_round_page_lists_its_confirmed_results(client, certificate):
    text = client.get(certificate.round.get_absolute_url()).content.decode()
    assert "Takeo silk scarf" in text and certificate.number in text


def test_the_product_page_shows_its_stars(client, certificate):
    text = client.get(certificate.product.get_absolute_url()).content.decode()
    assert "Recognised in National round 2026" in text
    assert "4 stars out of 5" in text


def test_a_product_without_recognition_shows_no_stars(client, db):
    product = ProductFactory()
    assert "Recognised in" not in client.get(product.get_absolute_url()).content.decode()


def test_the_province_page_lists_its_recognised_products(client, certificate):
    province = certificate.product.province
    text = client.get(province.get_absolute_url()).content.decode()
    assert "Recognised products" in text and "Takeo silk scarf" in text
    expire(certificate)
    text = client.get(province.get_absolute_url()).content.decode()
    assert "Recognised products" not in text.split("</header>", 1)[1]


def test_a_number_that_cannot_be_a_certificates_is_looked_up_harmlessly(client, db):
    response = client.get("/en/recognition/verify/", {"number": "ovop/../2026 00001"})
    assert response["Location"] == "/en/recognition/certificates/OVOP202600001/"


def test_rendering_certificates_leaves_photo_uploads_refusing_truncated_images(
    client, certificate
):
    from PIL import ImageFile

    import recognition.printing  # noqa: F401 (WeasyPrint, imported, flips a Pillow flag)

    client.get(f"/en/recognition/certificates/{certificate.number}/pdf/")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


# The page cache --------------------------------------------------------------------------


def test_a_certificates_pdf_is_served_from_its_stored_file_in_one_query(
    client, certificate, django_assert_num_queries
):
    address = f"/en/recognition/certificates/{certificate.number}/pdf/"
    first = b"".join(client.get(address).streaming_content)  # made once: it had no file yet

    with django_assert_num_queries(1):  # the certificate; the page cache plays no part
        again = client.get(address + "?x=1")

    assert again["Content-Type"] == "application/pdf"
    assert b"".join(again.streaming_content) == first


def test_a_withdrawal_shows_at_once_on_the_cached_pages(
    client, certificate, people, page_cache, django_capture_on_commit_callbacks
):
    product_page = certificate.product.get_absolute_url()
    assert "Recognised in" in client.get(product_page).content.decode()
    client.get(certificate.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_certificate(certificate, by=people.reviewer, reason="Recipe changed.")

    assert "was withdrawn" in client.get(certificate.get_absolute_url()).content.decode()
    assert "Recognised in" not in client.get(product_page).content.decode()
