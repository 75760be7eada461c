"""The official's start page and a product's form, in English and Khmer, on a laptop
and a phone: screenshots to look at, nothing wider than the screen, and axe-core's
WCAG 2.1 A and AA checks."""

import pytest
from playwright.sync_api import expect

from accounts.roles import PROVINCIAL_OFFICIAL
from imports.models import ImportLog
from review.services import request_review
from tests.browser.axe import axe_violations
from tests.factories import VillageFactory
from tests.scenarios import build_takeo

PASSWORD = "a-long-test-password"
# Elements whose content is wider than they are, to say what to fix.
WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll('body *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1)
  .slice(0, 8)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + ' ' + e.scrollWidth + '>' + e.clientWidth)
"""
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def official(transactional_db, media_root, make_official):
    takeo = build_takeo()
    user = make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")
    request_review(takeo.draft, by=user)
    ImportLog.objects.create(
        dataset="villages",
        file_name="takeo-villages-2025.csv",
        checksum="0" * 64,
        user=user,
        source=ImportLog.Source.ADMIN,
        rows=12,
        created=2,
        updated=1,
        unchanged=9,
        warnings=1,
    )
    return takeo


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_start_page_and_a_product_form_fit_the_screen_and_pass_axe(
    browser, portal, official, artifacts, language, device
):
    # axe is injected as an inline script, which the portal's policy rightly refuses.
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=portal, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("takeo-official")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.locator("#start-provinces")).to_be_visible()
        context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
        problems = {}
        for name, url in [
            ("start", "/admin/"),
            ("product", f"/admin/products/product/{official.product.pk}/change/"),
        ]:
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            page.screenshot(
                path=artifacts / f"admin-{name}-{device}-{language}.png", full_page=True
            )
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            wide = page.evaluate(WIDER_THAN_THE_SCREEN)
            assert overflow <= 0, f"{url} is {overflow}px wider than the {device} screen: {wide}"
            violations = axe_violations(page, url)
            if violations:
                problems[url] = violations
        assert problems == {}
    finally:
        context.close()


@pytest.mark.parametrize(
    ("url", "key_columns"),
    [
        ("/admin/provinces/flaggedvillage/", ["code", "name_en", "name_km", "reasons"]),
        ("/admin/imports/importlog/", ["imported_at", "dataset", "file_name", "rows", "warnings"]),
    ],
)
def test_the_flagged_villages_and_the_import_log_show_their_key_columns_on_a_laptop(
    browser, portal, official, artifacts, url, key_columns
):
    VillageFactory(commune=official.commune, code="99999999", name_en="Phum Thmei")
    context = browser.new_context(viewport=VIEWPORTS["desktop"], base_url=portal)
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("takeo-official")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(url)
        name = url.strip("/").replace("/", "-")
        page.screenshot(path=artifacts / f"{name}-desktop.png", full_page=True)
        # The list scrolls inside its own box: a column past the box's edge is hidden.
        visible = page.locator("#changelist .results").bounding_box()
        right = min(visible["x"] + visible["width"], VIEWPORTS["desktop"]["width"])
        for column in key_columns:
            header = page.locator(f"#result_list th.column-{column}")
            expect(header).to_be_visible()
            box = header.bounding_box()
            assert box["x"] + box["width"] <= right + 1, f"{column} is off-screen"
    finally:
        context.close()
