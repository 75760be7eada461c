"""The portal's URLs plus one page that fails, to see the error page visitors get."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from ovop.urls import urlpatterns as portal_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a page")


urlpatterns = [*portal_urlpatterns, *i18n_patterns(path("broken/", broken))]
