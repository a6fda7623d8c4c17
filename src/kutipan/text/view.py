r"""A per-Doc view that every rule stage reads: the text, the words, cue kinds, NER persons and a word index.

spaCy rebuilds `doc.text` on each access and makes a `Token` object per index; the rules read words by
index many thousands of times per article. `DocView.of(doc)` computes what they read once, and the view is
passed explicitly from stage to stage (nothing is stored in `doc.user_data`), so each stage's inputs are
visible in its signature and nothing needs clearing afterwards.

Why the view skips white space: spaCy keeps a run of spaces, a tab or a no-break space as a token of its
own (`kata`, `\xa0`, `Budi`), so a rule that reads "the word after the cue" would read white space and
lose the speaker. The view's index `i` counts words only (tokens that are not horizontal white space);
line breaks stay, since paragraphs matter to the rules. `view[i]`, `view[a:b]`, `view.persons` and
`view.span` translate between the view's indices and the Doc's, so offsets stay those of the input.

The view also indexes the words once (`occurrences`, `starting_with`), so that stages looking up every
mention of every speaker cost a dictionary look-up each, not a scan of the document.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from kutipan.document import Span as CharSpan
from kutipan.lang import lexicon

TokRange = tuple[int, int]
# how many leading letters `starting_with` indexes words by
PREFIX_KEY = 4


def is_gap(word: str) -> bool:
    """A token that is horizontal white space only (spaces, tabs, no-break spaces), which rules never read."""
    return word.isspace() and "\n" not in word


@dataclass(eq=False)
class DocView:
    """A tokenised text as the rules read it. Build it with `DocView.of`."""

    doc: Doc
    text: str
    words: list[str] = field(repr=False)  # word texts (white-space tokens left out)
    starts: Sequence[int] = field(repr=False)  # word start offsets, ascending
    toks: Sequence[int] = field(repr=False)  # view index → Doc token index

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> DocView:
        """The view of `doc`; `text`, when given, is `doc.text` (spaCy rebuilds that from every token)."""
        text = doc.text if text is None else text
        # from offsets and lengths, without making a Token object per word
        pairs = doc.to_array([IDX, LENGTH]).tolist()
        keep: Sequence[int] = [k for k, (i, n) in enumerate(pairs) if not is_gap(text[i : i + n])]
        if len(keep) == len(pairs):
            keep = range(len(pairs))  # no white-space token: the same indices, in no memory
        return cls(
            doc,
            text,
            [text[pairs[k][0] : pairs[k][0] + pairs[k][1]] for k in keep],
            array("q", [pairs[k][0] for k in keep]),  # 8 bytes an offset, not a Python int each
            keep,
        )

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        """Token i, or the Doc span over words [a, b) (white space between them included)."""
        if isinstance(key, int):
            return self.doc[self.toks[key]]
        a, b, _ = key.indices(len(self.toks))
        if b <= a:
            k = self.toks[a] if a < len(self.toks) else len(self.doc)
            return self.doc[k:k]
        return self.doc[self.toks[a] : self.toks[b - 1] + 1]

    @property
    def ents(self) -> Sequence[Span]:
        return self.doc.ents

    def char_span(self, start: int, end: int, **kwargs) -> Span | None:
        return self.doc.char_span(start, end, **kwargs)

    def at_or_after(self, char: int) -> int:
        """Index of the first word that starts at or after `char` (words [.., i) lie before it)."""
        return bisect.bisect_left(self.starts, char)

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character range of words [a, b)."""
        return self.starts[a], self.starts[b - 1] + len(self.words[b - 1])

    @cached_property
    def persons(self) -> dict[int, TokRange]:
        """Word index → the NER model's `PER` span (as word indices) that covers it."""
        out: dict[int, TokRange] = {}
        for e in self.doc.ents:
            if e.label_ != "PER":
                continue
            span = (self.at_or_after(e.start_char), self.at_or_after(e.end_char))
            out.update(dict.fromkeys(range(*span), span))  # one tuple per entity, shared by its words
        return out

    @cached_property
    def cue_kinds(self) -> list[str | None]:
        """The cue kind of every word (`post`, `verb`, `prep`, `passive`), None where it is no cue."""
        lex = lexicon.get()
        out: list[str | None] = []
        for w in self.words:
            kind = lex.cues.get(w)
            if kind is None and w in lex.clitic_cues:
                kind = lex.cues.get(w[: -len(lexicon.CLITIC)])
            out.append(kind)
        return out

    @cached_property
    def index(self) -> dict[str, list[int]]:
        """Word → the indices where it stands, ascending."""
        out: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            out.setdefault(w, []).append(i)
        return out

    @cached_property
    def _by_prefix(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            if len(w) >= PREFIX_KEY:
                out.setdefault(w[:PREFIX_KEY], []).append(i)
        return out

    def occurrences(self, seq: Sequence[str]) -> list[int]:
        """Every index where the words of `seq` stand, in order (a look-up, not a scan)."""
        if not seq:
            return []
        n, words, want = len(seq), self.words, list(seq)
        return [i for i in self.index.get(want[0], ()) if n == 1 or words[i : i + n] == want]

    def starting_with(self, prefix: str) -> list[int]:
        """Indices of the words that start with `prefix` (of `PREFIX_KEY` letters or more), ascending."""
        if len(prefix) < PREFIX_KEY:
            raise ValueError(f"prefix of {PREFIX_KEY} letters or more needed, not {prefix!r}")
        words = self.words
        return [i for i in self._by_prefix.get(prefix[:PREFIX_KEY], ()) if words[i].startswith(prefix)]

    def span(self, r: TokRange | None) -> CharSpan | None:
        """The character span of words [r[0], r[1]) (None for None)."""
        if r is None:
            return None
        if r[1] <= r[0]:
            s = self[r[0] : r[1]]
            return CharSpan(s.start_char, s.end_char, s.text)
        a, b = self.chars(r[0], r[1])
        return CharSpan(a, b, self.text[a:b])
