"""The roles' tests speak about two provinces and an official per role."""

from tests.two_provinces import (  # noqa: F401 (fixtures)
    kampot,
    national,
    official_client,
    takeo,
    users,
)
