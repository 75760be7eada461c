"""How officials browse and edit the gazetteer and the data-quality list.

Communes and villages are reviewed records: an official's correction waits for a
reviewer while the public keeps the approved version (review.admin.ReviewedAdmin).
Provinces and districts are changed by national administrators only."""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.scoped_admin import ProvinceScopedAdmin
from accounts.scoping import provinces_of, scope_queryset
from imports.admin import ImportExportAdmin, SafeExportMixin
from portal.admin import (
    HistoryAdmin,
    ReadOnlyAdminMixin,
    TechnicalFieldsForAdministratorsMixin,
    flag,
)
from provinces.codes import VILLAGE
from provinces.models import (
    Commune,
    District,
    FlaggedVillage,
    GazetteerEdition,
    Province,
    Village,
)
from provinces.resources import (
    CommuneResource,
    DistrictResource,
    ProvinceResource,
    VillageResource,
)
from review.admin import ReviewedAdmin


class ProvinceListFilter(admin.SimpleListFilter):
    """Filter by province through however many joins the model needs to reach it."""

    title = _("province")
    parameter_name = "province"
    province_path = "province"

    def lookups(self, request, model_admin):
        provinces = scope_queryset(Province.objects.only("code", "name_en"), request.user)
        return [(p.code, str(p)) for p in provinces]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.province_path: self.value()})
        return queryset


class CommuneProvinceFilter(ProvinceListFilter):
    province_path = "district__province"


class ClearsDependentFilters:
    """A filter whose choice drops the choices made in the filters that depend on it
    (`clears`), as Django's SimpleListFilter.choices does for the filter itself."""

    clears: tuple[str, ...] = ()

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(
                remove=[self.parameter_name, *self.clears]
            ),
            "display": _("All"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}, list(self.clears)
                ),
                "display": title,
            }


class VillageProvinceFilter(ClearsDependentFilters, ProvinceListFilter):
    province_path = "commune__district__province"

    clears = ("district", "commune")  # another province's districts and communes


