"""A place the Ministry's current edition no longer lists says so, at no extra cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provinces.models import GazetteerEdition
from tests.factories import CommuneFactory, DistrictFactory, ProductFactory, VillageFactory

pytestmark = pytest.mark.django_db

NOTICE = "Not in the Ministry's current list (2026 edition)"


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("factory", [VillageFactory, CommuneFactory, DistrictFactory])
def test_a_retired_places_page_shows_the_notice_with_the_same_queries(client, factory):
    edition = GazetteerEdition.objects.create(label="2026")
    current, retired = factory(), factory()
    for place in (current, retired):
        ProductFactory(
            producer__village=VillageFactory() if factory is not VillageFactory else place
        )
    type(retired).objects.filter(pk=retired.pk).update(retired_in=edition)

    current_queries, current_page = queries_of(client, current.get_absolute_url())
    retired_queries, retired_page = queries_of(client, retired.get_absolute_url())

    assert NOTICE not in current_page
    assert NOTICE in retired_page
    assert retired_queries == current_queries
