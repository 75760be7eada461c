"""Only real photos get in: decoded, capped, re-encoded without their metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from products.models import ProductPhoto
from products.photos import clean_photo

LIMITS = {"max_bytes": 2_000_000, "max_pixels": 4_000_000}


def image_file(fmt: str = "PNG", size=(64, 48), mode="RGB", name="photo.png", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "orange").save(buffer, format=fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def png_declaring(width: int, height: int) -> bytes:
    """A valid, tiny PNG whose header declares the given size: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def refusal(upload, **limits) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload, **{**LIMITS, **limits})
    return refused.value


def test_a_text_file_named_png_is_refused_as_not_an_image():
    error = refusal(SimpleUploadedFile("photo.png", b"just some text, not a picture\n"))
    assert error.code == "not_an_image"
    assert "not a JPEG, PNG or WebP image" in error.message


def test_an_image_in_another_format_is_refused():
    assert refusal(image_file("GIF", name="photo.gif")).code == "not_an_image"


def test_a_file_over_the_size_limit_is_refused_with_both_sizes():
    error = refusal(image_file(), max_bytes=100)
    assert error.code == "too_large"
    assert "may be at most 100" in error.message


def test_an_image_with_too_many_pixels_is_refused_before_decoding():
    error = refusal(image_file(size=(300, 200)), max_pixels=50_000)
    assert error.code == "too_many_pixels"
    assert "300 by 200 pixels" in error.message


def test_a_decompression_bomb_is_refused_with_a_clear_message():
    bomb = SimpleUploadedFile("bomb.png", png_declaring(100_000, 100_000))
    error = refusal(bomb, max_pixels=10**12)  # Pillow's own guard must hold as well
    assert error.code == "decompression_bomb"
    assert "decompression" in error.message

    # Below Pillow's own limit, the portal's pixel cap refuses it before decoding.
    small_bomb = SimpleUploadedFile("bomb.png", png_declaring(8_000, 8_000))
    assert refusal(small_bomb).code == "too_many_pixels"


def test_a_truncated_image_is_refused_as_damaged():
    whole = image_file("JPEG", size=(400, 300), name="photo.jpg").read()
    assert refusal(SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2])).code == "damaged"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_photos_are_re_encoded_as_jpeg_without_metadata(fmt):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: rotated; the pixels are turned upright
    upload = image_file(fmt, size=(64, 48), name="IMG_0001.x", exif=exif.tobytes())

    cleaned = clean_photo(upload, **LIMITS)

    result = Image.open(io.BytesIO(cleaned.read()))
    assert result.format == "JPEG"
    assert result.size == (48, 64)
    assert not result.getexif()


def test_transparent_png_becomes_white_not_black():
    upload = image_file("PNG", mode="RGBA", size=(10, 10))
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("clear.png", buffer.getvalue())

    result = Image.open(io.BytesIO(clean_photo(upload, **LIMITS).read()))
    assert result.getpixel((5, 5)) >= (250, 250, 250)


def test_the_admin_shows_the_reason_and_stores_only_clean_photos(
    official_client, takeo, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    product = takeo["products.product"]
    url = reverse("admin:products_product_change", args=[product.pk])
    page = official_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "photos-TOTAL_FORMS": 2,
            "photos-INITIAL_FORMS": 1,
            "photos-0-id": takeo["products.productphoto"].pk,
            "photos-0-product": product.pk,
            "photos-0-alt_text_en": "A scarf",
            "photos-0-position": 0,
            "photos-1-alt_text_en": "Not a photo",
            "photos-1-position": 1,
            "photos-1-image": SimpleUploadedFile("scarf.png", b"<script>alert(1)</script>"),
        }
    )

    refused = official_client.post(url, data)

    assert refused.status_code == 200
    assert "not a JPEG, PNG or WebP image" in refused.content.decode()
    assert product.photos.count() == 1

    data["photos-1-image"] = image_file("PNG", name="../../etc/scarf.png")
    accepted = official_client.post(url, data)

    assert accepted.status_code == 302
    photo = product.photos.get(alt_text_en="Not a photo")
    assert photo.image.name.startswith(f"products/{product.pk}/")
    assert photo.image.name.endswith(".jpg") and "scarf" not in photo.image.name
    assert Image.open(photo.image.path).format == "JPEG"
    assert ProductPhoto.objects.count() == 3  # the other province's photo is untouched


def jpeg_with_comment(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(
        buffer, format="JPEG", comment=b"secret: owner's phone 012 345 678"
    )
    return buffer.getvalue()


def assert_no_metadata(data: bytes) -> None:
    assert b"secret" not in data
    assert b"\xff\xfe" not in data  # no COM (comment) segment
    assert not Image.open(io.BytesIO(data)).info.get("comment")


def test_a_jpeg_comment_does_not_survive_into_the_stored_photo():
    cleaned = clean_photo(SimpleUploadedFile("photo.jpg", jpeg_with_comment()), **LIMITS)

    assert_no_metadata(cleaned.read())


def test_renditions_carry_no_comment_even_from_a_photo_stored_with_one(db, settings, tmp_path):
    from tests.factories import ProductFactory

    settings.MEDIA_ROOT = tmp_path
    photo = ProductPhoto(product=ProductFactory(), alt_text_en="A scarf")
    # As a photo stored before uploads were cleaned would be.
    photo.image.save("old.jpg", SimpleUploadedFile("old.jpg", jpeg_with_comment((1600, 1200))))

    for rendition in (photo.thumbnail, photo.large):
        rendition.generate()
        with rendition.storage.open(rendition.name) as stored:
            assert_no_metadata(stored.read())
