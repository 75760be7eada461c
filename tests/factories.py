"""Factories that build exactly what a test talks about, following the gazetteer down."""

import factory

from forums.models import (
    ActionItem,
    ActionPlan,
    DemonstrationCentre,
    EventOrganisation,
    ForumEvent,
    ModelProvinceDesignation,
    Organisation,
    Participant,
)
from products.models import Category, Producer, Product, ProductPhoto
from provinces.codes import COMMUNE, DISTRICT, PROVINCE, VILLAGE
from provinces.models import (
    Commune,
    District,
    Province,
    Village,
)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    # 30-99: never one of the 25 official codes, which tests name on purpose (Takeo is
    # 21), so a generated province cannot merge into a real one through get_or_create.
    code = factory.Sequence(lambda n: PROVINCE.code_in("", (n % 70) + 30))
    name_en = factory.Sequence(lambda n: f"Province {n}")
    name_km = factory.Sequence(lambda n: f"ខេត្ត {n}")
    slug = factory.Sequence(lambda n: f"province-{n}")


class CodedFactory(factory.django.DjangoModelFactory):
    """Given only a code, builds the parent that code implies (``2104`` lies in ``21``)."""

    class Meta:
        abstract = True

    @classmethod
    def parent(cls) -> tuple[str, type[factory.django.DjangoModelFactory]]:
        """The parent's field name and its factory."""
        raise NotImplementedError

    @classmethod
    def _generate(cls, strategy, params):
        field, parent_factory = cls.parent()
        given_parent = any(key == field or key.startswith(f"{field}__") for key in params)
        if "code" in params and not given_parent:
            level = cls._meta.model.level
            params[field] = parent_factory(code=level.parent_code(params["code"]))
        return super()._generate(strategy, params)


class DistrictFactory(CodedFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    @classmethod
    def parent(cls):
        return "province", ProvinceFactory

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(
        lambda o, n: DISTRICT.code_in(o.province.code, n % 99 + 1)
    )
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_km = factory.Sequence(lambda n: f"ស្រុក {n}")


class CommuneFactory(CodedFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code"]

    @classmethod
    def parent(cls):
        return "district", DistrictFactory

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: COMMUNE.code_in(o.district.code, n % 99 + 1))
    name_en = factory.Sequence(lambda n: f"Commune {n}")
    name_km = factory.Sequence(lambda n: f"ឃុំ {n}")
    live = True  # as the Ministry's list loads it; `live=False` for one waiting for review


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    code = factory.LazyAttributeSequence(lambda o, n: VILLAGE.code_in(o.commune.code, n % 99 + 1))
    name_en = factory.Sequence(lambda n: f"Village {n}")
    name_km = factory.Sequence(lambda n: f"ភូមិ {n}")
    live = True  # as the Ministry's list loads it; `live=False` for one waiting for review


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_km = factory.Sequence(lambda n: f"ប្រភេទ {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name_en = factory.Sequence(lambda n: f"Producer {n}")
    kind = Producer.Kind.COOPERATIVE
    village = factory.SubFactory(VillageFactory)
    live = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name_en = factory.Sequence(lambda n: f"Product {n}")
    name_km = factory.Sequence(lambda n: f"ផលិតផល {n}")
    description_en = "A product of the village."
    category = factory.SubFactory(CategoryFactory)
    producer = factory.SubFactory(ProducerFactory)
    village = factory.SelfAttribute("producer.village")
    live = True


class ProductPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPhoto

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(width=64, height=48, color="green", format="JPEG")
    alt_text_en = factory.LazyAttribute(lambda o: f"Photo of {o.product.name_en}")
    alt_text_km = factory.LazyAttribute(lambda o: f"រូបថត {o.product.name_km}")


class ModelProvinceDesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelProvinceDesignation

    province = factory.SubFactory(ProvinceFactory)
    statement_en = "A model province of the OVOP movement."
    statement_km = "ខេត្តគំរូនៃចលនា OVOP។"


class DemonstrationCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemonstrationCentre

    district = factory.SubFactory(DistrictFactory)
    focus_en = "Village products and their markets"
    focus_km = "ផលិតផលភូមិ និងទីផ្សាររបស់វា"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name_en"]

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.MINISTRY


class ForumEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumEvent

    title_en = factory.Sequence(lambda n: f"Forum {n}")
    kind = ForumEvent.Kind.NATIONAL_FORUM
    day = 26
    month = 1
    year = None
    province = factory.SubFactory(ProvinceFactory)
    live = True


class EventOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganisation

    event = factory.SubFactory(ForumEventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = EventOrganisation.Role.ORGANISER


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(ForumEventFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    event = factory.SubFactory(ForumEventFactory)
    title_en = factory.Sequence(lambda n: f"Action plan {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    plan = factory.SubFactory(ActionPlanFactory)
    description_en = factory.Sequence(lambda n: f"Action {n}")
