"""Admin pieces shared by every app: read-only lists, the audit trail's history pages,
flags shown only where set, and technical fields kept for administrators."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin


def flag(attribute: str, description, shown, ordering: str | None = None) -> Callable:
    """A changelist column that names a rare flag where it is set and is empty elsewhere.

    A column of red crosses meaning "nothing wrong" reads as an alarm on every row;
    `shown` is the word the column shows in the rows that carry the flag.
    """

    @admin.display(description=description, ordering=ordering)
    def column(self, obj) -> str:
        if not getattr(obj, attribute):
            return ""
        return format_html('<span class="flag-set">{}</span>', shown)

    column.__name__ = f"{attribute}_flag"
    return column


class TechnicalFieldsForAdministratorsMixin:
    """Forms without the technical fields (the URL slug, derived from the English name
    when the record is saved) except for superusers, who may need to set one by hand.

    The slug's prepopulation is `administrator_prepopulated_fields`, not Django's
    `prepopulated_fields`, which some views (simple-history's past versions) read
    directly for a form that has no slug.
    """

    technical_fields: tuple[str, ...] = ("slug",)
    administrator_prepopulated_fields: dict[str, list[str]] = {}

    def shows_technical_fields(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def get_prepopulated_fields(self, request: HttpRequest, obj=None) -> dict:
        if self.shows_technical_fields(request):
            return {
                **super().get_prepopulated_fields(request, obj),
                **self.administrator_prepopulated_fields,
            }
        return super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.shows_technical_fields(request):
            return fieldsets
        return [
            (name, {**options, "fields": self._without_technical(options["fields"])})
            for name, options in fieldsets
        ]

    def _without_technical(self, fields) -> list:
        kept = []
        for field in fields:
            if isinstance(field, (list, tuple)):
                line = [name for name in field if name not in self.technical_fields]
                if line:
                    kept.append(tuple(line))
            elif field not in self.technical_fields:
                kept.append(field)
        return kept


class ReadOnlyAdminMixin:
    """A list to read and search: nothing is added, changed or deleted through it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, with past versions shown but never saved back.

    simple-history saves a POST to a past version's page whenever the user may view the
    record, even with reverting turned off; here that page only reads. Reverting would
    also restore a past publication status, bypassing the workflow.
    """

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        # Keys that are none (the URL's text) are answered by the admin site's
        # portal.sites.CheckedKeysMixin, which every registered admin has.
        return super().history_form_view(request, object_id, version_id, extra_context)
