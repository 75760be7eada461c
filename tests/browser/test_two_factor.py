"""A reviewer's second factor in a real browser, under the Content-Security-Policy: the
password, then setting up an authenticator app from the key the page shows, the
recovery codes, and the next sign-in with a code. On a laptop in English and on a phone
in Khmer, with screenshots to look at and nothing wider than the screen."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.roles import NATIONAL_REVIEWER

PASSWORD = "a-long-test-password"
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# The set-up and code pages' buttons, the recovery page's link, the admin's heading.
WORDS = {
    "en": ("Confirm and set up", "I have kept them: continue", "Confirm", "Programme records"),
    "km": ("បញ្ជាក់ និងរៀបចំ", "ខ្ញុំបានរក្សាទុកហើយ៖ បន្ត", "បញ្ជាក់", None),
}


def app_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app holding this key shows."""
    key = b32decode(secret.replace(" ", ""))
    return f"{TOTP(key, drift=steps_ahead).token():06d}"


def look_at(page, artifacts, name: str, device: str, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    page.screenshot(path=artifacts / f"two-factor-{name}-{device}-{language}.png", full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} is {overflow}px wider than the {device} screen"


def sign_in_with_password(page) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()


@pytest.mark.parametrize(("device", "language"), [("desktop", "en"), ("phone", "km")])
def test_a_reviewer_sets_up_an_app_and_signs_in_with_a_code(
    browser, portal, settings, transactional_db, make_official, artifacts, device, language
):
    settings.TWO_FACTOR_REQUIRED = True
    make_official(NATIONAL_REVIEWER, username="reviewer")
    set_up, kept, confirm, heading = WORDS[language]
    context = browser.new_context(viewport=VIEWPORTS[device], base_url=portal)
    context.add_cookies([{"name": "django_language", "value": language, "url": portal}])
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            ("Content Security Policy" in message.text or "Refused to" in message.text)
            and violations.append(message.text)
        ),
    )
    try:
        sign_in_with_password(page)
        expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/\?next="))
        expect(page.locator(".two-factor-qr svg")).to_be_visible()
        look_at(page, artifacts, "setup", device, language)

        secret = page.locator(".two-factor-secret").inner_text()
        page.locator("#id_code").fill("000000" if app_code(secret) != "000000" else "111111")
        page.get_by_role("button", name=set_up).click()
        expect(page.locator(".errorlist")).to_be_visible()
        look_at(page, artifacts, "setup-refused", device, language)

        page.wait_for_timeout(1100)  # the wait django-otp sets after one wrong code
        page.locator("#id_code").fill(app_code(secret))
        page.get_by_role("button", name=set_up).click()
        expect(page.locator(".two-factor-recovery-codes li")).to_have_count(10)
        look_at(page, artifacts, "recovery-codes", device, language)
        page.get_by_role("link", name=kept).click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        if heading:
            expect(page.get_by_role("heading", name=heading)).to_be_visible()

        page.locator("#logout-form button").click()
        sign_in_with_password(page)
        expect(page).to_have_url(re.compile(r"/admin/two-factor/\?next="))
        look_at(page, artifacts, "code", device, language)
        page.locator("#id_code").fill(app_code(secret, steps_ahead=1))
        page.get_by_role("button", name=confirm, exact=True).click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        look_at(page, artifacts, "signed-in", device, language)
    finally:
        context.close()
    assert violations == []
