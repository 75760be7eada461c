"""The printable certificate: a PDF in Khmer and English with a QR code to verify it.

WeasyPrint lays the page out and shapes text through Pango and HarfBuzz, which Khmer
needs (its subscript consonants and reordered vowels break in PDF libraries that place
glyphs one by one). The Khmer font is the portal's own vendored Noto Sans Khmer; the
QR code is drawn by segno as SVG. WeasyPrint may read only local files and data URLs,
so a certificate never makes the server fetch anything from the network.
"""

from __future__ import annotations

from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from recognition.models import Certificate

KHMER_FONTS = {
    400: "vendor/noto-sans-khmer/noto-sans-khmer-khmer-400-normal.woff2",
    700: "vendor/noto-sans-khmer/noto-sans-khmer-khmer-700-normal.woff2",
}


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (error correction M: survives some wear)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4)


def _font_urls() -> dict[int, str]:
    return {weight: Path(finders.find(path)).as_uri() for weight, path in KHMER_FONTS.items()}


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as a one-page A4 PDF, in Khmer and English."""
    with translation.override("en"):
        html = render_to_string(
            "recognition/certificate_pdf.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "qr_code": qr_svg_data_uri(verify_url),
                "fonts": _font_urls(),
            },
        )
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()
