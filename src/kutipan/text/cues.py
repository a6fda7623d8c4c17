"""Speech cues: which tokens say that somebody spoke, and how the speaker is attached to them.

A cue's kind (from `data/cues.tsv`) says where its speaker stands:
`post` roots follow a quote and take the speaker after them (`"…," kata Budi`, `ujarnya`), `verb`s stand
between speaker and content (`Budi mengatakan …`), `prep` (`Menurut Budi, …`) comes before the speaker,
and `passive` verbs take the speaker after them (`Hal itu disampaikan Budi`).

The `-nya` of `katanya` is the speaker. The tokenizer splits it off (`kata` + `nya`), but not inside
glued text (`…sini,"tuturnya.Selain`), so a cue word that still ends in `nya` counts too.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kutipan.lang import lexicon
from kutipan.phrase.grammar import doc_words

Range = tuple[int, int]


def _kind(text: str) -> str | None:
    kind = lexicon.cues().get(text)
    if kind is None and text in lexicon.clitic_cues():
        kind = lexicon.cues().get(text[: -len(lexicon.CLITIC)])
    return kind


def cue_kind(doc: Doc, i: int) -> str | None:
    """The cue kind of token i, or None when it is not a cue (looked up once per Doc)."""
    kinds = doc.user_data.get("_kutipan_cues")
    if kinds is None or len(kinds) != len(doc):
        kinds = doc.user_data["_kutipan_cues"] = [_kind(w) for w in doc_words(doc)]
    return kinds[i] if 0 <= i < len(kinds) else None


def clitic(doc: Doc, i: int) -> tuple[Range, Range, int] | None:
    """If cue token i carries `-nya`: (cue char range with the clitic, clitic char range, next token)."""
    if i >= len(doc):
        return None
    tok = doc[i]
    n = len(lexicon.CLITIC)
    if tok.text in lexicon.clitic_cues():
        end = tok.idx + len(tok.text)
        return (tok.idx, end), (end - n, end), i + 1
    if i + 1 < len(doc):
        nxt = doc[i + 1]
        if nxt.lower_ == lexicon.CLITIC and nxt.idx == tok.idx + len(tok.text):
            return (tok.idx, nxt.idx + n), (nxt.idx, nxt.idx + n), i + 2
    return None
