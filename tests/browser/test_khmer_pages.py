"""The Khmer home page and a product page, on a laptop and on a phone: in Khmer, in the
portal's Khmer font, with Khmer digits, and no wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.factories import ForumEventFactory
from tests.scenarios import build_takeo

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(transactional_db, media_root):
    takeo = build_takeo()
    ForumEventFactory(
        title_en="Workshop", title_km="សិក្ខាសាលា", day=27, month=1, year=None, live=True
    )
    return takeo


@pytest.mark.parametrize(("size", "viewport"), [("desktop", LAPTOP), ("phone", PHONE)])
def test_the_khmer_home_and_product_pages_read_in_khmer(
    browser, portal, site, artifacts, size, viewport
):
    context = browser.new_context(viewport=viewport, base_url=portal)
    page = context.new_page()
    try:
        page.goto("/km/")
        expect(page.locator("html")).to_have_attribute("lang", "km")
        expect(page.get_by_role("heading", level=1)).to_have_text("ភូមិមួយ ផលិតផលមួយ")
        expect(page.get_by_text("· ២៧ មករា ·")).to_be_visible()
        expect(page.get_by_text("ប្រភពមិនបានបញ្ជាក់ឆ្នាំទេ")).to_be_visible()
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer\"', 'ខ្មែរ')")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=artifacts / f"khmer-home-{size}.png", full_page=True)

        page.goto(site.product.get_absolute_url().replace("/en/", "/km/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("ស្ករត្នោត")
        expect(page.get_by_text("ស្ករធ្វើពីទឹកត្នោត")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=artifacts / f"khmer-product-{size}.png", full_page=True)
    finally:
        context.close()
