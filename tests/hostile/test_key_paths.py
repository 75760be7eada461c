"""Path segments that are keys: a segment that cannot be a key is a 404 from the URLconf,
before any query.

On PostgreSQL a NUL character in a `<str:…>` segment reached a query and was a server
error ("A string literal cannot contain NUL"), on pages anyone can open. These tests run
without the site-wide NUL guard (portal.middleware), so they check the converters alone.
"""

import pytest
from django.urls import reverse

from tests.hostile.urlconf import routes
from tests.recognition.factories import certify

pytestmark = pytest.mark.usefixtures("without_nul_guard")

# Django's password-reset link: its view decodes both parts without a query on the
# raw text (a user id from base64, a signed token).
FREE_TEXT_PARAMETERS = {("password_reset_confirm", "uidb64"), ("password_reset_confirm", "token")}


def test_every_url_parameter_has_a_converter_with_a_shape():
    loose = [
        f"{route.name}: <{converter}:{name}>"
        for route in routes()
        for name, converter in route.parameters.items()
        if converter in ("str", "path") and (route.name, name) not in FREE_TEXT_PARAMETERS
    ]
    assert loose == []


@pytest.mark.parametrize("page", ["district", "commune"])
@pytest.mark.parametrize(
    "code", ["%00", "21%0004", "2104%00", "abcd", "1" * 9, "%E1%9F%A1%E1%9F%A2"]
)
def test_a_place_address_whose_code_is_no_code_is_not_found(client, takeo, page, code):
    assert client.get(f"/en/provinces/{page}/{code}/x/").status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/en/recognition/certificates/%00/",
        "/en/recognition/certificates/%00/pdf/",
        "/en/recognition/certificates/OVOP-2026-%0000001/pdf/",
        "/c/%00/",
        "/en/recognition/certificates/" + "A" * 41 + "/",
    ],
)
def test_a_certificate_address_whose_number_is_no_number_is_not_found(client, db, address):
    assert client.get(address).status_code == 404


def test_the_places_and_a_certificate_still_open_at_their_addresses(client, takeo):
    certificate = certify(takeo.product, 3)
    for url in (
        takeo.district.get_absolute_url(),
        takeo.commune.get_absolute_url(),
        certificate.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("certificate_link", args=[certificate.number])).status_code == 302


@pytest.mark.parametrize("typed", ["ovop 2026 00001", "-", "\x00", "ក្រមា", "a" * 500])
def test_the_verification_form_leads_to_an_address_whatever_is_typed(client, db, typed):
    response = client.get(reverse("recognition:verify"), {"number": typed})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 404
