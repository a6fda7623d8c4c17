"""Speech cues: which tokens say that somebody spoke, and how the speaker is attached to them.

A cue's kind (from `data/cues.tsv`) says where its speaker stands:
`post` roots follow a quote and take the speaker after them (`"…," kata Budi`, `ujarnya`), `verb`s stand
between speaker and content (`Budi mengatakan …`), `prep` (`Menurut Budi, …`) comes before the speaker,
and `passive` verbs take the speaker after them (`Hal itu disampaikan Budi`).

The `-nya` of `katanya` is the speaker. The tokenizer splits it off (`kata` + `nya`), but not inside
glued text (`…sini,"tuturnya.Selain`), so a cue word that still ends in `nya` counts too.
"""

from __future__ import annotations

from kutipan.lang import lexicon
from kutipan.text.view import DocView

Range = tuple[int, int]


def cue_kind(view: DocView, i: int) -> str | None:
    """The cue kind of token i, or None when it is not a cue."""
    kinds = view.cue_kinds
    return kinds[i] if 0 <= i < len(kinds) else None


def clitic(view: DocView, i: int) -> tuple[Range, Range, int] | None:
    """If cue token i carries `-nya`: (cue char range with the clitic, clitic char range, next token)."""
    if i >= len(view):
        return None
    tok = view[i]
    n = len(lexicon.CLITIC)
    if tok.text in lexicon.get().clitic_cues:
        end = tok.idx + len(tok.text)
        return (tok.idx, end), (end - n, end), i + 1
    if i + 1 < len(view):
        nxt = view[i + 1]
        if nxt.lower_ == lexicon.CLITIC and nxt.idx == tok.idx + len(tok.text):
            return (tok.idx, nxt.idx + n), (nxt.idx, nxt.idx + n), i + 2
    return None


def cue_sense(word: str) -> str | None:
    """What cue `word` reports: `speech`, `directive` or `belief` (GUIDE §9.1), None for no known cue.

    `katanya`, `Menurutnya` and `ujarnya` take the sense of their root.
    """
    senses = lexicon.get().cue_senses
    sense = senses.get(word)
    if sense is None and word.lower().endswith(lexicon.CLITIC):
        sense = senses.get(word[: -len(lexicon.CLITIC)])
    return sense
