"""Work of this app that runs in the task queue's worker (ovop/celery.py), off the
request path.

`send_password_reset_mail` is queued for every reset request, whatever the address:
only here, in the worker, is the address looked up, so the request that queued it does
the same work and answers alike whether or not the address has an account
(docs/decisions/0121-password-reset-off-the-request-path.md).
"""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger(__name__)

SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
BODY_TEMPLATE = "registration/password_reset_email.html"

# What a mail server that is down, busy or refusing for now raises: a refused or
# dropped connection, a timeout (OSError), or an SMTP error answer.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


def reset_mails(email: str) -> list[EmailMessage]:
    """A reset mail for each active account with a usable password at this address.

    None for an address without one. The link starts with SITE_URL, whatever host any
    request came to.
    """
    site = urlsplit(settings.SITE_URL)
    mails = []
    for user in PasswordResetForm().get_users(email):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        # Reversing first loads the URLconf, which names the admin site (ovop/urls.py);
        # a worker has not loaded it before its first mail.
        reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        address = getattr(user, user.get_email_field_name())
        context = {
            "email": address,
            "domain": site.netloc,
            "protocol": site.scheme,
            "site_name": admin.site.site_title,
            "uid": uid,
            "user": user,
            "token": token,
        }
        subject = "".join(render_to_string(SUBJECT_TEMPLATE, context).splitlines())
        body = render_to_string(BODY_TEMPLATE, context)
        mails.append(EmailMessage(subject, body, None, [address]))
    return mails


def retry_delay(retries: int) -> int:
    """Seconds before the next try: MAIL_RETRY_DELAY, doubled each time, at most
    MAIL_RETRY_MAX_DELAY."""
    return min(settings.MAIL_RETRY_MAX_DELAY, settings.MAIL_RETRY_DELAY * 2**retries)


@shared_task(bind=True, name="accounts.send_password_reset_mail", max_retries=None)
def send_password_reset_mail(self, email: str, language: str) -> None:
    """Mail a reset link, in `language`, to each account at `email`; nothing if none.

    A mail server that is down or refuses for now is tried again later (MAIL_RETRIES
    times, waiting longer each time); the task is acknowledged only once it has run,
    so a worker that stops half-way leaves it for the next.
    """
    if not settings.SITE_URL:
        logger.error("Password reset mail not sent: DJANGO_SITE_URL is not set")
        return
    with translation.override(language):
        mails = reset_mails(email)
    if not mails:
        return
    try:
        get_connection().send_messages(mails)
    except MAIL_SERVER_ERRORS as error:
        # Run inside a request (no broker), waiting to try again would hold the page.
        if self.request.is_eager or self.request.retries >= settings.MAIL_RETRIES:
            logger.error(
                "Password reset mail not sent after %s tries: %r",
                self.request.retries + 1,
                error,
            )
            return
        delay = retry_delay(self.request.retries)
        logger.warning("Password reset mail not sent (%r); trying again in %s s", error, delay)
        raise self.retry(exc=error, countdown=delay) from error
    logger.info("Password reset mail sent to %s account(s)", len(mails))
