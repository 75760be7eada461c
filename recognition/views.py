"""Public pages of recognition: recognised products, a product's recognition, a round's
results, and the certificate pages anyone can open to verify a certificate.

Only products the public may see (`Product.objects.published()`) show any recognition.
"""

from __future__ import annotations

import re

from django import forms
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from products.models import Product
from recognition.documents import current_document
from recognition.models import (
    STAR_LEVELS,
    Certificate,
    CertificateStatus,
    Entry,
    Round,
    at_least_stars,
)

RECOGNISED_PAGE_SIZE = 24


class StarsForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Stars"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Any number of stars"))] + [(n, at_least_stars(n)) for n in STAR_LEVELS],
    )


class RecognisedProductListView(ListView):
    """Products holding a current certificate, most stars first, filterable by stars."""

    template_name = "recognition/recognised_list.html"
    context_object_name = "certificates"
    paginate_by = RECOGNISED_PAGE_SIZE
    query_parameters = ("stars", "page")

    def get_queryset(self):
        self.form = StarsForm(self.request.GET or None)
        certificates = (
            Certificate.objects.public()
            .current()
            .select_related("product__village__commune__district__province")
        )
        if self.form.is_valid() and self.form.cleaned_data["stars"]:
            certificates = certificates.filter(stars__gte=self.form.cleaned_data["stars"])
        return certificates.order_by("-stars", "product_name_en", "pk")

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(form=self.form, **kwargs)


class ProductRecognitionView(DetailView):
    """One product's recognition: its current stars and every certificate it held."""

    template_name = "recognition/product_recognition.html"
    query_parameters = ()
    context_object_name = "product"

    def get_queryset(self):
        return (
            Product.objects.published()
            .with_origin()
            .prefetch_related(
                Prefetch(
                    "certificates",
                    queryset=Certificate.objects.select_related("round").order_by("-issued_on"),
                )
            )
        )

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:  # as CanonicalSlugMixin does
            return HttpResponsePermanentRedirect(recognition_url(self.object))
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        certificates = list(self.object.certificates.all())
        context["current"] = next((c for c in certificates if c.is_current), None)
        context["certificates"] = certificates
        return context


def recognition_url(product: Product) -> str:
    return reverse("recognition:product", kwargs={"pk": product.pk, "slug": product.slug})


class RoundView(DetailView):
    """A round's confirmed results, for products the public may see."""

    template_name = "recognition/round_detail.html"
    query_parameters = ()
    context_object_name = "round"
    queryset = Round.objects.select_related("version__scheme", "province")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["entries"] = (
            Entry.objects.confirmed()
            .filter(round=self.object, product__in=Product.objects.published())
            .select_related("product__village__commune__district__province", "certificate")
            .order_by("-confirmed_stars", "product__name_en", "pk")
        )
        return context


def certificate_of(number: str) -> Certificate | None:
    return (
        Certificate.objects.public()
        .select_related("product__village__commune__district__province", "round__province")
        .filter(number=number)
        .first()
    )


@require_GET
def certificate_view(request: HttpRequest, number: str) -> HttpResponse:
    """The verification page: valid, expired, withdrawn, or no such certificate (404)."""
    certificate = certificate_of(number)
    if certificate is None:
        return render(
            request, "recognition/certificate_unknown.html", {"number": number}, status=404
        )
    context = {
        "certificate": certificate,
        "status": certificate.status(),
        "statuses": CertificateStatus,
        "product_url": recognition_url(certificate.product),
    }
    return render(request, "recognition/certificate_detail.html", context)


@require_GET
def certificate_pdf_view(request: HttpRequest, number: str) -> HttpResponse:
    """The certificate's stored PDF, as it reads today; the same file whatever the query
    string, cookies or page language (recognition/documents.py)."""
    certificate = certificate_of(number)
    if certificate is None:
        raise Http404
    name, modified = current_document(certificate)
    # The name changes with everything the page prints, so it is the file's identity.
    etag = quote_etag(name.rsplit("/", 1)[-1].removesuffix(".pdf"))
    last_modified = modified.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        default_storage.open(name),
        content_type="application/pdf",
        filename=f"{certificate.number}.pdf",
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers check back each time, so a withdrawal shows at once; an unchanged file costs
    # a 304.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def verify_view(request: HttpRequest) -> HttpResponse:
    """A form to look a certificate up by the number printed on it."""
    # Certificate numbers are letters, digits and hyphens; anything else cannot match.
    number = re.sub(r"[^A-Z0-9-]", "", request.GET.get("number", "").upper())[:40]
    if number:
        return HttpResponseRedirect(reverse("recognition:certificate", args=[number]))
    return render(request, "recognition/verify.html")


@require_GET
def certificate_short_link(request: HttpRequest, number: str) -> HttpResponse:
    """The QR code's address: the verification page in the visitor's language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return HttpResponseRedirect(reverse("recognition:certificate", args=[number]))
