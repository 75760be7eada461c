"""Production settings: reached through environment variables, checked by Django itself."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "ovop.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def collected_static_root(path: Path) -> str:
    """A STATIC_ROOT as collectstatic leaves it, as far as the checks look."""
    path.mkdir(exist_ok=True)
    (path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    return str(path)


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    static_root = collected_static_root(tmp_path / "static")
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_STATIC_ROOT=static_root,
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_portal_refuses_to_start_without_a_secret_key_in_production():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = manage("check", **env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_a_mistyped_boolean_is_refused_not_guessed():
    result = manage("check", DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_on_sqlite_writers_wait_their_turn_and_readers_do_not_wait(tmp_path):
    database = tmp_path / "portal.sqlite3"
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('PRAGMA journal_mode')\n"
        "print(cursor.fetchone()[0], connection.settings_dict['OPTIONS'])\n"
    )
    result = manage("shell", "-c", script, DATABASE_URL=f"sqlite:///{database}")

    assert result.returncode == 0, result.stderr
    mode, options = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert mode == "wal"
    assert "'transaction_mode': 'IMMEDIATE'" in options
    assert "'timeout': 20" in options


def test_starting_without_collected_static_files_warns_and_names_the_step(tmp_path):
    result = manage("check", DJANGO_STATIC_ROOT=str(tmp_path / "empty"), **PRODUCTION)

    assert "portal.W001" in result.stderr
    assert "python manage.py collectstatic" in result.stderr
