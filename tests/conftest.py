"""Fixtures shared by every test module."""

import io

import pytest
from django.core.management import call_command


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
