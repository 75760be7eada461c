"""No admin page for a session that still owes its code.

Every page in the admin's URL namespace (each model's lists, forms, history, imports,
exports, actions, the review pages, autocomplete, the start page, "view on site",
password change) sends a session signed in with a password only, whose official must
give a code (accounts.two_factor.is_pending), to the code page, or to set up an app if
they have none; it then comes back to the page asked for. Signing out stays open, and
so does the login form's POST (to sign in as someone else).

A middleware rather than the admin site's has_permission: the site lives in the shared
base (portal.sites), which imports no app, and this catches every view in the admin's
namespace, whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts import two_factor
from accounts.two_factor import devices

# Admin pages a session owing its code may still open.
OPEN_ADMIN_PAGES = {"logout", "jsi18n"}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.app_names:
            return None
        if match.url_name in OPEN_ADMIN_PAGES:
            return None
        if match.url_name == "login" and request.method == "POST":
            return None
        if not two_factor.is_pending(request):
            return None
        wanted = request.get_full_path()
        if match.url_name == "login":
            wanted = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        if devices.has_app(request.user):
            page = "two_factor:verify"
        elif two_factor.is_required_of(request.user):
            page = "two_factor:setup"
        else:  # opted in, and an administrator has since removed the app
            request.session.pop(two_factor.OPTED_IN_SESSION_KEY, None)
            return None
        return HttpResponseRedirect(f"{reverse(page)}?{urlencode({REDIRECT_FIELD_NAME: wanted})}")


@receiver(user_logged_in, dispatch_uid="two_factor_opted_in")
def remember_opt_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """An official with an app is asked for a code, whether or not they must have one."""
    if request is not None and hasattr(request, "session") and devices.has_app(user):
        request.session[two_factor.OPTED_IN_SESSION_KEY] = True
