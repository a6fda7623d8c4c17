"""Read an institution's name: its head word and the body after it.

An institution starts at a head from `data/org_heads.txt` (`Dinas`, `Polresta`, `PT`) or at an acronym
(`DPRD`, `KPK`), and runs on over institution and unit words, regions, bracketed abbreviations, numbers
and institutions inside it: `Dinas Komunikasi, Informatika, dan Statistik Kota Magelang`,
`Kanwil Kemenag Provinsi Lampung`, `Gabungan Perusahaan Karet Indonesia (Gapkindo)`. It stops where the
person's name starts, which a rank or an honorific often marks: `Polres Jaksel AKBP Irwan Susanto`.

`org_body` reads one step at a time (`_org_step`); a step that does not move on ends the body.
"""

from __future__ import annotations

from kutipan.lang import lexicon
from kutipan.phrase.words import (
    AND,
    BRACKETED,
    CITY,
    UNIT_LOOKAHEAD,
    is_acronym,
    is_cap,
    name_run,
    number,
    paren,
    region,
)


def org_head(words: list[str], j: int, limit: int) -> int:
    """Length of an institution head at j: a lexicon head (`Dinas`, `Polres`) or an acronym (`DPRD`); 0 if none.

    An acronym that is an honorific (`H.`), a degree, a title (`CEO`, `VP`, `GM`) or a rank (`AKBP`) is none.
    """
    lex = lexicon.get()
    n = lex.org_heads.match(words, j, limit)
    if n:
        return n
    w = words[j]
    if (
        is_acronym(w)
        and w not in lex.post_honorifics
        and w not in lex.pre_honorifics
        and w not in lex.title_words
        and not lex.ranks.match(words, j, limit)
    ):
        return 1
    return 0


def unknown_unit(words: list[str], j: int, limit: int) -> bool:
    """A capitalised word the lexicon lacks, just before an institution head: "Kanwil *DJPb* Kemenkeu"."""
    return any(org_head(words, x, limit) for x in range(j + 1, min(limit, j + UNIT_LOOKAHEAD)))


def _region_step(words: list[str], j: int, limit: int) -> int:
    """Past a region at j (`Provinsi Lampung`, `Tasikmalaya Kota`), or j when there is none."""
    lex = lexicon.get()
    if words[j] in lex.region_markers and j + 1 < limit and is_cap(words[j + 1]):
        return j + 1 + (region(words, j + 1, limit) or 1)
    n = region(words, j, limit)
    if not n:
        return j
    j += n
    if j < limit and words[j] == CITY and not (j + 1 < limit and words[j + 1] in lex.org_words):
        j += 1  # "Polres Tasikmalaya Kota"
    return j


def _word_step(words: list[str], j: int, limit: int) -> int | None:
    """Past an institution or unit word at j; j to stop; None when the word is neither."""
    lex = lexicon.get()
    w = words[j]
    if not (w in lex.org_words or w in lex.units or is_acronym(w) and w not in lex.post_honorifics):
        return None
    if w[:1].islower() and not (j + 1 < limit and is_cap(words[j + 1])):
        return j  # "Kementerian Kesehatan dalam keterangannya"
    return j + 1


def _conjunction_step(words: list[str], j: int, limit: int) -> int:
    """Past a comma or conjunction that joins two parts of the name ("Komunikasi, Informatika, dan …")."""
    lex = lexicon.get()
    if not (words[j] == "," or words[j] in lex.name_conjunctions) or j + 1 >= limit:
        return j
    k = j + 1
    if words[k] == AND and k + 1 < limit:
        k += 1
    if words[k] in lex.org_words and words[k] != AND:
        return k
    return j


def _name_step(words: list[str], j: int, limit: int) -> int:
    """Past capitalised words the lexicon lacks, where what follows shows they are the institution's.

    "Gabungan Perusahaan Karet Indonesia (Gapkindo)": a bracketed abbreviation follows. "Polres Jaksel AKBP
    Irwan Susanto", "Satgas Penanganan Bencana Brigjen TNI Hadi": an honorific or rank starts the name.
    """
    lex = lexicon.get()
    if not is_cap(words[j]) or words[j] in lex.pre_honorifics:
        return j
    n = name_run(words, j, limit, allow_common=True)
    if n and paren(words, j + n, limit):
        return j + n + BRACKETED
    if n and j + n < limit and (words[j + n] in lex.pre_honorifics or lex.ranks.match(words, j + n, limit)):
        return j + n
    return j


def _org_step(words: list[str], j: int, limit: int) -> int:
    """One step of an institution's body at j: the position after it, or j where the body ends."""
    lex = lexicon.get()
    w = words[j]
    if paren(words, j, limit):
        return j + BRACKETED
    if (k := _region_step(words, j, limit)) > j:
        return k
    if lex.ranks.match(words, j, limit):
        return j  # "Satgas … Brigjen TNI Hadi": the rank starts the name
    if (k_word := _word_step(words, j, limit)) is not None:
        return k_word
    if (h := org_head(words, j, limit)) and w not in lex.pre_honorifics:
        return j + h  # an institution inside another: "Kanwil Kemenag Provinsi Lampung"
    if is_cap(w) and w not in lex.pre_honorifics and w not in lex.person_words and unknown_unit(words, j, limit):
        return j + 1  # a unit the lexicon lacks before an institution: "Kanwil DJPb Kemenkeu"
    if (k := _conjunction_step(words, j, limit)) > j:
        return k
    if (k := _name_step(words, j, limit)) > j:
        return k
    return j + number(words, j, limit)


def org_body(words: list[str], j: int, limit: int) -> int:
    """Consume the rest of an organisation name after its head; return the new position."""
    while j < limit:
        k = _org_step(words, j, limit)
        if k == j:
            break
        j = k
    return j
