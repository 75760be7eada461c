"""Ten failed logins from one client lock that client out for a while, and the client
is who the trusted proxies say it is, never the proxy itself."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Dozens of sign-ins per test: checking each against a slow hash adds nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.mark.parametrize("forwarded", ["unknown", "1.2.3.4:5678", "garbage, \x00;", "[::1"])
def test_a_malformed_forwarded_address_never_breaks_signing_in(
    client, official, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}

    assert sign_in(client, "wrong-password", **meta).status_code == 200
    assert sign_in(client, PASSWORD, **meta).status_code == 302


ATTACKERS = [f"203.0.113.{n}" for n in range(1, 6)]


def guess_round_robin(client, guesses: int, addresses: list[str]) -> None:
    for n in range(guesses):
        sign_in(client, "wrong-password", REMOTE_ADDR=addresses[n % len(addresses)])


def test_guessing_at_one_account_from_many_addresses_locks_those_addresses_out_of_it(
    client, official
):
    guess_round_robin(client, 45, ATTACKERS)  # nine from each: under the per-address limit

    for address in ATTACKERS:
        assert sign_in(client, PASSWORD, REMOTE_ADDR=address).status_code == 429
    # The official, from an address that has not failed at the account, still signs in.
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_while_an_account_is_under_attack_a_new_address_gets_one_guess(client, official):
    guess_round_robin(client, 20, ATTACKERS)

    assert sign_in(client, "wrong-password", REMOTE_ADDR="192.0.2.99").status_code == 429
    assert sign_in(client, PASSWORD, REMOTE_ADDR="192.0.2.99").status_code == 429


def test_a_few_mistakes_from_several_addresses_lock_nothing(client, official, settings):
    guess_round_robin(client, settings.LOGIN_ACCOUNT_FAILURE_LIMIT - 1, ATTACKERS)

    for address in ATTACKERS:
        assert sign_in(client, PASSWORD, REMOTE_ADDR=address).status_code == 302


def test_guessing_at_one_account_leaves_the_others_alone(client, official, make_official):
    from accounts.roles import VIEWER

    make_official(VIEWER, username="dara")
    guess_round_robin(client, 45, ATTACKERS)

    response = client.post(
        LOGIN,
        {"username": "dara", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="198.51.100.30",
    )
    assert response.status_code == 302
