"""Every public page answers in both languages."""

import pytest


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_public_page_answers(client, takeo, language):
    with_language = [
        f"/{language}/",
        f"/{language}/provinces/",
        f"/{language}/products/",
        f"/{language}/forums/",
    ]
    for url in with_language:
        assert client.get(url).status_code == 200, url
    for obj in [
        takeo.province,
        takeo.district,
        takeo.commune,
        takeo.village,
        takeo.product,
        takeo.event,
    ]:
        from django.utils.translation import override

        with override(language):
            url = obj.get_absolute_url()
        response = client.get(url)
        assert response.status_code == 200, url
