"""Read a speaker phrase: title, organisation, honorifics and name.

Indonesian news names a speaker after a chain of title and institution:
`kata Kepala Dinas Komunikasi, Informatika, dan Statistik Kota Magelang Catur Budi Fajar Sumarmo`,
`ujar Wakil Kepala Satlantas Polresta Cirebon Ajun Komisaris Purwadi`,
`Kapolres Tasikmalaya Kota, AKBP Moch Faruk Rozi`. This module splits such a phrase by the lexicons in
`kutipan/data` (titles, units, organisation heads and words, ranks, honorifics, regions): the title is the
position with any unit inside the institution, the organisation starts at its head word
(`Dinas`, `Polresta`, `PT`, an acronym such as `DPRD`), and the name is the run of capitalised words that
the lexicons do not claim. Region heads (`Wali Kota Magelang`, `Kapolres Sukamaju`) keep the region in the
title and have no organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kutipan.lang import lexicon
from kutipan.text.view import DocView

TokRange = tuple[int, int]
MAX_NAME = 6
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # words glued by scraping: "dikonfirmasidetikSumbagsel"
# a number that belongs to the title or unit before it: "Komisi IV", "Wakil Ketua II", "Dandim 0617/Pasirluhur"
_NUMBER = re.compile(r"^(?:(?:X{0,2})(?:IX|IV|VI{0,3}|I{1,3})|X{1,2}|\d{1,4}(?:/[\w.-]+)?)$")


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


def _sets() -> lexicon.Lexicon:
    return lexicon.get()


@cache
def _name_stops() -> frozenset[str]:
    """Function words that end a name; capitalised prepositions may stand inside one (`Pengadilan … Di`)."""
    lex = lexicon.get()
    return lex.stops - lex.name_function_words


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper()


def _is_acronym(w: str) -> bool:
    return len(w) >= 2 and w.isupper() and w.replace(".", "").isalpha() and not _NUMBER.match(w)


def _number(words: list[str], j: int, limit: int) -> int:
    """Length of a number at j that belongs to the title or unit before it (0 if none).

    "Komisi IV", "Wakil Ketua II", and unit codes the tokenizer splits at the slash: "Dandim 0617 /
    Pasirluhur", "Kodim 0712 / Purbasari".
    """
    if j >= limit or not _NUMBER.match(words[j]):
        return 0
    if words[j].isdigit() and j + 2 < limit and words[j + 1] == "/" and _is_cap(words[j + 2]):
        return 3
    return 1


def _lower_run(words: list[str], j: int, limit: int) -> int:
    """Length of the lower-case words that qualify a title at j (GUIDE §8.8).

    "Pengamat *pendidikan*", "Calon *bupati*", "Kuasa *hukum terdakwa*", "Ketua *tim peneliti*": at most
    three words, and 0 unless a capitalised word, a comma or the end of the phrase follows them.
    """
    s = _sets()
    k = j
    while k < limit and k - j < 3:
        w = words[k]
        if not w[:1].islower() or not w.isalpha() or w in _name_stops() or w in s.adverbs or w in _sets().cues:
            break
        if w in _sets().pronouns or w in _sets().demonstratives or w in {"dan", "yang", "setempat"}:
            break
        k += 1
    after = words[k] if k < len(words) else ""  # past `limit` when the chain ends at the name
    if k == j or not (_is_cap(after) or after == ","):
        return 0
    return k - j


def _region(words: list[str], j: int, limit: int) -> int:
    regions = _sets().regions
    for n in range(min(_sets().max_region_len, limit - j), 0, -1):
        if tuple(words[j : j + n]) in regions:
            return n
    return 0


def _name_run(words: list[str], j: int, limit: int, allow_common: bool = False) -> int:
    """Length of a run of name words at j: capitalised words, initials and particles."""
    s = _sets()
    cues = _sets().cues
    k = j
    while k < limit and k - j < MAX_NAME:
        w = words[k]
        if w in _name_stops() or w in cues or w in _sets().pronouns or w in _sets().clitic_cues:
            break
        if (k == j and w in s.connectives) or ".com" in w or _GLUED.search(w):
            break  # "Namun", "Liputan6.com", "DilansirdetikSepakbola" are not names
        if _is_cap(w) or (k > j and w in _sets().name_particles and k + 1 < limit and _is_cap(words[k + 1])):
            if w in s.pre_honorifics or _is_degree(w) or _sets().ranks.match(words, k, limit):
                break
            if (
                not allow_common
                and w.lower() in s.common_words
                and w not in s.person_words
                and (k == j or w[1:].islower())
            ):
                # a capitalised common word: "Kinerja Renita …" at a sentence start, "… Dhani Bicara"
                if k == j:
                    return 0
                break
            k += 1
            continue
        if k > j and w == "'":  # "Ma'ruf" is split by the tokenizer sometimes; a lone "-" is a dateline
            k += 1
            continue
        break
    while k > j and words[k - 1] in _sets().name_particles | {"'"}:
        k -= 1
    return k - j


def _honorifics(words: list[str], j: int, limit: int, out: list[TokRange]) -> int:
    """Consume ranks and pre-name honorifics at j; append their ranges; return the new position."""
    s = _sets()
    while j < limit:
        n = s.ranks.match(words, j, limit)
        if n and j + n < limit and _is_cap(words[j + n]) or n and j + n < limit and words[j + n] in s.pre_honorifics:
            out.append((j, j + n))
            j += n
            continue
        if (
            words[j] in s.pre_honorifics
            and j + 1 < limit
            and (_is_cap(words[j + 1]) or words[j + 1] in s.pre_honorifics)
        ):
            out.append((j, j + 1))
            j += 1
            continue
        break
    return j


def _is_degree(w: str) -> bool:
    """An academic degree after a name: the lexicon's (`S.H.`, `M.Si.`) or one of their shape (`Sp.A.`)."""
    return _sets().is_degree(w)


