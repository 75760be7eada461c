"""The recognition pages pass axe-core's WCAG 2.1 A and AA checks, in both languages."""

import pytest

from recognition import services
from tests.browser.test_accessibility import AXE, WCAG_AA
from tests.recognition.conftest import (  # noqa: F401 (fixtures)
    national_round,
    people,
    product,
    score,
)


@pytest.fixture
def certificate(transactional_db, national_round, product, people):  # noqa: F811
    entry = services.enter_product(national_round, product, by=people.official)
    score(entry, people.assessor, ("35", "20", "30"))
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
            page.add_script_tag(path=AXE)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
            )
            assert len(result["passes"]) >= 10, f"axe checked almost nothing on {url}"
            violations = [
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
            ]
            if violations:
                problems[url] = violations
        assert problems == {}
    finally:
        context.close()
