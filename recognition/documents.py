"""Certificates as stored documents: each certificate's PDF is made once and kept in the
media storage, and every download is served from the stored file.

WeasyPrint spends 0.5-2.5 s of CPU on a certificate, so a PDF is never made per request.
It is made when the certificate is issued or withdrawn (by the task queue's worker, once
the transaction commits, so a rolled-back confirmation leaves no file behind:
recognition/tasks.py), and kept in the default storage (`DJANGO_MEDIA_ROOT`, shared by
every server) under a name derived from what the page
prints: the certificate's names, stars and dates, its state on the day (valid, expired,
withdrawn), the round and the site address. When any of these changes, the name
changes, the old file is deleted and the new one is made once, by the change itself or
by the first request that finds it missing (old rows, an expiry at midnight, a renamed
round). `render_certificates` makes every missing one, for cron to run daily. The name
carries a keyed digest (`salted_hmac`), so a file in a publicly served media folder
cannot be found from a certificate's number alone (a product taken down keeps its
certificate's file unreachable). Why: docs/decisions/0100-certificates-stored-as-documents.md.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from recognition.models import Certificate

FOLDER = "certificates"
# Bumped when the printed page changes, so that every stored file is made again.
LAYOUT = "2"

logger = logging.getLogger(__name__)


def verify_url(certificate: Certificate) -> str:
    """The address the certificate's QR code and verification line carry."""
    return settings.SITE_URL + reverse("certificate_link", args=[certificate.number])


def _printed(certificate: Certificate, day: datetime.date) -> list[object]:
    """Everything the PDF shows; a change to any of it makes a new document."""
    round_ = certificate.round
    province = round_.province
    return [
        LAYOUT,
        certificate.pk,
        certificate.number,
        certificate.product_name_en,
        certificate.product_name_km,
        certificate.producer_name_en,
        certificate.producer_name_km,
        certificate.stars,
        certificate.issuing_level,
        certificate.issued_on,
        certificate.expires_on,
        certificate.withdrawn_on,
        certificate.status(day),
        round_.name_en,
        round_.name_km,
        round_.is_sample,
        province.name_en if province else "",
        province.name_km if province else "",
        round_.version.scheme.is_example,
        round_.version.scheme.basis,
        verify_url(certificate),
    ]


def document_name(certificate: Certificate, day: datetime.date | None = None) -> str:
    """Where the certificate's PDF, as it reads on `day` (today), is kept in the storage."""
    printed = "\x1f".join(str(part) for part in _printed(certificate, day or timezone.localdate()))
    digest = salted_hmac("recognition.documents", printed, algorithm="sha256").hexdigest()
    return f"{FOLDER}/{certificate.number}/{digest[:32]}.pdf"


def store_document(certificate: Certificate) -> str:
    """Make the certificate's PDF as it reads today, keep it, delete the ones it replaces."""
    from recognition.printing import certificate_pdf  # WeasyPrint: loaded where it is used

    name = document_name(certificate)
    pdf = certificate_pdf(certificate, verify_url(certificate))
    saved = default_storage.save(name, ContentFile(pdf))
    if saved != name:  # another server made the same document at the same moment
        default_storage.delete(saved)
    folder = f"{FOLDER}/{certificate.number}"
    for stale in default_storage.listdir(folder)[1]:
        if f"{folder}/{stale}" != name:
            default_storage.delete(f"{folder}/{stale}")
    logger.info("Rendered certificate %s as %s", certificate.number, name)
    return name


def stored_document(certificate: Certificate) -> str:
    """The name of the certificate's PDF in the storage, made once if it is missing."""
    name = document_name(certificate)
    if not default_storage.exists(name):
        name = store_document(certificate)
    return name


def current_document(certificate: Certificate) -> tuple[str, datetime.datetime]:
    """The name of the certificate's stored PDF and when it was made; made once if missing.

    A file deleted between finding and reading it (the certificate's withdrawal committed
    at that moment, replacing it) is looked for again as the certificate now is.
    """
    try:
        name = stored_document(certificate)
        return name, default_storage.get_modified_time(name)
    except FileNotFoundError:
        certificate.refresh_from_db()
        name = stored_document(certificate)
        return name, default_storage.get_modified_time(name)


def missing_documents(day: datetime.date | None = None):
    """The certificates whose PDF, as it reads on `day`, is not in the storage."""
    certificates = Certificate.objects.select_related(
        "round__province", "round__version__scheme"
    ).order_by("pk")
    for certificate in certificates.iterator(chunk_size=200):
        if not default_storage.exists(document_name(certificate, day)):
            yield certificate
