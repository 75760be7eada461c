"""Which records a user reaches: every province, or only the ones assigned to them.

One rule, applied everywhere: a user who may work in all provinces (superusers and
the national roles) reaches every record; anyone else reaches only records that lie
in a province assigned to them. Where a record lies is a path from its model to the
province, written once in PROVINCE_PATHS, and used both to filter querysets (lists,
autocomplete, actions, export, related-field choices) and to check a single record
(change, delete and history pages, and forms before they save).

Models in NATIONAL_MODELS belong to no province (categories, organisations, users):
every user with the model permission reaches all of them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Model, QuerySet

from accounts.models import ProvinceAssignment
from accounts.roles import ALL_PROVINCES

PROVINCE_PATHS: dict[str, str] = {
    "provinces.province": "code",
    "provinces.district": "province",
    "provinces.commune": "district__province",
    "provinces.village": "commune__district__province",
    "provinces.flaggedvillage": "commune__district__province",
    "products.producer": "village__commune__district__province",
    "products.product": "village__commune__district__province",
    "products.productphoto": "product__village__commune__district__province",
    "forums.forumevent": "province",
    "forums.eventorganisation": "event__province",
    "forums.participant": "event__province",
    "forums.actionplan": "event__province",
    "forums.actionitem": "plan__event__province",
    "forums.modelprovincedesignation": "province",
    "forums.demonstrationcentre": "district__province",
    "accounts.provinceassignment": "province",
    "review.revision": "province",
    "recognition.entry": "product__village__commune__district__province",
    "recognition.scoresheet": "entry__product__village__commune__district__province",
    "recognition.score": "sheet__entry__product__village__commune__district__province",
    "recognition.certificate": "product__village__commune__district__province",
}

NATIONAL_MODELS: set[str] = {
    "products.category",
    "forums.organisation",
    "auth.user",
    "auth.group",
    "admin.logentry",
    "imports.importlog",
    "provinces.gazetteeredition",  # a whole national list
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    # Schemes and rounds are the programme's, read by all; a provincial round's entries
    # are scoped through their products.
    "recognition.scheme",
    "recognition.schemeversion",
    "recognition.section",
    "recognition.criterion",
    "recognition.starband",
    "recognition.round",
}

_CACHE_ATTRIBUTE = "_ovop_provinces"


def _label(model: type[Model]) -> str:
    # A historical model (the audit trail) lies where the record it describes lies.
    model = getattr(model, "instance_type", model)
    return model._meta.label_lower


def is_scoped(model: type[Model]) -> bool:
    return _label(model) in PROVINCE_PATHS


def province_path(model: type[Model]) -> str:
    try:
        return PROVINCE_PATHS[_label(model)]
    except KeyError:
        raise ImproperlyConfigured(
            f"{_label(model)} has no province path in accounts.scoping.PROVINCE_PATHS."
        ) from None


def provinces_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[str] | None:
    """Codes of the provinces the user works in, or None for every province."""
    if not user.is_active:
        return frozenset()
    if user.is_superuser or user.has_perm(ALL_PROVINCES):
        return None
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(
            ProvinceAssignment.objects.filter(user_id=user.pk).values_list(
                "province_id", flat=True
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def scope_queryset(queryset: QuerySet, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """The part of the queryset the user reaches."""
    if not is_scoped(queryset.model):
        return queryset
    provinces = provinces_of(user)
    if provinces is None:
        return queryset
    return queryset.filter(**{f"{province_path(queryset.model)}__in": provinces})


def province_code_of(obj: Model) -> str | None:
    """The code of the province the record lies in, or None if it lies in none (yet)."""
    parts = province_path(type(obj)).split("__")
    try:
        for part in parts[:-1]:
            obj = getattr(obj, part)
            if obj is None:
                return None
    except ObjectDoesNotExist:
        return None
    last = obj._meta.get_field(parts[-1])
    return getattr(obj, last.attname)


def reaches(user: AbstractBaseUser | AnonymousUser, obj: Model | None) -> bool:
    """Whether the user reaches this record (True for no record or a national one)."""
    if obj is None or not is_scoped(type(obj)):
        return True
    provinces = provinces_of(user)
    return provinces is None or province_code_of(obj) in provinces
