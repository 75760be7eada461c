"""Product pages describe the product to search engines as schema.org JSON-LD: a
`Product` with its producer, price and, while it holds one, its current certificate."""

import datetime
import json
import re

from django.utils import timezone

from recognition.models import Level
from tests.recognition.factories import RoundFactory, certify

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(client, product, language: str = "en") -> dict:
    url = product.get_absolute_url().replace("/en/", f"/{language}/")
    blocks = JSON_LD.findall(client.get(url).content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_product_page_describes_the_product_its_producer_and_price(client, takeo):
    data = structured_data(client, takeo.product)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Palm sugar"
    assert data["url"] == f"http://testserver{takeo.product.get_absolute_url()}"
    assert data["manufacturer"] == {
        "@type": "Organization",
        "name": "Kirivong Palm Sugar Group",
        "url": f"http://testserver{takeo.producer.get_absolute_url()}",
    }
    assert data["offers"] == {
        "@type": "AggregateOffer",
        "priceCurrency": "USD",
        "lowPrice": "2.00",
        "highPrice": "3.00",
    }
    assert data["image"].startswith("http://testserver/")
    assert "hasCertification" not in data


def test_a_recognised_product_carries_its_certification_rating_issuer_and_validity(client, takeo):
    round_ = RoundFactory(level=Level.PROVINCE, province=takeo.province)
    issued = timezone.localdate() - datetime.timedelta(days=100)
    certificate = certify(takeo.product, 4, issued_on=issued, round_=round_)

    certification = structured_data(client, takeo.product)["hasCertification"]

    assert certification["@type"] == "Certification"
    assert certification["certificationIdentification"] == certificate.number
    assert certification["certificationRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert certification["issuedBy"] == {
        "@type": "Organization",
        "name": "the provincial OVOP committee of Takeo",
    }
    assert certification["validFrom"] == issued.isoformat()
    assert certification["expires"] == certificate.expires_on.isoformat()
    assert certification["url"] == f"http://testserver{certificate.get_absolute_url()}"


def test_an_expired_certificate_is_not_claimed(client, takeo):
    certify(takeo.product, 5, issued_on=timezone.localdate() - datetime.timedelta(days=37 * 31))

    assert "hasCertification" not in structured_data(client, takeo.product)


def test_markup_in_a_name_cannot_close_the_script(client, takeo):
    takeo.product.name_en = "Sugar</script><script>alert(1)</script> & co"
    takeo.product.save()

    page = client.get(takeo.product.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in page
    assert structured_data(client, takeo.product)["name"] == takeo.product.name_en


def test_the_khmer_page_describes_the_product_in_khmer(client, takeo):
    data = structured_data(client, takeo.product, "km")

    assert data["name"] == "ស្ករត្នោត"
    assert data["url"].endswith(takeo.product.get_absolute_url().replace("/en/", "/km/"))


def test_the_product_page_with_a_certificate_stays_within_its_queries(
    client, takeo, django_assert_max_num_queries
):
    certify(takeo.product, 4)

    with django_assert_max_num_queries(8):
        assert client.get(takeo.product.get_absolute_url()).status_code == 200
