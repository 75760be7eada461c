"""Failed-login lockout that also stops guessing at one account from many addresses.

django-axes counts failures per client address (and per account and address); ten
from one address lock that address out. Alone, that lets an attacker with many
addresses guess at one official's password indefinitely, nine guesses per address.
Locking the account itself would let anyone lock an official out at will.

So, in between: once an account has LOGIN_ACCOUNT_FAILURE_LIMIT failures within the
cool-off, from any addresses, every address that has failed at that account is locked
out of it, and a further address is locked out after its first failure there. A
colleague at an address that has not failed at it still signs in, and the official
too, from their usual machine, unless they mistype there while the attack lasts; the
attacker gets one guess per new address. Everything ends with the cool-off, and a
national administrator can clear it earlier under *Access attempts*.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class AccountAwareAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler, with the per-account rule above."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return failures
        recent = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        on_account = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if (
            on_account >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT
            and recent.filter(ip_address=request.axes_ip_address).exists()
        ):
            return max(failures, get_failure_limit(request, credentials))
        return failures
