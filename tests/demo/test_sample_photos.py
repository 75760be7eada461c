"""Sample pictures say what they are in Khmer and English, or say nothing where Khmer
cannot be shaped: never English alone, never Khmer drawn wrongly."""

import pytest
from PIL import Image, ImageChops, features

from demo import services


def words_band(photo) -> Image.Image:
    """The part of the picture below its circle, where the words go."""
    return Image.open(photo).convert("L").crop((0, 430, 1200, 760))


def test_the_picture_names_the_product_in_khmer_and_english():
    if not features.check("raqm"):
        pytest.skip("Pillow without its text shaper (Raqm) draws no words: see the next test")
    mangoes = words_band(services.sample_photo("Kirivong mangoes", "ស្វាយគីរីវង់", (200, 120, 20)))
    other_khmer = words_band(services.sample_photo("Kirivong mangoes", "ស្ករត្នោត", (200, 120, 20)))
    other_english = words_band(services.sample_photo("Palm sugar", "ស្វាយគីរីវង់", (200, 120, 20)))

    assert ImageChops.difference(mangoes, other_khmer).getbbox() is not None
    assert ImageChops.difference(mangoes, other_english).getbbox() is not None


def test_without_a_text_shaper_the_picture_carries_no_words(monkeypatch):
    monkeypatch.setattr(services.features, "check", lambda feature: False)

    band = words_band(services.sample_photo("Kirivong mangoes", "ស្វាយគីរីវង់", (200, 120, 20)))

    assert band.getextrema()[0] == band.getextrema()[1]  # one plain colour
