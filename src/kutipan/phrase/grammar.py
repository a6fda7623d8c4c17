"""Read a speaker phrase: title, organisation, honorifics and name.

Indonesian news names a speaker after a chain of title and institution:
`kata Kepala Dinas Komunikasi, Informatika, dan Statistik Kota Magelang Catur Budi Fajar Sumarmo`,
`ujar Wakil Kepala Satlantas Polresta Cirebon Ajun Komisaris Purwadi`,
`Kapolres Tasikmalaya Kota, AKBP Moch Faruk Rozi`. This module splits such a phrase by the lexicons in
`kutipan/data` (titles, units, organisation heads and words, ranks, honorifics, regions): the title is the
position with any unit inside the institution (`title.py`), the organisation starts at its head word
(`Dinas`, `Polresta`, `PT`, an acronym such as `DPRD`; `org.py`), and the name is the run of capitalised
words that the lexicons do not claim (`words.py`). Region heads (`Wali Kota Magelang`, `Kapolres
Sukamaju`) keep the region in the title and have no organisation.

The grammar is a cursor (`_Cursor`) moved forward by named steps, in the order the parts stand in a
phrase: title, institution, honorifics, name, apposition. Each step reads a little and may correct what an
earlier one took (a company name that ran on into the person's name gives its last words back).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kutipan.lang import lexicon
from kutipan.phrase.org import org_body, org_head
from kutipan.phrase.title import read_title
from kutipan.phrase.words import (
    FULL_NAME,
    TokRange,
    is_acronym,
    is_cap,
    is_day,
    is_degree,
    name_run,
    name_stops,
    region,
    role_word,
)
from kutipan.text.view import DocView

# A run of capitalised words after a title or institution of at least this many words is more than a
# name: the institution's or the title's words run on into it ("PT Bintang Pantura Kreasi Ferry Santoso").
# The last two words are kept as the name when nothing better marks where it starts.
LONG_RUN = 3
KEPT_NAME = FULL_NAME  # the words of such a run kept as the name: a given name and a surname
# An unknown institution before a comma and a name has at least two words ("The President Center"); one
# capitalised word before a comma is more likely a name itself.
MIN_INSTITUTION = 2


@dataclass(slots=True)
class Phrase:
    """A parsed speaker phrase, as token ranges into the Doc."""

    start: int
    end: int
    kind: str  # name | pronoun | clitic | role | organization
    mention: TokRange
    name: TokRange | None = None
    title: TokRange | None = None
    org: TokRange | None = None
    honorifics: list[TokRange] = field(default_factory=list)
    region_head: bool = False

    def shifted(self, d: int) -> Phrase:
        """The same phrase with every token index moved by d (from a slice of words to the Doc)."""

        def sh(r: TokRange | None) -> TokRange | None:
            return (r[0] + d, r[1] + d) if r else None

        return Phrase(
            self.start + d,
            self.end + d,
            self.kind,
            (self.mention[0] + d, self.mention[1] + d),
            sh(self.name),
            sh(self.title),
            sh(self.org),
            [(h[0] + d, h[1] + d) for h in self.honorifics],
            self.region_head,
        )


def honorifics_at(words: list[str], j: int, limit: int, out: list[TokRange]) -> int:
    """Consume ranks and pre-name honorifics at j; append their ranges to `out`; return the new position.

    A rank or honorific counts only before a capitalised word or another honorific: "AKBP Moch Faruk",
    "Dr. H. Ahmad Yani".
    """
    lex = lexicon.get()
    while j < limit:
        n = lex.ranks.match(words, j, limit)
        if n and j + n < limit and (is_cap(words[j + n]) or words[j + n] in lex.pre_honorifics):
            out.append((j, j + n))
            j += n
            continue
        if (
            words[j] in lex.pre_honorifics
            and j + 1 < limit
            and (is_cap(words[j + 1]) or words[j + 1] in lex.pre_honorifics)
        ):
            out.append((j, j + 1))
            j += 1
            continue
        break
    return j


def _post_degrees(words: list[str], j: int, limit: int, out: list[TokRange]) -> int:
    """Consume degrees after a name ("Ahmad Yani, S.H., M.Si."); append their ranges; return the new position."""
    while j < limit:
        k = j + 1 if words[j] == "," and j + 1 < limit else j
        if not is_degree(words[k]):
            break
        e = k + 1
        if e < limit and words[e] == "." and not words[k].endswith("."):
            e += 1  # "S.Sn" + "." split by the tokenizer
        out.append((k, e))
        j = e
    return j


def _name_after(words: list[str], k: int, limit: int) -> bool:
    """Whether a name (after any honorifics) starts at k: "…, AKBP Moch Faruk Rozi"."""
    k = honorifics_at(words, k, limit, [])
    return k < limit and bool(name_run(words, k, limit))


@dataclass(slots=True)
class _Cursor:
    """A speaker phrase as it is read: where the reading stands (`j`) and the parts found so far."""

    words: list[str]
    start: int
    limit: int
    j: int
    title: TokRange | None = None
    org: TokRange | None = None
    bare_org: bool = False  # the institution is its head alone so far: "PT" before "Jasa Raharja Rivan …"
    region_head: bool = False
    honorifics: list[TokRange] = field(default_factory=list)
    name: TokRange | None = None

    def org_ends_here(self) -> bool:
        """Whether the institution read so far ends where the reading stands."""
        return self.org is not None and self.org[1] == self.j


def _single_word(words: list[str], i: int, limit: int) -> Phrase | None:
    """A pronoun (`ia`, `dia`, `beliau`) or a lower-case role noun (`warga`, `pengamat`) as the whole phrase."""
    lex = lexicon.get()
    w = words[i]
    if lex.pronouns.get(w) == "pronoun":
        return Phrase(i, i + 1, "pronoun", (i, i + 1))
    n = lex.role_nouns.match(words, i, limit)
    if n and words[i][0].islower():
        return Phrase(i, i + n, "role", (i, i + n))
    return None


def _read_title(c: _Cursor) -> None:
    """The title at the start: "Wakil Kepala Satlantas", "Wali Kota Magelang" (a region head)."""
    c.j, c.region_head = read_title(c.words, c.start, c.limit)
    c.title = (c.start, c.j) if c.j > c.start else None


def _read_org(c: _Cursor) -> None:
    """The institution after the title (none after a region head): "Polresta Cirebon"."""
    if c.j >= c.limit or c.region_head:
        return
    h = org_head(c.words, c.j, c.limit)
    if h:
        k = org_body(c.words, c.j + h, c.limit)
        c.bare_org = k == c.j + h
        c.org = (c.j, k)
        c.j = k


def _comma_before_name(c: _Cursor) -> None:
    """The name may follow after a comma: "Kapolres Tasikmalaya Kota, AKBP Moch Faruk Rozi"."""
    if not (c.title or c.org) or c.j + 1 >= c.limit or c.words[c.j] != ",":
        return
    k = honorifics_at(c.words, c.j + 1, c.limit, [])
    if k < c.limit and name_run(c.words, k, c.limit) and not is_day(c.words[k]):
        c.j += 1


def _unknown_institution(c: _Cursor) -> None:
    """An unknown institution or role before a comma and a name: "Presidium The President Center, Eddy …".

    Not when the words after the comma are a title or institution (an apposition) or a day (a dateline),
    and not for a one-word run, which is more likely the name itself.
    """
    lex, words, j, limit = lexicon.get(), c.words, c.j, c.limit
    if c.org is not None or c.region_head or j >= limit or not is_cap(words[j]) or words[j] in lex.pre_honorifics:
        return
    n = name_run(words, j, limit)
    if not (n and j + n + 1 < limit and words[j + n] == ","):
        return
    k = honorifics_at(words, j + n + 1, limit, [])
    appos = k < limit and (words[k] in lex.title_words or org_head(words, k, limit))
    if k < limit and not appos and not is_day(words[k]) and name_run(words, k, limit) and n >= MIN_INSTITUTION:
        c.org = (j, j + n)
        c.j = j + n + 1


def _institution_before_honorific(c: _Cursor) -> None:
    """A run between the role and an honorific is the institution's.

    "Ketua Takmir Masjid Agung Al-Ikhlas KH Abdul Mukti": the run before `KH` is the mosque, not a name.
    """
    words, j, limit = c.words, c.j, c.limit
    if not (c.title or c.org) or c.honorifics or j >= limit:
        return
    n = name_run(words, j, limit)
    if not (n and j + n < limit):
        return
    k = honorifics_at(words, j + n, limit, [])
    if k > j + n and name_run(words, k, limit):
        if c.org is not None and c.org[1] == j:
            c.org = (c.org[0], j + n)
        elif c.org is None:
            c.org = (j, j + n)
        c.j = honorifics_at(words, j + n, limit, c.honorifics)


def _name_length(c: _Cursor) -> int:
    """Length of the name run where the reading stands.

    After a bare institution head the run may take common words ("PT Jasa Raharja Rivan …"); when a comma
    and a name follow it, the run is the company's: "Direktur PT Bintang Pantura Kreasi, Ferry Santoso".
    """
    words, j, limit, org = c.words, c.j, c.limit, c.org
    n = name_run(words, j, limit) if j < limit else 0
    if org is None or not c.bare_org or org[1] != j or j >= limit:
        return n
    n = max(n, name_run(words, j, limit, allow_common=True))
    if n and j + n < limit and words[j + n] == "," and j + n + 1 < limit and _name_after(words, j + n + 1, limit):
        c.org = (org[0], j + n)
        c.j = honorifics_at(words, j + n + 1, limit, c.honorifics)
        n = name_run(words, c.j, limit)
    return n


def _chain_name_start(c: _Cursor, n: int) -> int | None:
    """Where the name starts in a run of n words that a title chain runs straight into (None: at the run).

    At the first known given name; a two-word run keeps both words unless the first is a region, an
    institution word or an acronym; a longer run without a given name keeps its last two words.
    """
    words, j = c.words, c.j
    lex = lexicon.get()
    start = next((k for k in range(j, j + n) if words[k] in lex.person_words), None)
    if n == FULL_NAME and not (region(words, j, j + 1) or words[j] in lex.org_words or is_acronym(words[j])):
        start = None
    if start is None and n >= LONG_RUN:
        start = j + n - KEPT_NAME
    return start


def _split_run(c: _Cursor, n: int) -> int:
    """Give the words of a run that belong to the institution or title back to it; return the name's length.

    "PT Jasa Raharja Rivan Purwantono": a company or club name runs on into the person's name, and at
    least the last words stay the name. "Direktur Utama Jakpro Iwan Takwin": a title chain runs straight
    into the name, which starts at the first given name.
    """
    j = c.j
    if c.org and c.bare_org and c.org_ends_here() and n >= LONG_RUN and not c.honorifics:
        c.org = (c.org[0], j + n - KEPT_NAME)
        c.j = j + n - KEPT_NAME
        return KEPT_NAME
    if not ((c.title or c.org) and not c.honorifics and n >= FULL_NAME):
        return n
    if not (c.org is None or c.org[1] == j or (c.title is not None and c.title[1] == j)):
        return n
    start = _chain_name_start(c, n)
    if start is None or start <= j:
        return n
    if c.org is not None and c.org[1] == j:
        c.org = (c.org[0], start)
    else:
        assert c.title is not None  # (title or org), and org does not end here
        c.title = (c.title[0], start)
    c.j = start
    return n - (start - j)


def _acronym_org(c: _Cursor, n: int) -> int:
    """An institution ending in an acronym between a title and the name: "Pelatih *Liverpool FC* Jurgen Klopp"."""
    if not (c.title and not c.org and not c.honorifics and n >= LONG_RUN):
        return n
    words, j = c.words, c.j
    acr = [k for k in range(j, j + n - 1) if is_acronym(words[k])]
    if not acr:
        return n
    end = acr[-1] + 1
    c.org = (j, end)
    c.j = end
    return n - (end - j)


def _title_after_name(c: _Cursor, n: int) -> int:
    """A title straight after the name, with no comma: "Gunawan Effendi *CEO* Indomobil Finance"."""
    if c.title is not None or c.org is not None or n < LONG_RUN:
        return n
    words, j = c.words, c.j
    title_words = lexicon.get().title_words
    return next((k - j for k in range(j + FULL_NAME, j + n) if role_word(words[k]) and words[k] in title_words), n)


def _known_institution_end(words: list[str], e: int, limit: int) -> int:
    """Past the capitalised words at e that no name, honorific or cue claims.

    The name is known by then, so the capitalised words left are the institution's.
    """
    lex = lexicon.get()
    while e < limit and is_cap(words[e]):
        w = words[e]
        if w in name_stops() or w in lex.person_words or w in lex.pre_honorifics or w in lex.post_honorifics:
            break
        if w in lex.cues:
            break
        e += 1
    return e


def _apposition(c: _Cursor) -> None:
    """A role after the name: "Budi Santoso, Kepala Dinas Kesehatan Sukamaju", "Gunawan Effendi CEO Indomobil"."""
    words, j, limit = c.words, c.j, c.limit
    appos = j + 1 < limit and words[j] == ","
    if c.title is not None or c.org is not None:
        return
    if not (appos or (j < limit and is_cap(words[j]) and words[j] in lexicon.get().title_words)):
        return
    a = j + int(appos)
    k, rh = read_title(words, a, limit)
    t = (a, k) if k > a else None
    o = None
    if k < limit and not rh:
        h = org_head(words, k, limit)
        e = org_body(words, k + h, limit) if h else k
        if h or t:
            e = _known_institution_end(words, e, limit)
        if e > k:
            o = (k, e)
            k = e
    if t or o:
        c.title, c.org, c.region_head, c.j = t, o, rh, k


def _read_name(c: _Cursor) -> None:
    """The person's name, the degrees after it, and a role in apposition after them."""
    n = _name_length(c)
    if not n:
        return
    n = _split_run(c, n)
    n = _acronym_org(c, n)
    n = _title_after_name(c, n)
    c.name = (c.j, c.j + n)
    c.j = _post_degrees(c.words, c.j + n, c.limit, c.honorifics)
    _apposition(c)