def _post_degrees(words: list[str], j: int, limit: int, out: list[TokRange]) -> int:
    while j < limit:
        k = j + 1 if words[j] == "," and j + 1 < limit else j
        if not _is_degree(words[k]):
            break
        e = k + 1
        if e < limit and words[e] == "." and not words[k].endswith("."):
            e += 1  # "S.Sn" + "." split by the tokenizer
        out.append((k, e))
        j = e
    return j


def _org_head(words: list[str], j: int, limit: int) -> int:
    n = _sets().org_heads.match(words, j, limit)
    if n:
        return n
    w = words[j]
    s = _sets()
    if (
        _is_acronym(w)
        and w not in s.post_honorifics
        and w not in s.pre_honorifics
        and w not in s.title_words  # "CEO", "VP", "GM"
        and not _sets().ranks.match(words, j, limit)
    ):
        return 1
    return 0


def _paren(words: list[str], j: int, limit: int) -> bool:
    """An abbreviation in brackets inside a role: "(PUPR)", "(Dishub)", "(Pj)"."""
    return j + 2 < limit and words[j] == "(" and words[j + 2] == ")" and _is_cap(words[j + 1])


def _org_body(words: list[str], j: int, limit: int) -> int:
    """Consume the rest of an organisation name after its head; return the new position."""
    s = _sets()
    while j < limit:
        w = words[j]
        if _paren(words, j, limit):
            j += 3
            continue
        if w in _sets().region_markers and j + 1 < limit and _is_cap(words[j + 1]):
            n = _region(words, j + 1, limit) or 1
            j += 1 + n
            continue
        n = _region(words, j, limit)
        if n:
            j += n
            if j < limit and words[j] == "Kota" and not (j + 1 < limit and words[j + 1] in s.org_words):
                j += 1  # "Polres Tasikmalaya Kota"
            continue
        if w in s.org_words or w in s.units or _is_acronym(w) and w not in s.post_honorifics:
            if _sets().ranks.match(words, j, limit):
                break
            if w[:1].islower() and not (j + 1 < limit and _is_cap(words[j + 1])):
                break  # "Kementerian Kesehatan dalam keterangannya"
            j += 1
            continue
        if _sets().ranks.match(words, j, limit):
            break  # "Satgas … Brigjen TNI Hadi": the rank starts the name
        if (h := _org_head(words, j, limit)) and w not in s.pre_honorifics:
            j += h  # an institution inside another: "Kanwil Kemenag Provinsi Lampung"
            continue
        if (
            _is_cap(w)
            and w not in s.pre_honorifics
            and w not in s.person_words
            and any(_org_head(words, x, limit) for x in range(j + 1, min(limit, j + 3)))
        ):
            j += 1  # a unit the lexicon lacks before an institution: "Kanwil DJPb Kemenkeu"
            continue
        if w in {",", "dan", "&"} and j + 1 < limit:
            k = j + 1
            if words[k] == "dan" and k + 1 < limit:
                k += 1
            if words[k] in s.org_words and words[k] not in {"dan"}:
                j = k
                continue
        if _is_cap(w) and w not in s.pre_honorifics:
            n = _name_run(words, j, limit, allow_common=True)
            if n and _paren(words, j + n, limit):
                j += n + 3  # "Gabungan Perusahaan Karet Indonesia (Gapkindo)"
                continue
            if n and j + n < limit and (words[j + n] in s.pre_honorifics or _sets().ranks.match(words, j + n, limit)):
                j += n  # "Polres Jaksel AKBP Irwan Susanto", "Satgas Penanganan Bencana Brigjen TNI Hadi"
                continue
        if n := _number(words, j, limit):
            j += n
            continue
        break
    return j


