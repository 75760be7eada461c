"""Imports leave the audit trail: one entry per created or changed record, with its author."""

import io

import pytest
from django.urls import reverse

from provinces.models import Village
from tests.factories import CommuneFactory

from .conftest import do_import, village, villages_file

pytestmark = pytest.mark.django_db


def test_every_created_village_gets_one_creation_entry_copying_its_fields(commune):
    do_import("villages", villages_file([village("21040101"), village("21040102", "Other")]))

    entries = Village.history.order_by("code")
    assert [(e.history_type, e.code, e.name_en, e.commune_id) for e in entries] == [
        ("+", "21040101", "Phum", "210401"),
        ("+", "21040102", "Other", "210401"),
    ]
    assert {e.id for e in entries} == set(Village.objects.values_list("pk", flat=True))


def test_an_unchanged_reimport_adds_no_entries_and_a_rename_adds_one(commune):
    do_import("villages", villages_file([village("21040101")]))
    do_import("villages", villages_file([village("21040101")]))
    assert Village.history.count() == 1

    do_import("villages", villages_file([village("21040101", name_en="Renamed")]))

    latest = Village.history.latest()
    assert (Village.history.count(), latest.history_type, latest.name_en) == (2, "~", "Renamed")
    assert latest.changed_fields == "name_en"  # the slug stays: links keep working


def test_admin_imports_record_who_made_the_changes(admin_client, superuser):
    CommuneFactory(code="210401")
    file = io.BytesIO(villages_file([village("21040101")]))
    file.name = "villages.csv"
    preview = admin_client.post(reverse("admin:provinces_village_import"), {"import_file": file})
    form = preview.context["confirm_form"]
    admin_client.post(
        reverse("admin:provinces_village_process_import"),
        {name: form[name].value() for name in form.fields},
    )

    assert Village.history.get().history_user == superuser
