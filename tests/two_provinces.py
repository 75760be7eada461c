"""Two provinces with one record of every kind in each, and an official per role.

The fixtures are the world the role, scoping and hardening tests speak about; their
folders' conftest modules bring them in.
"""

from dataclasses import dataclass, field

import pytest

from accounts.roles import NATIONAL_ADMINISTRATOR, NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL, VIEWER
from forums.models import DemonstrationCentre, EventOrganisation, ModelProvinceDesignation
from products.models import ProductPhoto
from provinces.models import FlaggedVillage
from review.services import request_review
from tests.factories import (
    ActionItemFactory,
    ActionPlanFactory,
    CategoryFactory,
    CommuneFactory,
    DistrictFactory,
    ForumEventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
)

TAKEO, KAMPOT = "21", "07"

ROLE_NAMES = {
    "administrator": NATIONAL_ADMINISTRATOR,
    "reviewer": NATIONAL_REVIEWER,
    "official": PROVINCIAL_OFFICIAL,
    "viewer": VIEWER,
}


@dataclass
class Place:
    """One record of every kind that lies in one province, keyed by model label."""

    code: str
    records: dict = field(default_factory=dict)

    def __getitem__(self, label: str):
        return self.records[label]


def build_place(code: str, name: str) -> Place:
    province = ProvinceFactory(code=code, name_en=name, slug=name.lower())
    district = DistrictFactory(code=f"{code}01")
    commune = CommuneFactory(code=f"{code}0101")
    village = VillageFactory(commune=commune, code=f"{code}010101")
    # A code that does not start with its commune's: the data-quality list shows it.
    odd_village = VillageFactory(commune=commune, code="99999999")
    producer = ProducerFactory(village=village, name_en=f"{name} weavers")
    product = ProductFactory(producer=producer, name_en=f"{name} silk", live=False)
    photo = ProductPhoto.objects.create(
        product=product, image="products/sample.jpg", alt_text_en="A scarf"
    )
    event = ForumEventFactory(province=province, title_en=f"{name} forum")
    plan = ActionPlanFactory(event=event)
    records = {
        "provinces.province": province,
        "provinces.district": district,
        "provinces.commune": commune,
        "provinces.village": village,
        "provinces.flaggedvillage": FlaggedVillage.objects.get(pk=odd_village.pk),
        "products.producer": producer,
        "products.product": product,
        "products.productphoto": photo,
        "forums.forumevent": event,
        "forums.eventorganisation": EventOrganisation.objects.create(
            event=event, organisation=OrganisationFactory(name_en="JICA")
        ),
        "forums.participant": ParticipantFactory(event=event),
        "forums.actionplan": plan,
        "forums.actionitem": ActionItemFactory(plan=plan),
        "forums.modelprovincedesignation": ModelProvinceDesignation.objects.create(
            province=province, declared_at=event
        ),
        "forums.demonstrationcentre": DemonstrationCentre.objects.create(
            district=district, focus_en="Silk"
        ),
        "review.revision": request_review(product, by=None),
    }
    return Place(code, records)


@pytest.fixture
def takeo(db) -> Place:
    return build_place(TAKEO, "Takeo")


@pytest.fixture
def kampot(db) -> Place:
    return build_place(KAMPOT, "Kampot")


@pytest.fixture
def national(db) -> dict:
    return {
        "products.category": CategoryFactory(name_en="Silk"),
        "forums.organisation": OrganisationFactory(name_en="Ministry of Agriculture"),
    }


@pytest.fixture
def users(make_official, takeo, kampot) -> dict:
    """One user per role; the provincial official works in Takeo only."""
    return {
        "administrator": make_official(NATIONAL_ADMINISTRATOR, username="administrator"),
        "reviewer": make_official(NATIONAL_REVIEWER, username="reviewer"),
        "official": make_official(PROVINCIAL_OFFICIAL, (TAKEO,), username="takeo-official"),
        "viewer": make_official(VIEWER, username="viewer"),
    }


@pytest.fixture
def official_client(client, users):
    client.force_login(users["official"])
    return client
