"""Users with their roles and provinces, and the searchable audit trail."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import ProvinceAssignment
from accounts.roles import HISTORY_MODELS
from accounts.scoped_admin import ProvinceScopedAdmin
from accounts.two_factor import admin as two_factor_admin  # noqa: F401  (officials' apps)
from portal.admin import ReadOnlyAdminMixin
from portal.sites import SafeAutocompleteMixin


class ProvinceAssignmentInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ProvinceAssignment
    extra = 0
    autocomplete_fields = ["province"]
    verbose_name = _("province")
    verbose_name_plural = _(
        "provinces (a provincial official works only in these; national roles ignore them)"
    )


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, plus the provinces of provincial officials."""

    inlines = [ProvinceAssignmentInline]
    list_display = ["username", "email", "first_name", "last_name", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all())


class ChangeKindFilter(admin.SimpleListFilter):
    title = _("kind of change")
    parameter_name = "history_type__exact"

    def lookups(self, request, model_admin):
        return model_admin.model._meta.get_field("history_type").choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(history_type=self.value())
        return queryset


class ChangedAtFilter(admin.DateFieldListFilter):
    """Django's date filter, titled for officials (simple-history's field has no label)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("when")


class AuditTrailAdmin(ReadOnlyAdminMixin, ProvinceScopedAdmin):
    """A read-only, searchable list of changes to one kind of record.

    simple-history's own columns carry no translatable labels, so the list shows them
    through columns named here.
    """

    list_display = ["changed_at", "changed_by", "kind", "record", "changed_fields", "reason"]

    def __init__(self, model, admin_site) -> None:
        name_for_officials(model)
        super().__init__(model, admin_site)

    list_filter = [ChangeKindFilter, ("history_date", ChangedAtFilter)]
    list_select_related = ["history_user"]
    search_fields = [
        "history_user__username",
        "history_change_reason",
        "changed_fields",
    ]
    date_hierarchy = "history_date"
    show_full_result_count = False

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        # Also search the record's own text fields, as they were at the time.
        names = [
            field.name
            for field in self.model.instance_type._meta.concrete_fields
            if field.get_internal_type() in {"CharField", "SlugField"}
        ]
        return [*self.search_fields, *names]

    @admin.display(description=_("record"))
    def record(self, obj) -> str:
        return str(obj.instance)

    @admin.display(description=_("when"), ordering="history_date")
    def changed_at(self, obj):
        return obj.history_date

    @admin.display(description=_("by"), ordering="history_user")
    def changed_by(self, obj):
        return obj.history_user or "—"

    @admin.display(description=_("kind of change"), ordering="history_type")
    def kind(self, obj) -> str:
        return obj.get_history_type_display()

    @admin.display(description=_("reason"))
    def reason(self, obj) -> str:
        return obj.history_change_reason or ""


def register_audit_trail() -> None:
    models = [
        apps.get_model(app_label, f"historical{name}")
        for app_label, names in HISTORY_MODELS.items()
        for name in names
    ]
    for model in [*models, apps.get_model("accounts", "historicalprovinceassignment")]:
        admin.site.register(model, AuditTrailAdmin)


def name_for_officials(history_model) -> None:
    """A translatable name for an audit list ("history of products").

    simple-history names them "historical …" in English only. Only the names read at
    run time change; migrations keep the models' declared options, so none follows.
    """
    opts, record = history_model._meta, history_model.instance_type._meta
    opts.verbose_name = format_lazy(_("history of {}"), record.verbose_name)
    opts.verbose_name_plural = format_lazy(_("history of {}"), record.verbose_name_plural)


register_audit_trail()
