"""Fixtures shared by every test module.

Two things keep the suite fast by construction. Users get a fast password hasher:
the production hasher's million iterations prove nothing here. The national
gazetteer (about 16,000 rows and their audit trail) is loaded once per session,
inside a transaction that stays open while the tests that ask for it run, each in
a savepoint that is rolled back; those tests run one after another, and the
transaction is rolled back before any other test starts, so no other test ever
sees the gazetteer.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

GAZETTEER_FIXTURE = "national_gazetteer"

# Fixtures shared beyond one folder, kept in modules of their own.
pytest_plugins = ["tests.task_queue"]


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """MD5 instead of PBKDF2's million rounds, as cookiecutter-django does, so tests run faster."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the test before it activated.

    A request to a Khmer page leaves Khmer active in the thread after the response.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@dataclass
class LoadedGazetteer:
    """The gazetteer's open transaction, and what `load_gazetteer` printed when it ran."""

    blocker: object
    output: str = ""
    atomic: transaction.Atomic | None = None

    def open(self) -> None:
        """Load the gazetteer in a transaction that the tests' own savepoints nest in."""
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            # Marked as the test framework's own, so code that asks for a durable
            # transaction behaves as it does in any other test.
            self.atomic._from_testcase = True
            self.atomic.__enter__()
            output = io.StringIO()
            call_command("load_gazetteer", stdout=output)
            self.output = output.getvalue()

    def close(self) -> None:
        """Roll the gazetteer back: the database is as empty as the migrations left it."""
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


_loaded: LoadedGazetteer | None = None


def uses_gazetteer(item: pytest.Item) -> bool:
    return GAZETTEER_FIXTURE in getattr(item, "fixturenames", ())


def in_rolled_back_transaction(item: pytest.Item) -> bool:
    """Whether pytest-django runs the test in a transaction it rolls back (not flushes)."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    flushed = "transactional_db" in fixtures or "live_server" in fixtures
    if marker is not None:
        flushed = flushed or bool(
            marker.kwargs.get("transaction")
            or marker.kwargs.get("reset_sequences")
            or (marker.args and marker.args[0])
        )
    return not flushed and (marker is not None or "db" in fixtures)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the gazetteer's tests together, so it is loaded once.

    pytest-django has already put the tests that run in a rolled-back transaction
    first; the gazetteer's go at the end of those, before the tests that flush the
    database.
    """
    gazetteer = [item for item in items if uses_gazetteer(item)]
    if not gazetteer:
        return
    others = [item for item in items if not uses_gazetteer(item)]
    boundary = next(
        (i for i, item in enumerate(others) if not in_rolled_back_transaction(item)),
        len(others),
    )
    items[:] = others[:boundary] + gazetteer + others[boundary:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of a test: reopen the gazetteer for it, or roll it back."""
    if _loaded is None:
        return  # not loaded yet; the session fixture loads it when first asked
    if uses_gazetteer(item):
        _loaded.open()
    else:
        _loaded.close()


@pytest.fixture(scope="session")
def loaded_gazetteer(django_db_setup, django_db_blocker):
    """Session-scoped, so pytest sets it up before the test's own transaction begins."""
    global _loaded
    _loaded = LoadedGazetteer(django_db_blocker)
    _loaded.open()
    yield _loaded
    _loaded.close()
    _loaded = None


@pytest.fixture(autouse=True)
def _public_page_cache_off(settings):
    """Pages are rendered afresh in tests: a test's writes never commit, so they would
    never make a cached page stale. tests/portal/test_page_cache.py turns it on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Officials sign in with their passwords alone, as on a laptop, whatever DJANGO_DEBUG
    says; tests/accounts/test_two_factor.py and the browser's turn the second factor on."""
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture
def without_nul_guard(settings):
    """The site without portal.middleware.NulCharacterMiddleware, which answers a NUL in
    the address, the query or the cookies with 400 before any view: for tests of what
    the layers below it (converters, forms, searches, the admin's checks) do with one
    on their own (docs/decisions/0111)."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "portal.middleware.NulCharacterMiddleware"
    ]


@pytest.fixture
def page_cache(settings):
    """The page cache on, in this process's memory, empty."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"page-cache-test-{uuid.uuid4().hex}",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def national_gazetteer(loaded_gazetteer, db) -> io.StringIO:
    """The full national gazetteer, as `load_gazetteer` leaves it in an empty database.

    Loaded once per session; changes a test makes are rolled back after it. Returns
    what the loader printed.
    """
    assert loaded_gazetteer.atomic is not None, "the gazetteer's transaction is not open"
    return io.StringIO(loaded_gazetteer.output)


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
