"""The portal's URLs plus pages that fail, to see the error pages visitors get."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from ovop.urls import urlpatterns as portal_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a page")


def busy(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")  # as SQLite says when a wait runs out


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(path("broken/", broken), path("busy/", busy)),
]
