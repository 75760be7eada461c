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
- The index and the sidebar group the lists by task (TASK_GROUPS), not by app, and
  gather every audit list ("Historical …") under one "Audit trail" entry, whose page
  (`audit/`) lists the ones the user may read.
- The pages of one record (change, delete, history and a past version) answer a key
  that the model's primary key cannot hold ("abc" or "1.5" for a number, a NUL
  character, more characters than the column takes) as "no such record", before any
  query; a changelist whose filters, ordering or page carry a NUL character, or a
  year past the calendar's range, answers as Django does for any filter it cannot apply: the list
  unfiltered, with `?e=1` (docs/decisions/0110-keys-checked-before-queries.md).
- "View on site" (`r/<content type>/<id>/`) redirects only to a record that the public
  may see (the model's `.published()`, where it has one) and that the user reaches in
  the admin; anything else is a 404, so drafts and other provinces' records are never
  revealed through it, nor their ids walked.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import smart_split
from django.utils.translation import gettext_lazy as _

from portal.fields import NormalisedTextAdminMixin
from portal.search import bounded_search, truncation_notice
from portal.text import query_holds_nul


class BoundedSearchMixin:
    """The admin's search, on the first words of the search box only."""

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        bounded = bounded_search(search_term, split=lambda text: list(smart_split(text)))
        match = getattr(request, "resolver_match", None)
        if bounded.truncated and not (match and match.url_name == "autocomplete"):
            self.message_user(request, truncation_notice(), messages.WARNING)
        return super().get_search_results(request, queryset, bounded.text)


# The validators that say what a column can hold (its length, its integer range), as
# opposed to rules about well-formed values that an old record might predate.
_COLUMN_LIMITS = (MaxLengthValidator, MaxValueValidator, MinValueValidator)


def could_be_key(field: models.Field, text: str) -> bool:
    """Whether `text`, as a URL carries it, is a value the key column `field` can hold.

    What it cannot hold matches no record, and asking the database fails rather than
    finds nothing: PostgreSQL refuses NUL in text, and simple-history's history page
    passes "abc" for a number straight to a query.
    """
    if "\x00" in text:
        return False
    try:
        value = field.to_python(text)
        for validator in field.validators:
            if isinstance(validator, _COLUMN_LIMITS):
                validator(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class CheckedKeysMixin:
    """One record's pages and the changelist's parameters, checked before any query.

    `get_object` serves Django's change, delete and history pages (and the portal's
    own views that open one record): a key the primary key cannot hold is no record,
    which those pages answer with Django's "perhaps it was deleted" redirect.
    simple-history's history and past-version pages look the record up themselves, so
    their keys are checked here too, and answer 404.
    """

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        opts = self.model._meta
        field = opts.get_field(from_field) if from_field else opts.pk
        if not could_be_key(field, object_id):
            return None
        return super().get_object(request, object_id, from_field)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        if not could_be_key(self.model._meta.pk, unquote(object_id)):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ):
        # simple-history's past version: both keys come from the URL as any text.
        history_model = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        if not (
            could_be_key(self.model._meta.pk, object_id)
            and could_be_key(history_model.model._meta.pk, version_id)
        ):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_changelist_instance(self, request: HttpRequest):
        # The search box's text has its control characters made spaces (portal.search);
        # every other parameter is a filter, an ordering or a page, which takes none.
        filters = request.GET.copy()
        filters.pop(SEARCH_VAR, None)
        if query_holds_nul(filters):
            raise IncorrectLookupParameters("A NUL character in the list's parameters.")
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            # Django turns a date-hierarchy year it cannot read into ?e=1, but not one
            # too large for a C long (?history_date__year=99999999999999999999).
            raise IncorrectLookupParameters(error) from error


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


SITE_WIDE_MIXINS = (
    CheckedKeysMixin,
    BoundedSearchMixin,
    SafeAutocompleteMixin,
    NormalisedTextAdminMixin,
)

# The index's sections, by what an official sets out to do, each with its lists in
# the order they are most used. A registered model listed in none keeps its app's section.
TASK_GROUPS: list[tuple[str, object, list[str]]] = [
    (
        "products",
        _("Products and producers"),
        ["products.product", "products.producer", "products.category"],
    ),
    (
        "places",
        _("Villages and places"),
        [
            "provinces.village",
            "provinces.flaggedvillage",
            "provinces.gazetteeredition",
            "provinces.commune",
            "provinces.district",
            "provinces.province",
        ],
    ),
    (
        "forums",
        _("Forums and events"),
        [
            "forums.forumevent",
            "forums.actionplan",
            "forums.actionitem",
            "forums.participant",
            "forums.organisation",
        ],
    ),
    ("review", _("Review and imports"), ["review.revision", "imports.importlog"]),
    (
        "recognition",
        _("Product recognition"),
        [
            "recognition.entry",
            "recognition.scoresheet",
            "recognition.certificate",
            "recognition.round",
            "recognition.scheme",
            "recognition.schemeversion",
        ],
    ),
    (
        "programme",
        _("Model provinces"),
        ["forums.modelprovincedesignation", "forums.demonstrationcentre"],
    ),
    (
        "access",
        _("Users and access"),
        [
            "auth.user",
            "auth.group",
            "otp_totp.totpdevice",
            "axes.accessattempt",
            "axes.accessfailurelog",
            "axes.accesslog",
        ],
    ),
]


def is_audit_list(model) -> bool:
    """A simple-history model: the audit list of the record it describes."""
    return hasattr(model, "instance_type")


class PortalAdminSite(admin.AdminSite):
    # No navigation sidebar: it repeated the start page's lists and took 280 px from
    # every list, pushing key columns off a 1366 px laptop's screen.
    enable_nav_sidebar = False

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

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        """By task on the index and in the sidebar; an app's own page lists that app."""
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        entries = {
            entry["model"]._meta.label_lower: entry for app in app_list for entry in app["models"]
        }
        audit = [label for label, entry in entries.items() if is_audit_list(entry["model"])]
        grouped = []
        for key, name, labels in TASK_GROUPS:
            models = [entries.pop(label) for label in labels if label in entries]
            if models:
                grouped.append(self._section(key, name, models))
        for app in app_list:  # whatever no task names, in its app's section
            models = [
                entries.pop(entry["model"]._meta.label_lower)
                for entry in app["models"]
                if entry["model"]._meta.label_lower in entries
                and not is_audit_list(entry["model"])
            ]
            if models:
                grouped.append({**app, "models": models})
        if audit:
            url = reverse("admin:audit_trail", current_app=self.name)
            entry = {
                "model": None,
                "name": _("Audit trail: every change, by whom and when"),
                "object_name": "AuditTrail",
                "perms": {"view": True},
                "admin_url": url,
                "add_url": None,
                "view_only": True,
            }
            grouped.append(self._section("audit", _("Audit trail"), [entry], url=url))
        return grouped

    @staticmethod
    def _section(key: str, name, models: list[dict], url: str | None = None) -> dict:
        return {
            "name": name,
            "app_label": key,
            "app_url": url or models[0]["admin_url"] or "",
            "has_module_perms": True,
            "models": models,
        }

    def audit_trail(self, request: HttpRequest) -> HttpResponse:
        """The audit lists the user may read, by app."""
        audit = []
        for app in super().get_app_list(request):
            models = [entry for entry in app["models"] if is_audit_list(entry["model"])]
            if models:
                audit.append({**app, "models": models})
        if not audit:
            raise Http404
        request.current_app = self.name
        return TemplateResponse(
            request,
            "admin/audit_trail.html",
            {
                **self.each_context(request),
                "title": _("Audit trail"),
                "subtitle": None,
                "audit_list": audit,
            },
        )

    def get_urls(self):
        audit = path("audit/", self.admin_view(self.audit_trail), name="audit_trail")
        guarded = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            audit,
            *(
                guarded if getattr(pattern, "name", None) == "view_on_site" else pattern
                for pattern in super().get_urls()
            ),
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
