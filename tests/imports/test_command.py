"""`manage.py import_data`: a summary on success, errors on stderr and exit status 1 otherwise."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from imports.models import ImportLog
from provinces.models import Province

from .conftest import csv_file, villages_file

pytestmark = pytest.mark.django_db

HEADER = ["province_code", "province_kh", "province_en"]


def run(*args) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", *args, stdout=stdout, stderr=stderr)
    except SystemExit as exit:
        return exit.code, stdout.getvalue(), stderr.getvalue()
    return 0, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def provinces_csv(tmp_path):
    path = tmp_path / "provinces.csv"
    path.write_bytes(csv_file(HEADER, [["21", "តាកែវ", "Takeo"], ["02", "បាត់ដំបង", "Battambang"]]))
    return path


def test_a_good_file_exits_zero_with_a_summary(provinces_csv):
    status, out, err = run("provinces", str(provinces_csv))

    assert status == 0
    assert "provinces: 2 rows: 2 new, 0 updated, 0 unchanged, 0 invalid; 0 warnings" in out
    assert err == ""
    assert Province.objects.count() == 2


def test_a_bad_file_exits_non_zero_with_its_errors_on_stderr(tmp_path):
    path = tmp_path / "provinces.csv"
    path.write_bytes(csv_file(HEADER, [["21", "តាកែវ", "Takeo"], ["2", "បាត់ដំបង", ""]]))

    status, out, err = run("provinces", str(path))

    assert status == 1
    assert "provinces.csv: line 3, province_code: 2 has 1 digits" in err
    assert "provinces.csv: line 3, province_en: this value is required but empty." in err
    assert "refused, nothing was written (2 errors)" in err
    assert "1 invalid" in out
    assert Province.objects.count() == 0


def test_dry_run_counts_but_writes_nothing(provinces_csv):
    status, out, _err = run("provinces", str(provinces_csv), "--dry-run")

    assert status == 0
    assert "2 new" in out
    assert "Dry run: nothing was written." in out
    assert Province.objects.count() == 0
    assert ImportLog.objects.count() == 0


def test_strict_exits_non_zero_for_warnings(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_bytes(villages_file([["21", "2104", "210401", "2104011", "ភូមិ", "Phum"]]))

    status, out, err = run("villages", str(path), "--create-missing-parents")
    assert status == 0
    assert "warning: line 2, village_code: 2104011 has 7 digits" in out

    status, _out, err = run("villages", str(path), "--create-missing-parents", "--strict")
    assert status == 1
    assert "line 2, village_code: 2104011 has 7 digits" in err


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_data", "provinces", str(tmp_path / "nowhere.csv"))


def test_an_unknown_model_is_refused(provinces_csv):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_data", "hamlets", str(provinces_csv))


def test_the_log_records_the_command_and_the_user_named(provinces_csv, superuser):
    status, _out, _err = run("provinces", str(provinces_csv), "--user", superuser.username)

    assert status == 0
    log = ImportLog.objects.get()
    assert (log.source, log.user, log.file_name, log.created) == (
        "command",
        superuser,
        "provinces.csv",
        2,
    )
    assert log.checksum == hashlib.sha256(provinces_csv.read_bytes()).hexdigest()


def test_an_unknown_user_is_a_command_error(provinces_csv):
    with pytest.raises(CommandError, match="No user is called nobody"):
        call_command("import_data", "provinces", str(provinces_csv), "--user", "nobody")
    assert ImportLog.objects.count() == 0
