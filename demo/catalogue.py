"""A generated national catalogue for measuring the portal at scale.

`generate_catalogue(20_000)` gives the gazetteer that many published products (with a
producer for every few), spread over villages of every province, in a handful of
categories, in English and Khmer. Every generated record is marked as sample data and
named "Sample …", so it is never mistaken for the programme's own; running it again
tops the catalogue up to the number asked and creates nothing more. Written in bulk:
no audit trail, which benchmark data does not need.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from portal.caching import public_content_changed
from portal.models import slug_for
from products.models import Category, Producer, Product
from provinces.models import Village

CATEGORIES = [
    ("sample-food", "Food", "ម្ហូបអាហារ"),
    ("sample-drinks", "Drinks", "ភេសជ្ជៈ"),
    ("sample-textiles", "Silk and textiles", "សូត្រ និងវាយនភណ្ឌ"),
    ("sample-handicrafts", "Handicrafts", "សិប្បកម្ម"),
    ("sample-herbs", "Herbs and spices", "ឱសថ និងគ្រឿងទេស"),
    ("sample-fruit", "Fruit and vegetables", "ផ្លែឈើ និងបន្លែ"),
]
GOODS = [
    ("palm sugar", "ស្ករត្នោត"),
    ("silk scarf", "ក្រមាសូត្រ"),
    ("rice wine", "ស្រាស"),
    ("dried mango", "ស្វាយក្រៀម"),
    ("pepper", "ម្រេច"),
    ("rattan basket", "កន្ត្រកផ្ដៅ"),
    ("fish sauce", "ទឹកត្រី"),
    ("lemongrass tea", "តែស្លឹកគ្រៃ"),
    ("clay pot", "ឆ្នាំងដី"),
    ("honey", "ទឹកឃ្មុំ"),
]
PRODUCTS_PER_PRODUCER = 4
SHOWCASE_SHARE = 0.05
BATCH_SIZE = 2000


def sample_products() -> int:
    return Product.objects.filter(is_sample=True, name_en__startswith="Sample ").count()


@transaction.atomic
def generate_catalogue(total: int, *, seed: int = 12) -> int:
    """Top the generated catalogue up to `total` products; returns how many it made."""
    missing = total - sample_products()
    if missing <= 0:
        return 0
    rng = random.Random(seed + missing)  # noqa: S311  (sample data, not secrets)
    villages = list(Village.objects.values_list("pk", flat=True).order_by("pk"))
    if not villages:
        raise ValueError("The gazetteer is empty: run load_gazetteer first.")
    categories = [
        Category.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_km": name_km, "position": 90}
        )[0]
        for slug, name_en, name_km in CATEGORIES
    ]
    now = timezone.now()
    start = Producer.objects.filter(is_sample=True).count()
    producers = Producer.objects.bulk_create(
        [
            Producer(
                name_en=f"Sample producer {start + n}",
                name_km=f"អ្នកផលិតគំរូ {start + n}",
                slug=f"sample-producer-{start + n}",
                kind=rng.choice(Producer.Kind.values),
                village_id=rng.choice(villages),
                is_sample=True,
                live=True,
                published_at=now,
            )
            for n in range(-(-missing // PRODUCTS_PER_PRODUCER))
        ],
        batch_size=BATCH_SIZE,
    )
    first = Product.objects.filter(is_sample=True).count()
    products = []
    for n in range(missing):
        good_en, good_km = rng.choice(GOODS)
        producer = producers[n // PRODUCTS_PER_PRODUCER]
        name_en = f"Sample {good_en} {first + n}"
        products.append(
            Product(
                name_en=name_en,
                name_km=f"{good_km}គំរូ {first + n}",
                slug=slug_for(name_en, 210),
                description_en=f"Sample {good_en} from {producer.name_en}, made in the village.",
                description_km=f"{good_km} ពី {producer.name_km}",
                category=rng.choice(categories),
                producer=producer,
                village_id=producer.village_id,
                is_showcase=rng.random() < SHOWCASE_SHARE,
                is_sample=True,
                live=True,
                published_at=now,
            )
        )
    for product in products:
        product.update_search_text()  # bulk_create calls no save()
    Product.objects.bulk_create(products, batch_size=BATCH_SIZE)
    # Bulk writes send no signals: tell the page cache itself.
    public_content_changed()
    return missing
