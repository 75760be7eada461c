"""Helpers the public-site tests share: data in bulk, and counting queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums.models import ForumEvent
from provinces.models import Village
from tests.factories import (
    ActionItemFactory,
    ActionPlanFactory,
    CategoryFactory,
    EventOrganisationFactory,
    ForumEventFactory,
    ParticipantFactory,
    ProducerFactory,
    ProductFactory,
    ProductPhotoFactory,
)


def add_products(village: Village, count: int) -> None:
    """`count` published showcase products with a photo each, from a new producer in
    `village`, in one new category (a catalogue has a handful of categories, not one
    per product)."""
    producer = ProducerFactory(village=village)
    category = CategoryFactory()
    products = ProductFactory.create_batch(
        count, producer=producer, category=category, is_showcase=True
    )
    for product in products:
        ProductPhotoFactory(product=product)


def add_event_details(event: ForumEvent, count: int) -> None:
    """`count` more events in the event's province, and as many participants, organisers
    and funded action items on the event itself."""
    ForumEventFactory.create_batch(count, province=event.province)
    ParticipantFactory.create_batch(count, event=event)
    EventOrganisationFactory.create_batch(count, event=event)
    plan = ActionPlanFactory(event=event)
    for item in ActionItemFactory.create_batch(count, plan=plan):
        item.funding_sources.add(EventOrganisationFactory(event=event).organisation)


def count_queries(client, url: str) -> int:
    """How many SQL queries a GET of `url` runs; the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)
