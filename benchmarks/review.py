"""Benchmark: what reviewed publishing costs an official and a reviewer, side by side.

    make bench-review                                   # SQLite, a throwaway file
    DATABASE_URL=postgres://... make bench-review       # PostgreSQL, a throwaway database

Builds the tests' Takeo scenario in a throwaway database, adds BENCH_PRODUCTS public
products (default 20,000, written in bulk) and as many open revisions as BENCH_WAITING
(default 2,000), then times, as the median of BENCH_ROUNDS requests (default 10):

- a reviewer's save of a public product's admin form (written at once), and an
  official's save of the same form (run and rolled back, kept as a revision): their ratio
  is the price of keeping the public version while a change waits;
- the official's form of a product with a change waiting (written and rolled back to show
  it) beside the same form with nothing waiting;
- the product list with its review column, its "waiting" filter, and the review queue.

Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="ovop-bench-media-"))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "20000"))
WAITING = int(os.environ.get("BENCH_WAITING", "2000"))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    from django.test.utils import setup_test_environment

    # The form's values are read from the response's context, as the tests do; that
    # instrumentation costs every request the same.
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(connection)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def median_ms(action, rounds: int = ROUNDS) -> float:
    action()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def add_catalogue(takeo, count: int) -> list:
    from products.models import Product

    Product.objects.bulk_create(
        [
            Product(
                name_en=f"Benchmark product {n}",
                slug=f"benchmark-product-{n}",
                category=takeo.category,
                producer=takeo.producer,
                village=takeo.village,
                live=True,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    return list(Product.objects.filter(name_en__startswith="Benchmark")[:WAITING])


def run(connection) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from accounts.models import ProvinceAssignment
    from accounts.roles import NATIONAL_ADMINISTRATOR, PROVINCIAL_OFFICIAL
    from review import services
    from review.changes import field_change
    from tests.review.conftest import form_values
    from tests.scenarios import build_takeo

    takeo = build_takeo()
    users = {}
    for name, role in (
        ("official", PROVINCIAL_OFFICIAL),
        ("administrator", NATIONAL_ADMINISTRATOR),
    ):
        users[name] = get_user_model().objects.create_user(name, password="x", is_staff=True)
        users[name].groups.add(Group.objects.get(name=role))
    ProvinceAssignment.objects.create(user=users["official"], province=takeo.province)
    for product in add_catalogue(takeo, PRODUCTS):
        services.propose(product, field_change(product, {"unit": "box"}), by=users["official"])

    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)

    def save(client, product, texts):
        url = reverse("admin:products_product_change", args=[product.pk])

        def action():
            data = form_values(client.get(url))
            data["description_en"] = next(texts)
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code

        return action

    def texts(prefix):
        n = 0
        while True:
            n += 1
            yield f"{prefix} {n}"

    figures = {}
    form = reverse("admin:products_product_change", args=[takeo.product.pk])
    figures["official opens a form, nothing waiting"] = median_ms(
        lambda: clients["official"].get(form)
    )
    # Form GET + POST each time, as an official does; the GET's share is timed below.
    figures["reviewer saves a public product (goes live)"] = median_ms(
        save(clients["administrator"], takeo.product, texts("live"))
    )
    figures["official saves a public product (waits)"] = median_ms(
        save(clients["official"], takeo.product, texts("proposed"))
    )
    figures["official opens a form, change waiting"] = median_ms(
        lambda: clients["official"].get(form)
    )
    products = reverse("admin:products_product_changelist")
    figures["product list with review column"] = median_ms(
        lambda: clients["administrator"].get(products)
    )
    figures["product list, waiting for review"] = median_ms(
        lambda: clients["administrator"].get(products + "?review=waiting")
    )
    queue = reverse("admin:review_revision_changelist") + "?state__exact=waiting"
    figures["review queue"] = median_ms(lambda: clients["administrator"].get(queue))

    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        version = connection.cursor().connection.server_version
    print(
        f"{connection.vendor} {version} | Python {platform.python_version()} | "
        f"{PRODUCTS:,} public products, {WAITING:,} changes waiting | median of {ROUNDS}"
    )
    for name, ms in figures.items():
        print(f"| {name:<45} | {ms:>8.1f} ms |")
    ratio = (
        figures["official saves a public product (waits)"]
        / figures["reviewer saves a public product (goes live)"]
    )
    print(f"proposing a change costs {ratio:.2f}x publishing it directly")
    ratio = (
        figures["official opens a form, change waiting"]
        / figures["official opens a form, nothing waiting"]
    )
    print(f"showing a waiting change in the form costs {ratio:.2f}x a form with none")


if __name__ == "__main__":
    main()
