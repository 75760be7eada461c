"""The portal's URLs plus `/bench/bare/`: a view that does nothing, through the same
middleware as every page, as the ceiling the serving benchmark compares pages with; and
`/bench/certificate-rendered/<number>/`: a certificate's PDF rendered on every request,
as a cache miss served it before PDFs were stored (benchmarks/certificates.py)."""

from django.http import Http404, HttpResponse
from django.urls import path

from ovop.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


def certificate_rendered(request, number: str):
    from recognition.documents import verify_url
    from recognition.printing import certificate_pdf
    from recognition.views import certificate_of

    certificate = certificate_of(number)
    if certificate is None:
        raise Http404
    pdf = certificate_pdf(certificate, verify_url(certificate))
    return HttpResponse(pdf, content_type="application/pdf")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/certificate-rendered/<str:number>/", certificate_rendered),
    *portal_urlpatterns,
]
