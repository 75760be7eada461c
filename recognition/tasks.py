"""Work of this app that runs in the task queue's worker (ovop/celery.py), off the
request path.

`store_certificate_document` makes a certificate's PDF (WeasyPrint: about a second of
CPU) once the confirmation or withdrawal that changed it has committed, so a reviewer
confirming a round's results waits for none of them
(docs/decisions/0100-certificates-stored-as-documents.md).
"""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from recognition.documents import store_document
from recognition.models import Certificate


@shared_task
def store_certificate_document(certificate_id: int) -> None:
    """Make and store the certificate's PDF as it reads now; nothing if it is gone."""
    certificate = (
        Certificate.objects.select_related("round__province", "round__version__scheme")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is not None:
        store_document(certificate)


def certificate_changed(certificate: Certificate) -> None:
    """Queue the certificate's PDF to be made anew once the current transaction commits.

    Where there is no broker, the task runs inside this request. If queueing or making
    it fails, the change stands and the error is logged (`robust`); the first request
    for the PDF makes it.
    """
    transaction.on_commit(lambda: store_certificate_document.delay(certificate.pk), robust=True)
