"""The task queue and the site address, as the environment sets them: a laptop needs no
broker (tasks run in the request), production queues on REDIS_URL's Redis unless
CELERY_BROKER_URL says otherwise, and `check --deploy` names what is missing."""

import pytest

from tests.portal.test_settings import PRODUCTION, collected_static_root, manage

TASK_SETTINGS = (
    "from django.conf import settings as s\n"
    "from ovop import celery_app as app\n"
    "print(app.conf.broker_url or '-', app.conf.task_always_eager, app.conf.task_acks_late,"
    " app.conf.broker_transport_options['global_keyprefix'], s.SITE_URL or '-', sep='|')\n"
)


def task_settings(**env: str) -> list[str]:
    result = manage(
        "shell", "-c", TASK_SETTINGS, **{"REDIS_URL": "", "CELERY_BROKER_URL": "", **env}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


def test_on_a_laptop_tasks_run_in_the_request_and_links_name_the_development_server():
    # No network broker: kombu's in-process transport, which tasks run eagerly never use.
    assert task_settings() == [
        "memory://localhost/",
        "True",
        "True",
        "ovop-tasks:",
        "http://127.0.0.1:8000",
    ]


def test_the_broker_is_redis_url_unless_celery_broker_url_names_another():
    on_redis = task_settings(REDIS_URL="redis://cache.internal:6379/0")
    own = task_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        CELERY_BROKER_URL="redis://queue.internal:6379/0",
        OVOP_TASK_KEY_PREFIX="staging-tasks:",
    )

    assert on_redis[:2] == ["redis://cache.internal:6379/0", "False"]
    assert own[:2] == ["redis://queue.internal:6379/0", "False"]
    assert own[3] == "staging-tasks:"


def test_the_site_address_comes_from_the_environment_without_a_trailing_slash():
    assert task_settings(DJANGO_SITE_URL="https://ovop.example.org:8443/")[4] == (
        "https://ovop.example.org:8443"
    )


@pytest.mark.parametrize(
    "value",
    ["ovop.example.org", "ftp://ovop.example.org", "https://ovop.example.org/portal/", "https://"],
)
def test_a_site_address_that_is_not_a_scheme_and_host_is_refused(value):
    result = manage("check", DJANGO_SITE_URL=value)

    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be the portal's scheme and host" in result.stderr


def test_the_deployment_check_warns_without_a_site_address_or_a_broker(tmp_path):
    static = {"DJANGO_STATIC_ROOT": collected_static_root(tmp_path / "static")}
    bare = {k: v for k, v in PRODUCTION.items() if k not in {"DJANGO_SITE_URL"}}
    missing = manage(
        "check", "--deploy", **{**bare, **static, "CELERY_BROKER_URL": "", "REDIS_URL": ""}
    )
    elsewhere = manage(
        "check", "--deploy", **{**PRODUCTION, **static, "DJANGO_SITE_URL": "https://other.org"}
    )

    assert "portal.W004" in missing.stderr and "DJANGO_SITE_URL is not set" in missing.stderr
    assert "portal.W006" in missing.stderr and "celery -A ovop worker" in missing.stderr
    assert "portal.W005" in elsewhere.stderr and "other.org" in elsewhere.stderr
