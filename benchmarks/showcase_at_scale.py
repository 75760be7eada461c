"""Benchmark: the showcase's pages on a database holding the generated national
catalogue, as a visitor without a session gets them with the page cache off.

    DATABASE_URL=postgres://.../ovop_bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py load_initial_data
    DATABASE_URL=... .venv/bin/python manage.py generate_catalogue --products 20000
    DATABASE_URL=... .venv/bin/python benchmarks/showcase_at_scale.py

Reads only: it uses the configured database as it is (unlike public_pages.py, which
builds a throwaway one), so the catalogue is the generated one, spread over the whole
gazetteer. Prints each page's SQL queries and the median of BENCH_ROUNDS requests (10).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from products.models import Producer, Product

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    producer = Producer.objects.published().filter(products__live=True).order_by("pk").first()
    recognised = Product.objects.published().filter(certificates__isnull=False).first()
    if producer is None or recognised is None:
        raise SystemExit("Load the demo content and generate the catalogue first (see above).")
    pages = {
        "catalogue": "/en/products/",
        "catalogue, Takeo, Kirivong": "/en/products/?province=takeo&district=2104",
        "catalogue, 3+ stars": "/en/products/?stars=3",
        "catalogue, by stars": "/en/products/?sort=stars",
        "catalogue, newest": "/en/products/?sort=newest",
        "catalogue, Khmer, by stars": "/km/products/?province=takeo&sort=stars",
        "provinces": "/en/provinces/",
        "provinces, by products": "/en/provinces/?sort=products",
        "producer": producer.get_absolute_url(),
        "product, recognised": recognised.get_absolute_url(),
        "sitemap: producers": "/sitemap-producers.xml",
    }
    client = Client()
    print(f"{Product.objects.published().count():,} published products, {connection.vendor}")
    print("| page                         | queries | median ms |")
    print("|------------------------------|---------|-----------|")
    for name, url in pages.items():
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        print(f"| {name:<28} | {len(queries):>7} | {statistics.median(times):>9.1f} |")


if __name__ == "__main__":
    main()
