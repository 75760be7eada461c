"""Fixtures for the public site: uploads in a temporary folder and a small Takeo."""

from types import SimpleNamespace

import pytest

from tests.scenarios import build_takeo


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and thumbnails go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def takeo(db) -> SimpleNamespace:
    """Takeo, a model province, with Kirivong's demonstration centre, one showcase
    product with a photo, one draft product and one published event."""
    return build_takeo()
