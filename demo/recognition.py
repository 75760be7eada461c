"""Demo recognition: an example scheme modelled on Vietnam's OCOP Decision 148, one closed
provincial round with recognised Takeo products, and one national round in progress.

Cambodia's OVOP National Committee publishes no points scheme, so the scheme here is an
example, labelled as such wherever its results show; rounds, scores and certificates
are sample data. The rounds go through `recognition.services` as officials' work does:
products are entered, scored by two assessors and confirmed by the Takeo provincial
reviewer. Sample accounts that stand behind that work are created without a usable password
(`create_demo_officials` gives the demo ones passwords on a laptop).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.roles import ASSESSOR
from demo.users import demo_account, demo_user
from products.models import Product
from provinces.models import Province
from recognition import services
from recognition.models import (
    Certificate,
    Criterion,
    Level,
    Round,
    Scheme,
    SchemeVersion,
    Section,
    StarBand,
)

TAKEO = "21"
SCHEME = {
    "slug": "example-ocop-decision-148",
    "name_en": "Example scheme modelled on Vietnam's OCOP (Decision 148)",
    "name_km": "គំរូលក្ខណៈវិនិច្ឆ័យ ផ្អែកលើ OCOP វៀតណាម (សេចក្តីសម្រេច ១៤៨)",
    "basis": "Vietnam's OCOP criteria, Decision 148/QĐ-TTg of 2023",
    "description_en": (
        "An example, not a scheme the Cambodian programme has adopted: 100 points in three "
        "parts as in Vietnam's OCOP programme (product and community strength 40, marketing "
        "and product story 25, quality 35); 5 stars from 90 points, 4 from 70, 3 from 50, "
        "2 from 30; provinces confirm up to 4 stars, the national level 5; 3 to 5 stars are "
        "certified for 36 months. The criteria's split within each part is illustrative."
    ),
}
# (section, [(criterion, Khmer name, maximum, gate)]); a gate is (stars, minimum points).
SECTIONS = [
    (
        ("Product and community strength", "កម្លាំងផលិតផល និងសហគមន៍"),
        [
            ("Local raw materials and production", "វត្ថុធាតុដើម និងផលិតកម្មក្នុងស្រុក", 10, None),
            ("Organisation and community involvement", "ការរៀបចំ និងការចូលរួមរបស់សហគមន៍", 10, None),
            ("Production capacity and business plan", "សមត្ថភាពផលិត និងផែនការអាជីវកម្ម", 10, None),
            ("Product development and innovation", "ការអភិវឌ្ឍ និងនវានុវត្តន៍ផលិតផល", 10, None),
        ],
    ),
    (
        ("Marketing and product story", "ទីផ្សារ និងរឿងរ៉ាវផលិតផល"),
        [
            ("Packaging and labelling", "ការវេចខ្ចប់ និងស្លាក", 8, None),
            ("Marketing and distribution", "ទីផ្សារ និងការចែកចាយ", 9, None),
            ("Product story", "រឿងរ៉ាវផលិតផល", 8, None),
        ],
    ),
    (
        ("Product quality", "គុណភាពផលិតផល"),
        [
            ("Sensory and distinctive quality", "គុណភាព និងលក្ខណៈពិសេស", 15, None),
            ("Safety and standards", "សុវត្ថិភាព និងស្តង់ដារ", 12, (3, 6)),
            ("Market reach and export potential", "វិសាលភាពទីផ្សារ និងសក្តានុពលនាំចេញ", 8, None),
        ],
    ),
]
BANDS = [(1, 0), (2, 30), (3, 50), (4, 70), (5, 90)]

CLOSED_ROUND = {
    "slug": "sample-takeo-provincial-round",
    "name_en": "Takeo provincial recognition round (sample)",
    "name_km": "ជុំវាយតម្លៃផលិតផលខេត្តតាកែវ (គំរូ)",
}
OPEN_ROUND = {
    "slug": "sample-national-recognition-round",
    "name_en": "National recognition round (sample)",
    "name_km": "ជុំវាយតម្លៃផលិតផលថ្នាក់ជាតិ (គំរូ)",
}
# Each product's points from the two assessors, criterion by criterion.
CLOSED_ROUND_SCORES = {
    "hand-woven-silk-scarf": ([9, 9, 8, 8, 7, 8, 7, 13, 10, 7], [9, 8, 8, 9, 7, 7, 7, 14, 11, 6]),
    "dried-mango-slices": ([7, 6, 6, 6, 6, 6, 5, 10, 9, 4], [6, 6, 7, 6, 5, 6, 6, 11, 8, 5]),
    "kirivong-mangoes": ([10, 9, 9, 9, 8, 8, 8, 14, 11, 7], [9, 9, 9, 9, 8, 8, 7, 14, 11, 7]),
}
OPEN_ROUND_ENTRIES = {
    "kirivong-fresh-vegetables": [8, 7, 7, 6, 5, 6, 6, 11, 9, 5],  # one sheet in so far
    "fragrant-rice": None,  # waiting for its assessors
}


def example_version() -> SchemeVersion:
    scheme, _created = Scheme.objects.update_or_create(
        slug=SCHEME["slug"], defaults={**SCHEME, "is_example": True}
    )
    version = scheme.versions.order_by("number").first()
    if version is not None:
        return version
    version = SchemeVersion.objects.create(scheme=scheme, notes="First version.")
    for position, ((name_en, name_km), criteria) in enumerate(SECTIONS):
        section = Section.objects.create(
            version=version, position=position, name_en=name_en, name_km=name_km
        )
        for index, (criterion_en, criterion_km, maximum, gate) in enumerate(criteria):
            criterion = Criterion(
                version=version,
                section=section,
                position=index,
                name_en=criterion_en,
                name_km=criterion_km,
                max_points=Decimal(maximum),
                gate_stars=gate[0] if gate else None,
                gate_min_points=Decimal(gate[1]) if gate else None,
            )
            criterion.full_clean()
            criterion.save()
    for stars, points in BANDS:
        StarBand.objects.create(
            version=version,
            stars=stars,
            min_points=Decimal(points),
            confirmed_at=Level.NATIONAL if stars == 5 else Level.PROVINCE,
        )
    return version


def _score(entry, assessor, points: list[int]) -> None:
    sheet = services.open_sheet(entry, assessor=assessor)
    criteria = entry.round.version.criteria.order_by("section__position", "position")
    services.record_scores(
        sheet,
        {c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
        by=assessor,
    )


def _round(data: dict, version: SchemeVersion, **fields) -> tuple[Round, bool]:
    round_, created = Round.objects.get_or_create(
        slug=data["slug"], defaults={**data, **fields, "version": version, "is_sample": True}
    )
    return round_, created


@transaction.atomic
def load_demo_recognition() -> dict[str, int]:
    """Load the example scheme and the two sample rounds; the demo products must be loaded."""
    today = timezone.localdate()
    version = example_version()
    official = demo_user("demo-takeo-official")
    assessors = [demo_user("demo-assessor"), demo_account("demo-assessor-2", ASSESSOR)]
    takeo_reviewer = demo_user("demo-takeo-reviewer")
    published = Product.objects.published()

    closed, created = _round(
        CLOSED_ROUND,
        version,
        level=Level.PROVINCE,
        province=Province.objects.get(code=TAKEO),
        opens_on=today - datetime.timedelta(days=120),
        closes_on=today,  # open while its products are entered; closed below
    )
    if created:
        closed.assessors.set(assessors)
        for slug, sheets in CLOSED_ROUND_SCORES.items():
            product = published.filter(slug=slug).first()
            if product is None:
                continue
            entry = services.enter_product(closed, product, by=official)
            for assessor, points in zip(assessors, sheets, strict=True):
                _score(entry, assessor, points)
            services.confirm_result(
                entry, by=takeo_reviewer, on=today - datetime.timedelta(days=45)
            )
        Round.objects.filter(pk=closed.pk).update(closes_on=today - datetime.timedelta(days=60))

    running, created = _round(
        OPEN_ROUND,
        version,
        level=Level.NATIONAL,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=45),
    )
    if created:
        running.assessors.set(assessors)
        for slug, points in OPEN_ROUND_ENTRIES.items():
            product = published.filter(slug=slug).first()
            if product is None:
                continue
            entry = services.enter_product(running, product, by=official)
            if points:
                _score(entry, assessors[0], points)

    return {
        "rounds": Round.objects.filter(is_sample=True).count(),
        "certificates": Certificate.objects.filter(round__is_sample=True).count(),
    }
