"""The recognition pages pass axe-core's WCAG 2.1 A and AA checks, in both languages."""

import pytest

from recognition import services
from tests.browser.axe import axe_violations
from tests.recognition.conftest import (  # noqa: F401 (fixtures)
    national_round,
    people,
    product,
    score_by_panel,
)


@pytest.fixture
def certificate(transactional_db, national_round, product, people):  # noqa: F811
    entry = services.enter_product(national_round, product, by=people.official)
    score_by_panel(entry, people, ("35", "20", "30"))
    return services.confirm_result(entry, by=people.reviewer).certificate


def test_recognition_pages_have_no_accessibility_violations(browser, portal, certificate):
    recognised = certificate.product
    paths = [
        "/en/recognition/?stars=3",
        f"/en/recognition/products/{recognised.pk}/{recognised.slug}/",
        certificate.round.get_absolute_url(),
        certificate.get_absolute_url(),
        "/en/recognition/certificates/OVOP-0000-00000/",
        "/en/recognition/verify/",
        recognised.get_absolute_url(),
    ]
    context = browser.new_context(base_url=portal, bypass_csp=True)  # axe is injected inline
    try:
        page = context.new_page()
        problems = {}
        for url in paths + [path.replace("/en/", "/km/") for path in paths]:
            page.goto(url)
            violations = axe_violations(page, url)
            if violations:
                problems[url] = violations
        assert problems == {}
    finally:
        context.close()
