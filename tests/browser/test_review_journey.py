"""A change to a public product, from the official's save to the reviewer's approval, in a
real browser: the public page stays as it was until the reviewer approves."""

import io

import pytest
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from accounts.roles import NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
from tests.browser.test_admin_journey import PASSWORD, sign_in
from tests.scenarios import build_takeo

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def takeo(transactional_db, make_official):
    place = build_takeo()
    make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")
    make_official(NATIONAL_REVIEWER, username="reviewer")
    return place


def new_tab(browser, portal, viewport, locale="en-GB"):
    context = browser.new_context(base_url=portal, viewport=viewport, locale=locale)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.errors.append(message.text)
        ),
    )
    return page


def signed_in_on_a_khmer_phone(browser, portal, username: str):
    page = new_tab(browser, portal, PHONE, locale="km-KH")
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    return page


def public_text(browser, portal, url: str) -> str:
    visitor = new_tab(browser, portal, DESKTOP)
    visitor.goto(url)
    text = visitor.locator("main").inner_text()
    visitor.context.close()
    return text


def test_an_official_proposes_a_product_change_and_a_reviewer_approves_it(
    browser, portal, takeo, artifacts, tmp_path
):
    with translation.override("en"):
        url = takeo.product.get_absolute_url()
    before = public_text(browser, portal, url)
    photo = tmp_path / "shed.png"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())

    official = new_tab(browser, portal, DESKTOP)
    sign_in(official, "takeo-official")
    official.goto(f"/admin/products/product/{takeo.product.pk}/change/")
    expect(official.get_by_role("heading", name="Public", exact=True)).to_be_visible()
    official.get_by_label("Description (English)").fill("Boiled over a wood fire in Ta Nob.")
    official.locator("#id_photos-0-alt_text_en").fill("Palm sugar cooling in moulds")
    official.locator("#id_photos-1-image").set_input_files(str(photo))
    official.locator("#id_photos-1-alt_text_en").fill("The group's boiling shed")
    official.get_by_role("button", name="Save and continue editing").click()
    expect(
        official.get_by_text("Saved. The public keeps seeing the approved version")
    ).to_be_visible()
    expect(official.get_by_role("heading", name="Public; changes wait for review")).to_be_visible()
    official.screenshot(path=artifacts / "review-01-official-saved.png", full_page=True)
    assert official.errors == []
    official.context.close()
    # The same form in Khmer on a phone: the state reads in Khmer first.
    khmer = signed_in_on_a_khmer_phone(browser, portal, "takeo-official")
    khmer.goto(f"/admin/products/product/{takeo.product.pk}/change/")
    expect(khmer.get_by_role("heading", name="សាធារណៈ ការកែប្រែរង់ចាំការពិនិត្យ")).to_be_visible()
    khmer.screenshot(path=artifacts / "review-01-official-km-phone.png")
    khmer.context.close()

    assert public_text(browser, portal, url) == before

    reviewer = new_tab(browser, portal, DESKTOP)
    sign_in(reviewer, "reviewer")
    reviewer.get_by_role("link", name="1 change waits for your review").click()
    reviewer.get_by_role("link", name="Palm sugar").click()
    expect(reviewer.get_by_role("cell", name="Boiled over a wood fire in Ta Nob.")).to_be_visible()
    thumbnail = reviewer.locator("img.review-thumbnail").first
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
    reviewer.screenshot(path=artifacts / "review-02-comparison.png", full_page=True)
    reviewer.set_viewport_size(PHONE)
    reviewer.screenshot(path=artifacts / "review-03-comparison-phone.png", full_page=True)
    reviewer.set_viewport_size(DESKTOP)
    reviewer.get_by_label("Comment").fill("Checked with the group.")
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.get_by_text("Approved: the public sees")).to_be_visible()
    assert reviewer.errors == []
    reviewer.context.close()

    after = public_text(browser, portal, url)
    assert "Boiled over a wood fire in Ta Nob." in after
    visitor = new_tab(browser, portal, PHONE, locale="km-KH")
    visitor.goto("/km" + url[3:])
    expect(visitor.get_by_alt_text("The group's boiling shed")).to_be_visible()
    visitor.screenshot(path=artifacts / "review-04-public-km-phone.png", full_page=True)
    visitor.context.close()


def test_an_official_corrects_a_village_name_and_a_reviewer_approves_it(
    browser, portal, takeo, artifacts
):
    with translation.override("en"):
        village_url = takeo.village.get_absolute_url()
        product_url = takeo.product.get_absolute_url()
    before = {url: public_text(browser, portal, url) for url in (village_url, product_url)}

    official = new_tab(browser, portal, DESKTOP)
    sign_in(official, "takeo-official")
    official.goto(f"/admin/provinces/village/{takeo.village.pk}/change/")
    expect(official.get_by_role("heading", name="Public", exact=True)).to_be_visible()
    official.get_by_label("Name (English)").fill("Ta Nop")
    official.get_by_role("button", name="Save and continue editing").click()
    expect(
        official.get_by_text("Saved. The public keeps seeing the approved version")
    ).to_be_visible()
    expect(official.get_by_role("heading", name="Public; changes wait for review")).to_be_visible()
    official.screenshot(path=artifacts / "review-05-village-official.png", full_page=True)
    official.goto("/admin/provinces/village/?review=waiting")
    expect(official.get_by_role("link", name="Ta Nob")).to_be_visible()
    official.screenshot(path=artifacts / "review-06-villages-waiting.png")
    assert official.errors == []
    official.context.close()
    khmer = signed_in_on_a_khmer_phone(browser, portal, "takeo-official")
    khmer.goto(f"/admin/provinces/village/{takeo.village.pk}/change/")
    expect(khmer.get_by_role("heading", name="សាធារណៈ ការកែប្រែរង់ចាំការពិនិត្យ")).to_be_visible()
    khmer.screenshot(path=artifacts / "review-07-village-km-phone.png", full_page=True)
    khmer.context.close()

    assert {url: public_text(browser, portal, url) for url in before} == before

    reviewer = new_tab(browser, portal, DESKTOP)
    sign_in(reviewer, "reviewer")
    reviewer.get_by_role("link", name="1 change waits for your review").click()
    reviewer.get_by_role("link", name=str(takeo.village)).click()
    expect(reviewer.get_by_role("cell", name="Ta Nop", exact=True)).to_be_visible()
    reviewer.screenshot(path=artifacts / "review-08-village-comparison.png", full_page=True)
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.get_by_text("Approved: the public sees")).to_be_visible()
    reviewer.context.close()

    for url in before:
        assert "Ta Nop" in public_text(browser, portal, url)