class VillageDistrictFilter(ClearsDependentFilters, admin.SimpleListFilter):
    """Districts of the chosen province (or of the official's only province): a few
    dozen at most, never the country's 210."""

    title = _("district")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        province = request.GET.get(VillageProvinceFilter.parameter_name)
        if not province:
            provinces = provinces_of(request.user)
            if provinces is None or len(provinces) != 1:
                return []
            (province,) = provinces
        districts = scope_queryset(District.objects.filter(province_id=province), request.user)
        return [(d.code, str(d)) for d in districts.only("code", "name_en", "name_km")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(commune__district_id=self.value())
        return queryset

    clears = ("commune",)


class VillageCommuneFilter(admin.SimpleListFilter):
    """Communes of the chosen district only, offered once a district is chosen."""

    title = _("commune")
    parameter_name = "commune"

    def lookups(self, request, model_admin):
        district = request.GET.get(VillageDistrictFilter.parameter_name)
        if not district:
            return []
        communes = scope_queryset(Commune.objects.filter(district_id=district), request.user)
        return [(c.code, str(c)) for c in communes.only("code", "name_en", "name_km")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(commune_id=self.value())
        return queryset


class CodeIssueFilter(admin.SimpleListFilter):
    title = _("data quality")
    parameter_name = "issue"
    conditions = {
        "any": (_("Any issue"), None),
        "malformed": (VILLAGE.malformed_label, Q(code_malformed=True)),
        "outside_commune": (
            _("Code does not start with the commune's code"),
            Q(code_outside_commune=True),
        ),
        "shared": (_("Code used by several villages"), Q(code_shared=True)),
        "placeholder_commune": (
            _("Commune not in the Ministry's list"),
            Q(commune__is_placeholder=True),
        ),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in self.conditions.items()]

    def queryset(self, request, queryset):
        if self.value() == "any":
            return queryset.flagged()
        if self.value() in self.conditions:
            return queryset.filter(self.conditions[self.value()][1])
        return queryset


class CurrentEditionFilter(admin.SimpleListFilter):
    """Whether the Ministry's current edition of the list still carries the record."""

    title = _("Ministry's current list")
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        return [
            ("current", _("In the current edition")),
            ("retired", _("Not in the current edition")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("current", "retired"):
            return queryset.filter(retired_in__isnull=self.value() == "current")
        return queryset


class EditionColumnAdmin(admin.ModelAdmin):
    """Shows, only where it is so, that the Ministry's current list no longer has a record."""

    @admin.display(description=_("Ministry's list"), ordering="retired_in")
    def edition_status(self, obj) -> str:
        if obj.retired_in_id is None:
            return ""
        return _("not in the %(edition)s edition") % {"edition": obj.retired_in.label}


class CodeSetOnceAdmin(admin.ModelAdmin):
    """A division's code is its identity: typed on creation, read-only afterwards."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "code"] if obj else fields


@admin.register(Province)
class ProvinceAdmin(
    TechnicalFieldsForAdministratorsMixin,
    ImportExportAdmin,
    CodeSetOnceAdmin,
    ProvinceScopedAdmin,
    HistoryAdmin,
):
    resource_classes = [ProvinceResource]
    list_display = [
        "code",
        "name_en",
        "name_km",
        "is_model_province",
        "agriculture_labour_share",
        "placeholder",
    ]
    list_display_links = ["code", "name_en"]
    list_filter = ["is_placeholder"]
    search_fields = ["code", "name_en", "name_km"]
    list_select_related = ["model_province_designation"]
    fieldsets = [
        (None, {"fields": ["code", "name_en", "name_km", "slug"]}),
        (
            _("Indicators"),
            {
                "fields": [
                    "agriculture_labour_share",
                    ("monthly_earnings_min_usd", "monthly_earnings_max_usd"),
                    "main_livelihoods_en",
                    "main_livelihoods_km",
                    "indicators_source",
                ]
            },
        ),
    ]

    placeholder = flag("is_placeholder", _("placeholder"), _("not in the Ministry's list"))

    @admin.display(description=_("model province"))
    def is_model_province(self, obj: Province) -> str:
        return _("model province") if obj.is_model_province else ""


@admin.register(District)
class DistrictAdmin(
    ImportExportAdmin, CodeSetOnceAdmin, EditionColumnAdmin, ProvinceScopedAdmin, HistoryAdmin
):
    resource_classes = [DistrictResource]
    list_display = ["code", "name_en", "name_km", "province", "placeholder", "edition_status"]
    list_display_links = ["code", "name_en"]
    list_filter = ["is_placeholder", CurrentEditionFilter, ProvinceListFilter]
    list_select_related = ["province", "retired_in"]
    readonly_fields = ["retired_in"]
    search_fields = ["code", "name_en", "name_km"]
    autocomplete_fields = ["province"]
    placeholder = flag("is_placeholder", _("placeholder"), _("not in the Ministry's list"))


@admin.register(Commune)
class CommuneAdmin(ImportExportAdmin, CodeSetOnceAdmin, EditionColumnAdmin, ReviewedAdmin):
    resource_classes = [CommuneResource]
    list_display = ["code", "name_en", "name_km", "district", "placeholder", "edition_status"]
    list_display_links = ["code", "name_en"]
    list_filter = ["is_placeholder", CurrentEditionFilter, CommuneProvinceFilter]
    list_select_related = ["district", "retired_in"]
    readonly_fields = ["retired_in"]
    search_fields = ["code", "name_en", "name_km"]
    autocomplete_fields = ["district"]
    placeholder = flag("is_placeholder", _("placeholder"), _("not in the Ministry's list"))


@admin.register(Village)
class VillageAdmin(
    TechnicalFieldsForAdministratorsMixin, ImportExportAdmin, EditionColumnAdmin, ReviewedAdmin
):
    resource_classes = [VillageResource]
    list_display = [
        "code",
        "name_en",
        "name_km",
        "commune",
        "district",
        "province",
        "flagged",
        "edition_status",
    ]
    list_display_links = ["code", "name_en"]
    list_filter = [
        CodeIssueFilter,
        CurrentEditionFilter,
        VillageProvinceFilter,
        VillageDistrictFilter,
        VillageCommuneFilter,
    ]
    list_select_related = ["commune__district__province", "retired_in"]
    search_fields = ["code", "name_en", "name_km"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["code_issues_text", "retired_in"]
    fields = ["code", "name_en", "name_km", "slug", "commune", "code_issues_text", "retired_in"]
    show_full_result_count = False

    @admin.display(description=_("district"), ordering="commune__district")
    def district(self, obj: Village) -> District:
        return obj.commune.district

    @admin.display(description=_("province"), ordering="commune__district__province")
    def province(self, obj: Village) -> Province:
        return obj.commune.district.province

    @admin.display(description=_("data quality"))
    def flagged(self, obj: Village) -> str:
        # Named only where something is odd: most villages have nothing to show.
        if not obj.is_flagged:
            return ""
        return format_html('<span class="flag-set">{}</span>', _("flagged"))

    @admin.display(description=_("data-quality flags"))
    def code_issues_text(self, obj: Village) -> str:
        if obj.pk is None:
            return "-"
        return "; ".join(str(issue) for issue in obj.code_issues) or _("none")

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete widgets label villages with their place, so join it once.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("commune__district__province"), may_have_duplicates


@admin.register(FlaggedVillage)
class FlaggedVillageAdmin(ReadOnlyAdminMixin, SafeExportMixin, ProvinceScopedAdmin):
    """Every village whose official record is odd, with the reasons, for review.

    Read-only: officials correct records through the village pages.
    """

    resource_classes = [VillageResource]

    list_display = ["code", "name_en", "name_km", "reasons", "commune", "province"]
    list_filter = [CodeIssueFilter, VillageProvinceFilter, VillageDistrictFilter]
    list_select_related = ["commune__district__province"]
    search_fields = ["code", "name_en", "name_km", "commune__code"]
    list_per_page = 200

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).flagged()

    @admin.display(description=_("province"), ordering="commune__district__province")
    def province(self, obj: Village) -> Province:
        return obj.commune.district.province

    @admin.display(description=_("what is odd"))
    def reasons(self, obj: Village) -> str:
        return "; ".join(str(issue) for issue in obj.code_issues)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("provinces.view_village")


@admin.register(GazetteerEdition)
class GazetteerEditionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The whole editions of the Ministry's list imported with `import_data villages
    FILE --edition LABEL`, and what each no longer listed. Read-only: an edition is a
    record of an import, made by the import alone."""

    list_display = [
        "label",
        "imported_at",
        "imported_by",
        "file_name",
        "villages",
        "retired_villages",
        "retired_communes",
        "retired_districts",
    ]
    list_select_related = ["imported_by"]
    search_fields = ["label", "file_name"]