def _title(words: list[str], j: int, limit: int) -> tuple[int, bool]:
    """Consume title words (and units) at j; return the new position and whether it is a region head."""
    s = _sets()
    start = j
    region_head = False
    while j < limit:
        n = s.region_heads.match(words, j, limit)
        if n:
            national = words[j + n - 1] in s.national_heads
            j += n
            region_head = True
            if national:
                continue
            if j < limit and words[j] in _sets().region_markers and j + 1 < limit and _is_cap(words[j + 1]):
                j += 1 + (_region(words, j + 1, limit) or 1)
            else:
                r = _region(words, j, limit)
                if r:
                    j += r
                elif (
                    j + 1 < limit
                    and _is_cap(words[j])
                    and (_is_cap(words[j + 1]) or words[j + 1] == ",")
                    and words[j] not in s.title_words
                    and words[j] not in s.person_words
                    and words[j] not in s.pre_honorifics
                    and not _org_head(words, j, limit)
                ):
                    j += 1  # an unknown region: "Bupati Sukamaju Andi"
                elif n := _number(words, j, limit):
                    j += n  # "Dandim 0617/Pasirluhur"
            if (
                j < limit
                and words[j] == "Kota"
                and j + 1 < limit
                and (
                    words[j + 1] == "," or words[j + 1] in s.pre_honorifics or _sets().ranks.match(words, j + 1, limit)
                )
            ):
                j += 1  # "Kapolres Tasikmalaya Kota, AKBP …"
            continue
        if words[j] in s.title_words and not _org_head(words, j, limit):
            region_head = False
            j += 1
            if (
                words[j - 1] in s.minister_titles
                and j + 1 < limit
                and _is_cap(words[j])
                and _is_cap(words[j + 1])
                and words[j] not in s.person_words
                and not _sets().org_heads.match(words, j, limit)
            ):
                j += 1  # the ministry's field is the title's: "Menteri ESDM", "Menko Polhukam"
            continue
        if j > start and _paren(words, j, limit):
            j += 3  # "Penjabat (Pj) Gubernur …"
            continue
        if j > start and not region_head and (n := _number(words, j, limit)):
            j += n  # "Wakil Ketua II"
            continue
        if j > start and not region_head and (n := _lower_run(words, j, limit)):
            j += n  # "Pengamat pendidikan", "Calon bupati"
            continue
        break
    if j > start and not region_head:
        # units between the title and the institution: "Direktur Jenderal Pajak Kemenkeu",
        # "Menteri Pekerjaan Umum dan Perumahan Rakyat (PUPR)", "Kabag Humas dan Protokol UGM"
        k = j
        while k < limit:
            w = words[k]
            if (
                (w in s.org_words or w in s.units)
                and w != "dan"
                or (
                    w in {"dan", "&", ","}
                    and k + 1 < limit
                    and (words[k + 1] in s.org_words or words[k + 1] in s.units)
                )
            ):
                k += 1
            elif w == "dan" and k + 2 < limit and _is_cap(words[k + 1]) and _org_head(words, k + 2, limit):
                k += 2
            elif _paren(words, k, limit):
                k += 3
            elif k > j and (n := _number(words, k, limit)):
                k += n  # "Ketua Komisi IV"
            elif (
                _is_cap(words[k])
                and words[k] not in s.person_words
                and not _org_head(words, k, limit)
                and any(_org_head(words, x, limit) for x in range(k + 1, min(limit, k + 3)))
            ):
                k += 1  # "Kanit Pidana Khusus Satreskrim Polres …": unit words the lexicon lacks
            else:
                break
        j = k  # units and field words belong to the title: "Direktur Jenderal Pajak", "Menteri Keuangan"
    return j, region_head