def _finish(c: _Cursor) -> Phrase | None:
    """The phrase read, named by what heads it; None when nothing was read or honorifics have no name."""
    if c.name is None and (not (c.title or c.org) or c.honorifics):
        return None
    if c.name:
        kind, mention = "name", c.name
    elif c.org and not c.title:
        kind, mention = "organization", c.org
    else:
        kind, mention = "role", (c.start, c.j)
    return Phrase(c.start, c.j, kind, mention, c.name, c.title, c.org, c.honorifics, c.region_head)


def parse_words(words: list[str], i: int, limit: int) -> Phrase | None:
    """Parse a speaker phrase in `words` from i, stopping before `limit`; indices into `words`."""
    if i >= limit:
        return None
    single = _single_word(words, i, limit)
    if single is not None:
        return single
    c = _Cursor(words, i, limit, i)
    _read_title(c)
    _read_org(c)
    _comma_before_name(c)
    _unknown_institution(c)
    c.j = honorifics_at(words, c.j, limit, c.honorifics)
    _institution_before_honorific(c)
    _read_name(c)
    return _finish(c)


def parse_phrase(view: DocView, i: int, limit: int) -> Phrase | None:
    """Parse a speaker phrase that starts at token i (after a cue); stop before `limit`.

    Example:
        `… kata Wali Kota Magelang Sigit Widyonindito di Magelang` from `Wali` gives title
        `Wali Kota Magelang`, no organisation, name `Sigit Widyonindito`.
    """
    words = view.words[i:limit]
    ph = parse_words(words, 0, len(words))
    return None if ph is None else ph.shifted(i)
