"""Fixtures of the officials' account tests: an official with an address, the configured
site address, and the task queue pointed at a broker of the test's choosing."""

from __future__ import annotations

import pytest

from accounts.roles import VIEWER
from tests.task_queue import task_queue

__all__ = ["SITE_URL", "task_queue"]

SITE_URL = "https://ovop.example.org"


@pytest.fixture
def official(make_official):
    user = make_official(VIEWER, username="sokha")
    user.email = "sokha@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture(autouse=True)
def site_url(settings) -> str:
    """The portal's configured address, which no test request is sent to."""
    settings.SITE_URL = SITE_URL
    return SITE_URL
