"""How officials edit categories, producers, products and their photos."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.scoped_admin import NationalAdmin, ScopedInlineMixin
from imports.admin import ImportExportAdmin, SafeExportMixin
from portal.admin import HistoryAdmin, TechnicalFieldsForAdministratorsMixin, flag
from products.models import Category, Producer, Product, ProductPhoto
from products.photos import PhotoField
from products.resources import ProducerResource, ProductResource
from provinces.admin import ProvinceListFilter
from review.admin import ReviewedAdmin


class ProducerProvinceFilter(ProvinceListFilter):
    province_path = "village__commune__district__province"


class PhotoFilter(admin.SimpleListFilter):
    title = _("photo")
    parameter_name = "photo"

    def lookups(self, request, model_admin):
        return [("some", _("With a photo")), ("none", _("Without a photo"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.without_photos()
        if self.value() == "some":
            return queryset.filter(photos__isnull=False).distinct()
        return queryset


def thumbnail_tag(photo: ProductPhoto | None, css_class: str):
    """A photo's thumbnail, or a dash; a missing file is said, not a failed page."""
    if photo is None or not photo.image:
        return "—"
    try:
        url = photo.thumbnail.url
    except OSError:
        return _("file missing")
    return format_html('<img src="{}" alt="{}" class="{}">', url, photo.alt_text, css_class)


@admin.register(Category)
class CategoryAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = ["name_en", "name_km", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_km"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Producer)
class ProducerAdmin(TechnicalFieldsForAdministratorsMixin, ImportExportAdmin, ReviewedAdmin):
    resource_classes = [ProducerResource]
    list_display = ["name_en", "name_km", "kind", "village", "province", "sample"]
    list_filter = ["kind", "is_sample", ProducerProvinceFilter]
    list_select_related = ["village__commune__district__province"]
    search_fields = ["name_en", "name_km", "contact_person", "village__code", "village__name_en"]
    autocomplete_fields = ["village"]
    administrator_prepopulated_fields = {"slug": ["name_en"]}

    sample = flag("is_sample", _("sample data"), _("sample"), ordering="is_sample")

    @admin.display(description=_("province"), ordering="village__commune__district__province")
    def province(self, obj: Producer):
        return obj.village.commune.district.province


class ProductPhotoForm(forms.ModelForm):
    # No "Currently: <path>" link: the form shows the photo's thumbnail, and the uploaded
    # file itself is never linked.
    image = PhotoField(
        label=_("image"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = ProductPhoto
        fields = ["image", "alt_text_en", "alt_text_km", "position"]


class ProductPhotoInline(ScopedInlineMixin, admin.StackedInline):
    """One photo a block, its thumbnail first: a row of six columns was wider than a
    laptop's screen."""

    model = ProductPhoto
    form = ProductPhotoForm
    extra = 1
    fields = ["preview", "image", "alt_text_en", "alt_text_km", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("photo"))
    def preview(self, obj: ProductPhoto):
        return thumbnail_tag(obj if obj.pk else None, "admin-thumbnail")


@admin.register(Product)
class ProductAdmin(TechnicalFieldsForAdministratorsMixin, ImportExportAdmin, ReviewedAdmin):
    resource_classes = [ProductResource]
    list_display = [
        "photo",
        "name_en",
        "name_km",
        "category",
        "producer",
        "province",
        "showcase",
        "sample",
    ]
    list_display_links = ["photo", "name_en"]
    list_filter = ["is_showcase", "category", PhotoFilter, "is_sample", ProducerProvinceFilter]
    list_select_related = ["category", "producer", "village__commune__district__province"]
    search_fields = ["name_en", "name_km", "producer__name_en", "producer__name_km"]
    autocomplete_fields = ["producer", "village"]
    administrator_prepopulated_fields = {"slug": ["name_en"]}
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

    showcase = flag("is_showcase", _("showcase"), _("showcase"), ordering="is_showcase")
    sample = flag("is_sample", _("sample data"), _("sample"), ordering="is_sample")

    def get_queryset(self, request):
        return super().get_queryset(request).with_photos()

    @admin.display(description=_("photo"))
    def photo(self, obj: Product):
        photos = list(obj.photos.all())  # prefetched, in display order
        return thumbnail_tag(photos[0] if photos else None, "admin-list-thumbnail")

    @admin.display(description=_("province"), ordering="village__commune__district__province")
    def province(self, obj: Product):
        return obj.village.commune.district.province
