"""Public URLs of the catalogue."""

from django.urls import path

from products import views

app_name = "products"

urlpatterns = [
    path("", views.ProductListView.as_view(), name="list"),
    path("<int:pk>/<slug:slug>/", views.ProductDetailView.as_view(), name="product"),
]
