"""Password reset for officials: Django's own views, forms and mails, in the admin's look.

An official who forgot their password asks at the admin's login page ("Forgotten your
login credentials?"), gets a one-use link by mail, in the language of the page they
asked on, and sets a new password. Inactive users and users without a usable password
get no mail.

Nothing in the request depends on whether the address has an account: the request
checks the form, counts itself against its client's limits and queues one task, "mail
a reset link to this address if it has an account", for every address alike; the task
looks the address up in the worker (accounts/tasks.py). So the answer, its time and
the database work are the same for any address.

A client (its IP address, or its IPv6 /64) is answered
PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR requests an hour, and
PASSWORD_RESET_MAILS_PER_HOUR of them for one address; further requests answer the
same page and queue nothing. Counting per client, not per address,
means nobody's requests use up an official's own
(docs/decisions/0121-password-reset-off-the-request-path.md).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db import connection, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from accounts.clientip import client_ip, client_key
from accounts.models import PasswordResetRequest, normalised_address
from accounts.tasks import send_password_reset_mail

logger = logging.getLogger(__name__)

# The window both limits count in.
RESET_REQUEST_WINDOW = timedelta(hours=1)


def lock_client(client: str) -> None:
    """Hold this client's count until the transaction ends, so that simultaneous
    requests from it count one after another.

    On PostgreSQL, a transaction-level advisory lock on a number made from the client;
    SQLite's transactions take the write lock when they begin (settings), which does the
    same. No row is locked, so the work is the same for any address.
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"password-reset:{client}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
        )


def claim_reset_request(email: str, client: str) -> bool:
    """Whether this client may ask for a reset mail to this address now; if so, counted.

    False once the client made PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR requests
    within the hour, or PASSWORD_RESET_MAILS_PER_HOUR for this address. Requests refused
    are not counted (nor stored).
    """
    address = normalised_address(email)
    now = timezone.now()
    start = now - RESET_REQUEST_WINDOW
    with transaction.atomic():
        lock_client(client)
        PasswordResetRequest.objects.filter(requested_at__lt=start).delete()
        recent = PasswordResetRequest.objects.from_client(client).since(start)
        if recent.count() >= settings.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR:
            refused = "requests from the client"
        elif recent.to_address(address).count() >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
            refused = "requests from the client for one address"
        else:
            PasswordResetRequest.objects.create(client=client, email=address, requested_at=now)
            return True
    logger.warning("Password reset request from %s not queued: too many %s", client, refused)
    return False


def ask_for_reset_mail(email: str, client: str, language: str) -> None:
    """Queue a reset mail to this address, if the client is within its limits.

    The same for every address: whether it has an account is for the task to find out.
    A broker that cannot be reached is logged, and the request answers as usual.
    """
    if not claim_reset_request(email, client):
        return
    try:
        send_password_reset_mail.delay(email, language)
    except OperationalError:
        logger.exception("Password reset mail not queued: the task queue cannot be reached")


class AdminSiteContextMixin:
    """The admin site's header and title, as the admin's own pages show them."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        return {**admin.site.each_context(self.request), **context}


class PasswordResetView(AdminSiteContextMixin, auth_views.PasswordResetView):
    """Django's form; a valid one queues the mail (ask_for_reset_mail) instead of sending it."""

    def form_valid(self, form) -> HttpResponseRedirect:
        ask_for_reset_mail(
            form.cleaned_data["email"],
            client=client_key(client_ip(self.request)),
            language=translation.get_language(),
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(AdminSiteContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminSiteContextMixin, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(AdminSiteContextMixin, auth_views.PasswordResetCompleteView):
    pass
