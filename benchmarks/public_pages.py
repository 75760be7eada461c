"""Benchmark: how long each public page takes, and how many queries it runs, as the
catalogue grows.

    make bench-public                                   # SQLite, a throwaway file
    DATABASE_URL=postgres://... make bench-public       # PostgreSQL, a throwaway database

Creates a throwaway database beside the configured one (as the test runner does) and
a throwaway media folder, builds Takeo with a Kirivong showcase product and event
(the tests' scenario), then for each catalogue size in SIZES (default 200 and 2,000
published products with a photo each, all in one village so that every place page
sees them all) requests every kind of public page ROUNDS times (default 20) through
Django's test client, after one warm-up request that makes the photo renditions.

Prints, per page and size, the number of SQL queries and the median time in
milliseconds. Query counts must not change with size (the tests assert it); times
include template rendering but no network.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="ovop-bench-media-"))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "200,2000").split(",")]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # The test client's host name; no other test machinery, which would slow rendering.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # Rendering is measured here, not the page cache (benchmarks/serving.py measures that).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    if connection.vendor == "sqlite":
        # An on-disk file, as in use; the test runner would default to memory.
        settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(connection)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(client, connection, url: str) -> tuple[int, float]:
    """Queries of one request and the median milliseconds of ROUNDS requests."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)  # warm-up: makes any missing photo renditions
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return len(queries), statistics.median(times)


def run(connection) -> None:
    from django.test import Client

    from tests.public.support import add_products
    from tests.scenarios import build_takeo

    takeo = build_takeo()
    pages = {
        "home": "/en/",
        "provinces": "/en/provinces/",
        "province": takeo.province.get_absolute_url(),
        "district": takeo.district.get_absolute_url(),
        "commune": takeo.commune.get_absolute_url(),
        "village": takeo.village.get_absolute_url(),
        "catalogue": "/en/products/",
        "catalogue, searched": "/en/products/?q=product&province=takeo&sort=name",
        "catalogue, Khmer": "/km/products/?sort=name",
        "catalogue, 3+ stars": "/en/products/?stars=3",
        "catalogue, by stars": "/en/products/?sort=stars",
        "producer": takeo.producer.get_absolute_url(),
        "provinces, by count": "/en/provinces/?sort=products",
        # A hostile query: the search uses its first ten words only (portal/search.py).
        "search, 3,000 words": "/en/products/?" + urlencode({"q": " ".join(["a"] * 3000)}),
        "product": takeo.product.get_absolute_url(),
        "events": "/en/forums/",
        "event": takeo.event.get_absolute_url(),
        "sitemap: products": "/sitemap-products.xml",
    }
    client = Client()
    results: dict[str, list[tuple[int, float]]] = {name: [] for name in pages}
    products = 1
    for size in SIZES:
        add_products(takeo.village, size - products)
        products = size
        for name, url in pages.items():
            results[name].append(measure(client, connection, url))

    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        version = ".".join(str(part) for part in connection.Database.__version__.split()[:1])
    print(
        f"{connection.vendor} {version} | Python {platform.python_version()}"
        f" | median of {ROUNDS} requests"
    )
    header = "| page                 | " + " | ".join(
        f"{size:>6,} products: queries, ms" for size in SIZES
    )
    print(header + " |")
    print("|" + "-" * 22 + "|" + "|".join("-" * 30 for _ in SIZES) + "|")
    for name, figures in results.items():
        cells = " | ".join(f"{queries:>20} {ms:>7.1f}" for queries, ms in figures)
        print(f"| {name:<20} | {cells} |")


if __name__ == "__main__":
    main()
