"""The pages of the second factor, under the admin's address and in its look.

- verify: after the password, the code (from the app, or a recovery code).
- set up: a new app (QR code and secret), confirmed with a code it shows; then the
  recovery codes, shown once. Reached before the first code, or later to replace a phone.
- recovery codes: a new set, for an official whose sign-in is confirmed.
"""

from __future__ import annotations

from functools import wraps

import django_otp
from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import two_factor
from accounts.two_factor import devices


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}
        ),
    )


def refuse(form: CodeForm, refused: Exception) -> None:
    """Show why the code was refused, with the box empty for the next one."""
    form.add_error("code", str(refused))
    form.data = form.data.copy()
    form.data["code"] = ""


def signed_in_staff(view):
    """Signed in with a password (verified or not), as staff; else the admin's login."""

    @wraps(view)
    def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return never_cache(inner)


def next_url(request: HttpRequest) -> str:
    """Where to go afterwards: the page asked for, if it is on this site; else the admin."""
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:index")


def with_next(url_name: str, request: HttpRequest) -> HttpResponseRedirect:
    from urllib.parse import urlencode

    query = urlencode({REDIRECT_FIELD_NAME: next_url(request)})
    return HttpResponseRedirect(f"{reverse(url_name)}?{query}")


def render(request: HttpRequest, template: str, title, **context) -> TemplateResponse:
    request.current_app = admin.site.name
    return TemplateResponse(
        request,
        template,
        {
            **admin.site.each_context(request),
            "title": title,
            "subtitle": None,
            "next": next_url(request),
            "verified": two_factor.is_verified(request.user),
            **context,
        },
    )


def confirm_sign_in(request: HttpRequest, device) -> None:
    """The session now counts as confirmed by this device; a new session key for it."""
    django_otp.login(request, device)
    request.session.cycle_key()


@sensitive_post_parameters("code")
@signed_in_staff
def verify(request: HttpRequest) -> HttpResponse:
    if not two_factor.is_pending(request):
        return HttpResponseRedirect(next_url(request))
    if not devices.has_app(request.user):
        return with_next("two_factor:setup", request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = devices.verify(request.user, form.cleaned_data["code"])
        except devices.CodeRefused as refused:
            refuse(form, refused)
        else:
            confirm_sign_in(request, device)
            return HttpResponseRedirect(next_url(request))
    return render(request, "two_factor/verify.html", _("Confirm it is you"), form=form)


@sensitive_post_parameters("code")
@signed_in_staff
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    has_app = devices.has_app(user)
    if has_app and not two_factor.is_verified(user):
        # Replacing an app needs a sign-in confirmed with the current one (or a
        # recovery code): a password alone never brings in a new phone.
        return with_next("two_factor:verify", request)
    device = devices.pending_app(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = devices.confirm_app(device, form.cleaned_data["code"])
        except devices.CodeRefused as refused:
            refuse(form, refused)
        else:
            device.refresh_from_db()
            confirm_sign_in(request, device)
            request.session[two_factor.OPTED_IN_SESSION_KEY] = True
            return render(
                request, "two_factor/recovery_codes.html", _("Your recovery codes"), codes=codes
            )
    return render(
        request,
        "two_factor/setup.html",
        _("Replace your authenticator app") if has_app else _("Set up your authenticator app"),
        form=form,
        key=devices.app_key(device),
        has_app=has_app,
        codes_left=devices.recovery_codes_left(user) if has_app else None,
        required=two_factor.requires_second_factor(user),
    )


@signed_in_staff
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not (two_factor.is_verified(request.user) and devices.has_app(request.user)):
        return with_next("two_factor:verify", request)
    if request.method == "POST":
        codes = devices.new_recovery_codes(request.user)
        return render(
            request, "two_factor/recovery_codes.html", _("Your recovery codes"), codes=codes
        )
    return redirect("two_factor:setup")
