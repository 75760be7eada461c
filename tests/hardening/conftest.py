"""Hardening is tested in the same two provinces, with an official per role."""

from tests.two_provinces import (  # noqa: F401 (fixtures)
    kampot,
    national,
    official_client,
    takeo,
    users,
)
