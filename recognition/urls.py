"""Public URLs of recognition."""

from django.urls import path

from recognition import views

app_name = "recognition"

urlpatterns = [
    path("", views.RecognisedProductListView.as_view(), name="list"),
    path("verify/", views.verify_view, name="verify"),
    path("certificates/<str:number>/", views.certificate_view, name="certificate"),
    path("certificates/<str:number>/pdf/", views.certificate_pdf_view, name="certificate_pdf"),
    path("rounds/<slug:slug>/", views.RoundView.as_view(), name="round"),
    path(
        "products/<int:pk>/<slug:slug>/",
        views.ProductRecognitionView.as_view(),
        name="product",
    ),
]
