"""Random and hostile values in every public page's parameters and in the admin forms
officials use: the answer is a page, a form error, a redirect or a 404, never a 500.

Property-based (Hypothesis): each test sends a few dozen generated values per run, a
different draw each time, plus the hostile values below on every run. A server error
raises in the test client and fails the test with the value that caused it.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.scenarios import build_takeo

HOSTILE = [
    "",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "\x00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "١٢",  # Arabic-Indic digits
    "a " * 3000,
    "ក្រមា" * 50,
    "%",
    "_",
    "\\",
]

values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
sweep = settings(
    max_examples=30,
    deadline=None,  # no timing here; speed belongs in benchmarks/
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EVENT_FIELDS = [
    *("title_en", "slug", "kind", "day", "month", "year", "province", "follows"),
    *("participant_count", "venue", "summary_en", "source"),
]
PRODUCT_FIELDS = [
    *("name_en", "slug", "category", "producer", "village", "unit", "price_min"),
    *("price_max", "price_currency", "season_en", "description_en"),
]
PRODUCER_FIELDS = [
    *("name_en", "kind", "village", "phone", "email", "website", "contact_person"),
    "description_en",
]
CATALOGUE_PARAMETERS = [
    *("q", "province", "district", "category", "showcase", "stars", "sort", "page"),
]


@pytest.fixture
def takeo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_takeo()


def answered(response) -> int:
    assert response.status_code < 500, response
    return response.status_code


@sweep
@given(params=st.dictionaries(st.sampled_from(CATALOGUE_PARAMETERS), values, max_size=5))
@example(params={"q": "a " * 3000, "page": "99999999999999999999999"})
@example(params={"province": "\x00", "district": "' OR 1=1 --", "sort": "<script>"})
@example(params={"district": "\x00", "stars": "\x00"})
def test_the_catalogue_answers_any_parameters(client, takeo, params):
    for language in ("en", "km"):
        answered(client.get(f"/{language}/products/", params))


@sweep
@given(page=values, path_part=values)
def test_every_public_page_answers_any_page_number_and_slug(client, takeo, page, path_part):
    slug = "".join(c for c in path_part if c.isascii() and (c.isalnum() or c in "-_")) or "x"
    pages = [
        "/en/",
        "/en/provinces/",
        f"/en/provinces/?sort={slug}",
        "/en/forums/",
        f"/en/producers/{takeo.producer.pk}/{slug}/",
        takeo.province.get_absolute_url(),
        f"/en/provinces/{slug}/",
        f"/en/provinces/district/{slug}/{slug}/",
        f"/en/provinces/commune/{slug}/{slug}/",
        f"/en/products/{takeo.product.pk}/{slug}/",
        f"/en/forums/{takeo.event.pk}/{slug}/",
        "/sitemap.xml",
        "/sitemap-products.xml",
        "/sitemap-producers.xml",
    ]
    for url in pages:
        answered(client.get(url, {"page": page}))


EVENT_INLINES = {
    f"{prefix}-{count}": 0
    for prefix in ("organisations", "participants", "action_plans")
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


@sweep
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={name: values for name in EVENT_FIELDS},
    )
)
@example(fields={"day": "31", "month": "2", "year": "2025"})
@example(fields={"day": "1", "month": "13", "year": "99999", "follows": "abc"})
def test_the_event_form_answers_any_values(admin_client, takeo, fields):
    data = {"title_en": "Forum", "slug": "forum", "kind": "workshop", **EVENT_INLINES, **fields}
    answered(admin_client.post(reverse("admin:forums_forumevent_add"), data))
    answered(
        admin_client.post(reverse("admin:forums_forumevent_change", args=[takeo.event.pk]), data)
    )


PRODUCT_INLINES = {"photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0}


@sweep
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={name: values for name in PRODUCT_FIELDS},
    )
)
@example(fields={"price_min": "1e309", "price_max": "-1"})
@example(fields={"price_min": "NaN", "village": "99999999999999999999999"})
def test_the_product_form_answers_any_values(admin_client, takeo, fields):
    data = {
        "name_en": "Rice",
        "slug": "rice",
        "category": takeo.category.pk,
        "producer": takeo.producer.pk,
        "village": takeo.village.pk,
        "price_currency": "USD",
        **PRODUCT_INLINES,
        **fields,
    }
    answered(admin_client.post(reverse("admin:products_product_add"), data))


@sweep
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={name: values for name in PRODUCER_FIELDS},
    )
)
@example(fields={"website": "http://[::1", "email": "a@b@c"})
def test_the_producer_form_answers_any_values(admin_client, takeo, fields):
    data = {"name_en": "Weavers", "kind": "group", "village": takeo.village.pk, **fields}
    answered(admin_client.post(reverse("admin:products_producer_add"), data))


@sweep
@given(term=values, query=values, ordering=values, page=values)
def test_admin_lists_and_autocomplete_answer_any_search(
    admin_client, takeo, term, query, ordering, page
):
    answered(
        admin_client.get(
            reverse("admin:products_product_changelist"), {"q": query, "o": ordering, "p": page}
        )
    )
    answered(
        admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "forums",
                "model_name": "forumevent",
                "field_name": "follows",
                "term": term,
            },
        )
    )
