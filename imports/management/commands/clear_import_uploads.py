"""Delete uploads that wait in the import storage for a confirmation that never came.

    python manage.py clear_import_uploads --older-than 24

Between the admin's preview and its confirmation an uploaded file waits in
DJANGO_IMPORT_TMP_STORAGE; a preview nobody confirms leaves its file there. With
MediaStorage those files live under `django-import-export/` in the media storage
(shared by every web worker), and this command, run from cron, removes the ones older
than the given number of hours. Younger files are kept: they may belong to a preview an
official is about to confirm.
"""

from __future__ import annotations

import math
import posixpath
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.module_loading import import_string
from import_export.tmp_storages import MediaStorage

DEFAULT_HOURS = 24


def _hours(value: str) -> float:
    try:
        hours = float(value)
    except ValueError:
        hours = math.nan
    if not math.isfinite(hours) or hours <= 0:
        raise CommandError(
            f"--older-than must be a positive number of hours (e.g. 24), not {value!r}."
        )
    return hours


def _upload_storage() -> Storage:
    # The same choice MediaStorage makes: its own "import_export" storage if configured.
    return (
        storages["import_export"] if "import_export" in storages.backends else storages["default"]
    )


class Command(BaseCommand):
    help = (
        "Delete uploads left in the import storage (MediaStorage) by previews that were "
        "never confirmed, older than --older-than hours."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            default=str(DEFAULT_HOURS),
            metavar="HOURS",
            help=f"delete uploads older than this many hours (default {DEFAULT_HOURS})",
        )

    def handle(self, *args, older_than: str, **options) -> None:
        hours = _hours(older_than)
        storage_class = import_string(settings.IMPORT_EXPORT_TMP_STORAGE_CLASS)
        if not issubclass(storage_class, MediaStorage):
            self.stdout.write(
                f"Uploads wait in {settings.IMPORT_EXPORT_TMP_STORAGE_CLASS}, not in the media "
                "storage: nothing to clear here (the system clears its temporary folder)."
            )
            return
        folder = MediaStorage().MEDIA_FOLDER or ""
        storage = _upload_storage()
        cutoff = timezone.now() - timedelta(hours=hours)
        try:
            _, names = storage.listdir(folder)
        except FileNotFoundError:
            names = []
        removed = 0
        for name in sorted(names):
            path = posixpath.join(folder, name) if folder else name
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
                self.stdout.write(f"removed {path}")
        where = folder or "the media storage"
        self.stdout.write(f"{removed} upload(s) older than {hours:g} hours removed from {where}.")
