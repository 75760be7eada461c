"""Static files in production: hashed names from the manifest that collectstatic writes.

WhiteNoise's manifest storage raises an error for a file the manifest lacks, and
raises it while a template renders: without `collectstatic`, every page was a 500,
error pages included. Here such a file is linked by its plain name and the mistake is
logged on every use, and `manage.py check` warns at start (portal.checks); the page
itself renders, only unstyled.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.error(
                "Static file %r is not among the collected static files; "
                "run `python manage.py collectstatic`.",
                name,
            )
            return name


def manifest_missing() -> bool:
    """Whether the collected static files' manifest is absent (collectstatic never ran)."""
    storage = ForgivingManifestStaticFilesStorage()
    return not storage.exists(storage.manifest_name)
