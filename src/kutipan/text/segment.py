"""Paragraphs and sentences, as character ranges into the input.

News text separates paragraphs with line breaks; scraped text sometimes glues sentences without a space
(`…di Surabaya.Dalam pertemuan…`, `…sesak napas."Ada…`, `…," ujar Budi.Budi menambahkan…`,
`…".Sejak…`). Sentence ends are found by rule: a `.`, `!` or
`?` (and any closing quotation mark after it) followed by an upper-case letter, a digit or an opening
mark, except after an abbreviation (`Dr.`, `H.`, `Kombes Pol.`, an initial) or inside a quotation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from kutipan.lang import lexicon

Range = tuple[int, int]

# a digit only after white space: "16.000" and "2.300 meter" are numbers, not sentence ends
# (a run of end marks is matched from its start only: inside a long run of dots the regex would otherwise
# retry at every dot, quadratic in the run)
_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”’']*(?=\s+[\"“”‘'(]?[A-Z0-9]|[\"“”‘'(]?[A-Z])")

# the rest of the word after a full stop (matches the empty string too); a degree (`lexicon.DEGREE`) is at
# most 20 characters, so reading further would only cost time on text without spaces
_TOKEN_HEAD = re.compile(r"[^\s,;]{0,24}")
# how far back the word before a full stop is looked for; a longer word is no abbreviation
_WORD_REACH = 64


class RangeIndex:
    """Ranges (quotations) sorted once, so that "does any range hold x" is a binary search, not a scan.

    Each question has the answer of the `any(...)` over the ranges that its docstring gives.
    """

    def __init__(self, ranges: Sequence[Range]):
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]
        self.reach: list[int] = []  # the largest end among ranges[: k + 1]
        for _, b in self.ranges:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def _reach_before(self, k: int) -> int:
        return self.reach[k - 1] if k > 0 else -1

    def inside(self, x: int) -> bool:
        """`any(a < x < b - 1)`: x lies inside a range, after its first and before its last character."""
        return self._reach_before(bisect.bisect_left(self.starts, x)) - 1 > x

    def covers(self, x: int) -> bool:
        """`any(a <= x < b)`."""
        return self._reach_before(bisect.bisect_right(self.starts, x)) > x

    def overlaps(self, s: int, e: int) -> bool:
        """`any(a < e and s < b)`."""
        return self._reach_before(bisect.bisect_left(self.starts, e)) > s


@cache
def _abbreviations() -> frozenset[str]:
    # only what stands before a name blocks a sentence end: "Dr. Budi", not "…, Lc. Fadli mengatakan"
    forms = {
        f for f, pos in lexicon.get().honorifics.items() if f.endswith(".") and pos == "pre"
    } | lexicon.get().abbreviations
    for rank in lexicon.get().ranks.phrases:
        forms |= {w for w in rank if w.endswith(".")}
    forms |= lexicon.get().sentence_abbreviations
    return frozenset(forms)


def _is_degree(word: str, token: str) -> bool:
    """Whether `word` (ending in a full stop) and the `token` glued to it are one academic degree.

    `S.Pd.I.`, `Sp.A.`, `M.Kes` are degrees; `ujar Budi.Budi menambahkan …` and `kata Suo.Dia …` have the
    degree's shape but are a short name, a full stop and the next sentence's first word. A degree's first
    part is an initial or two letters, or the degree goes on with another full stop.
    """
    if not lexicon.DEGREE.match(word + token):
        return False
    return len(word) <= 3 or "." in token


def paragraphs(text: str) -> list[Range]:
    """Non-empty lines of `text`, without their surrounding white space."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def sentences(
    text: str, para: Range, protected: Sequence[Range] | RangeIndex = (), opening: frozenset[int] = frozenset()
) -> list[Range]:
    """Split one paragraph into sentences.

    Never split inside a `protected` range (a quotation); a mark at a position in `opening` opens the
    next sentence's quotation (`…napas."Ada…`), so the cut goes before it. A caller splitting many
    paragraphs passes `protected` as one `RangeIndex`.
    """
    guard = protected if isinstance(protected, RangeIndex) else RangeIndex(protected)
    start, end = para
    out = []
    s = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        for i in range(m.start(), m.end()):
            if i in opening:
                cut = i
                break
        if guard.inside(m.start()):
            continue
        lo = max(start, m.start() - _WORD_REACH)
        word = text[max(lo, text.rfind(" ", lo, m.start() + 1) + 1) : m.start() + 1]
        if m.group().startswith(".") and (word in _abbreviations() or re.fullmatch(r"[A-Z]\.", word)):
            continue
        token = _TOKEN_HEAD.match(text, m.start() + 1, end).group()  # type: ignore[union-attr]  # always matches
        if _is_degree(word, token):
            continue  # a degree, not two glued sentences: "Sp.A.", "S.Pd.I."
        if cut > s:
            seg_start = s
            while seg_start < cut and text[seg_start].isspace():
                seg_start += 1
            if seg_start < cut:
                out.append((seg_start, cut))
        s = cut
    while s < end and text[s].isspace():
        s += 1
    if s < end:
        out.append((s, end))
    return out
