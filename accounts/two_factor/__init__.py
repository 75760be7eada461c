"""The second factor: who must confirm a sign-in with a one-time code, and the codes.

With TWO_FACTOR_REQUIRED on (production's default), an official whose account can put
text on the public site or decide who can (SECOND_FACTOR_PERMISSIONS below, derived from
accounts.roles, and every superuser) reaches no admin page after signing in with their
password until they enter a code from an authenticator app (TOTP), or one of their
recovery codes; without an app yet, they are sent to set one up first. Any other official
may set one up too, and is then asked for a code at each sign-in like the others.

The codes are django-otp's: a TOTPDevice per official (wrong codes are throttled by
django-otp, 1, 2, 4 … seconds apart) and a StaticDevice whose tokens are the recovery
codes, each used once. docs/decisions/0125-second-factor.md says why and what it costs.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

from accounts.roles import PUBLISHABLE_MODELS, RECOGNITION_DECISIONS


def _permission(label: str, action: str) -> str:
    app_label, model = label.split(".")
    return (
        f"{app_label}.{action}"
        if action.startswith("publish_")
        else f"{app_label}.{action}_{model}"
    )


# Whoever holds one of these needs the second factor: each publishes (`publish_<model>`,
# which approving a change needs), confirms a recognition result or withdraws a
# certificate, or can give themselves any of those by editing users and roles.
SECOND_FACTOR_PERMISSIONS: frozenset[str] = frozenset(
    [_permission(label, f"publish_{label.split('.')[1]}") for label in PUBLISHABLE_MODELS]
    + [_permission(label, action) for label, action in RECOGNITION_DECISIONS]
    + ["auth.add_user", "auth.change_user", "auth.add_group", "auth.change_group"]
)

# Set at sign-in for an official who has set up an app without having to: they are
# asked for a code too (a session flag, so that other sessions cost no query).
OPTED_IN_SESSION_KEY = "two_factor_opted_in"


def requires_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the portal insists on a code from this user (with TWO_FACTOR_REQUIRED on)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or any(user.has_perm(p) for p in SECOND_FACTOR_PERMISSIONS)


def is_required_of(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this user must give a code now (the setting on, and the user one who must)."""
    return settings.TWO_FACTOR_REQUIRED and requires_second_factor(user)


def is_verified(user) -> bool:
    """Whether this session's sign-in was confirmed with a code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def is_pending(request: HttpRequest) -> bool:
    """Signed in with a password, and a code is still owed before the admin opens."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    if request.session.get(OPTED_IN_SESSION_KEY):
        return True
    return is_required_of(user)
