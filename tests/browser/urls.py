"""The portal's URLs plus uploaded media, for the live server the browser tests drive.

In production the web server in front of the portal serves media; the test server
has none in front of it.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.static import serve

from ovop.urls import urlpatterns as portal_urlpatterns


def media(request: HttpRequest, path: str) -> HttpResponse:
    # MEDIA_ROOT is read per request: each test points it at a folder of its own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *portal_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
]
