"""A visitor's journey through the public site in a real browser, in both languages."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CategoryFactory, ProductFactory, ProductPhotoFactory
from tests.scenarios import build_takeo

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(transactional_db, media_root):
    """Takeo with a showcase Kirivong product, and a second category to filter by."""
    takeo = build_takeo()
    crafts = CategoryFactory(name_en="Handicrafts", name_km="សិប្បកម្ម", slug="handicrafts")
    basket = ProductFactory(
        name_en="Palm leaf basket",
        name_km="កន្ត្រកស្លឹកត្នោត",
        category=crafts,
        producer=takeo.producer,
        is_showcase=True,
    )
    ProductPhotoFactory(product=basket, alt_text_en="A woven palm leaf basket")
    takeo.crafts = crafts
    return takeo


@dataclass
class Visit:
    """A browser tab on the portal, with every URL it requested and every failure."""

    page: Page
    requested: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser, portal):
    """Opens tabs of a given size; closes them while the live server still runs."""
    contexts = []

    def open_visit(viewport: dict) -> Visit:
        context = browser.new_context(viewport=viewport, base_url=portal)
        contexts.append(context)
        tab = Visit(context.new_page())
        tab.page.on("request", lambda request: tab.requested.append(request.url))
        tab.page.on("requestfailed", lambda request: tab.failed.append(request.url))
        tab.page.on(
            "response",
            lambda response: (
                response.status >= 400 and tab.failed.append(f"{response.status} {response.url}")
            ),
        )
        return tab

    yield open_visit
    for context in contexts:
        context.close()


def assert_stayed_on_host(portal: str, requested: list[str]) -> None:
    host = urlsplit(portal).netloc
    assert requested, "the browser made no request at all"
    elsewhere = [url for url in requested if urlsplit(url).netloc != host]
    assert elsewhere == [], f"requests left the portal's host: {elsewhere}"


def test_visitor_goes_from_home_to_a_kirivong_product_and_reads_it_in_khmer(
    visit, portal, site, artifacts
):
    tab = visit(DESKTOP)
    page = tab.page

    page.goto("/")
    expect(page).to_have_url(f"{portal}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("One Village, One Product")
    expect(page.get_by_role("heading", name="Model provinces")).to_be_visible()
    expect(page.get_by_role("link", name="Palm sugar", exact=True)).to_be_visible()
    page.screenshot(path=artifacts / "01-home.png", full_page=True)

    page.get_by_role("main").get_by_role("link", name="Takeo", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Takeo")
    expect(page.get_by_text("Demonstration centres")).to_be_visible()
    page.screenshot(path=artifacts / "02-takeo.png", full_page=True)

    page.get_by_role("link", name="Palm sugar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Palm sugar")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb).to_contain_text("Takeo")
    expect(breadcrumb).to_contain_text("Kiri Vong")
    photo = page.get_by_role("img", name="Blocks of palm sugar")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.naturalWidth") > 0, "the product photo did not load"
    page.screenshot(path=artifacts / "03-product.png", full_page=True)

    page.get_by_role("link", name="ខ្មែរ").click()
    expect(page).to_have_url(f"{portal}{site.product.get_absolute_url().replace('/en/', '/km/')}")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.get_by_role("heading", level=1)).to_have_text("ស្ករត្នោត")
    expect(page.get_by_role("heading", name="អ្នកផលិត")).to_be_visible()
    # The Khmer web font comes from the portal itself and is in use.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer\"', 'ខ្មែរ')")
    loaded = page.evaluate(
        "[...document.fonts].filter("
        "f => f.family.includes('Noto Sans Khmer') && f.status === 'loaded').length"
    )
    assert loaded >= 1, "Noto Sans Khmer was not loaded"
    page.screenshot(path=artifacts / "04-product-khmer.png", full_page=True)

    assert tab.failed == []
    assert_stayed_on_host(portal, tab.requested)


def test_visitor_searches_the_catalogue_and_filters_by_category(visit, portal, site, artifacts):
    tab = visit(DESKTOP)
    page = tab.page

    page.goto("/en/")
    page.get_by_role("search").get_by_label("Search products").fill("palm")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="2 products")
    expect(results).to_be_visible()
    page.screenshot(path=artifacts / "05-search.png", full_page=True)

    page.get_by_label("Category").select_option(label="Handicrafts")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="1 product", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Palm leaf basket")).to_be_visible()
    expect(page.get_by_role("link", name="Palm sugar", exact=True)).to_have_count(0)
    expect(page.get_by_label("Search", exact=True)).to_have_value("palm")
    page.screenshot(path=artifacts / "06-filtered.png", full_page=True)

    page.get_by_role("link", name="ខ្មែរ").click()
    expect(page.get_by_role("link", name="កន្ត្រកស្លឹកត្នោត")).to_be_visible()
    expect(page.get_by_label("ប្រភេទ")).to_have_value("handicrafts")

    assert tab.failed == []
    assert_stayed_on_host(portal, tab.requested)


def test_on_a_phone_the_menu_opens_and_leads_to_the_catalogue(visit, portal, site, artifacts):
    tab = visit(PHONE)
    page = tab.page

    page.goto("/en/")
    products_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Products"
    )
    expect(products_link).to_be_hidden()
    page.screenshot(path=artifacts / "07-phone-home.png")

    page.get_by_role("button", name="Menu").click()
    expect(products_link).to_be_visible()
    expect(page.locator("#main-menu")).to_have_class(re.compile(r"\bshow\b"))
    page.screenshot(path=artifacts / "08-phone-menu.png")
    products_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Products")
    # The filters fold away so that the products come first; one tap opens them.
    category = page.get_by_label("Category")
    expect(category).to_be_hidden()
    page.get_by_role("button", name="Search and filter").click()
    expect(category).to_be_visible()
    category.select_option(label="Handicrafts")
    page.get_by_role("button", name="Apply").click()
    # The unfiltered page shows the basket too: wait for the filtered one to load.
    expect(page).to_have_url(re.compile(r"category=handicrafts"))
    expect(page.get_by_role("link", name="Palm leaf basket")).to_be_visible()
    expect(page.get_by_role("link", name="Palm sugar", exact=True)).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the catalogue scrolls sideways on a phone"
    page.screenshot(path=artifacts / "09-phone-catalogue.png", full_page=True)

    assert tab.failed == []
    assert_stayed_on_host(portal, tab.requested)
