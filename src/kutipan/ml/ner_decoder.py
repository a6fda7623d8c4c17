"""Greedy decoding of a trained spaCy NER model in NumPy: the same weights, moves and output, faster.

Why this exists: in the spaCy 3.8 wheels, the transition decoder (`Parser._parseC`) takes and
releases the GIL inside its per-state lookups, so our small NER model spends about 9 µs a token
decoding, more than the tokenizer, the tok2vec and the whole rule layer together. The model itself is
tiny, and an entity decoder needs little state: with no entity open, the features of a state are the
next token plus two padding slots, so the scores of every "closed" state in a batch come from one
matrix product; only the few tokens inside an entity need scoring one by one. This module does that,
with spaCy's own layers (`tok2vec` projection, `lower`, `upper`) and the validity rules of spaCy's
`BiluoPushDown` (documents that already carry entities are handed to spaCy's component). The result
is the entities spaCy's `ner` component sets (`tests/test_ner_decoder.py` checks them against it on
the whole corpus and on the 150 news-dev articles).

`NumpyNER.from_pipe` returns None for any model it does not understand (another state type, a beam,
a model without an upper layer, unseen classes), and the pipeline then keeps spaCy's component.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from thinc.api import Model

# speculative look-ahead: tokens scored per possible entity start in one batch (longer ones go on)
_AHEAD = 6


@dataclass
class NumpyNER:
    """The arrays of a spaCy `ner` pipe, and its moves as (action, label) pairs."""

    proj: Model  # the model's tok2vec chain: listener → list2array → Linear (reads `doc.tensor`)
    lower: Model  # PrecomputableAffine: (tokens + 1 padding row) × features × hidden × pieces
    bias: np.ndarray  # (hidden, pieces)
    upper_w: np.ndarray  # (classes, hidden)
    upper_b: np.ndarray  # (classes,)
    actions: list[str]  # "B", "I", "L", "U", "O" or "M" per class
    class_labels: list[str]  # entity label per class ("" for O and U-)
    spacy_pipe: Any = None  # spaCy's own component, for documents that already carry entities

    @classmethod
    def from_pipe(cls, ner) -> "NumpyNER | None":
        """The decoder of a spaCy `EntityRecognizer`, or None when its model is not one we decode."""
        model = getattr(ner, "model", None)
        if model is None or getattr(ner, "cfg", {}).get("beam_width", 1) != 1:
            return None
        if not all(model.has_ref(r) for r in ("tok2vec", "lower", "upper")):
            return None
        if model.attrs.get("unseen_classes"):
            return None
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        if lower.name != "precomputable_affine" or lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2:
            return None
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        if upper.get_dim("nO") != len(names):
            return None
        actions = [n.split("-", 1)[0] for n in names]
        if set(actions) - {"B", "I", "L", "U", "O", "M"}:
            return None
        return cls(
            proj=model.get_ref("tok2vec"),
            lower=lower,
            bias=lower.get_param("b"),
            upper_w=upper.get_param("W"),
            upper_b=upper.get_param("b"),
            actions=actions,
            class_labels=[n.split("-", 1)[1] if "-" in n else "" for n in names],
            spacy_pipe=ner,
        )

    def __post_init__(self) -> None:
        acts = np.array(self.actions)
        has_label = np.array([bool(lab) for lab in self.class_labels])
        self._begin = (acts == "B") & has_label
        self._unit = (acts == "U") & has_label
        self._out = acts == "O"
        self._o = int(np.flatnonzero(self._out)[0])
        # inside an entity only I-X and L-X of its own label are valid
        index = {(a, lab): i for i, (a, lab) in enumerate(zip(self.actions, self.class_labels, strict=True))}
        self._inside = {lab: (index[("I", lab)], index[("L", lab)]) for lab in self.labels}

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels, as spaCy's `EntityRecognizer.labels` gives them."""
        return tuple(sorted({lab for lab in self.class_labels if lab}))

    def _scores(self, unmaxed: np.ndarray) -> np.ndarray:
        """Class scores of states from their summed, biased features (states × hidden × pieces)."""
        hidden = unmaxed.max(axis=-1)
        return self.proj.ops.gemm(hidden, self.upper_w, trans2=True) + self.upper_b  # type: ignore[arg-type]

    def __call__(self, doc: Doc) -> Doc:
        self.set_entities([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self.set_entities(batch)
            yield from batch

    def set_entities(self, docs: list[Doc]) -> None:
        """Decode `docs` (tok2vec already run on them) and set their `ents`.

        Documents that already carry entities (preset `ent_iob`) go to spaCy's own component, whose
        rules for keeping preset entities this decoder does not repeat.
        """
        todo: list[Doc] = []
        preset: list[Doc] = []
        for doc in docs:
            if len(doc):
                (preset if doc.to_array(ENT_IOB).any() else todo).append(doc)
        if preset:
            self.spacy_pipe.set_annotations(preset, self.spacy_pipe.predict(preset))
        docs = todo
        if not docs:
            return
        feats = self.lower.predict(self.proj.predict(docs))  # row 0 is the padding, token k is row k + 1
        pad = feats[0]
        # closed states: features (B0, none, none), summed in spaCy's order
        closed = self._scores(((feats[1:, 0] + pad[1]) + pad[2]) + self.bias)
        offset = 0
        for doc in docs:
            rows = slice(offset, offset + len(doc))
            doc.set_ents(self._decode(doc, feats[1:][rows], closed[rows]), default="outside")
            offset += len(doc)

    def _decode(self, doc: Doc, feats: np.ndarray, scores: np.ndarray) -> list[Span]:
        n = len(doc)
        attrs = doc.to_array([IS_SPACE, SENT_START])
        space = attrs[:, 0].astype(bool)
        next_starts = np.zeros(n, dtype=bool)
        next_starts[:-1] = attrs[1:, 1] == 1
        can_begin = ~space & ~next_starts
        can_begin[-1] = False  # the last token can't open an entity (`Begin.is_valid`)
        valid = np.where(can_begin[:, None], self._begin, False) | np.where(~space[:, None], self._unit, False)
        valid |= self._out
        choice = np.where(valid, scores, -np.inf).argmax(axis=1)
        starts = np.flatnonzero(choice != self._o)
        if not len(starts):
            return []
        # every possible start: score its continuation tokens at once, assuming it opens an entity
        begins = starts[self._begin[choice[starts]]]
        ahead: dict[int, np.ndarray] = {}
        if len(begins):
            steps = np.arange(1, _AHEAD + 1)
            pos = np.minimum(begins[:, None] + steps, n - 1)
            un = ((feats[pos, 0] + feats[begins, 1][:, None]) + feats[pos - 1, 2]) + self.bias
            sc = self._scores(un.reshape(-1, *un.shape[2:])).reshape(len(begins), _AHEAD, -1)
            ahead = dict(zip(begins.tolist(), sc, strict=True))
        out = []
        free = 0  # first token not inside a decoded entity
        for p in starts.tolist():
            if p < free:
                continue
            c = int(choice[p])
            label = self.class_labels[c]
            if self.actions[c] == "U":
                out.append(Span(doc, p, p + 1, label=label))
                free = p + 1
                continue
            i_move, l_move = self._inside[label]
            t = p + 1
            while True:
                k = t - p - 1
                if k < _AHEAD:
                    row = ahead[p][k]
                else:
                    un = ((feats[t, 0] + feats[p, 1]) + feats[t - 1, 2]) + self.bias
                    row = self._scores(un[None])[0]
                # I needs a token after this one, not starting a sentence; L is always valid here
                can_in = t < n - 1 and not next_starts[t]
                if can_in and (row[i_move] > row[l_move] if l_move < i_move else row[i_move] >= row[l_move]):
                    t += 1
                    continue
                out.append(Span(doc, p, t + 1, label=label))
                free = t + 1
                break
        return out


@Language.factory("kutipan_ner", default_config={}, assigns=["doc.ents"])
def make_numpy_ner(nlp: Language, name: str) -> NumpyNER:
    """The NumPy decoder of the trained `ner` pipe already in `nlp` (see `pipeline.load_ner`)."""
    decoder = NumpyNER.from_pipe(nlp.get_pipe("ner")) if "ner" in nlp.pipe_names else None
    if decoder is None:
        raise ValueError("kutipan_ner needs a trained greedy `ner` pipe with an upper layer in the pipeline")
    return decoder
