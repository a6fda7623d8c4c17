"""A quotation as attribution finds it, before its speaker is resolved, and the helpers its finders share.

The direct finder (`direct`), the indirect sieves (`indirect`) and the speaker stage (`speakers.ranking`)
all speak of a quotation by the *pattern* that found it; the pattern decides the quote's confidence
(`assemble.CONFIDENCE`), so it is a closed set of labels (`Pattern`) rather than free strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from kutipan.document import QuoteType
from kutipan.phrase.grammar import Phrase
from kutipan.text.segment import Range

# How a quotation was attributed. Attribution gives the first ten (`parse`: a parse sieve of `indirect`);
# the speaker stage relabels a quote that borrows the speaker of a neighbour: `carry` (from the quote
# before), `forward` (from the one after).
Pattern = Literal[
    "after", "before", "colon", "split", "menurut", "subject", "parse", "mid", "end", "none", "carry", "forward"
]

# Reported content shorter than this many words is a fragment (`katanya, begitu.`), not a statement.
MIN_CONTENT_WORDS = 3

_WORD = regex.compile(r"\w+")


@dataclass(slots=True)
class RawQuote:
    """A quotation before speaker resolution.

    `cue`, `clitic` are character ranges; `phrase` is the speaker phrase as token ranges. `link` is the index
    (in the list `find_quotes` returns) of the quote whose speaker this one shares: the second half of
    `"Satu," kata Budi, "dua."`, or a paragraph of a multi-paragraph quotation.
    """

    start: int
    end: int
    type: QuoteType
    paragraph: int
    pattern: Pattern
    cue: Range | None = None
    phrase: Phrase | None = None
    clitic: Range | None = None  # char range of `nya`
    link: int | None = None  # index of the quote whose speaker this one shares


def word_count(text: str) -> int:
    """Number of words (runs of word characters) in `text`."""
    return len(_WORD.findall(text))


def trim_content(text: str, s: int, e: int) -> Range | None:
    """`text[s:e]` without the spaces and punctuation around it; None when too short to be a statement."""
    while s < e and (text[s].isspace() or text[s] in ",:;-–—"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    if word_count(text[s:e]) < MIN_CONTENT_WORDS:
        return None
    return s, e