def parse_phrase(view: DocView, i: int, limit: int) -> Phrase | None:
    """Parse a speaker phrase that starts at token i (after a cue); stop before `limit`.

    Example:
        `… kata Wali Kota Magelang Sigit Widyonindito di Magelang` from `Wali` gives title
        `Wali Kota Magelang`, no organisation, name `Sigit Widyonindito`.
    """
    words = view.words[i:limit]
    ph = _parse(words, 0, len(words))
    if ph is None:
        return None
    return _shift(ph, i)


def parse_subject(view: DocView, a: int, b: int) -> Phrase | None:
    """Parse tokens [a, b) as a whole speaker phrase, as the subject of a speech verb.

    Leading connectives (`Namun, …`, `Sementara itu, …`) and trailing adverbs (`juga`, `pun`) are allowed
    around it. Returns None unless the phrase covers the segment.
    """
    words = view.words[a:b]
    s = _sets()
    end = len(words)
    # a short relative clause before the verb: "Wahyu Hidayat, S.H., yang turut hadir mengatakan"
    rel = [k for k, w in enumerate(words) if w == "yang"]
    if rel and end - rel[-1] <= 6:
        end = rel[-1]
    while end > 0 and (words[end - 1] in s.adverbs or words[end - 2 : end] == ["baru-baru", "ini"]):
        end -= 2 if words[end - 1] == "ini" else 1
    if end > 0 and words[end - 1] == ",":
        end -= 1
    starts = [0] + [k + 1 for k, w in enumerate(words[:end]) if w in {",", "—", "–", "-"}]
    # an adjunct between the speaker and the verb: "Kapolsek Ngoro Kompol Imam di Mojokerto, Kamis (12/10)
    # mengatakan", "Busyra Oryza selaku PR Manager Traveloka mengatakan"
    cut = next((k for k in range(1, end) if words[k] in s.adjunct_starts), None)
    if cut is not None and any(words[k] in s.person_words for k in range(cut, end)):
        cut = None  # "Ketua Fraksi Partai Maju di DPRD Sukamaju Andi Wijaya": the name comes after "di"
    parsed = []
    for st in starts:
        k = st
        if words[k : k + 2] == ["Lebih", "lanjut"]:
            k += 2  # "Lebih lanjut Irwan mengatakan"
        while k < end and words[k] in s.connectives and k + 1 < end and words[k + 1] != ",":
            if words[k] in {"Ini", "Itu", "Hal"}:
                break
            k += 1
        if k < end and words[k] in {
            "Di",
            "Dalam",
            "Pada",
            "Kepada",
            "Dari",
            "Untuk",
            "Saat",
            "Ketika",
            "Oleh",
        }:
            continue
        ph = _parse(words, k, end)
        if ph is not None and ph.end == end:
            return _shift(ph, a)
        parsed.append(ph)
        if cut is not None and cut > k:
            c = cut
            while c > k + 1 and words[c - 1] == ",":
                c -= 1  # "BPJS Kesehatan Cabang Sukamaju, dalam keterangan tertulisnya, menyatakan"
            ph = _parse(words, k, c)
            if ph is not None and ph.end == c and ph.kind in {"name", "organization"}:
                return _shift(ph, a)
    for ph in parsed:
        if ph is not None and ph.kind == "name" and ph.end < end and not (ph.title or ph.org):
            # an apposition after the name: "Nur Aini (20), mahasiswi …, mengaku"
            e = ph.end
            if _paren(words, e, end) or (e + 2 < end and words[e] == "(" and words[e + 2] == ")"):
                e += 3
            if e == end or (e < end and words[e] == "," and "," in words[e + 1 : end] + [","]):
                return _shift(
                    Phrase(
                        ph.start, end, ph.kind, ph.mention, ph.name, ph.title, ph.org, ph.honorifics, ph.region_head
                    ),
                    a,
                )
    return None


def _shift(ph: Phrase, d: int) -> Phrase:
    def sh(r):
        return (r[0] + d, r[1] + d) if r else None

    return Phrase(
        ph.start + d,
        ph.end + d,
        ph.kind,
        sh(ph.mention),
        sh(ph.name),
        sh(ph.title),
        sh(ph.org),
        [sh(h) for h in ph.honorifics],
        ph.region_head,
    )


