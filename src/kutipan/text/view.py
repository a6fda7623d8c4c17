"""A per-Doc view that every rule stage reads: the text, the token texts, cue kinds and NER persons.

spaCy rebuilds `doc.text` on each access and makes a `Token` object per index; the rules read words by
index many thousands of times per article. `DocView.of(doc)` computes what they read once, and the view is
passed explicitly from stage to stage (nothing is stored in `doc.user_data`), so each stage's inputs are
visible in its signature and nothing needs clearing afterwards.

The view indexes and slices like the Doc it wraps (`view[i]`, `view[a:b]`, `len(view)`), so a stage that
needs spaCy's tokens or spans still has them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from kutipan.document import Span as CharSpan
from kutipan.lang import lexicon

TokRange = tuple[int, int]


@dataclass(eq=False)
class DocView:
    """A tokenised text as the rules read it. Build it with `DocView.of`."""

    doc: Doc
    text: str
    words: list[str] = field(repr=False)  # token texts
    starts: list[int] = field(repr=False)  # token start offsets, ascending

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        text = doc.text
        # from offsets and lengths, without making a Token object per word
        pairs = doc.to_array([IDX, LENGTH]).tolist()
        return cls(doc, text, [text[i : i + n] for i, n in pairs], [i for i, _ in pairs])

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        return self.doc[key]

    @property
    def ents(self) -> Sequence[Span]:
        return self.doc.ents

    def char_span(self, start: int, end: int, **kwargs) -> Span | None:
        return self.doc.char_span(start, end, **kwargs)

    def at_or_after(self, char: int) -> int:
        """Index of the first token that starts at or after `char` (tokens [.., i) lie before it)."""
        return bisect.bisect_left(self.starts, char)

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character range of tokens [a, b)."""
        return self.starts[a], self.starts[b - 1] + len(self.words[b - 1])

    @cached_property
    def persons(self) -> dict[int, TokRange]:
        """Token index → the NER model's `PER` span that covers it."""
        return {k: (e.start, e.end) for e in self.doc.ents if e.label_ == "PER" for k in range(e.start, e.end)}

    @cached_property
    def cue_kinds(self) -> list[str | None]:
        """The cue kind of every token (`post`, `verb`, `prep`, `passive`), None where it is no cue."""
        lex = lexicon.get()
        out: list[str | None] = []
        for w in self.words:
            kind = lex.cues.get(w)
            if kind is None and w in lex.clitic_cues:
                kind = lex.cues.get(w[: -len(lexicon.CLITIC)])
            out.append(kind)
        return out

    def span(self, r: TokRange | None) -> CharSpan | None:
        """The character span of tokens [r[0], r[1]) (None for None)."""
        if r is None:
            return None
        s = self.doc[r[0] : r[1]]
        return CharSpan(s.start_char, s.end_char, s.text)
