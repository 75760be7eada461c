"""Text normalisation and script checks applied to every name that enters the portal.

One rule, everywhere: Unicode NFC, and invisible characters and white space trimmed
at both ends. Khmer legitimately uses zero-width spaces inside words, so only the
ends are trimmed. Applying the same rule on every path is what lets a re-import of
an unchanged file see no changes. The script checks below are field validators, so
the admin's forms and the imports refuse the same text.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Zero-width space, zero-width non-joiner and joiner, word joiner, byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip().strip(INVISIBLE + " \t\r\n\u00a0").strip()


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
