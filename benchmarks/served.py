"""What the benchmarks that serve the portal through gunicorn share: a database of
their own beside the configured one, `manage.py` run as a child process, and a
gunicorn started as production runs it (gunicorn.conf.py), waited for until it answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def bench_database_url(suffix: str) -> str:
    """The benchmark's own database, named with `suffix` beside the configured one;
    created if missing (PostgreSQL), or a file in the temporary folder (SQLite)."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        file_name = "ovop" + suffix.replace("_", "-") + ".sqlite3"
        return f"sqlite:///{Path(tempfile.gettempdir()) / file_name}"
    server, name = configured.rsplit("/", 1)
    name = name.split("?", 1)[0] + suffix
    import psycopg2

    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{server}/{name}"


def manage(*args: str, env: dict[str, str] | None = None) -> str:
    """Run `manage.py` with `env` (default: this process's); stop the benchmark if it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or os.environ,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn with the project's configuration, once its bare view answers on `port`."""
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py", "ovop.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer")
