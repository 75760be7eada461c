"""Benchmark: the public pages served as production serves them, at national scale.

    make bench-serve                                    # SQLite, a file in the temp folder
    DATABASE_URL=postgres://.../ovop make bench-serve   # PostgreSQL, database ovop_bench

Fills a benchmark database beside the configured one (on PostgreSQL the same server,
the database's name + "_bench", created if missing; on SQLite `ovop-bench.sqlite3` in
the temporary folder, with its media folder `ovop-bench-media` there unless
DJANGO_MEDIA_ROOT is set), kept between runs: migrations, the national gazetteer, the demo
content and a generated catalogue of BENCH_PRODUCTS published sample products (default
20,000), all idempotent (BENCH_DATABASE_URL names another database to use instead).
Then it collects the static files and starts
gunicorn (gunicorn.conf.py, DJANGO_DEBUG=0, BENCH_WORKERS sync workers, default 2) twice,
once with the public page cache off and once with it on (Redis at BENCH_REDIS_URL,
default redis://127.0.0.1:6379/0, under a key prefix of its own, deleted afterwards).
Against each it runs `wrk` (Debian's package) for BENCH_SECONDS (default 10) per page,
with BENCH_CONNECTIONS connections (default 4), and prints one table: requests per
second, median and 95th-percentile latency, and the share of the bare view's throughput
measured in the same run (a view that does nothing, through the same middleware), plus
each worker's peak memory.
"""

from __future__ import annotations

import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from served import ROOT, bench_database_url, manage, start_server

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "20000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
PORT = int(os.environ.get("BENCH_PORT", "8132"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def page_urls() -> dict[str, str]:
    """The pages measured, found in the filled database."""
    script = (
        "from products.models import Product;"
        "p = Product.objects.published().exclude(name_en__startswith='Sample ').first();"
        "s = Product.objects.published().filter(name_en__startswith='Sample ').last();"
        "print(p.get_absolute_url()); print(s.get_absolute_url())"
    )
    demo, sample = manage("shell", "-c", script).split()[-2:]
    return {
        "bare view": "/bench/bare/",
        "home": "/en/",
        "provinces": "/en/provinces/",
        "Takeo": "/en/provinces/takeo/",
        "catalogue": "/en/products/",
        "catalogue, searched": "/en/products/?q=palm+sugar&sort=name",
        "catalogue, Khmer": "/km/products/?sort=province",
        "product (demo)": demo,
        "product (sample)": sample,
        "sitemap index": "/sitemap.xml",
        "products sitemap, page 20": "/sitemap-products.xml?p=20",
    }


def worker_peak_mb(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    peaks = []
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) // 1024)
    return peaks


def load(url: str) -> tuple[float, float, float, int]:
    """requests/s, median ms, p95 ms and failed requests of `wrk` against `url`."""
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, CONNECTIONS)}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "-s",
            str(ROOT / "benchmarks" / "latency.lua"),
            f"http://127.0.0.1:{PORT}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    rate, median, p95, errors, _total = line.split()[1:]
    return float(rate), float(median), float(p95), int(errors)


def measure(env: dict[str, str], pages: dict[str, str]) -> tuple[dict, list[int]]:
    server = start_server(env, PORT)
    try:
        results = {}
        for name, url in pages.items():
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}") as response:
                if response.status != 200:
                    raise SystemExit(f"{url} answered {response.status}")
            results[name] = load(url)
        return results, worker_peak_mb(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    static_root = tempfile.mkdtemp(prefix="ovop-bench-static-")
    # The demo content's photos are written when the database is filled: fill and serve
    # with the same media folder (kept beside the benchmark's database).
    media_root = os.environ.get("DJANGO_MEDIA_ROOT") or str(
        Path(tempfile.gettempdir()) / "ovop-bench-media"
    )
    os.environ["DJANGO_MEDIA_ROOT"] = media_root
    prefix = f"ovop-bench-{secrets.token_hex(4)}"
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_MEDIA_ROOT": media_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": WORKERS,
        "GUNICORN_THREADS": "1",
        "GUNICORN_ACCESS_LOG": "0",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    database_url = os.environ.get("BENCH_DATABASE_URL") or bench_database_url("_bench")
    base["DATABASE_URL"] = database_url
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ovop.settings", "DATABASE_URL": database_url})
    print("Filling the database...", file=sys.stderr)
    manage("migrate", "--no-input")
    manage("load_initial_data")
    manage("generate_catalogue", "--products", str(PRODUCTS))
    manage("createcachetable", env=base)
    manage("collectstatic", "--no-input", env=base)
    pages = page_urls()

    print("Serving uncached...", file=sys.stderr)
    uncached, memory_uncached = measure(
        {**base, "OVOP_PUBLIC_CACHE_SECONDS": "0", "REDIS_URL": ""}, pages
    )
    print("Serving cached (Redis)...", file=sys.stderr)
    try:
        cached, memory_cached = measure(
            {**base, "REDIS_URL": REDIS_URL, "OVOP_CACHE_KEY_PREFIX": prefix}, pages
        )
    finally:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
        shutil.rmtree(static_root, ignore_errors=True)

    database = database_url.split(":", 1)[0]
    print(
        f"{database}, {PRODUCTS:,} sample products | gunicorn {WORKERS} sync workers"
        f" | wrk {CONNECTIONS} connections, {SECONDS} s a page | Python"
        f" {platform.python_version()} | {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print(
        "| page                       |  uncached req/s  share  median    p95 |"
        "   cached req/s  share  median    p95 |"
    )
    print("|" + "-" * 28 + "|" + "-" * 38 + "|" + "-" * 38 + "|")
    bare = {"u": uncached["bare view"][0], "c": cached["bare view"][0]}
    for name in pages:
        cells = []
        for results, key in ((uncached, "u"), (cached, "c")):
            rate, median, p95, errors = results[name]
            flag = f" ({errors} failed)" if errors else ""
            cells.append(
                f" {rate:>15,.1f} {rate / bare[key]:>6.1%} {median:>6.1f}ms {p95:>5.0f}ms{flag}"
            )
        print(f"| {name:<26} |" + " |".join(cells) + " |")
    print(f"Worker peak memory (MB): uncached {memory_uncached}, cached {memory_cached}")


if __name__ == "__main__":
    main()