def _parse(words: list[str], i: int, limit: int) -> Phrase | None:
    if i >= limit:
        return None
    s = _sets()
    w = words[i]
    pron = _sets().pronouns
    if w in pron and pron[w] == "pronoun":
        return Phrase(i, i + 1, "pronoun", (i, i + 1))
    n = _sets().role_nouns.match(words, i, limit)
    if n and words[i][0].islower():
        return Phrase(i, i + n, "role", (i, i + n))
    honorifics: list[TokRange] = []
    j, region_head = _title(words, i, limit)
    title = (i, j) if j > i else None
    org = None
    bare_org = False
    if j < limit and not region_head:
        h = _org_head(words, j, limit)
        if h:
            k = _org_body(words, j + h, limit)
            bare_org = k == j + h
            org = (j, k)
            j = k
    # the name may follow after a comma: "Kapolres Tasikmalaya Kota, AKBP Moch Faruk Rozi"
    if (title or org) and j + 1 < limit and words[j] == ",":
        k = _honorifics(words, j + 1, limit, [])
        if k < limit and _name_run(words, k, limit) and not _is_day(words[k]):
            j += 1
    if org is None and not region_head and j < limit and _is_cap(words[j]) and words[j] not in s.pre_honorifics:
        # an unknown institution or role before a comma and a name: "Presidium The President Center, Eddy …"
        n = _name_run(words, j, limit)
        if n and j + n + 1 < limit and words[j + n] == ",":
            k = _honorifics(words, j + n + 1, limit, [])
            appos = k < limit and (words[k] in s.title_words or _org_head(words, k, limit))
            if k < limit and not appos and not _is_day(words[k]) and _name_run(words, k, limit) and n >= 2:
                org = (j, j + n)
                j = j + n + 1
    j = _honorifics(words, j, limit, honorifics)
    if (title or org) and not honorifics and j < limit:
        # "Ketua Takmir Masjid Agung Al-Ikhlas KH Abdul Mukti": the run before the honorific is the institution
        n = _name_run(words, j, limit)
        if n and j + n < limit:
            k = _honorifics(words, j + n, limit, [])
            if k > j + n and _name_run(words, k, limit):
                if org is not None and org[1] == j:
                    org = (org[0], j + n)
                elif org is None:
                    org = (j, j + n)
                j = _honorifics(words, j + n, limit, honorifics)
    name = None
    n = _name_run(words, j, limit) if j < limit else 0
    if org and bare_org and org[1] == j and j < limit:
        # a company name made of common words runs into the person's name: "PT Jasa Raharja Rivan …"
        n = max(n, _name_run(words, j, limit, allow_common=True))
        k = _honorifics(words, j + n + 1, limit, []) if j + n + 1 < limit else limit
        if n and j + n < limit and words[j + n] == "," and k < limit and _name_run(words, k, limit):
            # "Direktur PT Bintang Pantura Kreasi, Ferry Santoso"
            org = (org[0], j + n)
            j = _honorifics(words, j + n + 1, limit, honorifics)
            n = _name_run(words, j, limit)
    if n:
        # a company or club name runs on into the person's name: keep at least the last word as the name
        if org and bare_org and org[1] == j and n >= 3 and not honorifics:
            org = (org[0], j + n - 2)
            j = j + n - 2
            n = 2
        elif (
            (title or org)
            and not honorifics
            and n >= 2
            and (org is None or org[1] == j or (title is not None and title[1] == j))
        ):
            # a title chain that runs straight into the name: the name starts at the first given name
            start = next((k for k in range(j, j + n) if words[k] in s.person_words), None)
            if n == 2 and not (_region(words, j, j + 1) or words[j] in s.org_words or _is_acronym(words[j])):
                start = None
            if start is None and n >= 3:
                start = j + n - 2
            if start is not None and start > j:
                if org is not None and org[1] == j:
                    org = (org[0], start)
                else:
                    title = (title[0], start)
                n -= start - j
                j = start
        if title and not org and not honorifics and n >= 3:
            acr = [k for k in range(j, j + n - 1) if _is_acronym(words[k])]
            if acr:  # "Pelatih Liverpool FC Jurgen Klopp"
                org = (j, acr[-1] + 1)
                n -= acr[-1] + 1 - j
                j = acr[-1] + 1
        if title is None and org is None and n >= 3:
            # a title straight after the name, with no comma: "Gunawan Effendi CEO Indomobil Finance"
            n = next((k - j for k in range(j + 2, j + n) if _role_word(words[k]) and words[k] in s.title_words), n)
        name = (j, j + n)
        j += n
        j = _post_degrees(words, j, limit, honorifics)
        appos = j + 1 < limit and words[j] == ","
        if title is None and org is None and (appos or (j < limit and _is_cap(words[j]) and words[j] in s.title_words)):
            # apposition after the name: "Budi Santoso, Kepala Dinas Kesehatan Sukamaju"
            k, rh = _title(words, j + appos, limit)
            t = (j + appos, k) if k > j + appos else None
            o = None
            if k < limit and not rh:
                h = _org_head(words, k, limit)
                e = _org_body(words, k + h, limit) if h else k
                if h or t:
                    while (
                        e < limit
                        and _is_cap(words[e])
                        and not {words[e]}
                        & (_name_stops() | s.person_words | s.pre_honorifics | s.post_honorifics | _sets().cues.keys())
                    ):
                        e += 1  # the name is known: the capitalised words left are the institution's
                if e > k:
                    o = (k, e)
                    k = e
            if t or o:
                title, org, region_head, j = t, o, rh, k
    if name is None and not title and not org:
        return None
    if name is None and honorifics:
        return None
    if name:
        kind, mention = "name", name
    elif org and not title:
        kind, mention = "organization", org
    else:
        kind, mention = "role", (i, j)
    return Phrase(i, j, kind, mention, name, title, org, honorifics, region_head)


