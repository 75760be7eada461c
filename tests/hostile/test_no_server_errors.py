"""Random and hostile values in every public page's parameters, in every segment of every
URL pattern, in the keys of every admin record page and in the admin forms officials
use: the answer is a page, a form error, a redirect, a 404 or a 400, never a 500.

Property-based (Hypothesis): each test sends a few dozen generated values per run, a
different draw each time, plus the hostile values below on every run. A server error
raises in the test client and fails the test with the value that caused it. CI runs
them on PostgreSQL, which refuses NUL in text where SQLite does not; they run without
the site-wide NUL guard (portal.middleware), so the layers below it are what is tested.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from simple_history.admin import SimpleHistoryAdmin

from tests.hostile.urlconf import routes

pytestmark = pytest.mark.usefixtures("without_nul_guard")

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


# The lists' filter parameters (list_filter, custom filters, the date hierarchy) and
# Django's own; tests/hostile/test_admin_lists.py finds them list by list.
LIST_PARAMETERS = [
    *("province", "district", "commune", "review", "photo", "issue", "edition"),
    *("state__exact", "kind__exact", "status__exact", "role__exact", "source__exact"),
    *("level__exact", "issuing_level__exact", "round__level__exact", "dataset"),
    *("province__code__exact", "content_type__id__exact", "history_type__exact"),
    *("history_date__year", "history_date__month", "submitted_at__year", "q", "o", "p"),
    *("e", "all", "_to_field", "_popup"),
]
LISTS = [
    "admin:provinces_village_changelist",
    "admin:provinces_commune_changelist",
    "admin:products_product_changelist",
    "admin:products_producer_changelist",
    "admin:review_revision_changelist",
    "admin:recognition_entry_changelist",
    "admin:products_historicalproduct_changelist",
]


@sweep
@given(
    changelist=st.sampled_from(LISTS),
    params=st.dictionaries(st.sampled_from(LIST_PARAMETERS), values, max_size=4),
    term=values,
    as_official=st.booleans(),
)
@example(
    changelist=LISTS[0],
    params={"province": "21", "district": "2104", "commune": "\x00"},
    term="\x00",
    as_official=True,
)
def test_admin_lists_and_autocomplete_answer_any_filter_and_search(
    admin_client, official_client, changelist, params, term, as_official
):
    client = official_client if as_official else admin_client
    answered(client.get(reverse(changelist), params))
    answered(
        client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "forums",
                "model_name": "forumevent",
                "field_name": "follows",
                "term": term,
            },
        )
    )


# --- Path segments: every URL pattern, each parameter in turn ---

SEGMENTS = [
    *HOSTILE,
    "%00",
    "2104\x00",
    "OVOP-2026-00001\x00",
    "9" * 2000,
    "ក" * 1000,
    ".",
    "..",
    "a/b",
    "\u202e",
]
segments = st.one_of(st.sampled_from(SEGMENTS), st.text(max_size=300))
# A stand-in for each converter where no record of the world has the route.
STAND_INS = {"int": "1", "slug": "x", "code": "21", "certificate": "OVOP-1", "str": "x"}


@pytest.fixture
def url_targets(takeo) -> list[tuple]:
    """Every route of the URLconf (the admin's are below), with real values for its
    parameters where the world has a record there, so that the generated text lands on
    each parameter in turn while the others lead to a page."""
    real = {}
    for record in (
        takeo.province,
        takeo.district,
        takeo.commune,
        takeo.village,
        takeo.product,
        takeo.producer,
        takeo.event,
    ):
        match = resolve(record.get_absolute_url())
        real[match.view_name] = {name: str(value) for name, value in match.kwargs.items()}
    recognition = {"pk": str(takeo.product.pk), "slug": takeo.product.slug}
    real["recognition:product"] = recognition
    targets = []
    for route in routes():
        values = {name: STAND_INS[converter] for name, converter in route.parameters.items()}
        targets.append((route, {**values, **real.get(route.name, {})}))
    return targets


@sweep
@given(segment=segments)
@example(segment="\x00")
@example(segment="9" * 2000)
def test_every_url_pattern_answers_any_text_in_any_segment(client, url_targets, segment):
    for route, values in url_targets:
        for name in route.parameters:
            url = route.url({**values, name: segment})
            assert client.get(url).status_code < 500, url


# --- The admin's record pages: every registered model, any key, two roles ---

RECORD_PAGES = [
    (model, view)
    for model, model_admin in admin.site._registry.items()
    for view in ("change", "delete", "history")
    + (("simple_history",) if isinstance(model_admin, SimpleHistoryAdmin) else ())
]
NOT_KEYS = ["abc", "1.5", "\x00", "21\x0004", "-1", "1e3", "9" * 40, "ក" * 300, " 1", "1 "]
keys = st.one_of(
    st.sampled_from(NOT_KEYS),
    st.text(min_size=1, max_size=300),
    st.integers().map(str),
    st.floats().map(str),
)
admin_sweep = settings(sweep, max_examples=150)


def record_page(model, view: str, key: str, version: str) -> str:
    opts = model._meta
    args = [key, version] if view == "simple_history" else [key]
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    return reverse(name, args=[quote(arg) for arg in args])


@admin_sweep
@given(
    page=st.sampled_from(RECORD_PAGES),
    key=keys,
    version=st.one_of(st.just("1"), keys),
    as_official=st.booleans(),
)
@example(page=RECORD_PAGES[0], key="abc", version="1", as_official=False)
def test_every_admin_record_page_answers_any_key(
    admin_client, official_client, page, key, version, as_official
):
    client = official_client if as_official else admin_client
    url = record_page(*page, key, version)
    assert client.get(url).status_code < 500, url
