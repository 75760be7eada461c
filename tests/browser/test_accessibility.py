"""Every kind of public page passes axe-core's WCAG 2.1 A and AA checks, in both languages."""

import pytest

from tests.browser.axe import axe_violations
from tests.scenarios import build_takeo


@pytest.fixture
def takeo(transactional_db, media_root):
    return build_takeo()


def page_urls(takeo) -> list[str]:
    paths = [
        "/en/",
        "/en/provinces/",
        takeo.province.get_absolute_url(),
        takeo.district.get_absolute_url(),
        takeo.commune.get_absolute_url(),
        takeo.village.get_absolute_url(),
        "/en/products/?q=palm",
        "/en/products/?province=takeo&district=2104&stars=1&showcase=on&sort=stars",
        "/en/provinces/?sort=products",
        takeo.product.get_absolute_url(),
        takeo.producer.get_absolute_url(),
        "/en/forums/",
        takeo.event.get_absolute_url(),
        "/en/no-such-page/",
    ]
    return paths + [path.replace("/en/", "/km/") for path in paths]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_public_pages_have_no_accessibility_violations(browser, portal, takeo, viewport):
    # The checker is injected as an inline script, which the portal's
    # Content-Security-Policy rightly refuses; the pages themselves are unchanged.
    context = browser.new_context(viewport=viewport, base_url=portal, bypass_csp=True)
    try:
        page = context.new_page()
        problems = {}
        for url in page_urls(takeo):
            page.goto(url)
            violations = axe_violations(page, url)
            if violations:
                problems[url] = violations
        assert problems == {}
    finally:
        context.close()
