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


PRODUCER_HEADER = ["name_en", "kind", "village_code"]


@pytest.fixture
def two_provinces(db):
    from tests.factories import CommuneFactory, VillageFactory

    takeo = VillageFactory(code="21040101", commune=CommuneFactory(code="210401"))
    kampot = VillageFactory(code="07010101", commune=CommuneFactory(code="070101"))
    return takeo, kampot


def producers_csv(tmp_path, rows) -> str:
    path = tmp_path / "producers.csv"
    path.write_bytes(csv_file(PRODUCER_HEADER, rows))
    return str(path)


def test_a_provincial_official_is_refused_rows_outside_their_province(
    tmp_path, two_provinces, make_official
):
    from accounts.roles import PROVINCIAL_OFFICIAL
    from products.models import Producer

    make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")
    path = producers_csv(
        tmp_path, [["Takeo Weavers", "group", "21040101"], ["Kampot Pepper", "group", "07010101"]]
    )

    status, _out, err = run("producers", path, "--user", "takeo-official")

    assert status == 1
    assert (
        "line 3, village_code: the village lies in province 07, which is not one of yours." in err
    )
    assert Producer.objects.count() == 0
    assert ImportLog.objects.count() == 0


def test_a_provincial_officials_change_to_a_public_record_waits_for_review(
    tmp_path, two_provinces, make_official
):
    from accounts.roles import PROVINCIAL_OFFICIAL
    from review.models import Revision
    from tests.factories import ProducerFactory

    takeo, _kampot = two_provinces
    producer = ProducerFactory(village=takeo, name_en="Takeo Weavers", kind="group", live=True)
    official = make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")
    path = producers_csv(tmp_path, [["Takeo Weavers", "cooperative", "21040101"]])

    status, out, _err = run("producers", path, "--user", "takeo-official")

    assert status == 0, out
    producer.refresh_from_db()
    assert producer.kind == "group"  # the public keeps seeing the approved version
    assert Revision.objects.get().created_by == official
    assert ImportLog.objects.get().user == official


@pytest.mark.parametrize("role", ["Viewer", "National reviewer", None])
def test_a_user_the_admin_would_not_let_import_is_refused(
    tmp_path, two_provinces, make_official, role
):
    from products.models import Producer

    make_official(role, username="someone")
    path = producers_csv(tmp_path, [["Takeo Weavers", "group", "21040101"]])

    with pytest.raises(CommandError, match="someone may not import producers"):
        call_command("import_data", "producers", path, "--user", "someone")
    assert Producer.objects.count() == 0


def test_an_inactive_or_non_staff_user_is_refused(tmp_path, two_provinces, make_official):
    from accounts.roles import NATIONAL_ADMINISTRATOR

    user = make_official(NATIONAL_ADMINISTRATOR, username="former")
    user.is_active = False
    user.save()
    path = producers_csv(tmp_path, [["Takeo Weavers", "group", "21040101"]])

    with pytest.raises(CommandError, match="former may not import producers"):
        call_command("import_data", "producers", path, "--user", "former")

    user.is_active, user.is_staff = True, False
    user.save()
    with pytest.raises(CommandError, match="former may not import producers"):
        call_command("import_data", "producers", path, "--user", "former")


def test_the_summary_names_the_columns_the_file_leaves_out(tmp_path, two_provinces):
    path = producers_csv(tmp_path, [["Takeo Weavers", "group", "21040101"]])

    status, out, _err = run("producers", path)

    assert status == 0
    assert (
        "not in the file, kept as they are: name_km, slug, description_en, description_km, "
        "contact_person, phone, email, website" in out
    )
