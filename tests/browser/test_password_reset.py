"""An official who forgot their password, in a browser: from the login page to a new
password, in English and Khmer, on a laptop and a phone. Screenshots to look at,
nothing wider than the screen, and axe-core's WCAG 2.1 A and AA checks."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import VIEWER
from tests.browser.axe import axe_violations

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
NEW_PASSWORD = "mango-season-in-kirivong"
# The login page's link, the form's button, the new-password form's button.
WORDS = {
    "en": ("Forgotten your login credentials?", "Reset my password", "Change my password"),
    "km": ("ភ្លេចឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់?", "កំណត់ពាក្យសម្ងាត់ឡើងវិញ", "ប្ដូរពាក្យសម្ងាត់របស់ខ្ញុំ"),
}


@pytest.fixture
def official(transactional_db, make_official):
    user = make_official(VIEWER, username="sokha")
    user.email = "sokha@example.org"
    user.save(update_fields=["email"])
    return user


def check_page(page, artifacts, name: str, device: str, language: str) -> list[str]:
    """Screenshot the page; say what is wider than the screen or fails axe."""
    assert page.locator("html").get_attribute("lang") == language
    page.screenshot(path=artifacts / f"password-{name}-{device}-{language}.png", full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} is {overflow}px wider than the {device} screen"
    return axe_violations(page, name)


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_an_official_resets_a_forgotten_password_and_signs_in(
    browser, portal, official, mailoutbox, artifacts, settings, language, device
):
    forgotten, reset, change = WORDS[language]
    # The mailed link starts with the configured address: here, the test's portal.
    settings.SITE_URL = portal
    # axe is injected as an inline script, which the portal's policy rightly refuses.
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=portal, bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
    problems = {}
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        problems["login"] = check_page(page, artifacts, "login", device, language)
        page.get_by_role("link", name=forgotten).click()
        problems["form"] = check_page(page, artifacts, "reset-form", device, language)
        page.locator("#id_email").fill("sokha@example.org")
        page.get_by_role("button", name=reset).click()
        expect(page).to_have_url(re.compile(r"/admin/password_reset/done/$"))
        problems["sent"] = check_page(page, artifacts, "reset-sent", device, language)

        # Without a broker the task runs in the request, so the mail is there already.
        assert len(mailoutbox) == 1
        link = re.search(r"https?://\S+/admin/reset/\S+/", mailoutbox[0].body).group(0)
        assert link.startswith(f"{portal}/admin/reset/")
        page.goto(link)
        expect(page).to_have_url(re.compile(r"/set-password/$"))
        problems["new"] = check_page(page, artifacts, "new-password-form", device, language)
        page.locator("#id_new_password1").fill("12345")
        page.locator("#id_new_password2").fill("12345")
        page.get_by_role("button", name=change).click()
        expect(page.locator(".errorlist").first).to_be_visible()
        problems["refused"] = check_page(page, artifacts, "new-password-refused", device, language)
        page.locator("#id_new_password1").fill(NEW_PASSWORD)
        page.locator("#id_new_password2").fill(NEW_PASSWORD)
        page.get_by_role("button", name=change).click()
        expect(page).to_have_url(re.compile(r"/admin/reset/done/$"))
        problems["done"] = check_page(page, artifacts, "reset-done", device, language)

        page.locator("#content a[href$='/admin/login/']").click()
        page.locator("#id_username").fill("sokha")
        page.locator("#id_password").fill(NEW_PASSWORD)
        page.locator("#login-form [type=submit]").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
    finally:
        context.close()

    assert {name: found for name, found in problems.items() if found} == {}
