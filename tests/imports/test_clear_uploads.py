"""`clear_import_uploads` deletes uploads that previews left in the shared storage."""

import os
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

HOUR = 3600


@pytest.fixture
def upload_folder(settings, tmp_path):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "django-import-export"
    folder.mkdir()
    return folder


def waiting_upload(folder, name, hours_old):
    path = folder / name
    path.write_bytes(b"province_code,province_kh,province_en\n")
    then = time.time() - hours_old * HOUR
    os.utime(path, (then, then))
    return path


def clear(*args):
    out = StringIO()
    call_command("clear_import_uploads", *args, stdout=out)
    return out.getvalue()


def test_uploads_older_than_a_day_are_removed_and_named(upload_folder, tmp_path):
    stale = waiting_upload(upload_folder, "a" * 32, hours_old=30)
    fresh = waiting_upload(upload_folder, "b" * 32, hours_old=2)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"not an upload")
    os.utime(photo, (0, 0))

    output = clear()

    assert not stale.exists()
    assert fresh.exists()
    assert photo.exists()
    assert f"django-import-export/{'a' * 32}" in output
    assert "b" * 32 not in output
    assert "1 upload(s)" in output


def test_the_age_is_given_in_hours(upload_folder):
    stale = waiting_upload(upload_folder, "c" * 32, hours_old=3)
    fresh = waiting_upload(upload_folder, "d" * 32, hours_old=1)

    clear("--older-than", "2")

    assert not stale.exists()
    assert fresh.exists()


def test_an_upload_confirmed_in_the_meantime_is_not_an_error(settings, tmp_path):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
    settings.MEDIA_ROOT = tmp_path

    assert "0 upload(s)" in clear()


@pytest.mark.parametrize("value", ["0", "-3", "a day", "nan", "inf"])
def test_a_bad_age_is_refused_and_nothing_is_removed(upload_folder, value):
    stale = waiting_upload(upload_folder, "e" * 32, hours_old=48)

    with pytest.raises(CommandError, match="positive number of hours"):
        clear("--older-than", value)

    assert stale.exists()


def test_the_system_temporary_folder_is_left_to_the_system(settings):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.TempFolderStorage"

    assert "nothing to clear" in clear()
