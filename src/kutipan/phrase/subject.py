"""Read the subject of a speech verb as one whole speaker phrase.

`Kapolres Sukamaju AKBP Budi Santoso mengatakan …`: the words before the verb are the speaker when the
grammar reads all of them as one phrase. News puts more around it, and the reader allows for it: leading
connectives and clauses (`Namun, …`, `Sementara itu, …`, `Di Magelang, …`), a short relative clause
(`…, yang turut hadir, mengatakan`), adverbs (`juga`, `pun`, `baru-baru ini`), an adjunct (`… di
Mojokerto, Kamis (12/10) mengatakan`) and an apposition after a name (`Nur Aini (20), mahasiswi …,
mengaku`).
"""

from __future__ import annotations

import dataclasses

from kutipan.lang import lexicon
from kutipan.phrase.grammar import Phrase, parse_words
from kutipan.phrase.words import BRACKETED, paren
from kutipan.text.view import DocView

# A "yang" this close to the verb (counting itself) opens a relative clause between the subject and the
# verb ("Wahyu Hidayat, S.H., yang turut hadir mengatakan"); one further back is inside the subject.
RELATIVE_SPAN = 6
RELATIVE = "yang"
CLAUSE_BREAKS = frozenset({",", "—", "–", "-"})  # a subject may start after any of them


def _subject_end(words: list[str]) -> int:
    """Where the subject ends: before a short relative clause, trailing adverbs and a comma."""
    lex = lexicon.get()
    end = len(words)
    rel = [k for k, w in enumerate(words) if w == RELATIVE]
    if rel and end - rel[-1] <= RELATIVE_SPAN:
        end = rel[-1]
    while end > 0:
        n = next(
            (len(p) for p in lex.trailing_adverbials if end >= len(p) and tuple(words[end - len(p) : end]) == p), 0
        )
        if n:
            end -= n  # "baru-baru ini"
        elif words[end - 1] in lex.adverbs:
            end -= 1  # "juga", "pun"
        else:
            break
    if end > 0 and words[end - 1] == ",":
        end -= 1
    return end


def _adjunct_cut(words: list[str], end: int) -> int | None:
    """Where an adjunct between the speaker and the verb starts (None if there is none).

    "Kapolsek Ngoro Kompol Imam di Mojokerto, Kamis (12/10) mengatakan", "Busyra Oryza selaku PR Manager
    Traveloka mengatakan". Not when a known given name comes after it: "Ketua Fraksi Partai Maju di DPRD
    Sukamaju Andi Wijaya", where the name comes after "di".
    """
    lex = lexicon.get()
    cut = next((k for k in range(1, end) if words[k] in lex.adjunct_starts), None)
    if cut is not None and any(words[k] in lex.person_words for k in range(cut, end)):
        return None
    return cut


def _subject_start(words: list[str], st: int, end: int) -> int | None:
    """Where a subject starting the clause at `st` starts, past connectives; None after a preposition.

    "Lebih lanjut Irwan mengatakan", "Namun Budi menegaskan"; "Hal itu …" keeps its first word, and
    "Di Magelang, …" is no subject.
    """
    lex = lexicon.get()
    k = st
    k += next((len(p) for p in lex.subject_leads if tuple(words[k : k + len(p)]) == p), 0)
    while k < end and words[k] in lex.connectives and k + 1 < end and words[k + 1] != ",":
        if words[k] in lex.noun_connectives:
            break
        k += 1
    if k < end and words[k] in lex.clause_prepositions:
        return None
    return k


def _before_adjunct(words: list[str], k: int, cut: int | None) -> Phrase | None:
    """A name or institution from k that ends where the adjunct starts (commas before it left out).

    "BPJS Kesehatan Cabang Sukamaju, dalam keterangan tertulisnya, menyatakan".
    """
    if cut is None or cut <= k:
        return None
    c = cut
    while c > k + 1 and words[c - 1] == ",":
        c -= 1
    ph = parse_words(words, k, c)
    if ph is not None and ph.end == c and ph.kind in {"name", "organization"}:
        return ph
    return None


def _with_apposition(words: list[str], parsed: list[Phrase | None], end: int) -> Phrase | None:
    """A bare name followed by an apposition that runs to the verb: "Nur Aini (20), mahasiswi …, mengaku".

    The phrase is the name's, extended to the end of the subject.
    """
    for ph in parsed:
        if ph is None or ph.kind != "name" or ph.end >= end or ph.title or ph.org:
            continue
        e = ph.end
        if paren(words, e, end) or (e + BRACKETED - 1 < end and words[e] == "(" and words[e + 2] == ")"):
            e += BRACKETED  # an age or an abbreviation in brackets: "(20)"
        if e == end or (e < end and words[e] == ","):
            return dataclasses.replace(ph, end=end)
    return None


def parse_subject(view: DocView, a: int, b: int) -> Phrase | None:
    """Parse tokens [a, b) as a whole speaker phrase, as the subject of a speech verb.

    Leading connectives (`Namun, …`, `Sementara itu, …`) and trailing adverbs (`juga`, `pun`) are allowed
    around it. Returns None unless the phrase covers the segment.
    """
    words = view.words[a:b]
    end = _subject_end(words)
    cut = _adjunct_cut(words, end)
    parsed: list[Phrase | None] = []
    for st in [0] + [k + 1 for k, w in enumerate(words[:end]) if w in CLAUSE_BREAKS]:
        k = _subject_start(words, st, end)
        if k is None:
            continue
        ph = parse_words(words, k, end)
        if ph is not None and ph.end == end:
            return ph.shifted(a)
        parsed.append(ph)
        ph = _before_adjunct(words, k, cut)
        if ph is not None:
            return ph.shifted(a)
    ph = _with_apposition(words, parsed, end)
    return None if ph is None else ph.shifted(a)
