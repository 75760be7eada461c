"""Product photos as officials upload them: checked as real images, then re-encoded.

An upload is trusted for nothing: not its name, its extension or the content type the
browser claims. It is decoded with Pillow, restricted to JPEG, PNG and WebP, capped
in bytes and in pixels (a small file that would unpack to billions of pixels, a
"decompression bomb", is refused before it is decoded), and re-encoded as a fresh JPEG with
no metadata segment at all: no EXIF (camera, GPS position), XMP, ICC profile or comment.
"""

from __future__ import annotations

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 88


def _bomb_error() -> ValidationError:
    return ValidationError(
        _(
            "This file declares far more pixels than any photo has (a “decompression "
            "bomb”) and was refused."
        ),
        code="decompression_bomb",
    )


def _flatten(image: Image.Image) -> Image.Image:
    """The image in RGB, transparent parts on white (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def without_metadata(image: Image.Image) -> Image.Image:
    """The image with nothing Pillow would write back beside the pixels.

    Pillow carries a JPEG's comment (and XMP, ICC profile and the like) from `info`
    into a re-encoded copy; cleared here, the copy holds the pixels alone.
    """
    image.info.clear()
    return image


class StripMetadata:
    """An imagekit processor, last in a rendition's list: the rendition carries no
    metadata either, even from a photo stored before uploads were cleaned."""

    def process(self, image: Image.Image) -> Image.Image:
        return without_metadata(image)


def clean_photo(upload: UploadedFile, *, max_bytes: int, max_pixels: int) -> ContentFile:
    """The upload re-encoded as a metadata-free JPEG, or a ValidationError saying why not."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The photo is %(size)s; photos may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; treat it as refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _(
                            "The photo is %(width)d by %(height)d pixels; photos may have "
                            "at most %(limit)s million pixels. Resize it and upload it again."
                        )
                        % {
                            "width": width,
                            "height": height,
                            "limit": f"{max_pixels / 1_000_000:g}",
                        },
                        code="too_many_pixels",
                    )
                image.load()
                cleaned = _flatten(ImageOps.exif_transpose(image))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb_error() from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image, whatever its name says."),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This image is damaged or incomplete and cannot be read."), code="damaged"
        ) from None
    output = io.BytesIO()
    without_metadata(cleaned).save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    # The name is a placeholder: the storage path comes from product_photo_path.
    return ContentFile(output.getvalue(), name="photo.jpg")


class PhotoField(forms.FileField):
    """A form field that hands the model a cleaned, re-encoded JPEG."""

    default_error_messages = {
        "invalid_image": gettext_lazy("Upload a JPEG, PNG or WebP photo."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            gettext_lazy("JPEG, PNG or WebP. It is re-encoded as JPEG without its metadata."),
        )
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return clean_photo(
            upload, max_bytes=settings.PHOTO_MAX_BYTES, max_pixels=settings.PHOTO_MAX_PIXELS
        )
