r"""White space as the rules read it: every kind of space is a plain space, and the length never changes.

Scraped news is full of no-break spaces (`ujar\u00a0Wali Kota`), tabs, thin spaces and zero-width
characters. spaCy keeps each of them as a token of its own, so a rule reading "the word after the cue"
would read white space instead of the speaker. `normalize_space` maps each such character to one plain
space (or a line-break character to `\n`), one character for one, so every offset into the normalised
text is the same offset into the input: the rules run over the normalised text, and the output slices
the input (`kutipan.assemble`).

A lone surrogate (which no UTF-8 text holds, but a Python string can) is read as U+FFFD.

Zero-width joiners, the word joiner, the byte-order mark and the soft hyphen inside a word (`Bu\u00adku`)
stay, since there they join the word; next to white space or punctuation they are spaces too.
"""

from __future__ import annotations

import re

# horizontal white space other than " ", and the zero-width space: a plain space each
_SPACES = (
    "\t\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000"
)
# line and paragraph separators: a line break each
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TABLE = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_BREAKS, "\n")})
_FORMAT = "\u00ad\u200c\u200d\u2060\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate: not Unicode text (spaCy can't encode it)
# a format character that does not stand between two word characters
_LOOSE_FORMAT = re.compile(rf"(?<!\w)[{_FORMAT}]|[{_FORMAT}](?!\w)")


def normalize_space(text: str) -> str:
    r"""`text` with every white-space character a plain space (`\n` for line breaks), of the same length.

    Example:
        `'kata\u00a0Budi\tSantoso'` → `'kata Budi Santoso'`.
    """
    out = text.translate(_TABLE)
    if "\r" in out:  # "\r\n": a space and the line break; a lone "\r" (old Mac files): a line break
        out = out.replace("\r\n", " \n").replace("\r", "\n")
    if any(c in out for c in _FORMAT):
        out = _LOOSE_FORMAT.sub(" ", out)
    if not out.isascii():
        out = _SURROGATE.sub("\ufffd", out)  # read as U+FFFD; the output still slices the input
    return out