def _is_day(w: str) -> bool:
    return w in _sets().days


def _occurrences(words: list[str], name: list[str]) -> list[int]:
    n = len(name)
    return [i for i in range(len(words) - n + 1) if words[i : i + n] == name]


def _role_start(words: list[str], h: int, lo: int) -> int:
    """Leftmost token of a title chain that ends before token h (scanning back no further than lo)."""
    s = _sets()
    q = h
    while q > lo:
        w = words[q - 1]
        if w == ")" and q - 3 > lo and words[q - 3] == "(" and _is_cap(words[q - 2]):
            q -= 3  # "Penjabat (Pj) Gubernur …", "Pusat Kajian Anti Korupsi (Pukat) UGM"
            continue
        if w == "," and q < h and words[q] in s.title_words and words[q] not in s.org_words:
            break  # "Majelis Ulama Indonesia, Wakil Sekretaris Jenderal MUI …": a new role starts after it
        if (
            w in _sets().cues
            or w in _name_stops()
            or w in _sets().pronouns
            or w in s.post_honorifics
            or w in {".", ":", ";", '"', "“", "”", "(", ")", "—", "–", "-"}
            or w.isspace()
        ):
            break
        if w[:1].islower() and w not in {"dan", "bidang"}:
            # a lower-case qualifier after a title word: "Ketua tim peneliti, Prof. …"
            t = next((t for t in range(q - 2, max(lo, q - 4) - 1, -1) if words[t] in s.title_words), None)
            if t is None or _lower_run(words, t + 1, h) < q - 1 - t:
                break
            q = t + 1
            if t > lo and words[t - 1] == ",":
                q = t  # "…, pakar media Dr. Makroen": the comma ends the chain
                break
        q -= 1
    # the chain starts at its first title word or institution head
    while q < h and not (
        words[q] in s.title_words or _org_head(words, q, h) or _sets().region_heads.match(words, q, h)
    ):
        q += 1
    return q


def split_role(words: list[str], q: int, h: int) -> tuple[TokRange | None, TokRange | None, bool]:
    """Split a title chain [q, h) into title and organisation (GUIDE §5)."""
    while h > q and words[h - 1] in {",", "dan"}:
        h -= 1
    if h <= q:
        return None, None, False
    j, region_head = _title(words, q, h)
    if region_head and j >= h:
        return (q, h), None, True
    org_at = next((k for k in range(j, h) if _org_head(words, k, h)), None)
    if org_at is None:
        if j >= h:
            return (q, h), None, False
        if j > q:
            return (q, j), (j, h), False  # "Rektor Unlesa", "Ketua Kelompok Sadar Wisata Sidomukti"
        return None, (q, h), False
    title = (q, org_at) if org_at > q else None
    return title, (org_at, h), False


def _name_word(w: str) -> bool:
    """Whether `w` can be part of a person's name next to a known part of it (a first name, an initial).

    Used to extend a name over its neighbours (`Atikoh` → `Siti Atikoh`, `Iqbal` → `M. Iqbal`) without
    taking a title, an institution, a rank, a region or a capitalised common word with it.
    """
    s = _sets()
    if not _is_cap(w) or any(c.isdigit() for c in w) or (_is_acronym(w) and not w.endswith(".")):
        return False
    if w in s.person_words:
        return True
    if (
        w in s.title_words
        or w in s.org_words
        or w in s.pre_honorifics
        or w in s.post_honorifics
        or w in _name_stops()
        or w in s.connectives
        or w in s.adverbs
        or w in _sets().cues
        or w in _sets().pronouns
        or w.lower() in s.common_words
        or _is_day(w)
        or (w,) in _sets().regions
    ):
        return False
    return not _is_head_word(w)


