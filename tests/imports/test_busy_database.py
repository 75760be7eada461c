"""When the database stays busy (SQLite's one writer at a time), an import says so and
writes nothing; it never ends in a traceback."""

import pytest
from django.db import OperationalError

from imports.definitions import definition_for_model
from imports.models import ImportLog
from provinces.models import Village

from .conftest import do_import, village, villages_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages_definition():
    return definition_for_model(Village)


def test_an_import_that_waited_too_long_for_the_database_says_try_again(
    commune, monkeypatch, villages_definition
):
    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(type(villages_definition), "write", busy)

    report = do_import("villages", villages_file([village("21040101")]))

    assert not report.ok
    assert [str(error) for error in report.errors] == [
        "Another import is running and the database stayed busy; try again in a minute."
    ]
    assert not report.written
    assert Village.objects.count() == 0
    assert ImportLog.objects.count() == 0


def test_any_other_database_failure_is_not_disguised_as_busy(
    commune, monkeypatch, villages_definition
):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(type(villages_definition), "write", broken)

    with pytest.raises(OperationalError, match="disk I/O error"):
        do_import("villages", villages_file([village("21040101")]))
