"""Every admin page an official can reach loads, with the demo content in place."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from provinces.models import District

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def demo_content(national_gazetteer):
    call_command("load_initial_data", stdout=io.StringIO())
    Group.objects.get_or_create(name="Example group")


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_changelist_loads(admin_client, demo_content):
    failures = {}
    for model, _model_admin in REGISTERED:
        response = admin_client.get(admin_url(model, "changelist"))
        if response.status_code != 200:
            failures[model._meta.label] = response.status_code

    assert failures == {}


def test_every_change_page_loads(admin_client, demo_content):
    failures, missing = {}, []
    for model, model_admin in REGISTERED:
        obj = model_admin.get_queryset(admin_client.request().wsgi_request).first()
        if obj is None:
            missing.append(model._meta.label)
            continue
        response = admin_client.get(admin_url(model, "change", obj.pk))
        if response.status_code != 200:
            failures[model._meta.label] = response.status_code

    assert failures == {}
    # Users are created by the test; every programme model has demo rows to open.
    # Lockout records, the audit of province assignments and the editions of the
    # Ministry's list (made by `import_data --edition` only) and officials'
    # authenticator apps (set up at sign-in) start empty.
    starts_empty = {
        "otp_totp.TOTPDevice",
        "accounts.HistoricalProvinceAssignment",
        "provinces.GazetteerEdition",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
    }
    assert set(missing) <= starts_empty


def test_every_add_page_loads_where_adding_is_allowed(admin_client, demo_content):
    failures = {}
    for model, model_admin in REGISTERED:
        if not model_admin.has_add_permission(admin_client.request().wsgi_request):
            continue
        response = admin_client.get(admin_url(model, "add"))
        if response.status_code != 200:
            failures[model._meta.label] = response.status_code

    assert failures == {}


def test_search_finds_records_by_code_and_by_both_names(admin_client, demo_content):
    url = admin_url(District, "changelist")

    for term in ["2104", "Kiri Vung", "គីរីវង់"]:
        response = admin_client.get(url, {"q": term})
        assert "2104" in response.content.decode(), term


def test_admin_pages_bring_the_portals_own_khmer_font(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "css/khmer-font.css" in page
    assert "css/admin.css" in page
