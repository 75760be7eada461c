"""The audit trail: every create, change and delete of a programme record, kept by
django-simple-history with who did it, when, and which fields changed.

Each audited model declares `history = audit_trail()`. Its historical records carry
`changed_fields`, worked out once when the record is written (against the previous
record of the same object), so the searchable list of changes needs no diffing.
Set-based writers record history through simple-history's bulk helpers
(`bulk_create_with_history` / `bulk_update_with_history`), which send no signals:
they pass `changed_fields` themselves.
"""

from __future__ import annotations

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# Bookkeeping fields that change on every save, or follow from other fields, and say
# nothing about the change.
IGNORED_FIELDS = {"updated_at", "search_text"}


class ChangedFields(models.Model):
    changed_fields = models.CharField(
        _("fields changed"),
        max_length=1000,
        blank=True,
        editable=False,
        help_text=_("The fields this change altered, by name."),
    )

    class Meta:
        abstract = True


def audit_trail(**kwargs) -> HistoricalRecords:
    """The history descriptor every audited model uses."""
    return HistoricalRecords(bases=[ChangedFields], **kwargs)


def changed_field_names(previous: models.Model, current: models.Model) -> list[str]:
    """Names of the tracked fields whose values differ between two historical records."""
    return [
        field.name
        for field in current.instance_type._meta.concrete_fields
        if field.name not in IGNORED_FIELDS
        and hasattr(previous, field.attname)
        and getattr(previous, field.attname) != getattr(current, field.attname)
    ]


@receiver(pre_create_historical_record)
def record_changed_fields(sender, instance, history_instance, **kwargs) -> None:
    if not isinstance(history_instance, ChangedFields) or history_instance.history_type != "~":
        return
    previous = (
        sender._default_manager.filter(**{instance._meta.pk.attname: instance.pk})
        .order_by("-history_date", "-history_id")
        .first()
    )
    if previous is not None:
        names = changed_field_names(previous, history_instance)
        history_instance.changed_fields = ", ".join(names)[:1000]
