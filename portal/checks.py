"""System checks of the portal's own configuration, run by `manage.py check`,
`migrate` and `runserver`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

from portal.staticfiles import ForgivingManifestStaticFilesStorage, manifest_missing


@register()
def static_files_collected(app_configs, **kwargs) -> list[CheckMessage]:
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    uses_manifest = backend == (
        f"{ForgivingManifestStaticFilesStorage.__module__}."
        f"{ForgivingManifestStaticFilesStorage.__name__}"
    )
    if settings.DEBUG or not uses_manifest or not manifest_missing():
        return []
    return [
        Warning(
            "The static files are not collected: STATIC_ROOT has no staticfiles.json.",
            hint="Run `python manage.py collectstatic --no-input` before serving; "
            "until then pages show without their styles.",
            id="portal.W001",
        )
    ]
