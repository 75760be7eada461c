"""The two provinces' records and an official per role (tests/two_provinces.py)."""

from tests.two_provinces import kampot, national, official_client, takeo, users  # noqa: F401
