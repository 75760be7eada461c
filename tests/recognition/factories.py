"""Recognition data for tests: a complete scheme version, rounds, entries and sheets.

`complete_version()` builds the shape of the example scheme the issue names (three
sections of 40, 25 and 35 points; 1 to 5 stars from 0, 30, 50, 70 and 90 points; 1 to 4
stars confirmed by provinces and 5 nationally), one criterion per section, so a test
sets a total by choosing three numbers.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from recognition.models import Criterion, Level, Round, Scheme, SchemeVersion, Section, StarBand

BANDS = [(1, "0"), (2, "30"), (3, "50"), (4, "70"), (5, "90")]
SECTIONS = [
    ("Product and community strength", "40"),
    ("Marketing and product story", "25"),
    ("Product quality", "35"),
]


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    name_en = factory.Sequence(lambda n: f"Scheme {n}")
    slug = factory.Sequence(lambda n: f"scheme-{n}")


def complete_version(scheme: Scheme | None = None, *, gate: tuple[int, str] | None = None):
    """A version ready for a round; `gate` (stars, minimum) guards the quality criterion."""
    version = SchemeVersion.objects.create(scheme=scheme or SchemeFactory())
    for position, (name, points) in enumerate(SECTIONS):
        section = Section.objects.create(version=version, position=position, name_en=name)
        Criterion.objects.create(
            version=version,
            section=section,
            position=0,
            name_en=name,
            max_points=Decimal(points),
            gate_stars=gate[0] if gate and position == 2 else None,
            gate_min_points=Decimal(gate[1]) if gate and position == 2 else None,
        )
    for stars, points in BANDS:
        StarBand.objects.create(
            version=version,
            stars=stars,
            min_points=Decimal(points),
            confirmed_at=Level.NATIONAL if stars == 5 else Level.PROVINCE,
        )
    return version


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name_en = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    version = factory.LazyFunction(complete_version)
    level = Level.NATIONAL
    province = None
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))


def certify(
    product,
    stars: int,
    *,
    issued_on: datetime.date | None = None,
    months: int = 36,
    round_: Round | None = None,
):
    """A certificate of `stars` for `product`, as a confirmed result would issue it, written
    directly: for public pages that only show certificates (the workflow has its own tests).
    """
    from recognition.models import Certificate, Entry

    round_ = round_ or RoundFactory()
    issued_on = issued_on or timezone.localdate() - datetime.timedelta(days=10)
    entry = Entry.objects.create(round=round_, product=product, stars=stars)
    return Certificate.objects.create(
        number=f"OVOP-T-{entry.pk:05d}",
        entry=entry,
        product=product,
        producer=product.producer,
        round=round_,
        product_name_en=product.name_en,
        product_name_km=product.name_km,
        producer_name_en=product.producer.name_en,
        producer_name_km=product.producer.name_km,
        stars=stars,
        issuing_level=round_.level,
        issued_on=issued_on,
        expires_on=issued_on + datetime.timedelta(days=months * 30),
    )