def _is_head_word(w: str) -> bool:
    """Whether `w` starts an institution head, a region head or a rank (`Dinas`, `Bupati`, `AKBP`)."""
    lex = _sets()
    return lex.org_heads.starts(w) or lex.region_heads.starts(w) or lex.ranks.starts(w)


def name_word(w: str) -> bool:
    """A word that can be part of a person's name: a capitalised word no lexicon claims, or an initial."""
    return _name_word(w) or _is_initial(w)


def person_words() -> frozenset[str]:
    """Known given names and person-name words (`data/given_names.txt`, `data/person_names.txt`)."""
    return _sets().person_words


def _alias_of(words: list[str], alias: str) -> list[str] | None:
    """The full name a one-word name stands for, where the text says so (None if it never does).

    `Presiden Joko Widodo (Jokowi)`, `Prasetyo Hadi atau Pras`.
    """
    for i in _occurrences(words, [alias]):
        bracketed = words[i - 1 : i] == ["("] and words[i + 1 : i + 2] == [")"]
        if i < 2 or not (bracketed or words[i - 1] == "atau"):
            continue
        end = b = i - 1
        while b > 0 and end - b < MAX_NAME - 1 and name_word(words[b - 1]):
            b -= 1
        if end - b >= 2:
            return words[b:end]
    return None


def _short_of(words: list[str], short: str) -> list[str] | None:
    """The full name a short form cuts: `Sosro` of `Sosroharsono`, `Bima` of `Bimastyaji Surya Ramadan`.

    The first capitalised name word in the text that starts with the short form (of four letters or
    more) and is longer, with the name words around it; None when there is none.
    """
    if len(short) < 4 or not short.isalpha():
        return None
    for i, w in enumerate(words):
        if len(w) > len(short) and w.startswith(short) and _name_word(w):
            e = i + 1 + _name_run(words, i + 1, min(len(words), i + MAX_NAME)) if i + 1 < len(words) else i + 1
            return words[_name_start(words, i, e) : e]
    return None


def _role_word(w: str) -> bool:
    """A title, institution or rank word, that ends a name running on into an apposition."""
    s = _sets()
    if w in s.person_words:
        return False
    return w in s.title_words or w in s.org_words or (_is_acronym(w) and not w.endswith(".")) or _is_head_word(w)


def _left_extension(words: list[str], a: int, b: int, lowered: set[str]) -> bool:
    """Whether the words [a, b) the NER model puts before a name are more of the name.

    Not when they are not name words, nor when they start a sentence or follow a title or institution
    word and are not known given names: "*Vonis* Ahmad Dhani telah dibacakan", "founder *Halodoc*
    Jonathan Sudharta".
    """
    s = _sets()
    extra = [w for k, w in enumerate(words[a:b], a) if not (w == "." and _is_initial(words[k - 1]))]
    if not all(map(name_word, extra)):
        return False
    if all(_first_name(w) or _is_initial(w) for w in extra):
        return True
    if any(w.lower() in lowered for w in extra):
        return False  # the word is written in lower case elsewhere in the text: "vonis 1,5 tahun"
    before = words[a - 1] if a > 0 else "."
    if before in s.pre_honorifics or _sets().ranks.match(words, a - 1, a):
        return True
    return not (before in s.title_words or before in s.org_words or before.capitalize() in s.title_words)


def _is_initial(w: str) -> bool:
    """`M.`, `R`, `FH.`: an initial of a name (not an honorific such as `Ir.`)."""
    core = w.rstrip(".")
    return (
        (len(core) == 1 or (len(core) == 2 and w.endswith("."))) and core.isupper() and w not in _sets().pre_honorifics
    )


def _after_role(words: list[str], p: int) -> bool:
    """Whether the word at p starts a name: after a title word, or after a comma that ends a role.

    "Bupati Gresik, *Fandi* Akhmad Yani". Not without the comma: in "Direktur Utama Jakpro Iwan Takwin"
    the word after the title is the institution.
    """
    if p < 2:
        return False
    s = _sets()
    w = words[p - 1]
    if w != ",":
        return False
    w = words[p - 2]
    return w in s.title_words or w in s.org_words or (w,) in _sets().regions or _is_acronym(w)


