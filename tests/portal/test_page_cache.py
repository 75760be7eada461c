"""The public page cache: visitors get cached pages, and a change shows at once.

Officials never notice it: a committed change to any public record makes every cached
page stale, a rolled-back one changes nothing, and nobody with a session is served
from the cache or stored in it.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from imports.models import ImportLog
from portal.caching import generation
from review import services
from tests.factories import (
    CategoryFactory,
    ForumEventFactory,
    ProducerFactory,
    ProductPhotoFactory,
)
from tests.scenarios import build_takeo


def queries_of(client: Client, url: str) -> list[dict]:
    """The SQL queries a GET of `url` ran (none when it was served from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return queries.captured_queries


@pytest.fixture
def takeo(db):
    return build_takeo()


def public_pages(takeo) -> list[str]:
    return [
        "/en/",
        "/en/provinces/",
        takeo.province.get_absolute_url(),
        takeo.district.get_absolute_url(),
        takeo.commune.get_absolute_url(),
        takeo.village.get_absolute_url(),
        "/en/products/",
        "/en/products/?q=sugar&province=takeo",
        takeo.product.get_absolute_url(),
        "/en/forums/",
        takeo.event.get_absolute_url(),
        "/sitemap.xml",
        "/sitemap-products.xml",
    ]


@pytest.mark.parametrize("page", range(13))
def test_a_visitor_is_served_a_cached_page_without_a_query(
    client, takeo, page_cache, page, django_assert_num_queries
):
    url = public_pages(takeo)[page]
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content


def test_an_approved_change_shows_on_the_cached_page_at_once(
    client, takeo, page_cache, superuser, django_capture_on_commit_callbacks
):
    assert "Secret recipe" not in client.get("/en/products/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(takeo.draft, by=superuser)

    assert "Secret recipe" in client.get("/en/products/").content.decode()


def test_an_edit_shows_on_every_cached_page_that_shows_the_record(
    client, takeo, page_cache, django_capture_on_commit_callbacks
):
    pages = ["/en/", takeo.province.get_absolute_url(), takeo.product.get_absolute_url()]
    for url in pages:
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        takeo.product.name_en = "Kirivong palm sugar"
        takeo.product.save()

    for url in pages:
        assert "Kirivong palm sugar" in client.get(url).content.decode(), url


def test_a_rolled_back_change_leaves_the_cached_pages_as_they_were(
    client, takeo, page_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.get("/en/products/")
    before = generation()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        takeo.product.name_en = "Never committed"
        takeo.product.save()
        transaction.set_rollback(True)

    assert generation() == before
    with django_assert_num_queries(0):
        client.get("/en/products/")


@pytest.mark.parametrize(
    "write",
    [
        lambda takeo: ProducerFactory(village=takeo.village),
        lambda takeo: CategoryFactory(),
        lambda takeo: ProductPhotoFactory(product=takeo.product),
        lambda takeo: takeo.photo.delete(),
        lambda takeo: ForumEventFactory(province=takeo.province),
        lambda takeo: takeo.village.save(),
        lambda takeo: takeo.designation.save(),
        lambda takeo: ImportLog.objects.create(
            dataset="villages",
            file_name="villages.csv",
            checksum="0" * 64,
            source=ImportLog.Source.COMMAND,
            rows=1,
            created=1,
            updated=0,
            unchanged=0,
            warnings=0,
        ),
    ],
    ids=[
        "producer",
        "category",
        "photo",
        "photo deleted",
        "event",
        "village",
        "designation",
        "confirmed import",
    ],
)
def test_every_kind_of_public_record_makes_the_pages_stale(
    takeo, page_cache, write, django_capture_on_commit_callbacks
):
    before = generation()

    with django_capture_on_commit_callbacks(execute=True):
        write(takeo)

    assert generation() != before


def test_each_language_has_its_own_cached_page(client, takeo, page_cache):
    english = client.get("/en/products/").content.decode()
    khmer = client.get("/km/products/").content.decode()

    assert 'lang="en"' in english
    assert 'lang="km"' in khmer
    assert client.get("/en/products/").content.decode() == english


def test_a_logged_in_official_is_never_served_from_the_cache(client, takeo, page_cache, superuser):
    client.get("/en/products/")
    client.force_login(superuser)

    assert queries_of(client, "/en/products/"), "an official was served a cached page"


def test_an_officials_page_is_never_stored_for_the_public(client, takeo, page_cache, superuser):
    official = Client()
    official.force_login(superuser)
    official.get("/en/products/")

    assert queries_of(client, "/en/products/"), "the public got a page cached for an official"


def test_pages_that_are_not_found_are_not_cached(client, takeo, page_cache):
    client.get("/en/products/999999/nothing/")

    assert len(page_cache._cache) <= 1  # at most the generation token


def test_the_page_cache_is_off_when_its_lifetime_is_zero(client, takeo, page_cache, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/en/")

    assert queries_of(client, "/en/")
