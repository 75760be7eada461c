"""Fixtures shared by every test module."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _public_page_cache_off(settings):
    """Pages are rendered afresh in tests: a test's writes never commit, so they would
    never make a cached page stale. tests/portal/test_page_cache.py turns it on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def national_gazetteer(db) -> io.StringIO:
    """The full national gazetteer, loaded inside the test's transaction.

    Returns what the loader printed.
    """
    output = io.StringIO()
    call_command("load_gazetteer", stdout=output)
    return output


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="national-admin", email="admin@example.org", password="a-long-test-password"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def make_official(db, django_user_model):
    """Builds a staff user holding a role (see accounts/roles.py), in the given provinces."""
    from django.contrib.auth.models import Group

    from accounts.models import ProvinceAssignment

    def make(role: str | None, provinces: tuple[str, ...] = (), username: str = "") -> object:
        user = django_user_model.objects.create_user(
            username=username or f"user-{django_user_model.objects.count() + 1}",
            password="a-long-test-password",
            is_staff=True,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        for code in provinces:
            ProvinceAssignment.objects.create(user=user, province_id=code)
        return user

    return make
