"""How officials record forum events, their organisers, participants and action plans,
and the model provinces and demonstration centres the events declared."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.scoped_admin import NationalAdmin, ProvinceScopedAdmin, ScopedInlineMixin
from forums.models import (
    ActionItem,
    ActionPlan,
    DemonstrationCentre,
    EventOrganisation,
    ForumEvent,
    ModelProvinceDesignation,
    Organisation,
    Participant,
)
from imports.admin import SafeExportMixin
from portal.admin import HistoryAdmin, TechnicalFieldsForAdministratorsMixin
from provinces.models import Province
from review.admin import PartOfReviewedAdmin, ReviewedAdmin


@admin.register(Organisation)
class OrganisationAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = ["name_en", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_km", "acronym"]


class EventOrganisationInline(ScopedInlineMixin, admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class ParticipantInline(ScopedInlineMixin, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["organisation"]


class ActionPlanInline(ScopedInlineMixin, admin.StackedInline):
    model = ActionPlan
    extra = 0
    show_change_link = True


@admin.register(ForumEvent)
class ForumEventAdmin(TechnicalFieldsForAdministratorsMixin, SafeExportMixin, ReviewedAdmin):
    list_display = ["title_en", "kind", "date_label", "province", "participant_count"]
    # Only provinces that have events, and of those only the ones the user reaches.
    list_filter = ["kind", ("province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["province"]
    search_fields = ["title_en", "title_km", "venue", "summary_en"]
    autocomplete_fields = ["province", "follows"]
    administrator_prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EventOrganisationInline, ParticipantInline, ActionPlanInline]
    fieldsets = [
        (None, {"fields": ["title_en", "title_km", "slug", "kind", "follows"]}),
        (_("When and where"), {"fields": [("day", "month", "year"), "venue", "province"]}),
        (
            _("About"),
            {"fields": ["participant_count", "summary_en", "summary_km", "source"]},
        ),
        (_("Publication"), {"fields": ["is_sample"]}),
    ]

    @admin.display(description=_("date"), ordering="year")
    def date_label(self, obj: ForumEvent) -> str:
        return obj.date_label


class ActionItemInline(ScopedInlineMixin, admin.TabularInline):
    model = ActionItem
    extra = 0
    autocomplete_fields = ["owner", "funding_sources"]


@admin.register(ActionPlan)
class ActionPlanAdmin(SafeExportMixin, PartOfReviewedAdmin):
    reviewed_path = "event"
    list_display = ["title_en", "event"]
    list_select_related = ["event"]
    search_fields = ["title_en", "title_km", "event__title_en"]
    autocomplete_fields = ["event"]
    inlines = [ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(SafeExportMixin, PartOfReviewedAdmin):
    reviewed_path = "plan__event"
    list_display = ["description_en", "plan", "owner", "status"]
    list_filter = ["status"]
    list_select_related = ["plan", "owner"]
    search_fields = ["description_en", "description_km", "donor_contacts"]
    autocomplete_fields = ["plan", "owner", "funding_sources"]


@admin.register(Participant)
class ParticipantAdmin(SafeExportMixin, PartOfReviewedAdmin):
    reviewed_path = "event"
    list_display = ["name", "title", "organisation", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["organisation", "event"]
    search_fields = ["name", "title", "organisation__name_en"]
    autocomplete_fields = ["event", "organisation"]


@admin.register(ModelProvinceDesignation)
class ModelProvinceDesignationAdmin(SafeExportMixin, ProvinceScopedAdmin, HistoryAdmin):
    list_display = ["province", "declared_at", "declared_by"]
    list_select_related = ["province", "declared_at"]
    search_fields = ["province__name_en", "province__name_km", "declared_by"]
    autocomplete_fields = ["province", "declared_at"]


@admin.register(DemonstrationCentre)
class DemonstrationCentreAdmin(SafeExportMixin, ProvinceScopedAdmin, HistoryAdmin):
    list_display = ["district", "province", "focus_en", "designated_at"]
    list_select_related = ["district__province", "designated_at"]
    search_fields = ["district__code", "district__name_en", "district__name_km", "focus_en"]
    autocomplete_fields = ["district", "designated_at"]

    @admin.display(description=_("province"), ordering="district__province")
    def province(self, obj: DemonstrationCentre) -> Province:
        return obj.district.province
