"""Recognition in a real browser: a reviewer confirms a round's result in the admin, the
product page shows the stars, and the certificate PDF's QR code leads to its
verification page."""

import io

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import expect

from recognition import services
from tests.browser.test_admin_journey import sign_in, tab  # noqa: F401 (a fixture)
from tests.recognition.conftest import (  # noqa: F401 (fixtures)
    national_round,
    people,
    product,
    score,
)


@pytest.fixture
def scored_entry(transactional_db, national_round, product, people):  # noqa: F811
    entry = services.enter_product(national_round, product, by=people.official)
    score(entry, people.assessor, ("38", "24", "33"))
    return score(entry, people.second_assessor, ("36", "22", "31"))  # 92 on average


def test_a_reviewer_confirms_a_round_and_the_certificate_verifies(
    tab,  # noqa: F811
    scored_entry,
    artifacts,
):
    entry = scored_entry
    sign_in(tab, "reviewer")
    tab.goto(f"/admin/recognition/round/{entry.round.pk}/progress/")
    expect(tab.get_by_text("Scored by the whole panel").last).to_be_visible()
    tab.screenshot(path=artifacts / "recognition-01-progress.png")

    tab.goto(f"/admin/recognition/entry/?round__id__exact={entry.round.pk}")
    tab.get_by_role("checkbox", name=f"Select this object for an action - {entry}").check()
    tab.locator("select[name=action]").select_option("confirm_results")
    tab.get_by_role("button", name="Go").click()
    expect(tab.get_by_text("Scored by the whole panel")).to_be_visible()
    tab.get_by_role("button", name="Confirm this result").click()
    expect(tab.get_by_text("1 result confirmed. Certificate issued: OVOP-")).to_be_visible()

    tab.goto(entry.product.get_absolute_url())
    expect(tab.get_by_text("Recognised in National round 2026")).to_be_visible()
    expect(tab.get_by_role("img", name="5 stars out of 5")).to_be_visible()
    tab.screenshot(path=artifacts / "recognition-02-product-page.png")

    tab.get_by_role("link", name="Recognition and certificate").click()
    tab.get_by_role("link", name="Certificate").first.click()
    pdf_link = tab.get_by_role("link", name="Printable certificate (PDF)")
    response = tab.request.get(pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"

    page = pypdfium2.PdfDocument(io.BytesIO(response.body()))[0]
    picture = page.render(scale=3).to_pil()
    picture.save(artifacts / "recognition-03-certificate.png")
    codes = zxingcpp.read_barcodes(picture)
    assert len(codes) == 1

    tab.goto(codes[0].text)
    expect(tab.get_by_text("This certificate is valid until")).to_be_visible()
    assert "/en/recognition/certificates/OVOP-" in tab.url
    assert tab.violations == []
