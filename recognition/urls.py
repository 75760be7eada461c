"""Public URLs of recognition. Pages come from the public page cache, made stale by
every change to recognition records; certificate PDFs are served from their stored
files (recognition/documents.py), which no query string or cookie bypasses."""

from django.urls import path

from portal.caching import cache_public_page
from recognition import views

app_name = "recognition"

urlpatterns = [
    path("", cache_public_page(views.RecognisedProductListView.as_view()), name="list"),
    path("verify/", views.verify_view, name="verify"),
    path(
        "certificates/<certificate:number>/",
        cache_public_page(views.certificate_view, query_parameters=()),
        name="certificate",
    ),
    path(
        "certificates/<certificate:number>/pdf/",
        views.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path("rounds/<slug:slug>/", cache_public_page(views.RoundView.as_view()), name="round"),
    path(
        "products/<int:pk>/<slug:slug>/",
        cache_public_page(views.ProductRecognitionView.as_view()),
        name="product",
    ),
]
