"""How officials edit categories, producers, products and their photos."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.scoped_admin import NationalAdmin, ScopedInlineMixin
from imports.admin import ImportExportAdmin, SafeExportMixin
from portal.admin import HistoryAdmin
from products.models import Category, Producer, Product, ProductPhoto
from products.photos import PhotoField
from products.resources import ProducerResource, ProductResource
from provinces.admin import ProvinceListFilter
from review.admin import ReviewedAdmin


class ProducerProvinceFilter(ProvinceListFilter):
    province_path = "village__commune__district__province"


@admin.register(Category)
class CategoryAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = ["name_en", "name_km", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_km"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Producer)
class ProducerAdmin(ImportExportAdmin, ReviewedAdmin):
    resource_classes = [ProducerResource]
    list_display = ["name_en", "name_km", "kind", "village", "province", "is_sample"]
    list_filter = ["kind", "is_sample", ProducerProvinceFilter]
    list_select_related = ["village__commune__district__province"]
    search_fields = ["name_en", "name_km", "contact_person", "village__code", "village__name_en"]
    autocomplete_fields = ["village"]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("province"), ordering="village__commune__district__province")
    def province(self, obj: Producer):
        return obj.village.commune.district.province


class ProductPhotoForm(forms.ModelForm):
    image = PhotoField(label=_("image"))

    class Meta:
        model = ProductPhoto
        fields = ["image", "alt_text_en", "alt_text_km", "position"]


class ProductPhotoInline(ScopedInlineMixin, admin.TabularInline):
    model = ProductPhoto
    form = ProductPhotoForm
    extra = 1
    fields = ["preview", "image", "alt_text_en", "alt_text_km", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("photo"))
    def preview(self, obj: ProductPhoto):
        if not obj.pk or not obj.image:
            return "—"
        try:
            url = obj.thumbnail.url
        except OSError:  # the file is missing: say so rather than fail the form
            return _("file missing")
        return format_html('<img src="{}" alt="{}" class="admin-thumbnail">', url, obj.alt_text_en)


@admin.register(Product)
class ProductAdmin(ImportExportAdmin, ReviewedAdmin):
    resource_classes = [ProductResource]
    list_display = [
        "name_en",
        "name_km",
        "category",
        "producer",
        "province",
        "is_showcase",
        "is_sample",
    ]
    list_filter = ["is_showcase", "category", "is_sample", ProducerProvinceFilter]
    list_select_related = ["category", "producer", "village__commune__district__province"]
    search_fields = ["name_en", "name_km", "producer__name_en", "producer__name_km"]
    autocomplete_fields = ["producer", "village"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ProductPhotoInline]
    fieldsets = [
        (None, {"fields": ["name_en", "name_km", "slug", "category", "producer", "village"]}),
        (
            _("Description"),
            {"fields": ["description_en", "description_km", "season_en", "season_km"]},
        ),
        (_("Price"), {"fields": ["unit", ("price_min", "price_max"), "price_currency"]}),
        (_("Publication"), {"fields": ["is_showcase", "is_sample"]}),
    ]

    @admin.display(description=_("province"), ordering="village__commune__district__province")
    def province(self, obj: Product):
        return obj.village.commune.district.province
