"""One internal view of a dependency parse over kutipan's tokens, whichever parser made it.

The rules read a parse through `Parse` only: for each token of a `DocView`, its head (a token index in the
same sentence; a root points at itself), its dependency label (UD, with subtypes: `nsubj`, `nsubj:pass`,
`acl:relcl`, `obl:agent`) and its universal part of speech. Tokens of sentences nobody asked to parse have
head -1. Both backends (`spacy_backend`, `stanza_backend`) fill the same arrays, so the sieves of
`attribution.indirect` never see spaCy or stanza objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

TokRange = tuple[int, int]


@dataclass(slots=True)
class Parse:
    """Heads, labels and POS per token of a DocView; only the sentences in `sentences` are parsed."""

    head: list[int]
    dep: list[str]
    pos: list[str]
    sentences: list[TokRange] = field(default_factory=list)

    @classmethod
    def empty(cls, n: int) -> Parse:
        """A parse of n tokens with no sentence parsed yet."""
        return cls([-1] * n, [""] * n, [""] * n)

    def set_sentence(self, a: int, heads: list[int], deps: list[str], pos: list[str]) -> None:
        """Store the parse of tokens [a, a + len(heads)); `heads` are sentence-local (a root is its own head).

        A head outside the sentence (an adapter's mapping gone wrong) makes the token a root, so that the
        parse never links two sentences.
        """
        b = a + len(heads)
        for k, h in enumerate(heads):
            i = a + k
            self.head[i] = a + h if 0 <= h < len(heads) else i
            self.dep[i] = deps[k] if self.head[i] != i or deps[k] == "root" else "root"
            self.pos[i] = pos[k]
        self.sentences.append((a, b))

    def parsed(self, i: int) -> bool:
        return 0 <= i < len(self.head) and self.head[i] >= 0

    def children(self, i: int) -> Iterator[int]:
        """The dependents of token i, left to right."""
        a, b = self.sentence_of(i)
        return (j for j in range(a, b) if j != i and self.head[j] == i)

    def child(self, i: int, *labels: str) -> int | None:
        """The first dependent of i whose label (or its universal part) is one of `labels`."""
        return next((j for j in self.children(i) if self.dep[j] in labels or self.base(j) in labels), None)

    def base(self, i: int) -> str:
        """The universal part of i's label: `nsubj` for `nsubj:pass`."""
        return self.dep[i].split(":")[0]

    def sentence_of(self, i: int) -> TokRange:
        """The parsed sentence that holds token i ((i, i) when none does)."""
        return next(((a, b) for a, b in self.sentences if a <= i < b), (i, i))

    def subtree(self, i: int) -> TokRange:
        """The token range [lo, hi) that i and everything under it span (projective parses: contiguous)."""
        a, b = self.sentence_of(i)
        lo = hi = i
        for j in range(a, b):
            k, steps = j, 0
            while k != i and self.head[k] != k and steps < b - a:
                k, steps = self.head[k], steps + 1
            if k == i:
                lo, hi = min(lo, j), max(hi, j)
        return lo, hi + 1

    def root(self, a: int, b: int) -> int | None:
        """The root token of the parsed sentence [a, b)."""
        return next((j for j in range(a, b) if self.head[j] == j), None)
