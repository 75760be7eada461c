"""With debugging on, nobody but this machine sees the portal, so nobody else ever
sees Django's technical error pages."""

import pytest
from django.test import Client

from accounts.middleware import REFUSAL


@pytest.fixture
def debugging(settings):
    settings.DEBUG = True
    settings.DEBUG_ALLOW_REMOTE = False


def visit(path: str, address: str) -> object:
    # A new client loads the middleware with the settings as they are now.
    client = Client(raise_request_exception=False)
    return client.get(path, REMOTE_ADDR=address)


@pytest.mark.parametrize("address", ["203.0.113.9", "10.0.0.7", "unknown"])
def test_while_debugging_other_machines_are_refused_before_any_error_page(db, debugging, address):
    response = visit("/en/products/123456/no-such-product/", address)

    assert response.status_code == 403
    assert response.content.decode() == REFUSAL
    assert "URLconf" not in response.content.decode()


def test_behind_a_proxy_the_forwarded_client_counts_not_the_proxy(db, debugging, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()

    response = client.get("/en/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert response.status_code == 403


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_while_debugging_this_machine_is_served(db, debugging, address):
    assert visit("/en/", address).status_code == 200


def test_other_machines_may_be_let_in_explicitly(db, debugging, settings):
    settings.DEBUG_ALLOW_REMOTE = True

    assert visit("/en/", "203.0.113.9").status_code == 200


def test_without_debugging_everyone_is_served(db):
    assert visit("/en/", "203.0.113.9").status_code == 200
