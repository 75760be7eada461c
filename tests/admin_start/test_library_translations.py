"""The library strings the portal translates are still the libraries' own, and each
has its Khmer in the portal's catalogue."""

import ast
import gettext
from pathlib import Path

import django
import import_export
import pytest
import simple_history
from django.conf import settings

MODULE = Path(settings.BASE_DIR) / "portal" / "library_translations.py"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "km" / "LC_MESSAGES" / "django.po"


def keys(mo_path: Path) -> dict[tuple[str | None, str], object]:
    """(context, msgid) of each message in a compiled catalogue, with its translation."""
    with mo_path.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    found = {}
    for key, value in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid:
            continue  # the header
        context, _sep, text = msgid.rpartition("\x04")
        found[(context or None, text)] = value
    return found


def listed_strings() -> list[tuple[str | None, str]]:
    """(context, msgid) of every call in the module's list."""
    found = []
    for node in ast.walk(ast.parse(MODULE.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "gettext_noop",
            "ngettext_lazy",
            "pgettext_lazy",
        }:
            values = [arg.value for arg in node.args]
            if node.func.id == "pgettext_lazy":
                found.append((values[0], values[1]))
            else:
                found.append((None, values[0]))
    return found


def library_msgids() -> set[tuple[str | None, str]]:
    """Every (context, msgid) in the libraries' own catalogues, any language."""
    roots = [
        Path(django.__file__).parent,
        Path(import_export.__file__).parent,
        Path(simple_history.__file__).parent,
    ]
    msgids = set()
    for root in roots:
        for path in root.glob("**/locale/*/LC_MESSAGES/django.mo"):
            msgids.update(keys(path))
    return msgids


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return keys(CATALOGUE.with_suffix(".mo"))


def test_every_listed_string_is_one_the_libraries_use():
    known = library_msgids()

    assert [item for item in listed_strings() if item not in known] == []


def test_every_listed_string_has_its_khmer_in_the_portals_catalogue(catalogue):
    untranslated = [item for item in listed_strings() if not catalogue.get(item)]

    assert untranslated == []


def test_the_catalogue_says_its_translations_are_the_portals_own():
    assert "The translations in this file are the portal's own" in CATALOGUE.read_text()
