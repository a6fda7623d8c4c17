"""Speech cues: which tokens say that somebody spoke, and how the speaker is attached to them.

A cue's kind (from `data/cues.tsv`) says where its speaker stands:
`post` roots follow a quote and take the speaker after them (`"…," kata Budi`, `ujarnya`), `verb`s stand
between speaker and content (`Budi mengatakan …`), `prep` (`Menurut Budi, …`) comes before the speaker,
and `passive` verbs take the speaker after them (`Hal itu disampaikan Budi`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import lexicon


def cue_kind(doc: Doc, i: int) -> str | None:
    """The cue kind of token i, or None when it is not a cue."""
    if i < 0 or i >= len(doc):
        return None
    return lexicon.cues().get(doc[i].text)


def has_clitic(doc: Doc, i: int) -> bool:
    """Whether cue token i carries the `-nya` clitic (`kata|nya`): the next token is `nya`, glued on."""
    if i + 1 >= len(doc):
        return False
    cue, nxt = doc[i], doc[i + 1]
    return nxt.lower_ == lexicon.CLITIC and nxt.idx == cue.idx + len(cue.text)


def find_cues(doc: Doc) -> list[tuple[int, str]]:
    """All cue tokens of a Doc with their kinds, as (token index, kind)."""
    return [(t.i, k) for t in doc if (k := lexicon.cues().get(t.text))]
