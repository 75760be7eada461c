"""Admin classes that keep each user inside the provinces they work in.

`ProvinceScopedAdmin` goes first in the bases of every admin class whose model lies in
a province (see accounts.scoping.PROVINCE_PATHS); `ScopedInlineMixin` on inlines. Between
them they cover every way into a record:

- lists, bulk actions, export and autocomplete results all start from `get_queryset()`;
- the change, delete and history pages fetch one record through `get_object()`, which
  answers 403 for a record that exists outside the user's provinces (instead of the
  admin's "perhaps it was deleted" redirect), and through the object-level
  `has_*_permission()` checks;
- choices of related records in forms and inlines are limited to the user's provinces,
  so a hand-made POST naming another province's village is a form error;
- a form refuses to save a record that would end up outside the user's provinces
  (an event without a province, say).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ForeignKey, ManyToManyField
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts.scoping import (
    is_scoped,
    province_code_of,
    provinces_of,
    reaches,
    scope_queryset,
)
from portal.fields import NormalisedTextAdminMixin
from portal.sites import SafeAutocompleteMixin, could_be_key


class _RelatedChoicesInScope:
    """Limits the choices of every related field to records the user reaches."""

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs):
        related = db_field.remote_field.model
        if "queryset" not in kwargs and is_scoped(related):
            kwargs["queryset"] = scope_queryset(related._default_manager.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: ManyToManyField, request: HttpRequest, **kwargs):
        related = db_field.remote_field.model
        if "queryset" not in kwargs and is_scoped(related):
            kwargs["queryset"] = scope_queryset(related._default_manager.all(), request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ProvinceCheckedForm(forms.ModelForm):
    """Refuses to save a record outside the provinces in `allowed_provinces`."""

    allowed_provinces: frozenset[str] = frozenset()

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors:
            return  # a missing or refused parent is already reported on its field
        if province_code_of(self.instance) not in self.allowed_provinces:
            self.add_error(
                None,
                ValidationError(
                    _("This record must lie in one of your provinces."),
                    code="outside_provinces",
                ),
            )


class ProvinceScopedAdmin(_RelatedChoicesInScope, admin.ModelAdmin):
    """A ModelAdmin whose records are limited to the user's provinces."""

    def get_queryset(self, request: HttpRequest):
        return scope_queryset(super().get_queryset(request), request.user)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and provinces_of(request.user) is not None:
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            if not could_be_key(field, object_id):
                return None
            if self.model._default_manager.filter(
                **{field.name: field.to_python(object_id)}
            ).exists():
                raise PermissionDenied
        return obj

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) and reaches(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and reaches(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and reaches(request.user, obj)

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        provinces = provinces_of(request.user)
        if provinces is None:
            return form
        return type(form.__name__, (ProvinceCheckedForm, form), {"allowed_provinces": provinces})


class NationalAdmin(_RelatedChoicesInScope, admin.ModelAdmin):
    """A ModelAdmin for records that lie in no province, whose forms may still name some."""


class ScopedInlineMixin(NormalisedTextAdminMixin, SafeAutocompleteMixin, _RelatedChoicesInScope):
    """An inline whose related-record choices are limited to the user's provinces.

    The inline's own rows belong to the parent record, which the parent admin scopes.
    """
