"""Password reset for officials: Django's own views, forms and mails, in the admin's look.

An official who forgot their password asks at the admin's login page ("Forgotten your
login credentials?"), gets a one-use link by mail, in the language of the page they
asked on, and sets a new password. As in Django, the answer is the same whether or not
the address belongs to an account, and inactive users and users without a usable
password get no mail.

One addition: each address gets at most PASSWORD_RESET_MAILS_PER_HOUR reset mails an
hour, however often the form is posted; further requests answer the same page and send
nothing (docs/decisions/0013-password-reset.md).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import timezone

from accounts.models import PasswordResetMail, normalised_address

logger = logging.getLogger(__name__)

# The window PASSWORD_RESET_MAILS_PER_HOUR counts in.
RESET_MAIL_WINDOW = timedelta(hours=1)


def claim_reset_mail(email: str) -> bool:
    """Whether a reset mail may go to this address now; if so, it is counted.

    False once PASSWORD_RESET_MAILS_PER_HOUR have gone to it within the hour. The
    address's accounts are locked while counting, so simultaneous requests count one
    after another (SQLite's transactions do that by themselves).
    """
    address = normalised_address(email)
    now = timezone.now()
    start = now - RESET_MAIL_WINDOW
    with transaction.atomic():
        users = get_user_model()._default_manager.select_for_update()
        list(users.filter(email__iexact=address).values_list("pk", flat=True))
        PasswordResetMail.objects.filter(sent_at__lt=start).delete()
        sent = PasswordResetMail.objects.to_address(address).since(start).count()
        if sent >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
            return False
        PasswordResetMail.objects.create(email=address, sent_at=now)
    return True


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, which sends each address a few mails an hour at most."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        if not claim_reset_mail(to_email):
            logger.warning(
                "Password reset mail to user %s not sent: its address had %s within the hour",
                context["user"].pk,
                settings.PASSWORD_RESET_MAILS_PER_HOUR,
            )
            return
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email,
            html_email_template_name=html_email_template_name,
        )


class AdminSiteContextMixin:
    """The admin site's header and title, as the admin's own pages show them."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        return {**admin.site.each_context(self.request), **context}


class PasswordResetView(AdminSiteContextMixin, auth_views.PasswordResetView):
    form_class = LimitedPasswordResetForm

    @property
    def extra_email_context(self) -> dict:
        # The portal's name, not the host name, in the mail's subject and signature.
        return {"site_name": admin.site.site_title}


class PasswordResetDoneView(AdminSiteContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminSiteContextMixin, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(AdminSiteContextMixin, auth_views.PasswordResetCompleteView):
    pass
