"""The Khmer site tells the demo's whole story in Khmer, not in English.

Each page of the story is rendered in both languages and cut into its visible text
blocks (headings, paragraphs, list items, table cells, …). A Khmer page fails when one
of its blocks still carries English words that the English page shows, apart from
what is the same in every language: people's names as the source spells them, the
source's own title, acronyms, codes, units and contact details.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from demo import content
from forums.models import ForumEvent, Participant
from products.models import Product
from provinces.models import District, Province

pytestmark = pytest.mark.django_db

BLOCKS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "blockquote",
    "footer",
    "caption",
    "label",
    "option",
    "button",
    "summary",
    "figcaption",
    "cite",
    "strong",
    "a",
    "span",
    "div",
    "small",
}
SKIPPED = {"script", "style", "svg", "noscript"}
# English-looking words: two or more Latin letters.
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


class TextBlocks(HTMLParser):
    """The visible text of a page's <main>, one string per innermost block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.stack: list[list[str]] = []
        self.in_main = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if tag in SKIPPED:
            self.skipping += 1
        if self.in_main and tag in BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if self.in_main and tag in BLOCKS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.blocks.append(text)
        if tag in SKIPPED:
            self.skipping -= 1
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main and not self.skipping and self.stack:
            self.stack[-1].append(data)


def text_blocks(html: str) -> list[str]:
    parser = TextBlocks()
    parser.feed(html)
    return parser.blocks


def same_in_every_language() -> set[str]:
    """Texts a Khmer page rightly shows as the English page does."""
    names = set(Participant.objects.filter(name_km="").values_list("name", flat=True))
    return {
        *names,
        content.SOURCE,
        "OVOP",
        "APO",
        "NPCC",
        "OVOP NC",
        "MIME",
        "kg",
        "USD",
        "Sample contact",  # the sample producers' contact person, a name field
        "fruit.cooperative@example.org",
    }


def english_left_on_khmer_page(path: str, client) -> list[str]:
    """The Khmer page's text blocks that still carry English words of the English page."""
    with translation.override("en"):
        english_page = " ".join(text_blocks(client.get(f"/en{path}").content.decode()))
    english_words = set(ENGLISH_WORD.findall(english_page))
    khmer_page = client.get(f"/km{path}")
    assert khmer_page.status_code == 200, path
    allowed = sorted(same_in_every_language(), key=len, reverse=True)
    left = []
    for block in text_blocks(khmer_page.content.decode()):
        remainder = block
        for text in allowed:
            remainder = remainder.replace(text, " ")
        if set(ENGLISH_WORD.findall(remainder)) & english_words:
            left.append(block)
    return sorted(set(left))


@pytest.fixture
def demo_story(national_gazetteer) -> list[str]:
    """The demo loaded as `make run` loads it; the story's pages, without the language."""
    call_command("load_demo_content", stdout=io.StringIO())
    takeo = Province.objects.get(code=content.TAKEO)
    kirivong = District.objects.get(code=content.KIRIVONG)
    with translation.override("en"):
        pages = [reverse("portal:home"), takeo.get_absolute_url(), kirivong.get_absolute_url()]
        pages += [event.get_absolute_url() for event in ForumEvent.objects.published()]
        pages += [product.get_absolute_url() for product in Product.objects.showcase()]
    return [page.removeprefix("/en") for page in pages]


def test_every_text_of_the_demo_story_is_in_khmer_on_the_khmer_pages(client, demo_story):
    left = {path: english_left_on_khmer_page(path, client) for path in demo_story}

    assert {path: blocks for path, blocks in left.items() if blocks} == {}


def test_texts_the_portal_translated_say_so_on_khmer_pages(client, demo_story):
    forum = ForumEvent.objects.get(kind=ForumEvent.Kind.NATIONAL_FORUM)
    takeo = Province.objects.get(code=content.TAKEO)
    note = "បកប្រែដោយវិបផតថល"

    for url in (forum.get_absolute_url(), takeo.get_absolute_url()):
        path = url.removeprefix("/en")
        assert note in client.get(f"/km{path}").content.decode(), path
        with translation.override("en"):
            assert "Translated by the portal" not in client.get(f"/en{path}").content.decode()


def test_the_news_items_spelling_kirivong_names_the_ministrys_kiri_vung(client, demo_story):
    kiri_vung = District.objects.get(code=content.KIRIVONG)
    assert (kiri_vung.name_en, kiri_vung.also_known_as) == ("Kiri Vung", "Kirivong")

    def found(query: str) -> set[str]:
        response = client.get("/en/products/", {"q": query})
        return {product.slug for product in response.context["products"]}

    from_kiri_vung = set(
        Product.objects.published().in_district(content.KIRIVONG).values_list("slug", flat=True)
    )
    assert from_kiri_vung and found("Kiri Vung") == from_kiri_vung
    assert found("គីរីវង់") == from_kiri_vung
    assert found("Takeo") >= from_kiri_vung
