"""The demo content tells the news item's facts, honestly, and loads idempotently."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest

from forums.models import ForumEvent
from products.models import Product
from provinces.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def initial_data(national_gazetteer) -> str:
    """What `make run` loads; the gazetteer part finds the session's gazetteer in place."""
    output = io.StringIO()
    call_command("load_initial_data", stdout=output)
    return output.getvalue()


def test_takeo_is_the_model_province_declared_at_the_national_forum(initial_data):
    takeo = Province.objects.get(code="21")

    assert takeo.is_model_province
    designation = takeo.model_province_designation
    assert designation.declared_by == "Deputy Prime Minister Sok An"
    assert designation.declared_at.kind == ForumEvent.Kind.NATIONAL_FORUM
    assert designation.declared_at.participant_count == 321
    assert takeo.agriculture_labour_share == 85
    assert (takeo.monthly_earnings_min_usd, takeo.monthly_earnings_max_usd) == (50, 80)


def test_kirivong_is_the_demonstration_centre(initial_data):
    centre = Province.objects.get(code="21").districts.get(code="2104").demonstration_centre

    assert "sericulture" in centre.focus_en


def test_event_dates_do_not_invent_a_year(initial_data):
    forum = ForumEvent.objects.get(kind=ForumEvent.Kind.NATIONAL_FORUM)
    workshop = ForumEvent.objects.get(kind=ForumEvent.Kind.WORKSHOP)

    assert forum.year is None
    assert forum.date_label == "26 January"
    assert workshop.follows == forum
    assert [
        item.description_en for plan in workshop.action_plans.all() for item in plan.items.all()
    ] == [
        "Source funds for the envisioned OVOP projects",
        "Network with donor institutions for technical assistance to jumpstart the projects",
    ]


def test_sample_products_are_marked_and_located_in_takeo(initial_data):
    products = Product.objects.all()

    assert products.exists()
    assert all(product.is_sample and product.producer.is_sample for product in products)
    assert {product.province.code for product in products} == {"21"}
    assert Product.objects.showcase().filter(village__commune__district="2104").exists()
    assert Product.objects.published().count() < products.count(), "a draft stays hidden"
    assert all(product.photos.count() == 1 for product in products)


def test_loading_twice_changes_nothing(initial_data):
    def snapshot():
        return (
            list(Product.objects.order_by("pk").values_list("pk", "name_en", "live")),
            list(ForumEvent.objects.order_by("pk").values_list("pk", "title_en")),
            sum(product.photos.count() for product in Product.objects.all()),
        )

    before = snapshot()
    call_command("load_initial_data", stdout=io.StringIO())

    assert snapshot() == before


def test_demo_content_needs_the_gazetteer(db):
    with pytest.raises(CommandError, match="gazetteer is not loaded"):
        call_command("load_demo_content")


def test_demo_admin_login_is_printed_and_works(db, client, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("create_demo_admin", stdout=output)
    password = output.getvalue().split("with password ")[1].split()[0]

    # django-axes counts sign-ins per client, so authentication needs the request.
    assert client.login(request=HttpRequest(), username="demo-admin", password=password)


def test_demo_admin_is_refused_in_production(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Refusing"):
        call_command("create_demo_admin")
