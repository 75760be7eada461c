"""A second factor for those who publish.

With TWO_FACTOR_REQUIRED on, a reviewer's or administrator's password alone opens no
admin page: the code their authenticator app shows (TOTP), or one of their recovery
codes, is asked for first, and an official who has no app yet is sent to set one up.
Wrong codes are refused and throttled; a recovery code works once. Officials who cannot
publish are not forced, and may opt in. With the setting off (a laptop's default), the
demo logins sign in with their passwords alone.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import NATIONAL_ADMINISTRATOR, NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
from accounts.two_factor import devices
from review.models import Revision
from review.services import request_review
from tests.factories import ProductFactory
from tests.portal.test_settings import PRODUCTION, collected_static_root, manage
from tests.review.conftest import decide

PASSWORD = "a-long-test-password"
LOGIN = reverse("admin:login")
VERIFY = reverse("two_factor:verify")
SETUP = reverse("two_factor:setup")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def reviewer(make_official):
    return make_official(NATIONAL_REVIEWER, username="reviewer")


@pytest.fixture
def waiting(db) -> Revision:
    """A new product waiting for a reviewer: approving it makes it public."""
    product = ProductFactory(name_en="Palm sugar", live=False)
    return request_review(product, by=None)


def review_url(revision: Revision) -> str:
    return reverse("admin:review_revision_change", args=[revision.pk])


def sign_in(client, username: str, password: str = PASSWORD, next_url: str = ""):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": next_url or "/admin/"}
    )


def app_for(user, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=confirmed)


def code_now(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the official's app shows now (or that many steps later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {code_now(device, step) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def path_of(response) -> str:
    return urlsplit(response["Location"]).path


def test_a_reviewer_with_the_right_password_cannot_open_the_review_page_or_approve_without_a_code(
    client, required, reviewer, waiting
):
    device = app_for(reviewer)
    signed_in = sign_in(client, "reviewer", next_url=review_url(waiting))
    assert signed_in.status_code == 302  # the password is right

    page = client.get(review_url(waiting))
    assert page.status_code == 302 and path_of(page) == VERIFY
    assert parse_qs(urlsplit(page["Location"]).query)["next"] == [review_url(waiting)]

    approving = client.post(review_url(waiting), {"decision": "approve", "comment": ""})
    assert approving.status_code == 302 and path_of(approving) == VERIFY
    waiting.refresh_from_db()
    assert waiting.state == Revision.State.WAITING
    assert not type(waiting.record).objects.get(pk=waiting.record.pk).live

    confirmed = client.post(VERIFY, {"code": code_now(device), "next": review_url(waiting)})
    assert confirmed.status_code == 302 and confirmed["Location"] == review_url(waiting)
    assert client.get(review_url(waiting)).status_code == 200
    decide(client, waiting, "approve", "Checked.")
    assert type(waiting.record).objects.get(pk=waiting.record.pk).live


def admin_paths(patterns, prefix: str = "") -> list[tuple[str, str | None]]:
    """Every admin URL, with 1 for each key in it."""
    found = []
    for pattern in patterns:
        route = prefix + re.sub(r"<[^>]+>", "1", str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            found += admin_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append((route.lstrip("^").rstrip("$"), pattern.name))
    return found


def test_with_a_password_only_every_admin_page_sends_a_reviewer_to_the_code(
    client, required, reviewer
):
    app_for(reviewer)
    sign_in(client, "reviewer")
    base = reverse("admin:index")
    paths = [
        (p, n) for p, n in admin_paths(admin.site.get_urls()) if n not in {"logout", "jsi18n"}
    ]
    assert len(paths) > 100  # every model's lists, forms, history, imports, exports

    answers = {}
    for path, _name in paths:
        url = base + path
        for method in (client.get, client.post):
            if method == client.post and url == LOGIN:
                continue  # signing in as someone else stays open
            response = method(url)
            if response.status_code != 302 or path_of(response) != VERIFY:
                answers[f"{method.__name__.upper()} {url}"] = response.status_code
    assert answers == {}


def test_a_reviewer_without_an_app_is_sent_to_set_one_up_and_then_gets_recovery_codes(
    client, required, reviewer
):
    sign_in(client, "reviewer")
    index = client.get(reverse("admin:index"))
    assert index.status_code == 302 and path_of(index) == SETUP

    page = client.get(index["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and 'style="' not in content.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert page.context["key"].secret.replace(" ", "") in content.replace(" ", "")

    refused = client.post(SETUP, {"code": wrong_code(device)})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    device.throttling_failure_timestamp = None
    device.save()

    done = client.post(SETUP, {"code": code_now(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == devices.RECOVERY_CODE_COUNT
    assert all(code in done.content.decode() for code in codes)
    assert set(
        StaticToken.objects.filter(device__user=reviewer).values_list("token", flat=True)
    ) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_never_replaces_a_reviewers_app(client, required, reviewer):
    app_for(reviewer)
    sign_in(client, "reviewer")

    response = client.get(SETUP)

    assert response.status_code == 302 and path_of(response) == VERIFY
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=False).exists()


def test_a_wrong_code_is_refused_and_the_next_try_waits(client, required, reviewer):
    device = app_for(reviewer)
    sign_in(client, "reviewer")

    wrong = client.post(VERIFY, {"code": wrong_code(device)})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()

    # Straight after, even the right code waits: guessing costs ever longer waits.
    throttled = client.post(VERIFY, {"code": code_now(device)})
    assert throttled.status_code == 200
    assert "Too many wrong codes: wait" in throttled.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a try refused unchecked counts nothing

    device.throttling_failure_timestamp -= timedelta(seconds=3)
    device.save()
    assert client.post(VERIFY, {"code": code_now(device)}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_recovery_code_works_once(client, required, reviewer):
    app_for(reviewer)
    code = devices.new_recovery_codes(reviewer)[0]
    sign_in(client, "reviewer")

    assert client.post(VERIFY, {"code": code.upper()}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200

    client.post(reverse("admin:logout"))
    StaticDevice.objects.filter(user=reviewer).update(throttling_failure_timestamp=None)
    sign_in(client, "reviewer")
    again = client.post(VERIFY, {"code": code})
    assert again.status_code == 200 and "That code is not right" in again.content.decode()
    assert (
        StaticToken.objects.filter(device__user=reviewer).count()
        == devices.RECOVERY_CODE_COUNT - 1
    )


def test_a_superuser_and_a_national_administrator_must_give_a_code(
    client, required, superuser, make_official
):
    administrator = make_official(NATIONAL_ADMINISTRATOR, username="administrator")
    for user in (superuser, administrator):
        client.logout()
        sign_in(client, user.username)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and path_of(response) == SETUP, user


def test_an_official_who_cannot_publish_is_not_forced_but_may_opt_in(
    client, required, make_official
):
    official = make_official(PROVINCIAL_OFFICIAL, username="official")
    sign_in(client, "official")
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert SETUP in index.content.decode()  # "Two-factor sign-in" in the user tools

    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=official)
    assert client.post(SETUP, {"code": code_now(device)}).status_code == 200

    client.post(reverse("admin:logout"))
    sign_in(client, "official")
    asked = client.get(reverse("admin:index"))
    assert asked.status_code == 302 and path_of(asked) == VERIFY
    client.post(VERIFY, {"code": code_now(device, steps_ahead=1)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_the_setting_off_a_reviewer_and_the_demo_administrator_sign_in_with_passwords(
    client, settings, monkeypatch, reviewer, waiting
):
    assert settings.TWO_FACTOR_REQUIRED is False  # as `make run` has it (DJANGO_DEBUG=1)
    sign_in(client, "reviewer")
    assert client.get(review_url(waiting)).status_code == 200

    client.logout()
    settings.DEBUG = True  # as `make run` has it
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", PASSWORD)
    printed = io.StringIO()
    call_command("create_demo_admin", stdout=printed)
    assert "Two-factor sign-in is off here" in printed.getvalue()
    sign_in(client, "demo-admin")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_reset_signs_nobody_in_and_the_new_password_still_needs_the_code(
    client, required, reviewer
):
    app_for(reviewer)
    uid = urlsafe_base64_encode(force_bytes(reviewer.pk))
    token = default_token_generator.make_token(reviewer)
    form = client.get(reverse("password_reset_confirm", args=[uid, token]))
    new = "another-long-password-2026"
    done = client.post(form["Location"], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302

    assert "_auth_user_id" not in client.session
    sign_in(client, "reviewer", password=new)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and path_of(response) == VERIFY


def test_changing_the_password_keeps_the_confirmed_sign_in(client, required, reviewer):
    device = app_for(reviewer)
    sign_in(client, "reviewer")
    client.post(VERIFY, {"code": code_now(device)})
    new = "another-long-password-2026"

    changed = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert changed.status_code == 302 and path_of(changed) == reverse("admin:password_change_done")
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_removes_a_lost_phone_and_the_next_sign_in_sets_up_a_new_app(
    client, required, reviewer, make_official
):
    app_for(reviewer)
    devices.new_recovery_codes(reviewer)
    administrator = make_official(NATIONAL_ADMINISTRATOR, username="administrator")
    admin_app = app_for(administrator)
    sign_in(client, "administrator")
    client.post(VERIFY, {"code": code_now(admin_app)})
    lost = TOTPDevice.objects.get(user=reviewer)

    listed = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert listed.status_code == 200 and "reviewer" in listed.content.decode()
    opened = client.get(reverse("admin:otp_totp_totpdevice_change", args=[lost.pk]))
    assert opened.status_code == 200 and lost.key not in opened.content.decode()
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[lost.pk]), {"post": "yes"})

    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    client.post(reverse("admin:logout"))
    sign_in(client, "reviewer")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and path_of(response) == SETUP


def test_the_code_page_sends_nowhere_outside_the_portal(client, required, reviewer):
    device = app_for(reviewer)
    sign_in(client, "reviewer")

    response = client.post(VERIFY, {"code": code_now(device), "next": "https://evil.example/"})

    assert response["Location"] == reverse("admin:index")


def test_production_requires_the_code_by_default_and_a_laptop_does_not():
    script = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    production = manage("shell", "-c", script, **PRODUCTION)
    laptop = manage("shell", "-c", script, DJANGO_DEBUG="1")

    assert production.stdout.strip().splitlines()[-1] == "True", production.stderr
    assert laptop.stdout.strip().splitlines()[-1] == "False", laptop.stderr


def test_the_deployment_check_warns_when_production_runs_without_the_code(tmp_path):
    static = {"DJANGO_STATIC_ROOT": collected_static_root(tmp_path / "static")}

    without = manage("check", "--deploy", **PRODUCTION, **static, DJANGO_REQUIRE_TWO_FACTOR="0")
    with_it = manage("check", "--deploy", **PRODUCTION, **static)

    assert "accounts.W001" in without.stderr
    assert "password alone is enough to publish" in without.stderr
    assert "accounts.W001" not in with_it.stderr


def test_the_code_pages_carry_no_inline_script_style_or_handler(client, required, reviewer):
    from tests.hardening.test_content_security_policy import (
        HANDLER,
        INLINE_SCRIPT,
        STYLE_ATTRIBUTE,
    )

    sign_in(client, "reviewer")
    setup = client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer)
    codes = client.post(SETUP, {"code": code_now(device)})
    client.post(reverse("admin:logout"))
    sign_in(client, "reviewer")
    verify = client.get(VERIFY)

    for page in (setup, codes, verify):
        assert page.status_code == 200
        content = page.content.decode()
        assert "Content-Security-Policy" in page.headers
        assert not INLINE_SCRIPT.search(content)
        assert not HANDLER.search(content)
        assert not STYLE_ATTRIBUTE.search(content)


def test_an_official_who_opted_in_signs_in_with_a_password_again_once_the_app_is_removed(
    client, required, make_official
):
    official = make_official(PROVINCIAL_OFFICIAL, username="official")
    app_for(official)
    sign_in(client, "official")
    assert path_of(client.get(reverse("admin:index"))) == VERIFY

    devices.remove_second_factor(official)

    assert client.get(reverse("admin:index")).status_code == 200
