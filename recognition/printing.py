"""The printable certificate: a PDF in Khmer and English with a QR code to verify it.

WeasyPrint lays the page out and shapes text through Pango and HarfBuzz, which Khmer
needs (its subscript consonants and reordered vowels break in PDF libraries that place
glyphs one by one). The Khmer font is the portal's own vendored Noto Sans Khmer; the
QR code is drawn by segno as SVG. WeasyPrint may read only local files and data URLs,
so a certificate never makes the server fetch anything from the network.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from PIL import ImageFile

# Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
# which would let the portal's photo uploads accept truncated files. Put it back.
_LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

ImageFile.LOAD_TRUNCATED_IMAGES = _LOAD_TRUNCATED_IMAGES

from portal.formats import format_day  # noqa: E402
from recognition.models import Certificate, CertificateStatus  # noqa: E402

STYLESHEET = "css/certificate.css"  # its fonts are the vendored ones, by relative path

# A name's line is set in the first size step whose length limit (characters of both
# scripts together) it is within, or the last step beyond them: a long name wraps onto a
# few lines, then shrinks, and stays in its box above the table (`.names` in
# css/certificate.css). The longest names the fields allow (200 characters in each
# script) fit in the last step.
PRODUCT_STEPS = (40, 80, 160, 280)
PRODUCER_STEPS = (70, 140, 280)


def size_step(text: str, limits: tuple[int, ...]) -> int:
    """The size step (1 the largest) for a line of `text`."""
    return next(
        (step for step, limit in enumerate(limits, 1) if len(text) <= limit), len(limits) + 1
    )


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (error correction M: survives some wear)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as a one-page A4 PDF, in Khmer and English, as it reads today: a
    withdrawn or expired certificate says so across the page."""
    status = certificate.status()
    with translation.override("en"):
        html = render_to_string(
            "recognition/certificate_pdf.html",
            {
                "certificate": certificate,
                "status": status,
                "statuses": CertificateStatus,
                "khmer_dates": {
                    "withdrawn_on": certificate.withdrawn_on
                    and format_day(certificate.withdrawn_on, language="km"),
                    "last_valid_day": format_day(certificate.last_valid_day, language="km"),
                },
                "product_step": size_step(
                    certificate.product_name_en + certificate.product_name_km, PRODUCT_STEPS
                ),
                "producer_step": size_step(
                    certificate.producer_name_en + certificate.producer_name_km, PRODUCER_STEPS
                ),
                "verify_url": verify_url,
                "qr_code": qr_svg_data_uri(verify_url),
            },
        )
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    fonts = FontConfiguration()  # so the stylesheet's @font-face reach the layout
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
