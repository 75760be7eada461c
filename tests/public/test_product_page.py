"""A product's page: photos, origin, producer and contact, category, season, price,
related products; only published products are public."""

import re

from tests.factories import CategoryFactory, CommuneFactory, ProductFactory, ProductPhotoFactory


def test_product_page_shows_origin_producer_contact_category_season_and_price(client, takeo):
    html = client.get(takeo.product.get_absolute_url()).content.decode()

    for text in (
        "Palm sugar",
        "Ta Nob",
        "Prey Ampok",
        "Kiri Vong",
        "Takeo",
        "Kirivong Palm Sugar Group",
        "Sok Dara",
        'href="tel:012345678"',
        "Food",
        "December to May",
        "2 to 3 USD per kg",
    ):
        assert text in html, text


def test_product_photos_are_served_as_reencoded_renditions_with_alt_text(
    client, takeo, media_root
):
    html = client.get(takeo.product.get_absolute_url()).content.decode()

    sources = re.findall(r'<img src="([^"]+)" alt="Blocks of palm sugar"', html)
    assert sources and all(src.startswith("/media/CACHE/images/") for src in sources)
    assert takeo.photo.image.url not in html  # the upload itself is never linked
    rendition = media_root / sources[0].removeprefix("/media/")
    assert rendition.read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG


def test_every_image_on_public_pages_has_alt_text(client, takeo):
    ProductPhotoFactory(product=takeo.product)
    for url in ("/en/", takeo.product.get_absolute_url(), "/en/products/", "/en/provinces/takeo/"):
        html = client.get(url).content.decode()
        images = re.findall(r"<img\b[^>]*>", html)
        assert images, url
        assert all(re.search(r'\balt="[^"]+"', image) for image in images), url


def test_related_products_share_a_category_or_province_and_are_published(client, takeo):
    same_category = ProductFactory(name_en="Rice cake", category=takeo.category)
    same_province = ProductFactory(
        name_en="Basket", producer=takeo.producer, category=CategoryFactory(slug="crafts")
    )
    ProductFactory(
        name_en="Far away",
        category=CategoryFactory(slug="other"),
        producer__village__commune=CommuneFactory(code="070101"),
    )
    ProductFactory(name_en="Hidden", category=takeo.category, live=False)

    related = client.get(takeo.product.get_absolute_url()).context["related_products"]

    assert [p.name_en for p in related] == ["Rice cake", "Basket"]
    assert same_category in related and same_province in related


def test_products_that_are_not_public_answer_404(client, takeo):
    takeo.product.live = False
    takeo.product.save()

    assert client.get(takeo.product.get_absolute_url()).status_code == 404
    assert client.get(takeo.draft.get_absolute_url()).status_code == 404


def test_unpublished_products_are_not_linked_from_any_public_page(client, takeo):
    for url in ("/en/", "/en/products/", "/en/provinces/takeo/", takeo.village.get_absolute_url()):
        assert "Secret recipe" not in client.get(url).content.decode(), url


def test_a_product_with_an_old_slug_redirects_to_its_address(client, takeo):
    response = client.get(f"/en/products/{takeo.product.pk}/old-name/")

    assert response.status_code == 301
    assert response.url == takeo.product.get_absolute_url()


def test_a_missing_photo_file_shows_a_placeholder_instead_of_breaking_pages(client, takeo, caplog):
    takeo.photo.image.storage.delete(takeo.photo.image.name)

    for url in ("/en/", takeo.product.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "No photo yet" in response.content.decode(), url
    assert "Cannot make the thumbnail of product photo" in caplog.text


def test_products_without_photos_show_a_placeholder(client, takeo):
    takeo.photo.delete()

    html = client.get(takeo.product.get_absolute_url()).content.decode()

    assert "No photo yet" in html
    assert 'property="og:image"' not in html
