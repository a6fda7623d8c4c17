"""Read a title: title words, region heads and the units that belong to the position.

A title is the position a speaker holds, before the institution: `Wakil Kepala Satlantas`, `Ketua Komisi
IV`, `Direktur Jenderal Pajak`, `Pengamat pendidikan`. A region head (`Wali Kota`, `Bupati`, `Kapolres`)
takes its region into the title and has no institution: `Wali Kota Magelang`, `Kapolres Tasikmalaya
Kota`. `read_title` reads the title words one step at a time (`_title_step`), then the units between the
title and the institution (`_units`).
"""

from __future__ import annotations

from kutipan.lang import lexicon
from kutipan.phrase.org import org_head, unknown_unit
from kutipan.phrase.words import AND, BRACKETED, CITY, is_cap, lower_run, number, paren, region


def _unknown_region(words: list[str], j: int, limit: int) -> bool:
    """A capitalised word after a region head that no lexicon knows, before a name: "Bupati *Sukamaju* Andi"."""
    lex = lexicon.get()
    if j + 1 >= limit:
        return False
    w = words[j]
    return (
        is_cap(w)
        and (is_cap(words[j + 1]) or words[j + 1] == ",")
        and w not in lex.title_words
        and w not in lex.person_words
        and w not in lex.pre_honorifics
        and not org_head(words, j, limit)
    )


def _region_after_head(words: list[str], j: int, limit: int) -> int:
    """Past the region a region head takes (`Kota Magelang`, `Sukamaju`, `0617/Pasirluhur`), or j."""
    lex = lexicon.get()
    if j < limit and words[j] in lex.region_markers and j + 1 < limit and is_cap(words[j + 1]):
        return j + 1 + (region(words, j + 1, limit) or 1)
    if r := region(words, j, limit):
        return j + r
    if _unknown_region(words, j, limit):
        return j + 1  # an unknown region: "Bupati Sukamaju Andi"
    return j + number(words, j, limit)  # "Dandim 0617/Pasirluhur"


def _city_suffix(words: list[str], j: int, limit: int) -> int:
    """1 for the `Kota` of "Kapolres Tasikmalaya Kota, AKBP …" (before a comma, honorific or rank), else 0."""
    lex = lexicon.get()
    if not (j < limit and words[j] == CITY and j + 1 < limit):
        return 0
    after = words[j + 1]
    return int(after == "," or after in lex.pre_honorifics or bool(lex.ranks.match(words, j + 1, limit)))


def _after_region_head(words: list[str], j: int, n: int, limit: int) -> int:
    """Past the region head of n words at j and its region: "Wali Kota Magelang", "Kapolres Tasikmalaya Kota".

    A national head (`Presiden`, `Wapres`) takes no region.
    """
    national = words[j + n - 1] in lexicon.get().national_heads
    j += n
    if national:
        return j
    j = _region_after_head(words, j, limit)
    return j + _city_suffix(words, j, limit)


def _after_title_word(words: list[str], j: int, limit: int) -> int:
    """Past the field of a minister's title whose title word ends just before j.

    The ministry's field is the title's: "Menteri ESDM", "Menko Polhukam".
    """
    lex = lexicon.get()
    if (
        words[j - 1] in lex.minister_titles
        and j + 1 < limit
        and is_cap(words[j])
        and is_cap(words[j + 1])
        and words[j] not in lex.person_words
        and not lex.org_heads.match(words, j, limit)
    ):
        return j + 1
    return j


def _title_step(words: list[str], start: int, j: int, limit: int, region_head: bool) -> tuple[int, bool] | None:
    """One step of a title at j: the position after it and whether the title is now a region head.

    None where the title ends. After the first word a title takes a bracketed abbreviation ("Penjabat
    (Pj) Gubernur"), and, unless it is a region head, a number ("Wakil Ketua II") or a lower-case
    qualifier ("Pengamat pendidikan", "Calon bupati").
    """
    lex = lexicon.get()
    if n := lex.region_heads.match(words, j, limit):
        return _after_region_head(words, j, n, limit), True
    if words[j] in lex.title_words and not org_head(words, j, limit):
        return _after_title_word(words, j + 1, limit), False
    if j > start and paren(words, j, limit):
        return j + BRACKETED, region_head
    if j > start and not region_head and (n := number(words, j, limit) or lower_run(words, j, limit)):
        return j + n, region_head
    return None


def _is_unit(words: list[str], k: int, limit: int) -> bool:
    """An institution or unit word at k, or a conjunction before one ("Humas *dan* Protokol")."""
    lex = lexicon.get()
    w = words[k]
    if (w in lex.org_words or w in lex.units) and w != AND:
        return True
    return (
        (w == "," or w in lex.name_conjunctions)
        and k + 1 < limit
        and (words[k + 1] in lex.org_words or words[k + 1] in lex.units)
    )


def _unit_step(words: list[str], j: int, k: int, limit: int) -> int:
    """Length of the unit words at k that belong to a title ending at j (0 where they end)."""
    if _is_unit(words, k, limit):
        return 1
    if words[k] == AND and k + 2 < limit and is_cap(words[k + 1]) and org_head(words, k + 2, limit):
        return 2
    if paren(words, k, limit):
        return BRACKETED
    if k > j and (n := number(words, k, limit)):
        return n  # "Ketua Komisi IV"
    w = words[k]
    if is_cap(w) and w not in lexicon.get().person_words and not org_head(words, k, limit):
        return int(unknown_unit(words, k, limit))  # "Kanit Pidana Khusus Satreskrim Polres …"
    return 0


def _units(words: list[str], j: int, limit: int) -> int:
    """Past the units between a title ending at j and the institution.

    "Direktur Jenderal Pajak Kemenkeu", "Menteri Pekerjaan Umum dan Perumahan Rakyat (PUPR)", "Kabag Humas
    dan Protokol UGM": units and field words belong to the title.
    """
    k = j
    while k < limit and (n := _unit_step(words, j, k, limit)):
        k += n
    return k


def read_title(words: list[str], j: int, limit: int) -> tuple[int, bool]:
    """Consume title words (and units) at j; return the new position and whether it is a region head."""
    start = j
    region_head = False
    while j < limit and (step := _title_step(words, start, j, limit, region_head)) is not None:
        j, region_head = step
    if j > start and not region_head:
        j = _units(words, j, limit)
    return j, region_head
