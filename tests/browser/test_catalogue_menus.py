"""The catalogue's province and district menus in a real browser, in English and Khmer:
with its script, choosing a province lists that province's districts at once; without
scripts, a district of another province is dropped after Apply, and the page says so.

Screenshots go to test-artifacts/catalogue-menus-*.png.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProductFactory,
    ProvinceFactory,
    VillageFactory,
)
from tests.scenarios import build_takeo

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Takeo's districts in the order each language's menu lists them: by English name, and
# by Khmer name (អ is the last letter of the Khmer alphabet and the last in code points,
# so this order holds with the Khmer collation and without it).
TAKEO_DISTRICTS = {
    "en": [("2101", "Angkor Borei"), ("2104", "Kiri Vong"), ("2106", "Prey Kabbas")],
    "km": [("2104", "គិរីវង់"), ("2106", "ព្រៃកប្បាស"), ("2101", "អង្គរបុរី")],
}
KAMPOT_DISTRICTS = {
    "en": [("0706", "Kampong Trach"), ("0708", "Kampot")],
    "km": [("0706", "កំពង់ត្រាច"), ("0708", "កំពត")],
}


def product_in(district, name: str) -> None:
    commune = CommuneFactory(code=f"{district.code}01", district=district)
    ProductFactory(name_en=name, producer__village=VillageFactory(commune=commune))


@pytest.fixture
def site(transactional_db, media_root):
    """Takeo with three districts (Kiri Vong's palm sugar, a scarf in Prey Kabbas) and
    Kampot with two (a pepper in Kampong Trach)."""
    takeo = build_takeo()
    DistrictFactory(code="2101", province=takeo.province, name_en="Angkor Borei", name_km="អង្គរបុរី")
    product_in(
        DistrictFactory(
            code="2106", province=takeo.province, name_en="Prey Kabbas", name_km="ព្រៃកប្បាស"
        ),
        "Silk scarf",
    )
    kampot = ProvinceFactory(code="07", name_en="Kampot", name_km="កំពត", slug="kampot")
    product_in(
        DistrictFactory(code="0706", province=kampot, name_en="Kampong Trach", name_km="កំពង់ត្រាច"),
        "Kampot pepper",
    )
    DistrictFactory(code="0708", province=kampot, name_en="Kampot", name_km="កំពត")
    return takeo


@pytest.fixture
def new_page(browser, portal):
    contexts = []

    def open_page(viewport: dict, **options):
        context = browser.new_context(viewport=viewport, base_url=portal, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on(
            "console",
            lambda message: message.type == "error" and page.errors.append(message.text),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


def district_menu(page) -> list[tuple[str, str]]:
    """The district menu's (value, label) pairs, "All districts" left out."""
    return [
        (option["value"], option["label"])
        for option in page.locator("#id_district option").evaluate_all(
            "options => options.map(o => ({value: o.value, label: o.textContent.trim()}))"
        )
        if option["value"]
    ]


def open_filters(page, size: str) -> None:
    """On a phone the form folds away behind its button."""
    if size == "phone":
        page.locator("button[aria-controls=catalogue-filters]").click()
        expect(page.locator("#id_province")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_choosing_takeo_lists_only_takeos_districts_at_once(
    new_page, site, artifacts, language, size, viewport
):
    page = new_page(viewport)
    page.goto(f"/{language}/products/")
    open_filters(page, size)
    assert district_menu(page) == []
    expect(page.locator("#id_district_help")).to_be_visible()

    page.select_option("#id_province", "takeo")
    assert district_menu(page) == TAKEO_DISTRICTS[language]
    expect(page.locator("#id_district_help")).to_be_hidden()
    expect(page.locator("#id_district")).not_to_have_attribute(
        "aria-describedby", "id_district_help"
    )

    # A district of Kampot, then Takeo again: Kampot's district does not stay chosen.
    page.select_option("#id_province", "kampot")
    assert district_menu(page) == KAMPOT_DISTRICTS[language]
    page.select_option("#id_district", "0706")
    page.select_option("#id_province", "takeo")
    assert district_menu(page) == TAKEO_DISTRICTS[language]
    expect(page.locator("#id_district")).to_have_value("")

    page.select_option("#id_district", "2104")
    page.screenshot(path=artifacts / f"catalogue-menus-chosen-{size}-{language}.png")
    page.locator(".catalogue-filters button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"[?&]province=takeo&district=2104(&|$)"))
    expect(page.locator(".filter-chip")).to_have_count(2)
    expect(page.locator(".product-card")).to_have_count(1)
    open_filters(page, size)
    assert district_menu(page) == TAKEO_DISTRICTS[language]
    expect(page.locator("#id_district")).to_have_value("2104")
    page.screenshot(
        path=artifacts / f"catalogue-menus-applied-{size}-{language}.png", full_page=True
    )
    # The script ran under the portal's Content-Security-Policy, with nothing refused.
    assert page.errors == []


def test_back_on_the_catalogue_the_district_list_is_the_restored_provinces(new_page, site):
    page = new_page(DESKTOP)
    page.goto("/en/products/")
    page.select_option("#id_province", "kampot")
    page.locator(".product-card a").first.click()
    expect(page.locator("h1")).not_to_have_text("Products")

    page.go_back()
    # The browser restores the province chosen; the page was made for none.
    expect(page.locator("#id_province")).to_have_value("kampot")
    assert district_menu(page) == KAMPOT_DISTRICTS["en"]
    expect(page.locator("#id_district_help")).to_be_hidden()
    assert page.errors == []


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_without_scripts_a_district_of_another_province_is_dropped_with_a_notice(
    new_page, site, artifacts, language, size, viewport
):
    page = new_page(viewport, java_script_enabled=False)
    page.goto(f"/{language}/products/?province=takeo&district=2104")
    # On a phone too: the button that folds the form away needs a script, so without
    # one the form shows unfolded and the button is gone.
    expect(page.locator("#id_province")).to_be_visible()
    expect(page.locator("button[aria-controls=catalogue-filters]")).to_be_hidden()
    # The header's menu likewise: its links show, its button (needing a script) is gone.
    expect(page.locator("#main-menu a").first).to_be_visible()
    expect(page.locator("button[aria-controls=main-menu]")).to_be_hidden()

    page.select_option("#id_province", "kampot")
    # Nothing narrows the district list before Apply: it is still Takeo's.
    assert district_menu(page) == TAKEO_DISTRICTS[language]
    page.locator(".catalogue-filters button[type=submit]").click()

    notice = page.locator(".alert-warning[role=status]")
    expect(notice).to_have_text(
        {
            "en": "Kiri Vong district is not in Kampot province, so products from the "
            "whole province are shown.",
            "km": "ស្រុក គិរីវង់ មិនស្ថិតនៅក្នុងខេត្ត កំពត ទេ ដូច្នេះផលិតផលពីខេត្តទាំងមូលត្រូវបានបង្ហាញ។",
        }[language]
    )
    expect(page.locator(".product-card")).to_have_count(1)
    assert district_menu(page) == KAMPOT_DISTRICTS[language]
    expect(page.locator("#id_district")).to_have_value("")
    page.screenshot(
        path=artifacts / f"catalogue-menus-nojs-notice-{size}-{language}.png", full_page=True
    )


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_narrowed_menus_and_the_notice_pass_the_accessibility_checks(new_page, site, language):
    page = new_page(DESKTOP, bypass_csp=True)  # axe is injected inline (tests/browser/axe.py)
    page.goto(f"/{language}/products/")
    page.select_option("#id_province", "takeo")
    assert axe_violations(page, page.url) == []

    page.goto(f"/{language}/products/?province=kampot&district=2104")
    expect(page.locator(".alert-warning[role=status]")).to_be_visible()
    assert axe_violations(page, page.url) == []
