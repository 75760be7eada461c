"""Officials at work in a real browser, under the Content-Security-Policy: signing in,
autocomplete, a publishing decision, the export page's controls."""

import pytest
from playwright.sync_api import expect

from accounts.roles import NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
from products.models import Product
from tests.roles.conftest import TAKEO, build_place

PASSWORD = "a-long-test-password"


@pytest.fixture
def takeo(transactional_db):
    return build_place(TAKEO, "Takeo")


@pytest.fixture
def tab(browser, portal):
    """A browser tab that records every Content-Security-Policy violation and script error."""
    context = browser.new_context(base_url=portal, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            ("Content Security Policy" in message.text or "Refused to" in message.text)
            and page.violations.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.violations.append(str(error)))
    yield page
    context.close()


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Programme records")).to_be_visible()


def test_an_official_picks_a_producer_by_autocomplete_and_a_reviewer_publishes(
    tab, takeo, make_official, artifacts
):
    make_official(PROVINCIAL_OFFICIAL, (TAKEO,), username="takeo-official")
    make_official(NATIONAL_REVIEWER, username="reviewer")
    product = takeo["products.product"]

    sign_in(tab, "takeo-official")
    tab.goto("/admin/products/product/add/")
    tab.locator(".field-producer .select2-selection").click()
    tab.locator(".select2-search__field").fill("Takeo")
    option = tab.locator(".select2-results__option", has_text="Takeo weavers")
    expect(option).to_be_visible()
    tab.screenshot(path=artifacts / "admin-01-autocomplete.png")
    option.click()
    expect(tab.locator("#select2-id_producer-container")).to_have_text("Takeo weavers")

    tab.goto("/admin/products/product/")
    tab.get_by_role("checkbox", name=f"Select this object for an action - {product}").check()
    tab.locator("select[name=action]").select_option("send_for_review")
    tab.get_by_role("button", name="Go").click()
    expect(tab.get_by_text("1 record waits for review.")).to_be_visible()

    tab.context.clear_cookies()
    sign_in(tab, "reviewer")
    tab.goto("/admin/products/product/")
    tab.get_by_role("checkbox", name=f"Select this object for an action - {product}").check()
    tab.locator("select[name=action]").select_option("publish_selected")
    tab.get_by_label("Comment or reason").fill("Checked the prices.")
    tab.get_by_role("button", name="Go").click()
    expect(tab.get_by_text("1 record published.")).to_be_visible()
    tab.screenshot(path=artifacts / "admin-02-published.png")
    assert Product.objects.get(pk=product.pk).live

    tab.goto("/admin/provinces/village/export/")
    toggle = tab.locator("input.select-toggle")
    fields = tab.locator("input[type=checkbox][name^=villageresource_]")
    expect(fields.first).to_be_checked()
    toggle.click()  # an inline handler, allowed by its hash
    expect(fields.first).not_to_be_checked()

    tab.goto("/en/")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()

    assert tab.violations == []
