"""Model and form fields shared by the portal's apps.

`form_field_for` is the one place that says which form field checks a model field's
values: the admin's forms and the imports both build their fields through it, so
they accept, refuse and normalise exactly the same values.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from portal.text import normalise_text, text_problem


class WebsiteField(models.URLField):
    """A web address; typed without a scheme, it is taken to be https://."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class TextFormField(forms.CharField):
    """Text as the portal stores it: NFC, invisible characters trimmed at the ends;
    text of only invisible characters, or with control characters, is refused."""

    def __init__(self, *, multiline: bool = False, **kwargs) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if isinstance(value, str) else value

    def validate(self, value) -> None:
        if isinstance(value, str):
            problem = text_problem(value, multiline=self.multiline)
            if problem:
                raise ValidationError(problem, code="invisible")
        super().validate(value)


def is_plain_text(db_field: models.Field) -> bool:
    """A free-text field (not an email, a URL, a slug or a choice)."""
    return type(db_field) in (models.CharField, models.TextField) and not db_field.choices


def form_field_options(db_field: models.Field) -> dict:
    """What the admin passes to `db_field.formfield()` beyond its own defaults."""
    if is_plain_text(db_field):
        return {"form_class": TextFormField, "multiline": isinstance(db_field, models.TextField)}
    return {}


def form_field_for(db_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field that checks `db_field`'s values, as the admin builds it."""
    if "form_class" not in kwargs:
        kwargs = {**form_field_options(db_field), **kwargs}
    return db_field.formfield(**kwargs)


class NormalisedTextAdminMixin:
    """For every admin: free-text fields are built by `form_field_for`, so what an
    official types is normalised and checked exactly as an imported cell is."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if "form_class" not in kwargs:  # a form's own field class (a username) stays
            kwargs = {**form_field_options(db_field), **kwargs}
        return super().formfield_for_dbfield(db_field, request, **kwargs)
