"""Ten failed logins from one client lock that client out for a while, and the client
is who the trusted proxies say it is, never the proxy itself."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def official(make_official):
    from accounts.roles import VIEWER

    return make_official(VIEWER, username="sokha")


def sign_in(client, password: str, **meta):
    return client.post(
        LOGIN,
        {"username": "sokha", "password": password, "next": reverse("admin:index")},
        **meta,
    )


def fail(client, times: int, **meta) -> list[int]:
    return [sign_in(client, "wrong-password", **meta).status_code for _ in range(times)]


def test_ten_failed_logins_lock_the_client_out_even_with_the_right_password(client, official):
    assert fail(client, 9, REMOTE_ADDR="198.51.100.7") == [200] * 9
    locked = sign_in(client, "wrong-password", REMOTE_ADDR="198.51.100.7")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()

    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    # Another client is not affected.
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, official, settings):
    fail(client, 10, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429

    attempt = AccessAttempt.objects.get(ip_address="198.51.100.7")
    attempt.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    attempt.save(update_fields=["attempt_time"])

    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_behind_a_proxy_clients_are_told_apart_by_the_forwarded_address(
    client, official, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker writes its own X-Forwarded-For; the proxy appends the real address.
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.55, 203.0.113.9"}

    fail(client, 10, **attacker)

    assert sign_in(client, PASSWORD, **attacker).status_code == 429
    colleague = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    assert sign_in(client, PASSWORD, **colleague).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_without_a_trusted_proxy_a_forged_forwarded_address_is_ignored(client, official):
    for forged in range(10):
        sign_in(
            client,
            "wrong-password",
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}",
        )

    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
