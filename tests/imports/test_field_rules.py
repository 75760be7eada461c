"""One rule per field: the import and the admin's forms accept, refuse and normalise
exactly the same values, because the import checks each cell with the admin's form field."""

import unicodedata

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from imports.definitions import get_definition
from products.models import Producer, Product
from tests.factories import CommuneFactory, VillageFactory

from .conftest import csv_file, do_import, messages

pytestmark = pytest.mark.django_db

HEADER = ["name_en", "name_km", "kind", "village_code", "website"]


@pytest.fixture
def village(db):
    return VillageFactory(code="21040101", commune=CommuneFactory(code="210401"))


def admin_form(superuser, village, **values):
    """The producer form of the admin's add page, filled in."""
    request = RequestFactory().get("/")
    request.user = superuser
    form_class = admin.site._registry[Producer].get_form(request)
    data = {"name_en": "Weavers", "slug": "weavers", "kind": "group", "village": village.pk}
    return form_class(data={**data, **values})


def import_one(**values) -> tuple[list[str], Producer | None]:
    row = {"name_en": "Weavers", "name_km": "", "kind": "group", "village_code": "21040101"}
    row.update(values)
    header = list(row)
    report = do_import("producers", csv_file(header, [[row[name] for name in header]]))
    return messages(report), Producer.objects.first()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ftp://files.example.org/catalogue.pdf", "ftp://files.example.org/catalogue.pdf"),
        ("example.org", "https://example.org"),
        ("http://example.org:8080/shop?lang=km", "http://example.org:8080/shop?lang=km"),
    ],
)
def test_the_import_takes_the_websites_the_admin_takes_and_stores_them_alike(
    superuser, village, typed, stored
):
    form = admin_form(superuser, village, website=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == stored

    problems, producer = import_one(website=typed)

    assert problems == []
    assert producer.website == stored


def test_the_import_refuses_the_websites_the_admin_refuses(superuser, village):
    form = admin_form(superuser, village, website="javascript:alert(1)")
    assert not form.is_valid()

    problems, producer = import_one(website="javascript:alert(1)")

    assert problems == ["line 2, website: javascript:alert(1): Enter a valid URL."]
    assert producer is None


def test_the_admin_normalises_names_as_the_import_does(superuser, village):
    typed = "\u200b\ufeff" + unicodedata.normalize("NFD", "Café Weavers") + "\u00a0\u200b"

    form = admin_form(superuser, village, name_en=typed)
    assert form.is_valid(), form.errors
    problems, producer = import_one(name_en=typed)

    assert problems == []
    assert form.cleaned_data["name_en"] == producer.name_en == "Café Weavers"


def test_khmer_keeps_its_zero_width_spaces_inside_words_on_both_paths(superuser, village):
    khmer = "ក្រុម\u200bតម្បាញ"

    form = admin_form(superuser, village, name_km=khmer + "\u200b")
    assert form.is_valid(), form.errors
    problems, producer = import_one(name_km=khmer + "\u200b")

    assert problems == []
    assert form.cleaned_data["name_km"] == producer.name_km == khmer


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("\u200b\u200b", "this value holds only invisible characters."),
        ("Weav\x07ers", "this value holds a control character (U+0007), which cannot be shown."),
    ],
)
def test_invisible_only_and_control_character_names_are_refused_on_both_paths(
    superuser, village, typed, problem
):
    form = admin_form(superuser, village, name_km=typed)
    assert not form.is_valid()
    assert form.errors["name_km"] == [problem]

    problems, producer = import_one(name_km=typed)

    assert problems == [f"line 2, name_km: {problem}"]
    assert producer is None


def test_the_lengths_and_requirements_of_the_columns_are_the_model_fields(db):
    for dataset in ("producers", "products"):
        definition = get_definition(dataset)
        for column in definition.field_columns:
            if column.name == "slug":
                continue  # empty means "made from the name", as in the admin
            field = definition.model._meta.get_field(column.field)
            assert (column.max_length, column.required) == (field.max_length, not field.blank)


def test_a_negative_price_is_refused_as_the_admin_refuses_it(village):
    from tests.factories import CategoryFactory, ProducerFactory

    CategoryFactory(slug="textiles")
    ProducerFactory(village=village, name_en="Weavers")
    data = csv_file(
        ["name_en", "category", "producer", "village_code", "price_min"],
        [["Scarf", "textiles", "Weavers", "21040101", "-1"]],
    )

    report = do_import("products", data)

    assert messages(report) == [
        "line 2, price_min: -1: Ensure this value is greater than or equal to 0."
    ]
    assert Product.objects.count() == 0


def test_every_admin_and_its_inlines_normalise_text_as_the_import_does(superuser):
    from forums.models import ForumEvent
    from products.models import Category

    request = RequestFactory().get("/")
    request.user = superuser
    for model, field in ((Category, "name_en"), (ForumEvent, "title_en")):
        form_field = admin.site._registry[model].get_form(request).base_fields[field]
        assert form_field.clean("\u200bSilk\u00a0") == "Silk", model
    inline = admin.site._registry[Product].get_inline_instances(request)[0]
    alt_text = inline.get_formset(request).form.base_fields["alt_text_en"]
    assert alt_text.clean(" A scarf\u200b") == "A scarf"
    with pytest.raises(ValidationError, match="invisible"):
        alt_text.clean("\u200b")
