"""The demo content that `make run` loads makes a working public site in both languages."""

import io

import pytest
from django.core.management import call_command
from django.utils.translation import override

from forums.models import ForumEvent
from products.models import Product
from provinces.models import Village


@pytest.mark.slow
def test_demo_content_makes_a_working_public_site(client, national_gazetteer):
    call_command("load_initial_data", stdout=io.StringIO())

    home = client.get("/en/")
    assert [p.name_en for p in home.context["model_provinces"]] == ["Takeo"]
    showcase = home.context["showcase_products"]
    assert showcase and all(p.is_showcase and p.is_published for p in showcase)

    villages = list(Village.objects.with_published_products().with_location())
    records = [*Product.objects.published(), *ForumEvent.objects.published(), *villages]
    for language in ("en", "km"):
        with override(language):
            urls = [record.get_absolute_url() for record in records]
            urls += [village.commune.get_absolute_url() for village in villages]
            urls += [village.commune.district.get_absolute_url() for village in villages]
        urls += [f"/{language}/{path}" for path in ("", "provinces/", "provinces/takeo/")]
        urls += [f"/{language}/{path}" for path in ("products/", "forums/")]
        for url in urls:
            assert client.get(url).status_code == 200, url
