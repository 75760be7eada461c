"""The public page cache on Redis, as production runs it with REDIS_URL."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from portal.caching import GENERATION_KEY, generation
from review import services
from tests.portal.redis_support import REDIS_URL, delete_prefixed, new_prefix, redis_or_skip
from tests.portal.test_page_cache import queries_of
from tests.scenarios import build_takeo


@pytest.fixture
def redis_page_cache(settings):
    client = redis_or_skip()
    prefix = new_prefix()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    yield prefix
    delete_prefixed(client, prefix)


def test_a_page_is_served_from_redis_without_a_query(client, db, redis_page_cache):
    takeo = build_takeo()
    url = takeo.product.get_absolute_url()
    first = client.get(url)

    assert not queries_of(client, url)
    assert client.get(url).content == first.content


def test_an_approval_on_one_server_makes_the_pages_of_every_server_stale(
    client, db, redis_page_cache, superuser, django_capture_on_commit_callbacks
):
    takeo = build_takeo()
    client.get("/en/products/")
    # Another app server: its own connection to the same Redis, the same prefix.
    other_server = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_page_cache})
    seen_before = other_server.get(GENERATION_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(takeo.draft, by=superuser)

    assert other_server.get(GENERATION_KEY) not in (None, seen_before)
    assert other_server.get(GENERATION_KEY) == generation()
    assert "Secret recipe" in client.get("/en/products/").content.decode()


def test_the_generation_survives_in_redis_between_requests(db, redis_page_cache):
    token = generation()

    assert cache.get(GENERATION_KEY) == token
    assert generation() == token


def test_pages_are_served_uncached_while_redis_is_unreachable(client, db, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    build_takeo()

    response = client.get("/en/products/")

    assert response.status_code == 200
    assert "Palm sugar" in response.content.decode()
    assert "The page cache cannot be read" in caplog.text


def test_an_edit_is_saved_even_when_redis_cannot_be_told(
    db, settings, django_capture_on_commit_callbacks
):
    takeo = build_takeo()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        takeo.product.name_en = "Kirivong palm sugar"
        takeo.product.save()

    takeo.product.refresh_from_db()
    assert takeo.product.name_en == "Kirivong palm sugar"


def page_entries(prefix: str) -> list[bytes]:
    """The pages kept in Redis under this test's prefix (not the generation)."""
    return list(redis_or_skip().scan_iter(match=f"{prefix}:1:public-pages:??:*"))


def test_parameters_a_page_does_not_read_share_its_one_entry(client, db, redis_page_cache):
    build_takeo()

    answers = {client.get(f"/en/products/?utm={n}").status_code for n in range(300)}

    assert answers == {200}
    assert len(page_entries(redis_page_cache)) == 1


def test_the_parameters_a_page_reads_get_an_entry_each_in_any_order(client, db, redis_page_cache):
    build_takeo()
    same_as_sorted_by_name = [
        "/en/products/?sort=name",
        "/en/products/?sort=name&utm_source=newsletter",
        "/en/products/?q=&sort=name&fbclid=abc",
    ]
    same_as_food_by_name = [
        "/en/products/?category=food&sort=name",
        "/en/products/?sort=name&category=food",
    ]

    for url in ["/en/products/?sort=newest", *same_as_sorted_by_name, *same_as_food_by_name]:
        assert client.get(url).status_code == 200

    assert len(page_entries(redis_page_cache)) == 3


def test_a_page_is_never_served_an_entry_made_for_other_parameters(client, db, redis_page_cache):
    build_takeo()

    by_products = client.get("/en/provinces/?sort=products&utm_source=newsletter")
    by_name = client.get("/en/provinces/?utm_source=newsletter")
    by_products_again = client.get("/en/provinces/?fbclid=abc&sort=products")

    assert "most products first" in by_products.content.decode()
    assert "by name" in by_name.content.decode()
    assert by_products_again.content == by_products.content
    # Nor does one visitor's tracking parameter reach the page others are served.
    assert "newsletter" not in by_products.content.decode()
    assert "sort=products" in by_products.content.decode()  # its own links keep the sort
