"""Text normalisation applied to every name that enters the portal, by every path.

One rule, everywhere: Unicode NFC, and invisible characters and white space trimmed
at both ends. Khmer legitimately uses zero-width spaces inside words, so only the
ends are trimmed. Applying the same rule on every path is what lets a re-import of
an unchanged file see no changes.
"""

import functools
import re
import unicodedata

# Zero-width space, zero-width non-joiner and joiner, word joiner, byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip().strip(INVISIBLE + " \t\r\n\u00a0").strip()


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
