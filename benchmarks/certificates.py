"""Benchmark: certificate pages and PDFs under load, the stored PDF next to one rendered
on request, in one run.

    make bench-certificates                                   # SQLite, a temp file
    DATABASE_URL=postgres://.../ovop make bench-certificates  # PostgreSQL

Fills a benchmark database beside the configured one (PostgreSQL: the database's name +
"_bench_certificates" on the same server, created if missing; SQLite:
`ovop-bench-certificates.sqlite3` in the temporary folder), kept between runs: the
migrations, `load_initial_data` (the gazetteer, the demo content and the demo round's
three certificates) and `render_certificates`. Starts gunicorn as production runs it
(gunicorn.conf.py, DJANGO_DEBUG=0, BENCH_WORKERS sync workers, default 2; the page
cache in Redis at BENCH_REDIS_URL under a key prefix of its own, deleted afterwards)
and loads each address with `wrk` for BENCH_SECONDS (default 10) over BENCH_CONNECTIONS
connections (default 4):

- the verification page, from the page cache, and with a session cookie (uncached);
- the PDF as served now: the stored file, asked for with `?x=1` and a session cookie,
  which used to bypass the cache;
- the PDF rendered on request, as it was served on a cache miss before
  (`/bench/certificate-rendered/<number>/` in benchmarks/urls.py).

Prints requests per second, median and 95th-percentile latency, and the workers' CPU
time per request (user + system, read from /proc before and after each load).
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from served import ROOT, bench_database_url, manage, start_server

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
PORT = int(os.environ.get("BENCH_PORT", "8133"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SESSION = "Cookie: sessionid=someone-who-has-been-here"
TICKS = os.sysconf("SC_CLK_TCK")


def workers_cpu_seconds(server: subprocess.Popen) -> float:
    """User and system CPU time the server's workers have used so far."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def load(server: subprocess.Popen, url: str, header: str | None) -> tuple:
    """requests/s, median ms, p95 ms, failed requests and CPU ms per request."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}")
    if header:
        request.add_header(*header.split(": ", 1))
    with urllib.request.urlopen(request) as response:  # warm: the first render, if any
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    cpu_before = workers_cpu_seconds(server)
    command = [
        "wrk",
        f"-t{min(2, CONNECTIONS)}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "60s",
    ]
    command += ["-s", str(ROOT / "benchmarks" / "latency.lua")]
    command += ["-H", header] if header else []
    result = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{url}"], capture_output=True, text=True, check=True
    )
    cpu = workers_cpu_seconds(server) - cpu_before
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    rate, median, p95, errors, total = line.split()[1:]
    per_request = cpu / max(int(total), 1) * 1000
    return float(rate), float(median), float(p95), int(errors), per_request


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    static_root = tempfile.mkdtemp(prefix="ovop-bench-static-")
    media_root = os.environ.get("DJANGO_MEDIA_ROOT") or str(
        Path(tempfile.gettempdir()) / "ovop-bench-certificates-media"
    )
    prefix = f"ovop-bench-{secrets.token_hex(4)}"
    database_url = os.environ.get("BENCH_DATABASE_URL") or bench_database_url(
        "_bench_certificates"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "k" * 50,  # the same for filling and serving
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_MEDIA_ROOT": media_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_SITE_URL": f"http://127.0.0.1:{PORT}",
        "REDIS_URL": REDIS_URL,
        "OVOP_CACHE_KEY_PREFIX": prefix,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": WORKERS,
        "GUNICORN_THREADS": "1",
        "GUNICORN_ACCESS_LOG": "0",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    print("Filling the database...", file=sys.stderr)
    manage("migrate", "--no-input", env=env)
    manage("load_initial_data", env=env)
    manage("render_certificates", env=env)
    manage("collectstatic", "--no-input", env=env)
    script = (
        "from recognition.models import Certificate;"
        "print(Certificate.objects.public().order_by('number').first().number)"
    )
    number = manage("shell", "-c", script, env=env).split()[-1]
    page = f"/en/recognition/certificates/{number}/"
    cases = {
        "verification page, cached": (page, None),
        "verification page, with a cookie": (page, SESSION),
        "PDF, stored file (?x=1, cookie)": (f"{page}pdf/?x=1", SESSION),
        "PDF, rendered on request": (f"/bench/certificate-rendered/{number}/", None),
    }

    server = start_server(env, PORT)
    try:
        results = {}
        for name, (url, header) in cases.items():
            print(f"Loading {name}...", file=sys.stderr)
            results[name] = load(server, url, header)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
        shutil.rmtree(static_root, ignore_errors=True)

    print(
        f"{database_url.split(':', 1)[0]}, certificate {number} | gunicorn {WORKERS} sync"
        f" workers | wrk {CONNECTIONS} connections, {SECONDS} s each | Python"
        f" {platform.python_version()} | {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print("| address                            |    req/s |  median |     p95 | CPU/request |")
    print("|" + "-" * 36 + "|----------|---------|---------|-------------|")
    for name, (rate, median, p95, errors, cpu) in results.items():
        flag = f" ({errors} failed)" if errors else ""
        print(
            f"| {name:<34} | {rate:>8,.1f} | {median:>5.0f}ms | {p95:>5.0f}ms |"
            f" {cpu:>8.1f} ms |{flag}"
        )


if __name__ == "__main__":
    main()
