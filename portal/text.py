"""Text normalisation and script checks applied to every name that enters the portal.

One rule, everywhere: Unicode NFC, and invisible characters and white space trimmed
at both ends. Khmer legitimately uses zero-width spaces inside words, so only the
ends are trimmed. Applying the same rule on every path is what lets a re-import of
an unchanged file see no changes. The script checks below are field validators, so
the admin's forms and the imports refuse the same text.
"""

import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Zero-width space, zero-width non-joiner and joiner, word joiner, byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def normalise_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    trimmed = _trim_invisible(value)
    # Text made only of invisible characters is kept as it came, so that the check
    # below can refuse it rather than it passing for an empty value.
    return trimmed if trimmed or not value else value


def query_holds_nul(query) -> bool:
    """Whether a query's parameter names or values (a QueryDict) hold a NUL character,
    which no parameter of the portal takes and PostgreSQL refuses in text."""
    return any(
        "\x00" in name or any("\x00" in value for value in values)
        for name, values in query.lists()
    )


# --- What a text may hold: the same checks in the admin's forms and in every import ---


def _is_invisible(character: str) -> bool:
    """White space, or a format character (zero-width, joiners, BOM, direction marks)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def _trim_invisible(value: str) -> str:
    start, end = 0, len(value)
    while start < end and _is_invisible(value[start]):
        start += 1
    while end > start and _is_invisible(value[end - 1]):
        end -= 1
    return value[start:end]


def is_invisible_only(value: str) -> bool:
    """Whether the text has characters, none of which can be seen."""
    return bool(value) and all(_is_invisible(character) for character in value)


# Unicode's control characters (category Cc), without and with tab and line breaks.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The control characters in the text (line breaks and tabs allowed when multiline)."""
    return (_CONTROL_BUT_LINES if multiline else _CONTROL).findall(value)


def without_control_characters(value: str) -> str:
    """The text with each control character (a NUL, say) made a space: for search
    terms, which the database could not hold."""
    return _CONTROL.sub(" ", value)


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why the text cannot be stored as a name or description, or None when it can."""
    if is_invisible_only(value):
        return _("this value holds only invisible characters.")
    found = control_characters(value, multiline=multiline)
    if found:
        return _("this value holds a control character (%(code)s), which cannot be shown.") % {
            "code": f"U+{ord(found[0]):04X}"
        }
    return None


# Khmer words ------------------------------------------------------------------------
#
# Khmer is written without spaces between words (a zero-width space marks a boundary
# only sometimes), so a search cannot find a word by splitting at white space. Runs of
# Khmer letters are cut into words by khmercut's segmenter, a conditional random field
# model shipped inside the package and read from disk: nothing is fetched at run time
# (docs/decisions/0061-khmer-search-segmented-at-save.md).

KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]+")
SEPARATORS = re.compile(r"[\s" + INVISIBLE + r"]+")


def khmer_words(text: str) -> list[str]:
    """`text` cut into words: at white space and invisible separators, and each run
    of Khmer letters into the words the segmenter finds in it."""
    words: list[str] = []
    for chunk in SEPARATORS.split(unicodedata.normalize("NFC", text or "")):
        position = 0
        for run in KHMER_RUN.finditer(chunk):
            words.extend(_latin_words(chunk[position : run.start()]))
            words.extend(_segment(run.group()))
            position = run.end()
        words.extend(_latin_words(chunk[position:]))
    return words


def searchable_text(*values: str) -> str:
    """The text a search matches against: every value, lower case, cut into words
    separated by single spaces (Khmer segmented), framed by spaces."""
    words = [word.lower() for value in values for word in khmer_words(value)]
    return f" {' '.join(words)} " if words else ""


def _latin_words(text: str) -> list[str]:
    return [text] if text else []


@functools.lru_cache(maxsize=2048)
def _segment_cached(run: str) -> tuple[str, ...]:
    import khmercut  # loads its model on first use, from the package's own files

    return tuple(word for word in khmercut.tokenize(run) if word.strip())


def _segment(run: str) -> list[str]:
    # Khmer punctuation (។ ៕) is not a word: drop it, keep the letters.
    return [word for word in _segment_cached(run) if not KHMER_PUNCTUATION.fullmatch(word)]


KHMER_PUNCTUATION = re.compile(r"[\u17d4-\u17da\u17dc]+")


# Script checks. A file saved by a program that cannot write Khmer arrives with
# `????` or mojibake (`áž€`) where the Khmer was: stored, it would overwrite real
# names with noise. A Khmer name therefore needs at least one character of the
# Khmer script (letters, signs or digits: two official village names are Khmer
# numbers), and a name of any script may not be nothing but the marks that stand
# for lost characters.
KHMER_SCRIPT = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
LOST_CHARACTERS = "?\ufffd"


def has_khmer_script(value: str) -> bool:
    return KHMER_SCRIPT.search(value) is not None


def is_lost_text(value: str) -> bool:
    """Whether `value` holds only question marks or replacement characters (and spaces)."""
    if "?" not in value and "\ufffd" not in value:
        return False  # the usual case, decided without building a string
    letters = "".join(value.split())
    return bool(letters) and not letters.strip(LOST_CHARACTERS)


def khmer_script_problem(value: str) -> str | None:
    """What is wrong with a Khmer name's script, in the words officials read, or None."""
    if not value or has_khmer_script(value):
        return None
    return _(
        "“%(value)s” has no Khmer letter: a Khmer name is written in Khmer script. "
        "Was the file saved by a program that cannot write Khmer?"
    ) % {"value": value[:40]}


def lost_text_problem(value: str) -> str | None:
    """What is wrong with a name that holds only marks of lost characters, or None."""
    if not is_lost_text(value):
        return None
    return _(
        "“%(value)s” holds only question marks or replacement characters: the text was "
        "lost when the file was saved."
    ) % {"value": value[:40]}


def validate_khmer_script(value: str) -> None:
    """Field validator for Khmer names (the admin and every import)."""
    problem = khmer_script_problem(value)
    if problem:
        raise ValidationError(problem, code="no_khmer_script")


def validate_not_lost_text(value: str) -> None:
    """Field validator for names: refuses text that is only lost characters."""
    problem = lost_text_problem(value)
    if problem:
        raise ValidationError(problem, code="lost_text")
