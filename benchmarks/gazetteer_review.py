"""Benchmark: what reviewing the gazetteer costs, on the national gazetteer, side by side.

    DATABASE_URL=postgres://.../ovop_bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py load_initial_data
    DATABASE_URL=... .venv/bin/python manage.py generate_catalogue --products 20000
    DATABASE_URL=... .venv/bin/python benchmarks/gazetteer_review.py

Uses the configured database as it is (the national gazetteer and the generated
catalogue) and leaves it so: everything runs in a transaction that is rolled back.
Times, in the same run:

- a Takeo file correcting the English name of every Takeo village, imported by a
  provincial official (each correction kept as a proposal) beside the same file imported
  by a national administrator (written at once): their ratio is the price of review;
- the same official's file imported again (nothing new to propose);
- the village list as the official and as the administrator sees it, with its review
  column, and filtered to what waits, while those proposals wait.

Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop.settings")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TAKEO = "21"


class Rollback(Exception):
    pass


def takeo_file(villages, columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for village in villages:
        writer.writerow(
            {
                "province_code": TAKEO,
                "district_code": village.commune_id[:4],
                "commune_code": village.commune_id,
                "village_code": village.code,
                "village_kh": village.name_km,
                "village_en": f"{village.name_en} (corrected)",
            }
        )
    return out.getvalue().encode()


def timed(action) -> tuple[float, int, object]:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        result = action()
    return (time.perf_counter() - start) * 1000, len(queries), result


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.test import Client

    from accounts.models import ProvinceAssignment
    from accounts.roles import NATIONAL_ADMINISTRATOR, PROVINCIAL_OFFICIAL
    from imports.definitions import ImportOptions, get_definition
    from imports.services import run_import
    from provinces.models import Village
    from review.models import Revision

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    villages = list(Village.objects.in_province(TAKEO).order_by("pk"))
    if len(villages) < 100:
        raise SystemExit("Load the national gazetteer first (see above).")
    definition = get_definition("villages")
    data = takeo_file(villages, definition.column_names)
    print(f"{Village.objects.count():,} villages, {len(villages):,} in Takeo, {connection.vendor}")

    def user(name: str, role: str, provinces=()):
        account = get_user_model().objects.create_user(name, password="x", is_staff=True)
        account.groups.add(Group.objects.get(name=role))
        for code in provinces:
            ProvinceAssignment.objects.create(user=account, province_id=code)
        return account

    def import_as(account, provinces):
        options = ImportOptions(provinces=provinces, editor=account)
        report = run_import(definition, data, "takeo.csv", options=options, user=account)
        assert report.ok, report.errors[:3]
        return report

    rows = []
    try:
        with transaction.atomic():
            official = user("bench-official", PROVINCIAL_OFFICIAL, (TAKEO,))
            administrator = user("bench-administrator", NATIONAL_ADMINISTRATOR)
            for label, account, provinces in (
                ("national administrator: written", administrator, None),
                ("provincial official: proposed", official, frozenset({TAKEO})),
            ):
                sid = transaction.savepoint()
                ms, queries, report = timed(lambda a=account, p=provinces: import_as(a, p))
                rows.append((label, ms, queries, report.updated))
                if account is administrator:
                    transaction.savepoint_rollback(sid)
            ms, queries, report = timed(lambda: import_as(official, frozenset({TAKEO})))
            rows.append(("official, the same file again", ms, queries, report.updated))
            waiting = Revision.objects.open().count()
            if connection.vendor == "postgresql":
                # What autovacuum does soon after an import commits; without it the
                # planner takes the new revisions for none.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE review_revision")

            lists = []
            for label, account in (("official", official), ("administrator", administrator)):
                client = Client()
                client.force_login(account)
                for name, url in (
                    ("village list", "/admin/provinces/village/"),
                    ("village list, waiting", "/admin/provinces/village/?review=waiting"),
                ):
                    _ms, queries, response = timed(lambda c=client, u=url: c.get(u))
                    assert response.status_code == 200, (url, response.status_code)
                    times = [timed(lambda c=client, u=url: c.get(u))[0] for _ in range(ROUNDS)]
                    lists.append((f"{name} ({label})", statistics.median(times), queries))
            raise Rollback
    except Rollback:
        pass

    print("| import of Takeo's villages, every name corrected | ms | queries | updated |")
    print("|---|---|---|---|")
    for label, ms, queries, updated in rows:
        print(f"| {label} | {ms:,.0f} | {queries:,} | {updated:,} |")
    print(f"ratio proposed / written: {rows[1][1] / rows[0][1]:.1f}x; {waiting:,} proposals")
    print()
    print("| admin page, while they wait | median ms | queries |")
    print("|---|---|---|")
    for label, ms, queries in lists:
        print(f"| {label} | {ms:,.1f} | {queries} |")


if __name__ == "__main__":
    main()
