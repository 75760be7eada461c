"""Users with their roles and provinces, and the searchable audit trail."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import ProvinceAssignment
from accounts.roles import HISTORY_MODELS
from accounts.scoped_admin import ProvinceScopedAdmin
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


class AuditTrailAdmin(ReadOnlyAdminMixin, ProvinceScopedAdmin):
    """A read-only, searchable list of changes to one kind of record."""

    list_display = [
        "history_date",
        "history_user",
        "history_type",
        "record",
        "changed_fields",
        "history_change_reason",
    ]
    list_filter = ["history_type", "history_date"]
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


def register_audit_trail() -> None:
    for app_label, names in HISTORY_MODELS.items():
        for name in names:
            admin.site.register(apps.get_model(app_label, f"historical{name}"), AuditTrailAdmin)
    admin.site.register(
        apps.get_model("accounts", "historicalprovinceassignment"), AuditTrailAdmin
    )


register_audit_trail()
