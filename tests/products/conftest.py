"""The photo admin is tested in the two provinces, as a Takeo official sees it."""

from tests.two_provinces import (  # noqa: F401 (fixtures)
    kampot,
    national,
    official_client,
    takeo,
    users,
)
