"""Attribution: quotations in a text, each with its cue and speaker phrase as the rules find them.

`find_quotes` runs the stage: paragraphs, sentences and paired quotation marks (`kutipan.text`), then
direct quotations (`direct`: cue after, cue before, split around a cue), indirect speech (`indirect`: a
registry of named sieves, tried in order, one sentence at a time) and the people named as sentence
subjects (`subjects`), whom a later `ia` or `katanya` may mean. Who each speaker phrase refers to is the
next stage's question (`kutipan.speakers`).
"""

from __future__ import annotations

from kutipan.attribution.direct import find_direct
from kutipan.attribution.indirect import SyntaxBackend, find_indirect
from kutipan.attribution.raw import Pattern, RawQuote
from kutipan.attribution.subjects import find_people
from kutipan.phrase.grammar import Phrase
from kutipan.text.marks import find_marked
from kutipan.text.segment import RangeIndex, paragraphs, sentences
from kutipan.text.view import DocView

__all__ = ["Pattern", "RawQuote", "find_quotes"]


def find_quotes(view: DocView, syntax: SyntaxBackend | None = None) -> tuple[list[RawQuote], list[Phrase]]:
    """All quotations of a Doc, in text order, with cue and speaker phrase where the rules find them.

    Also returns the people named as the subject of a sentence (`Gubernur Jawa Timur Khofifah Indar
    Parawansa menerima …`), which a later `ia` or `katanya` may refer to. A quote's `link` is an index into
    the returned list. With a `syntax` backend, the sentences the rule sieves leave are parsed and offered
    to the parse sieves of `indirect`.
    """
    text = view.text
    paras = paragraphs(text)
    marked = find_marked(text, paras)
    opening = frozenset(m.open_mark for m in marked)
    protected = [(m.open_mark, (m.close_mark + 1) if m.close_mark is not None else m.end) for m in marked]
    guard = RangeIndex(protected)
    sents_by_para = [sentences(text, p, guard, opening) for p in paras]

    direct, terms = find_direct(view, paras, sents_by_para, marked)
    indirect = find_indirect(view, sents_by_para, direct, terms, syntax)
    people = find_people(view, sents_by_para, protected)
    out = sorted(direct + indirect, key=lambda q: q.start)
    # links were indices among the direct quotes; re-point them into the merged list
    order = {id(q): n for n, q in enumerate(out)}
    for q in out:
        if q.link is not None:
            q.link = order[id(direct[q.link])]
    return out, people
