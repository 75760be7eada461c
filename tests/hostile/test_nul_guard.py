"""The site-wide guard: a NUL character in a request's address, query or cookies answers
400 before any view, in both languages (docs/decisions/0111-nul-refused-site-wide.md).

PostgreSQL refuses NUL in text; the converters and the admin's checks refuse it where a
value enters (the other tests here run without this guard), and the guard answers for
whatever reads a value without them, such as the session cookie.
"""

import pytest
from django.conf import settings


def refused(response) -> bool:
    return response.status_code == 400 and "could not read this request" in response.text


def test_the_guard_is_on_before_the_sessions_and_the_views():
    order = settings.MIDDLEWARE
    guard = order.index("portal.middleware.NulCharacterMiddleware")
    assert guard < order.index("django.contrib.sessions.middleware.SessionMiddleware")


@pytest.mark.parametrize(
    "address",
    [
        "/en/provinces/district/%00/x/",
        "/en/recognition/certificates/%00/pdf/",
        "/en/products/?province=%00",
        "/en/products/?%00=1",
        "/admin/provinces/village/?district=%00",
        "/admin/%00/",
    ],
)
def test_a_nul_anywhere_in_the_address_answers_400(client, db, address):
    response = client.get(address)
    assert refused(response)
    assert "វិបផតថលមិនអាចអានសំណើនេះបានទេ" in response.text


def test_a_session_cookie_of_nul_characters_answers_400(client, db):
    # Django unquotes "\000" in a cookie to NUL; the session table was asked for it.
    client.cookies[settings.SESSION_COOKIE_NAME] = "\x00" * 32
    assert refused(client.get("/admin/"))


def test_an_ordinary_request_passes(client, db):
    client.cookies["django_language"] = "km"
    assert client.get("/en/products/", {"q": "silk"}).status_code == 200
