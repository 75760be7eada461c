"""The admin in Khmer: every page the demo Takeo official uses shows Khmer interface
text, from Django's admin, django-import-export and the portal alike.

Each page's visible text is read; the records' own values (names, descriptions,
codes: data, shown in English where it has no Khmer) are taken out, and any Latin
word left is an interface string still in English unless it is a proper noun or a
code in ALLOWED.
"""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from demo.users import demo_user
from products.models import Producer, Product
from provinces.models import Village

pytestmark = pytest.mark.django_db

# Proper nouns, codes and file formats that are written in Latin letters in Khmer too.
ALLOWED = {
    "OVOP",
    "CSV",
    "XLSX",
    "UTF",
    "BOM",
    "SHA",
    "ID",
    "URL",
    "USD",
    "KHR",
    "JPEG",
    "PNG",
    "WebP",
    "Excel",
    "MB",
    "ICU",
    "EXAMPLE",  # the mark a template's example row carries, typed as it is
    "Takeo",
    "Cambodia",
    "OK",
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A file's column names (`village_code`) are codes, not words.
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
# Text of these elements is a code (column names of an import file, a checksum).
CODE_ELEMENTS = {"code", "kbd", "samp", "pre"}
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "option"}


class VisibleText(HTMLParser):
    """The text a reader sees: text nodes, button labels and placeholders."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
            self.texts.append(attributes.get("value") or "")
        if attributes.get("placeholder"):
            self.texts.append(attributes["placeholder"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if set(self.stack) & (SKIPPED_ELEMENTS | CODE_ELEMENTS):
            return
        if data.strip():
            self.texts.append(data.strip())


def record_values() -> list[str]:
    """Every text value of the programme's records, longest first (record data)."""
    values: set[str] = set()
    labels = ["products", "forums", "review", "imports", "recognition", "accounts", "auth"]
    for model in apps.get_models():
        if model._meta.app_label not in labels and model not in (Village,):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        queryset = model._default_manager.all()
        if model is Village:
            queryset = queryset.filter(commune__district__province_id="21")
        for row in queryset.values_list(*fields):
            values.update(str(value) for value in row if value)
    for model_name in ("province", "district", "commune"):
        model = apps.get_model("provinces", model_name)
        for row in model.objects.values_list("name_en", "code"):
            values.update(row)
    return sorted(values, key=len, reverse=True)


def without_value(text: str, value: str) -> str:
    """The text with each whole-word occurrence of a record's value taken out."""
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(value) + r"(?![A-Za-z0-9])")
    return pattern.sub(" ", text)


def english_words(html: str, data: list[str]) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        if not LATIN_WORD.search(text):
            continue
        for value in data:
            if len(value) <= len(text) and value in text:
                text = without_value(text, value)
                if not LATIN_WORD.search(text):
                    break
        text = IDENTIFIER.sub(" ", text)
        words = [word for word in LATIN_WORD.findall(text) if word not in ALLOWED]
        found.update(words)
    return found


@pytest.fixture
def demo(national_gazetteer):
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def khmer_official(client, demo):
    client.force_login(demo_user("demo-takeo-official"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


def official_pages() -> list[str]:
    product = Product.objects.get(name_en="Kirivong mangoes")
    producer = Producer.objects.filter(village__commune__district__province_id="21").first()
    village = Village.objects.filter(commune__district__province_id="21").first()
    event = apps.get_model("forums", "ForumEvent").objects.filter(province_id="21").first()
    return [
        reverse("admin:index"),
        reverse("admin:products_product_changelist"),
        reverse("admin:products_product_change", args=[product.pk]),
        reverse("admin:products_product_history", args=[product.pk]),
        reverse("admin:products_product_add"),
        reverse("admin:products_producer_changelist"),
        reverse("admin:products_producer_change", args=[producer.pk]),
        reverse("admin:provinces_village_changelist") + "?province=21&district=2104",
        reverse("admin:provinces_village_change", args=[village.pk]),
        reverse("admin:provinces_village_add"),
        reverse("admin:provinces_flaggedvillage_changelist"),
        reverse("admin:forums_forumevent_changelist"),
        reverse("admin:forums_forumevent_change", args=[event.pk]),
        reverse("admin:provinces_village_import"),
        reverse("admin:products_product_import"),
        reverse("admin:products_product_export"),
        reverse("admin:imports_importlog_changelist"),
        reverse("admin:review_revision_changelist"),
        reverse("admin:review_revision_changelist")
        + f"?state__exact=sent_back&created_by__id__exact={demo_user('demo-takeo-official').pk}",
        reverse("admin:audit_trail"),
        reverse("admin:products_historicalproduct_changelist"),
        reverse("admin:password_change"),
    ]


def test_the_pages_an_official_uses_show_no_english_interface_strings_in_khmer(
    khmer_official,
):
    data = record_values()
    english = {}
    for url in official_pages():
        response = khmer_official.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Language"] == "km", url
        words = english_words(response.content.decode(), data)
        if words:
            english[url] = sorted(words)

    assert english == {}, "\n".join(f"{url}: {' '.join(words)}" for url, words in english.items())


def test_the_login_page_is_in_khmer(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"

    response = client.get(reverse("admin:login"))

    assert english_words(response.content.decode(), data=[]) == set()


def test_the_check_finds_an_english_interface_string():
    html = "<h1>ផលិតផល</h1><p>Add another photo</p><code>village_code</code>"

    assert english_words(html, data=[]) == {"Add", "another", "photo"}
    assert english_words(html, data=["Add another photo"]) == set()


def test_the_admins_scripts_speak_khmer_too(admin_client):
    """The calendar and the list actions' counter come from the script catalogue."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"

    script = admin_client.get(reverse("admin:jsi18n")).content.decode()

    assert json.dumps("ជ្រើសកាលបរិច្ឆេទ") in script  # "Choose a Date"
    assert json.dumps("បានជ្រើស %(sel)s ក្នុងចំណោម %(cnt)s") in script


def test_the_password_reset_pages_and_mail_are_in_khmer(client, make_official, mailoutbox):
    official = make_official(None, username="sokha")
    official.email = "sokha@example.org"
    official.save(update_fields=["email"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    english = {}

    def read(response) -> None:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert response.headers["Content-Language"] == "km"
        words = english_words(response.content.decode(), data=["sokha"])
        if words:
            english[response.request["PATH_INFO"]] = sorted(words)

    read(client.get(reverse("admin_password_reset")))
    read(client.post(reverse("admin_password_reset"), {"email": "not an address"}))
    read(client.post(reverse("admin_password_reset"), {"email": official.email}, follow=True))
    message = mailoutbox[0]
    link = re.search(re.escape(settings.SITE_URL) + r"(/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    read(form)
    read(client.post(form.redirect_chain[0][0], {"new_password1": "1", "new_password2": "2"}))
    read(
        client.post(
            form.redirect_chain[0][0],
            {"new_password1": "mango-season-2026", "new_password2": "mango-season-2026"},
            follow=True,
        )
    )
    read(client.get(link))  # used: the link is no longer valid

    assert english == {}, english
    assert "កំណត់ពាក្យសម្ងាត់ឡើងវិញ" in message.subject
    body = message.body.replace(link, " ").replace(settings.SITE_URL, " ")
    assert english_words(f"<p>{message.subject}</p><p>{body}</p>", data=["sokha"]) == set()
