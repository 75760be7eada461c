"""The review race in a real browser: the reviewer reads a harmless change, its author
saves again into it, and the reviewer's click on the page still open is refused on that
page, which then shows the change as it is (desktop in English, a phone in Khmer)."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from accounts.roles import NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL
from review import services
from tests.browser.test_admin_journey import sign_in
from tests.browser.test_review_journey import (
    DESKTOP,
    new_tab,
    public_text,
    signed_in_on_a_khmer_phone,
)
from tests.scenarios import build_takeo

BENIGN = "Benign typo fix."
EVIL = "EVIL: order at https://evil.example/phish"


@pytest.fixture
def takeo(transactional_db, make_official):
    place = build_takeo()
    place.official = make_official(PROVINCIAL_OFFICIAL, ("21",), username="takeo-official")
    make_official(NATIONAL_REVIEWER, username="reviewer")
    return place


def saved_into_the_change(takeo, description: str):
    """The official saves the product's description into its waiting change."""
    return services.propose_values(
        takeo.product, {"description_en": description}, by=takeo.official
    )


def test_approving_from_a_page_opened_before_the_change_was_saved_again_is_refused(
    browser, portal, takeo, artifacts
):
    with translation.override("en"):
        url = takeo.product.get_absolute_url()
    revision = saved_into_the_change(takeo, BENIGN)
    page_url = f"/admin/review/revision/{revision.pk}/change/"

    reviewer = new_tab(browser, portal, DESKTOP | {"height": 768})
    sign_in(reviewer, "reviewer")
    reviewer.goto(page_url)
    expect(reviewer.get_by_role("cell", name=BENIGN)).to_be_visible()
    saved_into_the_change(takeo, EVIL)
    reviewer.get_by_role("button", name="Approve and publish").click()

    expect(
        reviewer.get_by_text("This change was edited after you opened it; review it again.")
    ).to_be_visible()
    expect(reviewer.get_by_role("cell", name=EVIL)).to_be_visible()
    reviewer.screenshot(path=artifacts / "review-race-refused-desktop-en.png")
    assert reviewer.errors == []
    reviewer.context.close()
    assert EVIL not in public_text(browser, portal, url)

    khmer = signed_in_on_a_khmer_phone(browser, portal, "reviewer")
    khmer.goto(page_url)
    saved_into_the_change(takeo, BENIGN)
    khmer.get_by_role("button", name="អនុម័ត និងផ្សព្វផ្សាយ").click()
    expect(khmer.get_by_text("ការកែប្រែនេះត្រូវបានកែសម្រួល បន្ទាប់ពីអ្នកបានបើកវា។")).to_be_visible()
    khmer.screenshot(path=artifacts / "review-race-refused-phone-km.png")
    assert khmer.errors == []
    khmer.context.close()
    assert EVIL not in public_text(browser, portal, url)
