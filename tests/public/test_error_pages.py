"""Friendly error pages, in the visitor's language (404) or in both (500)."""

import pytest


@pytest.mark.parametrize(
    ("language", "heading", "home"),
    [("en", "Page not found", "/en/"), ("km", "រកមិនឃើញទំព័រ", "/km/")],
)
def test_missing_pages_answer_a_friendly_404_in_the_visitors_language(
    client, db, language, heading, home
):
    response = client.get(f"/{language}/products/123456/nothing-here/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'href="{home}"' in html
    assert f'<html lang="{language}">' in html


def test_server_errors_answer_a_friendly_500_in_both_languages(client, db, settings):
    settings.ROOT_URLCONF = "tests.public.failing_urls"
    client.raise_request_exception = False

    response = client.get("/km/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "មានបញ្ហាកើតឡើង" in html
    assert "a bug in a page" not in html


def test_a_database_that_stayed_busy_answers_503_try_again(client, db, settings):
    settings.ROOT_URLCONF = "tests.public.failing_urls"
    client.raise_request_exception = False

    response = client.get("/en/busy/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The portal is busy" in html
    assert "Please try again in a minute" in html
    assert "database is locked" not in html


@pytest.fixture
def uncollected_static_files(settings, tmp_path):
    """Production's static storage, with collectstatic never run."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "portal.staticfiles.ForgivingManifestStaticFilesStorage"},
    }


def test_pages_render_without_collected_static_files(client, db, uncollected_static_files):
    response = client.get("/en/")

    assert response.status_code == 200
    assert 'href="/static/css/portal.css"' in response.content.decode()


def test_the_error_page_renders_without_collected_static_files(
    client, db, settings, uncollected_static_files
):
    settings.ROOT_URLCONF = "tests.public.failing_urls"
    client.raise_request_exception = False

    response = client.get("/en/broken/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
