"""What the hostile tests share: the world they send their values to, and who sends them.
(`without_nul_guard`, which most of them use, is in tests/conftest.py.)"""

import pytest
from django.test import Client

from accounts.roles import PROVINCIAL_OFFICIAL
from tests.scenarios import build_takeo


@pytest.fixture
def takeo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_takeo()


@pytest.fixture
def official(make_official, takeo):
    """A provincial official of Takeo."""
    return make_official(PROVINCIAL_OFFICIAL, (takeo.province.code,))


@pytest.fixture
def official_client(official) -> Client:
    """The official, signed in on a client of their own (tests may use `admin_client` too)."""
    client = Client()
    client.force_login(official)
    return client
