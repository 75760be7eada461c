"""Which address a request is counted against, with and without trusted proxies."""

import pytest
from django.test import RequestFactory

from accounts.clientip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),  # no proxy: the header is the client's own claim
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "192.0.2.1, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left
        (2, "192.0.2.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # did not come through both proxies
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_is_read_as_far_as_trusted_proxies_vouch(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("1.2.3.4:5678", "1.2.3.4"),  # some proxies append the port
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("unknown", "10.0.0.2"),  # vouches for nothing: the peer is all that is known
        ("<script>", "10.0.0.2"),
        ("1.2.3.4:5678:9", "10.0.0.2"),
        ("999.1.1.1", "10.0.0.2"),
        ("[::1", "10.0.0.2"),
    ],
)
def test_a_forwarded_entry_is_parsed_strictly_as_an_address(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
