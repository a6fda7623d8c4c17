"""spaCy's Indonesian tokenizer with the special cases Indonesian news needs.

- `katanya`, `ujarnya`, `menurutnya` split into the cue and the clitic `nya`, which is the speaker
  mention: `"…," katanya.` → `kata` + `nya`. The tokens keep their character offsets into the input.
  (Capitalised and glued forms stay whole; `cues.clitic` reads the `nya` off them.)
- Abbreviations with dots stay whole: ranks and honorifics (`Kombes Pol.`, `Dr.`, `S.H.`, `M.Si.`),
  `Plt.`, `Kab.`, `No.`.
- Dates in parentheses stay whole: `Senin (24/6)`, `(20/10/2025)` → `24/6`, `20/10/2025`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, NORM, ORTH, SPACY
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kutipan.lang import lexicon
from kutipan.text.chunks import long_run_words, token_pieces

DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")


def _keeps_hyphens(pattern: str) -> bool:
    return re.search(pattern, "anak-anak") is None


class KutipanDefaults(Indonesian.Defaults):  # type: ignore[misc,valid-type]
    """Indonesian defaults with hyphenated words kept whole, glued sentences split, and whole dates.

    spaCy's Indonesian splits at hyphens and then lists 15,600 reduplications (`anak-anak`) as exceptions
    to keep them whole; building those costs a second of start-up. Not splitting at a hyphen between
    letters gives the same tokens for them, and keeps names (`Al-Ikhlas`, `Tae-yong`) whole too.
    """

    tokenizer_exceptions = {k: v for k, v in Indonesian.Defaults.tokenizer_exceptions.items() if "-" not in k}
    infixes = [p for p in Indonesian.Defaults.infixes if _keeps_hyphens(p)] + [
        r"(?:(?<=[a-z]{2})|(?<=[0-9])|(?<=\)))\.(?=[A-Z][a-z])"  # "terungkap.Area", "2019.Ngakan", "(21/1).Dia"
    ]
    token_match = DATE.match


class KutipanIndonesian(Indonesian):
    """spaCy's Indonesian with `KutipanDefaults`; `lang` stays `id`."""

    Defaults = KutipanDefaults


def add_special_cases(nlp: Language) -> None:
    """Teach `nlp`'s tokenizer the clitic cues and the dotted abbreviations it lacks."""
    tok: Tokenizer = nlp.tokenizer  # a spaCy Tokenizer, not any callable
    known = tok.rules
    for form in lexicon.get().clitic_cues:
        if form.islower():
            base = form[: -len(lexicon.CLITIC)]
            tok.add_special_case(form, [{ORTH: base}, {ORTH: form[len(base) :]}])
    dotted = [f for f in lexicon.get().honorifics if "." in f] + list(lexicon.get().abbreviations)
    for rank in lexicon.get().ranks.phrases:
        dotted += [w for w in rank if "." in w]
    for form in sorted(set(dotted)):
        if form not in known:
            tok.add_special_case(form, [{ORTH: form}])


def make_nlp() -> Language:
    """A blank Indonesian pipeline with kutipan's tokenizer rules."""
    nlp = KutipanIndonesian()
    add_special_cases(nlp)
    return nlp


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp`'s tokens of `text`, with runs of more than `chunks.RUN_CHARS` non-space characters split simply.

    Why: spaCy's suffix search is quadratic in the length of a run without spaces (5,000 `-` take a
    minute). Text of normal words is tokenised by `nlp.tokenizer` exactly as before; `doc.text == text`.
    """
    pieces = token_pieces(text)
    if len(pieces) == 1 and not pieces[0][2]:
        return nlp.tokenizer(text)
    docs = []
    for a, b, long_run in pieces:
        if long_run:
            words = long_run_words(text[a:b])
            docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        else:
            docs.append(nlp.tokenizer(text[a:b]))
    return join_docs(docs, [text[a:b] for a, b, _ in pieces])


# what `join_docs` carries over besides the words: the tokenizer's norms and the NER model's entities
_JOINED = [NORM, ENT_IOB, ENT_TYPE]


def join_docs(docs: Iterable[Doc], texts: list[str]) -> Doc:
    """One Doc of consecutive Docs (`texts` are their texts): the words, norms and entities of each.

    Why not `Doc.from_docs`: it makes a Python object per token, 25 µs each; this reads arrays. `docs`
    may be a generator: each Doc is read and dropped before the next is made, so a long text never
    holds its chunks' Docs and the joined Doc at once.
    """
    words: list[str] = []
    spaces: list[bool] = []
    arrays = []
    vocab = None
    for doc, text in zip(docs, texts, strict=True):
        vocab = doc.vocab
        pairs = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        words += [text[i : i + n] for i, n, _ in pairs]
        spaces += [bool(sp) for _, _, sp in pairs]
        if len(doc):
            arrays.append(doc.to_array(_JOINED))
    if vocab is None:
        raise ValueError("join_docs needs at least one Doc")
    out = Doc(vocab, words=words, spaces=spaces)
    del words, spaces
    if arrays:
        out.from_array(_JOINED, numpy.concatenate(arrays))  # type: ignore[arg-type, unused-ignore]  # 2-d ints; spaCy 3.7's stubs accept it
    return out
