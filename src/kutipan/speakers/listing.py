"""The output speaker list: the registry's speakers that are quoted, renumbered, with every name mention.

The registry holds everybody a phrase or the NER model named; only those with a quotation are speakers
in the output, numbered `s1`, `s2` … in order of first appearance, and each person's name is added as a
mention wherever it stands in the text as whole words (not only where a quote was attributed to it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kutipan.document import Mention, Quote, Speaker, SpeakerRef
from kutipan.speakers.registry import SpeakerRegistry, SpeakerState
from kutipan.speakers.source_type import is_group


def whole_words(text: str, form: str) -> Iterator[int]:
    """Start offsets of `form` in `text` where it stands as whole words (not inside a longer word).

    A form that starts and ends with a letter or digit is looked up in an index of the text's words
    (built once per text), so finding every speaker's name costs a look-up each, not a scan of the text.
    """
    head = _ALNUM.match(form)
    if head is None or not form[-1].isalnum():
        yield from _scan(text, form)
        return
    n = len(text)
    last = 0
    for i in _alnum_runs(text).get(head.group(), ()):
        end = i + len(form)
        if i >= last and text.startswith(form, i) and (end == n or not text[end].isalnum()):
            yield i
            last = end


_ALNUM = re.compile(r"[^\W_]+")  # a run of letters and digits (what str.isalnum accepts)


@lru_cache(maxsize=1)
def _alnum_runs(text: str) -> dict[str, list[int]]:
    """Each run of letters and digits of `text` → where it starts (kept for the last text only)."""
    out: dict[str, list[int]] = {}
    for m in _ALNUM.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def _scan(text: str, form: str) -> Iterator[int]:
    start = 0
    while (i := text.find(form, start)) >= 0:
        end = i + len(form)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield i
        start = end


def list_speakers(text: str, reg: SpeakerRegistry, quotes: list[Quote]) -> list[Speaker]:
    """Final speaker list: only those quoted, numbered in order of appearance, every name mention added.

    The quotes' speaker references are renumbered to match.
    """
    used = [sp for sp in reg.speakers if sp.quotes]
    for sp in used:
        if sp.kind != "group" and is_group(sp.name, sp.kind, sp.anonymous):
            sp.kind = "group"  # `Polisi`, `warga`, `Koalisi …` (GUIDE §10.1)
    renum = {sp.id: f"s{k}" for k, sp in enumerate(used, 1)}
    by_id = {s.id: s for s in used}  # a look-up per quote, not a scan of the speakers
    for q in quotes:
        if q.speaker is not None:
            sp = by_id[q.speaker.entity]
            q.speaker = SpeakerRef(renum[sp.id], sp.name, q.speaker.mention)
    return [_speaker(text, sp, renum[sp.id]) for sp in used]


def _speaker(text: str, sp: SpeakerState, new_id: str) -> Speaker:
    mentions = dict(sp.mentions)
    if not sp.anonymous and sp.kind == "person":
        for i in whole_words(text, sp.name):
            mentions.setdefault((i, i + len(sp.name)), Mention(i, i + len(sp.name), sp.name, "name"))
    if sp.kind in ("organization", "group"):
        # an organisation that speaks has no role of its own: its name is the organisation (GUIDE §5)
        sp.title = sp.organization = None
    role = None
    parts = [p for p in (sp.title, sp.organization) if p]
    if parts:
        role = text[min(p.start for p in parts) : max(p.end for p in parts)]
    return Speaker(
        id=new_id,
        name=sp.name,
        kind=sp.kind,
        title=sp.title,
        organization=sp.organization,
        honorific=sp.honorific,
        mentions=[mentions[k] for k in sorted(mentions)],
        quotes=sp.quotes,
        role=role,
    )
