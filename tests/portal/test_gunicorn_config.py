"""gunicorn as production runs it (gunicorn.conf.py): its settings hold as documented."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_log(access_log: str) -> str:
    """What gunicorn writes while it answers one request for /robots.txt."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")},
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": access_log,
    }
    server = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "ovop.wsgi"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
        time.sleep(0.5)  # the access line is written after the response
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    return output


def test_the_access_log_is_written_by_default_and_off_with_gunicorn_access_log_0():
    assert 'GET /robots.txt HTTP/1.1\\" 200' in served_log("1")  # a JSON line
    assert "/robots.txt" not in served_log("0")
