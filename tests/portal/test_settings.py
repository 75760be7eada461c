"""Production settings: reached through environment variables, checked by Django itself."""

import os
import subprocess
import sys
from pathlib import Path

from tests.portal.redis_support import RedisServer

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "ovop.example.org",
    "DJANGO_EMAIL_HOST": "mail.ovop.example.org",
    "DJANGO_DEFAULT_FROM_EMAIL": "OVOP Cambodia <no-reply@ovop.example.org>",
    "DJANGO_SITE_URL": "https://ovop.example.org",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
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


def test_the_deployment_check_warns_when_reset_mails_would_not_reach_officials(tmp_path):
    static = {"DJANGO_STATIC_ROOT": collected_static_root(tmp_path / "static")}
    console = manage(
        "check",
        "--deploy",
        **{**PRODUCTION, **static},
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    without_sender = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_DEFAULT_FROM_EMAIL"}
    unnamed = manage("check", "--deploy", **without_sender, **static)

    assert "portal.W002" in console.stderr and "Mail is not sent" in console.stderr
    assert "portal.W003" in unnamed.stderr and "webmaster@localhost" in unnamed.stderr


def test_the_deployment_check_warns_when_redis_may_grow_without_bound(tmp_path):
    env = {**PRODUCTION, "DJANGO_STATIC_ROOT": collected_static_root(tmp_path / "static")}
    unbounded = RedisServer(tmp_path)
    bounded = RedisServer(tmp_path, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
    try:
        unbounded.start()
        bounded.start()
        without_limit = manage("check", "--deploy", REDIS_URL=unbounded.url, **env)
        with_limit = manage("check", "--deploy", REDIS_URL=bounded.url, **env)
    finally:
        unbounded.stop()
        bounded.stop()

    assert "portal.W105" in without_limit.stderr
    assert "maxmemory is unset, maxmemory-policy is noeviction" in without_limit.stderr
    assert "portal.W105" not in with_limit.stderr, with_limit.stderr


def test_the_deployment_check_warns_when_queued_mail_shares_the_caches_evicting_redis(tmp_path):
    env = {**PRODUCTION, "DJANGO_STATIC_ROOT": collected_static_root(tmp_path / "static")}
    shared = manage(
        "check",
        "--deploy",
        **{**env, "REDIS_URL": "redis://127.0.0.1:6379/1", "CELERY_BROKER_URL": ""},
    )
    apart = manage(
        "check",
        "--deploy",
        **{
            **env,
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6380/0",
        },
    )

    assert "portal.W007" in shared.stderr and "could be evicted" in shared.stderr
    assert "portal.W007" not in apart.stderr, apart.stderr


MAIL_SETTINGS = (
    "from django.conf import settings as s\n"
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS,"
    " s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL, s.PASSWORD_RESET_MAILS_PER_HOUR, sep='|')\n"
)


def mail_settings(**env: str) -> list[str]:
    result = manage("shell", "-c", MAIL_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


def test_mail_is_printed_on_the_console_while_debugging():
    backend, *_rest = mail_settings()

    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_in_production_mail_goes_by_smtp_as_the_environment_says():
    assert mail_settings(**PRODUCTION)[0] == "django.core.mail.backends.smtp.EmailBackend"

    configured = mail_settings(
        **{
            **PRODUCTION,
            "DJANGO_EMAIL_HOST": "smtp.example.org",
            "DJANGO_EMAIL_PORT": "587",
            "DJANGO_EMAIL_HOST_USER": "ovop",
            "DJANGO_EMAIL_USE_TLS": "1",
            "DJANGO_PASSWORD_RESET_MAILS_PER_HOUR": "5",
        }
    )

    assert configured == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "ovop",
        "True",
        "10",
        "OVOP Cambodia <no-reply@ovop.example.org>",
        "5",
    ]


def test_mail_over_both_tls_and_ssl_is_refused():
    result = manage("check", DJANGO_EMAIL_USE_TLS="1", DJANGO_EMAIL_USE_SSL="1")

    assert result.returncode != 0
    assert "not both" in result.stderr
