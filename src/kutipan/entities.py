"""Named entities (`PER`, `ORG`, `LOC`) around the quotations.

When the pipeline has a trained NER model (`models/ner`), its entities are used, and the speaker names
and organisations that attribution found are added where the model missed them. Without a model, the
entities come from rules: speaker names are `PER`, the organisations of their roles and organisations
that speak are `ORG`, and region names from the gazetteer (`data/regions.txt`) are `LOC`.
"""

from __future__ import annotations

import bisect

from kutipan.document import Entity, Speaker
from kutipan.lang import lexicon
from kutipan.phrase.words import region
from kutipan.text.view import DocView


def _regions(view: DocView) -> list[Entity]:
    out = []
    words = view.words
    prefixes = lexicon.get().region_prefixes
    i = 0
    while i < len(words):
        hit = region(words, i, len(words))
        if hit:
            s = i - 1 if i > 0 and words[i - 1] in prefixes else i
            span = view[s : i + hit]
            out.append(Entity(span.start_char, span.end_char, span.text, "LOC"))
            i += hit
        else:
            i += 1
    return out


def find_entities(view: DocView, speakers: list[Speaker]) -> list[Entity]:
    """Entities of a Doc: the model's (if any), plus what attribution learnt about the speakers."""
    found: list[Entity] = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in view.ents]
    extra: list[Entity] = []
    for sp in speakers:
        for m in sp.mentions:
            if m.kind == "name" and sp.kind == "person":
                extra.append(Entity(m.start, m.end, m.text, "PER"))
            elif m.kind == "organization":
                extra.append(Entity(m.start, m.end, m.text, "ORG"))
        if sp.organization is not None:
            o = sp.organization
            extra.append(Entity(o.start, o.end, o.text, "ORG"))
    if not view.ents:
        extra += _regions(view)
    taken = _Disjoint([(e.start, e.end) for e in found])
    for e in sorted(extra, key=lambda e: (-(e.end - e.start), e.start)):
        if not taken.overlaps(e.start, e.end):
            found.append(e)
            taken.add(e.start, e.end)
    return sorted(found, key=lambda e: e.start)


class _Disjoint:
    """Non-overlapping character ranges, sorted: "does [s, e) overlap one" is a binary search.

    The model's entities never overlap, and a range is added only where it overlaps none, so the ranges
    stay disjoint; a scan of them per candidate was quadratic in long texts.
    """

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ranges = sorted(ranges)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.ranges, (s, s))
        if k > 0 and self.ranges[k - 1][1] > s:
            return True
        return k < len(self.ranges) and self.ranges[k][0] < e

    def add(self, s: int, e: int) -> None:
        bisect.insort(self.ranges, (s, e))
