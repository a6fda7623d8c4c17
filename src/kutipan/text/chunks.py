"""Where a long text is cut for spaCy: chunks at paragraph breaks, and pieces inside very long runs.

Why: spaCy refuses a text over `nlp.max_length` (1,000,000 characters, error E088), the NER model's memory
grows with the length of one Doc, and spaCy's suffix search is quadratic on a long run of punctuation
without spaces (5,000 `-` take a minute). So a text is tokenised and tagged in chunks of at most `size`
characters, cut after a line break (else after a space, else anywhere), and inside a chunk a run of more
than `run` non-space characters is not given to spaCy's tokenizer at all: it is split into words and
single punctuation characters (`long_run_words`), in linear time. The Docs are joined again with
`Doc.from_docs`, so offsets are those of the whole text.

Texts of normal length, with normal words, are one chunk and one piece: their tokens are unchanged.
"""

from __future__ import annotations

import re

Range = tuple[int, int]

# A document longer than this (in characters) is refused as too long (`InputError`) by default: about
# 10 MB of text, which the extractor reads in well under 1 GB of memory (`scripts/stress.py`).
MAX_CHARS = 10_000_000
CHUNK_CHARS = 100_000  # the NER model tags at most this many characters in one Doc
RUN_CHARS = 100  # a run of non-space characters longer than this is split by `long_run_words`
MAX_WORD = 100  # the longest word `long_run_words` makes

_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")
_RUN_WORD = re.compile(rf"\w{{1,{MAX_WORD}}}|\S")


def chunk_ranges(text: str, size: int = CHUNK_CHARS) -> list[Range]:
    r"""Consecutive ranges covering `text`, each at most `size` characters, cut after a line break if any.

    Example:
        `chunk_ranges("ab\ncd\n", 4)` → `[(0, 3), (3, 6)]`.
    """
    out: list[Range] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = text.rfind("\n", start, limit) + 1
        if cut <= start:
            cut = text.rfind(" ", start, limit) + 1
        if cut <= start:
            cut = limit
        out.append((start, cut))
        start = cut
    if start < n or not out:
        out.append((start, n))
    return out


def token_pieces(text: str) -> list[tuple[int, int, bool]]:
    """Consecutive `(start, end, long_run)` ranges covering `text`.

    `long_run` marks a run of more than `RUN_CHARS` non-space characters, which `long_run_words` splits
    instead of spaCy's tokenizer.

    Example:
        a normal paragraph is `[(0, len(text), False)]`.
    """
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start(), False))
        out.append((m.start(), m.end(), True))
        pos = m.end()
    if pos < len(text) or not out:
        out.append((pos, len(text), False))
    return out


def long_run_words(run: str) -> list[str]:
    """A run without spaces as words (of at most `MAX_WORD` word characters) and single other characters.

    Example:
        `long_run_words("Abc.Def")` → `["Abc", ".", "Def"]`.
    """
    return _RUN_WORD.findall(run)
