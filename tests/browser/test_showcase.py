"""The showcase in a real browser: the catalogue with its filters in use, a producer's
page and the provinces list, on a laptop and a phone, in English and Khmer.

Screenshots go to test-artifacts/showcase-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProductFactory,
    ProductPhotoFactory,
    ProvinceFactory,
    VillageFactory,
)
from tests.recognition.factories import certify
from tests.scenarios import build_takeo

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(transactional_db, media_root):
    """Takeo with two recognised products of its palm sugar group, and Kampot."""
    takeo = build_takeo()
    takeo.producer.name_km = "ក្រុមស្ករត្នោតគិរីវង់"
    takeo.producer.description_en = "Forty families of Ta Nob boil palm sap into sugar."
    takeo.producer.description_km = "គ្រួសារសែសិបនៃភូមិតាណុប ចម្អិនទឹកត្នោតធ្វើជាស្ករ។"
    takeo.producer.email = "palmsugar@example.org"
    takeo.producer.save()
    certify(takeo.product, 4)
    vinegar = ProductFactory(
        name_en="Palm vinegar",
        name_km="ទឹកខ្មេះត្នោត",
        producer=takeo.producer,
        category=takeo.category,
        price_min=1,
        price_max=1.5,
        unit="bottle",
    )
    ProductPhotoFactory(product=vinegar, alt_text_en="A bottle of palm vinegar")
    certify(vinegar, 3)
    kampot = ProvinceFactory(code="07", name_en="Kampot", name_km="កំពត", slug="kampot")
    village = VillageFactory(
        code="07010101",
        commune=CommuneFactory(
            code="070101", district=DistrictFactory(code="0701", province=kampot)
        ),
    )
    ProductFactory.create_batch(2, producer__village=village, category=takeo.category)
    return takeo


@pytest.fixture
def tab(browser, portal):
    contexts = []

    def open_tab(viewport: dict):
        context = browser.new_context(viewport=viewport, base_url=portal)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_showcase_pages_look_right(tab, site, artifacts, viewport, language):
    page = tab(viewport)
    size = "desktop" if viewport is DESKTOP else "phone"

    page.goto(f"/{language}/products/?province=takeo&district=2104&stars=3&sort=stars")
    summary = page.locator(".active-filters")
    # On a phone too, the filters in use show without opening the folded form.
    expect(summary).to_be_visible()
    expect(summary.locator(".filter-chip")).to_have_count(3)
    expect(page.locator(".product-card")).to_have_count(2)
    expect(page.locator(".product-card .star-rating").first).to_be_visible()
    page.screenshot(path=artifacts / f"showcase-catalogue-{size}-{language}.png", full_page=True)

    page.goto(site.producer.get_absolute_url().replace("/en/", f"/{language}/"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".product-card")).to_have_count(2)
    expect(page.locator('a[href="mailto:palmsugar@example.org"]')).to_be_visible()
    page.screenshot(path=artifacts / f"showcase-producer-{size}-{language}.png", full_page=True)

    page.goto(f"/{language}/provinces/?sort=products")
    expect(page.locator(".province-card")).to_have_count(1)
    page.screenshot(path=artifacts / f"showcase-provinces-{size}-{language}.png", full_page=True)


def test_a_visitor_narrows_by_province_then_district_and_removes_a_filter(tab, site):
    page = tab(DESKTOP)
    page.goto("/en/products/")
    expect(page.locator("#id_district option")).to_have_count(1)  # "All districts" only

    page.select_option("#id_province", "takeo")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#id_district option")).to_have_count(2)  # Kiri Vong
    page.select_option("#id_district", "2104")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".filter-chip")).to_have_count(2)

    page.locator(".filter-chip", has_text="Province").click()
    expect(page.locator(".filter-chip")).to_have_count(0)
    expect(page.locator(".product-card")).to_have_count(4)


def test_a_visitor_goes_from_a_card_to_the_producer(tab, site):
    page = tab(PHONE)
    page.goto("/en/products/?q=vinegar")
    page.locator(".product-card-producer a").click()

    expect(page).to_have_url(f"{page.url.split('/en/')[0]}{site.producer.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Kirivong Palm Sugar Group")
