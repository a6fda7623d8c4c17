"""Pair quotation marks into candidate quotations, paragraph by paragraph.

Indonesian news mixes mark styles: straight `"…"` (detik), curly `“…”`, the print style where both
marks are `”` (`”Rapat ini …,” ujar …`, Kompas), and pairs that mix them (`"…”`). A mark's role is read
from its neighbours: after a space and before a letter it opens, after a letter or punctuation and
before a space it closes; when the context can't tell (`…napas."Ada…`), whether a quotation is open
decides. Single quotes mark terms and nested quotes, so they never open a top-level quotation.

A quotation never crosses a paragraph break unless the next paragraph re-opens the mark (the
multi-paragraph convention); a paragraph that never closes its mark gives a quotation up to its end.
Whether a pair is speech or a scare-quoted term is decided later, with the cue (`attribution`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kutipan.text.segment import Range

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
MARKS = OPENERS + CLOSERS + STRAIGHT
_OPEN_CONTEXT = " \t([{—–-/"
_CLOSE_CONTEXT = " \t,.;:!?)]}…—–-"


@dataclass(slots=True)
class MarkedSpan:
    """Content between a pair of marks (marks excluded), in one paragraph."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: the paragraph ends before a closing mark
    paragraph: int
    continues: bool = False  # the next paragraph re-opens the mark (multi-paragraph quotation)
    continued: bool = False  # this paragraph re-opens a quotation from the paragraph before


def _role(text: str, i: int, para: Range) -> str:
    """`open`, `close` or `either` for the mark at `i`."""
    ch = text[i]
    left_open = i == para[0] or text[i - 1] in _OPEN_CONTEXT
    right_close = i + 1 >= para[1] or text[i + 1] in _CLOSE_CONTEXT
    if ch in OPENERS:
        return "close" if right_close and not left_open else "open"
    if ch in CLOSERS:
        if left_open and not right_close:
            return "open"
        return "either" if left_open and right_close else "close"
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return "either"


def _opens_paragraph(text: str, para: Range) -> bool:
    return text[para[0]] in MARKS and _role(text, para[0], para) != "close"


def find_marked(text: str, paras: list[Range]) -> list[MarkedSpan]:
    """All pairs of double quotation marks, in text order.

    Example:
        `"Kami siap," kata Budi, "dan tidak takut."` gives two spans, `Kami siap,` and
        `dan tidak takut.`.
    """
    out: list[MarkedSpan] = []
    carried = False
    for p, para in enumerate(paras):
        open_at: int | None = None
        continued = carried
        carried = False
        for i in range(para[0], para[1]):
            if text[i] not in MARKS:
                continue
            role = _role(text, i, para)
            if open_at is None:
                if role != "close":
                    open_at = i
                continue
            if role == "open":
                before = text[open_at + 1 : i].rstrip()
                if before and before[-1] in ",.!?…" and i > 0 and text[i - 1].isspace():
                    role = "close"  # a closing mark typed after a space: `"Kami siap, "kata Budi`
                else:
                    open_at = i  # the earlier mark never closed; start again here
                    continued = False
                    continue
            if i > open_at + 1:
                out.append(MarkedSpan(open_at + 1, i, open_at, i, p, continued=continued))
            open_at = None
            continued = False
        if open_at is not None:
            end = para[1]
            if open_at + 1 < end:
                nxt = paras[p + 1] if p + 1 < len(paras) else None
                carries = nxt is not None and _opens_paragraph(text, nxt) and open_at == para[0]
                out.append(MarkedSpan(open_at + 1, end, open_at, None, p, continues=carries, continued=continued))
                carried = carries
    return out
