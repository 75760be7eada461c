"""The portal's URLs plus `/bench/bare/`: a view that does nothing, through the same
middleware as every page, as the ceiling the serving benchmark compares pages with."""

from django.http import HttpResponse
from django.urls import path

from ovop.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
