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

from recognition.models import Certificate  # noqa: E402

STYLESHEET = "css/certificate.css"  # its fonts are the vendored ones, by relative path


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (error correction M: survives some wear)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as a one-page A4 PDF, in Khmer and English."""
    with translation.override("en"):
        html = render_to_string(
            "recognition/certificate_pdf.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "qr_code": qr_svg_data_uri(verify_url),
            },
        )
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    fonts = FontConfiguration()  # so the stylesheet's @font-face reach the layout
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
