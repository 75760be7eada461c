"""Text normalisation applied to every name that enters the portal, by every path.

One rule, everywhere: Unicode NFC, and invisible characters and white space trimmed
at both ends. Khmer legitimately uses zero-width spaces inside words, so only the
ends are trimmed. Applying the same rule on every path is what lets a re-import of
an unchanged file see no changes.
"""

import unicodedata

# Zero-width space, zero-width non-joiner and joiner, word joiner, byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip().strip(INVISIBLE + " \t\r\n\u00a0").strip()
