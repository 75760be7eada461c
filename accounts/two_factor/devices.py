"""An official's authenticator app and recovery codes: setting up, checking, replacing.

Built on django-otp's models: the app is a TOTPDevice (named APP_NAME), confirmed once
the official has typed a code it shows; the recovery codes are the tokens of one
StaticDevice, each deleted when used. Every check goes through the device's own
`verify_token`, so django-otp's throttling applies to each wrong code.
"""

from __future__ import annotations

import re
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_NAME = "authenticator app"
RECOVERY_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10

WRONG_CODE = _(
    "That code is not right. Check the app's current code, or a recovery code, and try again."
)
NO_CODE = _("Enter the six-digit code your authenticator app shows, or a recovery code.")


class CodeRefused(Exception):
    """A code not accepted, with the sentence to show the official."""


def confirmed_app(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_app(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user: AbstractBaseUser) -> TOTPDevice:
    """The app being set up: kept until confirmed, so that reloading shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class AppKey:
    """What the set-up page shows of a new app's secret."""

    secret: str  # base32, in groups of four, for typing into the app
    qr_svg: str  # the otpauth:// address as an SVG QR code, no style attributes


def app_key(device: TOTPDevice) -> AppKey:
    secret = b32encode(device.bin_key).decode("ascii")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", omitsize=False)
    return AppKey(secret=grouped, qr_svg=svg)


def normalised(code: str) -> str:
    """What the official typed, without spaces or dashes, in lower case."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def _check(device: Device, code: str) -> bool:
    allowed, extra = device.verify_is_allowed()
    if not allowed:
        if extra and extra.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            wait = max(1, int((extra["locked_until"] - timezone.now()).total_seconds()) + 1)
            raise CodeRefused(
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second before trying again.",
                    "Too many wrong codes: wait %(seconds)d seconds before trying again.",
                    wait,
                )
                % {"seconds": wait}
            )
        raise CodeRefused(str(WRONG_CODE))
    return device.verify_token(code)


def verify(user: AbstractBaseUser, code: str) -> Device:
    """The device that accepts this code (the app for digits, else a recovery code).

    Only one device is asked, chosen by the code's shape, so a wrong app code never
    counts against the recovery codes, nor the other way round.
    """
    code = normalised(code)
    if not code:
        raise CodeRefused(str(NO_CODE))
    with transaction.atomic():
        if code.isdigit():
            devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.filter(user=user, confirmed=True)
        device = devices.select_for_update().order_by("-pk").first()
        if device is not None and _check(device, code):
            return device
    raise CodeRefused(str(WRONG_CODE))


def confirm_app(device: TOTPDevice, code: str) -> list[str]:
    """Confirm a new app with a code it shows; returns a fresh set of recovery codes.

    The official's other apps are removed: one phone at a time, and a replaced phone's
    codes stop working.
    """
    code = normalised(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not code.isdigit() or not _check(device, code):
            raise CodeRefused(str(WRONG_CODE))
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        return new_recovery_codes(device.user)


def _recovery_code() -> str:
    # A letter in every code, so that the code's shape says which device to ask.
    while True:
        token = StaticToken.random_token()
        if not token.isdigit():
            return token


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the official's recovery codes with RECOVERY_CODE_COUNT new ones."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remove_second_factor(user: AbstractBaseUser) -> None:
    """An administrator's remedy for a lost phone: the next sign-in sets up a new app."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
