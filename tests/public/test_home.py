"""The home page: what OVOP is, model provinces (Takeo first), showcase products,
latest events and headline figures, counting only what is published."""

from tests.factories import (
    ForumEventFactory,
    ModelProvinceDesignationFactory,
    ProductFactory,
    ProvinceFactory,
)


def test_root_sends_visitors_to_their_language(client, db):
    assert client.get("/").url == "/en/"
    assert client.get("/", headers={"accept-language": "km"}).url == "/km/"


def test_home_lists_model_provinces_in_the_order_they_were_designated(client, takeo):
    kampot = ProvinceFactory(code="07", name_en="Kampot", slug="kampot")
    ModelProvinceDesignationFactory(province=kampot)

    response = client.get("/en/")

    assert list(response.context["model_provinces"]) == [takeo.province, kampot]
    content = response.content.decode()
    assert content.index("Takeo") < content.index("Kampot")


def test_home_features_published_showcase_products_only(client, takeo):
    ordinary = ProductFactory(producer=takeo.producer, is_showcase=False)
    draft_showcase = ProductFactory(producer=takeo.producer, is_showcase=True, live=False)

    showcased = list(client.get("/en/").context["showcase_products"])

    assert takeo.product in showcased
    assert ordinary not in showcased
    assert draft_showcase not in showcased


def test_home_lists_the_latest_published_events(client, takeo):
    later = ForumEventFactory(title_en="Follow-up workshop", day=27, month=1)
    ForumEventFactory(title_en="Unpublished meeting", live=False)

    response = client.get("/en/")

    assert list(response.context["latest_events"]) == [later, takeo.event]
    assert "Unpublished meeting" not in response.content.decode()


def test_headline_figures_count_what_is_published(client, takeo):
    ProductFactory(producer=takeo.producer)  # a second product of the same producer
    ProvinceFactory(code="01", slug="banteay-meanchey")
    ProvinceFactory(code="26", slug="unlisted-26", is_placeholder=True)  # not a province

    figures = client.get("/en/").context["figures"]

    assert figures == {"provinces": 2, "villages": 1, "products": 2, "producers": 1}
