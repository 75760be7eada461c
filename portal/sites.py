"""The portal's admin site: Django's, with guards that hold for every model.

- Every registered admin searches with a bounded number of words (portal.search), in
  its changelist and in the autocomplete that other forms use, whoever wrote the admin
  class (ours, Django's users and groups, django-axes' lists).
- Autocomplete fields, in every admin and in the inlines (through
  accounts.scoped_admin.ScopedInlineMixin), show a form error for a posted value that
  is no key instead of failing to render it.
- Free-text fields, in every admin and in the inlines, are built by
  portal.fields.form_field_for: typed text is normalised and checked exactly as an
  imported cell is (NFC, invisible characters trimmed, invisible-only or control
  characters refused).
- "View on site" (`r/<content type>/<id>/`) redirects only to a record that the public
  may see (the model's `.published()`, where it has one) and that the user reaches in
  the admin; anything else is a 404, so drafts and other provinces' records are never
  revealed through it, nor their ids walked.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.text import smart_split

from portal.fields import NormalisedTextAdminMixin
from portal.search import bounded_search, truncation_notice


class BoundedSearchMixin:
    """The admin's search, on the first words of the search box only."""

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        bounded = bounded_search(search_term, split=lambda text: list(smart_split(text)))
        match = getattr(request, "resolver_match", None)
        if bounded.truncated and not (match and match.url_name == "autocomplete"):
            self.message_user(request, truncation_notice(), messages.WARNING)
        return super().get_search_results(request, queryset, bounded.text)


class _KeysOnly:
    """What an autocomplete widget shows as chosen: only values that can be a key.

    Django's autocomplete widgets look up the posted values to show them again when
    the form has errors, and a value that is no key ("abc" for a number) made that
    lookup, and the page, fail; it is simply not shown as chosen.
    """

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        # As Django's widget finds it: the related field a foreign key names, else the pk.
        key = opts.get_field(getattr(self.field.remote_field, "field_name", None) or opts.pk.name)
        keys = []
        for item in value:
            try:
                key.clean(item, None)  # its type, and its range in the database
            except (ValidationError, TypeError):
                continue
            keys.append(item)
        return super().optgroups(name, keys, attr)


class KeysOnlyAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For admins and inlines: autocomplete fields with KeysOnly widgets."""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysOnlyAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


SITE_WIDE_MIXINS = (BoundedSearchMixin, SafeAutocompleteMixin, NormalisedTextAdminMixin)


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        admin_class = admin_class or admin.ModelAdmin
        missing = tuple(mixin for mixin in SITE_WIDE_MIXINS if not issubclass(admin_class, mixin))
        if missing:
            admin_class = type(
                admin_class.__name__,
                (*missing, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        guarded = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            guarded if getattr(pattern, "name", None) == "view_on_site" else pattern
            for pattern in super().get_urls()
        ]

    def view_on_site(
        self, request: HttpRequest, content_type_id: str, object_id: str
    ) -> HttpResponse:
        self.public_object_or_404(request, content_type_id, object_id)
        return contenttype_views.shortcut(request, content_type_id, object_id)

    def public_object_or_404(self, request: HttpRequest, content_type_id: str, object_id: str):
        """The record, if the public may see it and this user reaches it here; else 404."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ObjectDoesNotExist):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404
        queryset = model_admin.get_queryset(request)
        if hasattr(queryset, "published"):
            queryset = queryset.published()
        try:
            obj = queryset.get(pk=object_id)
        except (ObjectDoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        if not model_admin.has_view_permission(request, obj):
            raise Http404
        return obj