def _name_start(words: list[str], b: int, e: int) -> int:
    """Where a name that now starts at b starts once the given names and initials before it are added.

    `Atikoh` → `Siti Atikoh`, `Iqbal` → `M. Iqbal`, `Manik` → `David R . Manik`; the name stays within
    `MAX_NAME` words ending at e.
    """
    while b > 0 and e - b < MAX_NAME:
        if _first_name(words[b - 1]):
            b -= 1
        elif b > 1 and words[b - 1] == "." and _is_initial(words[b - 2]):
            b -= 2
        else:
            break
    return b


def _first_name(w: str) -> bool:
    """A known given name or an initial before a name (`Siti` Atikoh, `M.` Iqbal), not a region."""
    return (_is_initial(w) or w in _sets().person_words) and w not in _sets().region_markers and _name_word(w)


def complete_speakers(view: DocView, reg) -> None:
    """Fill in full names and roles from anywhere in the text.

    A speaker first quoted by a surname (`kata Iva`) is often introduced elsewhere with the full name and
    role, in a sentence that is not a quote (`… kata Kabag Humas dan Protokol UGM Iva Ariani …`, or
    `Menurut Iva Ariani, …` mid-paragraph). Every occurrence of the name is read again: the name is
    extended over neighbouring name words, and the title chain that ends at it gives the role.
    """
    words = view.words
    persons = view.persons
    lowered = {w for w in words if w[:1].islower()}
    for sp in reg.speakers:
        if sp.kind != "person" or sp.anonymous:
            continue
        name = sp.name.split()
        best_name = name
        for i in _occurrences(words, name):
            e = i + len(name)
            run = _name_run(words, e, min(len(words), e + MAX_NAME - len(name))) if e < len(words) else 0
            e += next((k for k in range(run) if _role_word(words[e + k])), run)  # "Gunawan Effendi CEO …"
            b = _name_start(words, i, e)
            if b == i and i > 0 and e - i < MAX_NAME and _after_role(words, i - 1):
                w = words[i - 1]
                if _name_word(w) and w.lower() not in lowered:
                    b -= 1  # "Bupati Gresik, *Fandi* Akhmad Yani"
            per = persons.get(i)  # the NER model's person span around it, when it only adds name words
            if (
                per is not None
                and per[0] <= b
                and per[1] >= e
                and per[1] - per[0] <= MAX_NAME
                and all(map(_name_word, words[e : per[1]]))
                and _left_extension(words, per[0], b, lowered)
            ):
                b, e = per
            full = words[b:e]
            if len(full) > len(best_name) and all(_is_cap(w) for w in full):
                best_name = full
        if len(best_name) == 1 and (full := _alias_of(words, best_name[0]) or _short_of(words, best_name[0])):
            best_name = full  # "Joko Widodo (Jokowi)", "Prasetyo Hadi atau Pras", "Bima" of "Bimastyaji …"
        if best_name != name:
            sp.name = " ".join(best_name)
            # a role read before the name was known in full may have taken its first words
            names = [view[i : i + len(best_name)] for i in _occurrences(words, best_name)]
            for attr in ("title", "organization"):
                part = getattr(sp, attr)
                if part is not None and any(part.start < n.end_char and n.start_char < part.end for n in names):
                    setattr(sp, attr, None)
        for i in _occurrences(words, best_name):
            hon: list[TokRange] = []
            h = i
            while h > 0 and (words[h - 1] in _sets().pre_honorifics or words[h - 1] == ","):
                h -= 1
            k = h
            while k > 0:
                for rank in _sets().ranks.phrases:
                    n = len(rank)
                    if k - n >= 0 and tuple(words[k - n : k]) == rank:
                        k -= n
                        break
                else:
                    break
            hon = [(x, x + 1) for x in range(k, i) if words[x] in _sets().pre_honorifics]
            if k < h:
                hon.insert(0, (k, h))
            comma = k > 0 and words[k - 1] == ","
            while k > 0 and words[k - 1] == ",":
                k -= 1
            pair = words[k - 2 : k] if k >= 2 else []
            if comma and pair and all(map(_name_word, pair)) and any(w in _sets().person_words for w in pair):
                continue  # "istri Calon Presiden Ganjar Pranowo, Siti Atikoh": that role is another person's
            q = _role_start(words, k, max(0, k - 20))
            if q >= k:
                continue
            title, org, _ = split_role(words, q, k)
            reg.set_role(sp, view.span(title), view.span(org), [view.span(r) for r in hon] or None)
