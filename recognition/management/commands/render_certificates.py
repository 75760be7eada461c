"""Make every certificate PDF that is not yet stored as it reads today.

    python manage.py render_certificates

A certificate's PDF is made when it is issued or withdrawn; this command makes the rest:
certificates from before PDFs were stored, and those whose state changed by the calendar
alone (expired overnight), so no visitor's request waits for WeasyPrint. Run it from
cron daily, just after midnight in the portal's time zone; it is safe to run at any
time and as often as wanted, and makes nothing that is already stored.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from recognition.documents import missing_documents, store_document


class Command(BaseCommand):
    help = (
        "Make and store the PDF of every certificate whose PDF, as it reads today (valid, "
        "expired or withdrawn), is not stored yet. Run daily from cron."
    )

    def handle(self, *args, **options) -> None:
        made = 0
        for certificate in missing_documents():
            store_document(certificate)
            made += 1
        self.stdout.write(f"certificates: {made} PDF{'s' if made != 1 else ''} made")
