"""A reviewer confirms two results of a round in the admin, in English on a laptop and in
Khmer on a phone: the one whose panel has not all scored is refused with the assessor's
name, the other is confirmed and the message links its certificate. Screenshots to look
at, nothing wider than the screen, and axe-core's WCAG 2.1 A and AA checks."""

import pytest
from playwright.sync_api import expect

from recognition import services
from recognition.models import Certificate
from tests.browser.axe import axe_violations
from tests.browser.test_admin_start_page import PASSWORD, VIEWPORTS, WIDER_THAN_THE_SCREEN
from tests.factories import ProductFactory
from tests.recognition.conftest import (  # noqa: F401 (fixtures)
    national_round,
    people,
    product,
    score,
    score_by_panel,
)

FOUR_STARS = ("35", "20", "30")


@pytest.fixture
def entries(transactional_db, national_round, product, people):  # noqa: F811
    half = services.enter_product(national_round, product, by=people.official)
    score(half, people.assessor, FOUR_STARS)  # the second assessor has not scored
    whole = services.enter_product(
        national_round,
        ProductFactory(producer=product.producer, name_en="Takeo palm sugar"),
        by=people.official,
    )
    score_by_panel(whole, people, FOUR_STARS)
    return half, whole


def fits_and_passes_axe(page, device: str) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (
        f"{overflow}px wider than the {device}: {page.evaluate(WIDER_THAN_THE_SCREEN)}"
    )
    assert axe_violations(page, page.url) == []


@pytest.mark.parametrize(("device", "language"), [("desktop", "en"), ("phone", "km")])
def test_a_reviewer_sees_the_refusal_and_the_certificate_she_issued(
    browser, portal, entries, artifacts, device, language
):
    half, whole = entries
    # axe is injected as an inline script, which the portal's policy rightly refuses.
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=portal, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("reviewer")
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("input[type=submit]").click()
        context.add_cookies([{"name": "django_language", "value": language, "url": portal}])

        page.goto(f"/admin/recognition/entry/?round__id__exact={half.round.pk}")
        for entry in (half, whole):
            page.locator(f"input[name=_selected_action][value='{entry.pk}']").check()
        page.locator("select[name=action]").select_option("confirm_results")
        page.locator(".actions button[type=submit]").click()

        expect(page.locator("#confirmation")).to_contain_text("assessor-2")
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(
            path=artifacts / f"recognition-panel-refusal-{device}-{language}.png", full_page=True
        )
        fits_and_passes_axe(page, device)

        page.locator("form input[type=submit]").click()
        certificate = Certificate.objects.get(entry=whole)
        message = page.locator(".messagelist .success")
        expect(message).to_contain_text(certificate.number)
        expect(message.get_by_role("link", name=certificate.number)).to_have_attribute(
            "href", f"/{language}/recognition/certificates/{certificate.number}/"
        )
        page.screenshot(
            path=artifacts / f"recognition-panel-confirmed-{device}-{language}.png",
            full_page=True,
        )
        fits_and_passes_axe(page, device)
        half.refresh_from_db()
        assert not half.is_locked

        page.goto(f"/admin/recognition/round/{half.round.pk}/progress/")
        expect(page.locator("td", has_text="1 / 2")).to_be_visible()
        page.screenshot(
            path=artifacts / f"recognition-panel-progress-{device}-{language}.png",
            full_page=True,
        )
        fits_and_passes_axe(page, device)
    finally:
        context.close()
