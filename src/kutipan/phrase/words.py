"""Word predicates and word runs that the speaker-phrase grammar is built from.

Each function here looks at one word, or at a run of words from one position, and says what the lexicons
make of it: a capitalised word, an acronym (`DPRD`), a number that belongs to a title (`Komisi IV`), a
region (`Kota Magelang`), an initial (`M.`), a given name, a run of name words (`Catur Budi Fajar
Sumarmo`). The grammar (`grammar.py`), the subject reader (`subject.py`), the backward chain reader
(`chain.py`) and the whole-text name completion (`speakers/names.py`) all read words through them, so a
word is judged the same way everywhere.

Positions are token indices into a list of words; `limit` is the index the run must stop before.
"""

from __future__ import annotations

import re
from functools import cache

from kutipan.lang import lexicon

TokRange = tuple[int, int]

# The longest person's name read as one run: Indonesian names rarely pass five words ("Catur Budi Fajar
# Sumarmo", "Muhammad Iqbal Anas Ma'ruf"); six leaves room for an initial or a particle without letting a
# name run on into the sentence after it.
MAX_NAME = 6
# A title's lower-case qualifier is short ("Pengamat pendidikan", "Kuasa hukum terdakwa", "Ketua tim
# peneliti"); a longer lower-case run is the sentence itself.
MAX_QUALIFIER = 3
# A full name has a given name and a surname; a one-word name may be a surname alone ("kata Iva").
FULL_NAME = 2
# A bracketed abbreviation is three tokens: "(", the abbreviation, ")": "(PUPR)", "(Pj)".
BRACKETED = 3
# How far past a word an institution head may still come for the word to be a unit the lexicon lacks
# ("Kanwil *DJPb* Kemenkeu"): the next two words.
UNIT_LOOKAHEAD = 3

AND = "dan"  # the conjunction inside institution and unit names; `org_words` lists it, so steps tell it apart
CITY = "Kota"  # after a region it names the city, not the regency: "Polres Tasikmalaya Kota"
APOSTROPHE = "'"  # the tokenizer sometimes splits "Ma'ruf" at it
WEB_SUFFIX = ".com"  # "Liputan6.com": an outlet's name in a byline, never a person's

_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # words glued by scraping: "dikonfirmasidetikSumbagsel"
# a number that belongs to the title or unit before it: "Komisi IV", "Wakil Ketua II", "Dandim 0617/Pasirluhur"
_NUMBER = re.compile(r"^(?:(?:X{0,2})(?:IX|IV|VI{0,3}|I{1,3})|X{1,2}|\d{1,4}(?:/[\w.-]+)?)$")


@cache
def name_stops() -> frozenset[str]:
    """Function words that end a name; capitalised prepositions may stand inside one (`Pengadilan … Di`)."""
    lex = lexicon.get()
    return lex.stops - lex.name_function_words


def is_cap(w: str) -> bool:
    """Whether `w` starts with a capital letter (names, titles, institutions do)."""
    return bool(w) and w[0].isupper()


def is_acronym(w: str) -> bool:
    """An all-capital word of two letters or more that is not a Roman numeral: `DPRD`, `KPK`, `U.S.`."""
    return len(w) >= 2 and w.isupper() and w.replace(".", "").isalpha() and not _NUMBER.match(w)


def is_degree(w: str) -> bool:
    """An academic degree after a name: the lexicon's (`S.H.`, `M.Si.`) or one of their shape (`Sp.A.`)."""
    return lexicon.get().is_degree(w)


def is_day(w: str) -> bool:
    """A day of the week: dateline words that follow a comma where a name could (`…, Senin (12/10)`)."""
    return w in lexicon.get().days


def is_initial(w: str) -> bool:
    """`M.`, `R`, `FH.`: an initial of a name (not an honorific such as `Ir.`)."""
    core = w.rstrip(".")
    return (
        (len(core) == 1 or (len(core) == 2 and w.endswith(".")))
        and core.isupper()
        and w not in lexicon.get().pre_honorifics
    )


def number(words: list[str], j: int, limit: int) -> int:
    """Length of a number at j that belongs to the title or unit before it (0 if none).

    "Komisi IV", "Wakil Ketua II", and unit codes the tokenizer splits at the slash: "Dandim 0617 /
    Pasirluhur", "Kodim 0712 / Purbasari".
    """
    if j >= limit or not _NUMBER.match(words[j]):
        return 0
    if words[j].isdigit() and j + 2 < limit and words[j + 1] == "/" and is_cap(words[j + 2]):
        return 3
    return 1


def paren(words: list[str], j: int, limit: int) -> bool:
    """An abbreviation in brackets inside a role: "(PUPR)", "(Dishub)", "(Pj)"."""
    return j + BRACKETED - 1 < limit and words[j] == "(" and words[j + 2] == ")" and is_cap(words[j + 1])


def region(words: list[str], j: int, limit: int) -> int:
    """Length of the longest region name at j (`Magelang`, `Kota Magelang`, `Nusa Tenggara Barat`), 0 if none."""
    lex = lexicon.get()
    for n in range(min(lex.max_region_len, limit - j), 0, -1):
        if tuple(words[j : j + n]) in lex.regions:
            return n
    return 0


def _ends_qualifier(w: str) -> bool:
    """Whether `w` cannot be part of a title's lower-case qualifier (a name stop, an adverb, a cue …)."""
    lex = lexicon.get()
    return (
        not w[:1].islower()
        or not w.isalpha()
        or w in name_stops()
        or w in lex.adverbs
        or w in lex.cues
        or w in lex.pronouns
        or w in lex.demonstratives
        or w in lex.qualifier_stops
    )


def lower_run(words: list[str], j: int, limit: int) -> int:
    """Length of the lower-case words that qualify a title at j (GUIDE §8.8).

    "Pengamat *pendidikan*", "Calon *bupati*", "Kuasa *hukum terdakwa*", "Ketua *tim peneliti*": at most
    `MAX_QUALIFIER` words, and 0 unless a capitalised word, a comma or the end of the phrase follows them.
    """
    k = j
    while k < limit and k - j < MAX_QUALIFIER and not _ends_qualifier(words[k]):
        k += 1
    after = words[k] if k < len(words) else ""  # past `limit` when the chain ends at the name
    if k == j or not (is_cap(after) or after == ","):
        return 0
    return k - j


def _breaks_name(w: str, first: bool) -> bool:
    """Whether `w` ends a name run: a function word, a cue, a pronoun, a connective, a web or glued word.

    "Namun", "Liputan6.com", "DilansirdetikSepakbola" are not names.
    """
    lex = lexicon.get()
    if w in name_stops() or w in lex.cues or w in lex.pronouns or w in lex.clitic_cues:
        return True
    return (first and w in lex.connectives) or WEB_SUFFIX in w or bool(_GLUED.search(w))


def _claimed(words: list[str], k: int, limit: int) -> bool:
    """Whether the word at k belongs to something other than the name: an honorific, a degree, a rank."""
    lex = lexicon.get()
    w = words[k]
    return w in lex.pre_honorifics or is_degree(w) or bool(lex.ranks.match(words, k, limit))


def _common_capitalised(w: str, first: bool) -> bool:
    """A capitalised common word: "*Kinerja* Renita …" at a sentence start, "… Dhani *Bicara*"."""
    lex = lexicon.get()
    return w.lower() in lex.common_words and w not in lex.person_words and (first or w[1:].islower())


def _name_token(words: list[str], j: int, k: int, limit: int) -> bool:
    """A capitalised word, or a particle inside a name before a capitalised word (`Abdul *bin* Ahmad`)."""
    if is_cap(words[k]):
        return True
    return k > j and words[k] in lexicon.get().name_particles and k + 1 < limit and is_cap(words[k + 1])


def name_run(words: list[str], j: int, limit: int, allow_common: bool = False) -> int:
    """Length of a run of name words at j: capitalised words, initials and particles.

    The run stops at a word another lexicon claims (an honorific, a degree, a rank, a cue). A capitalised
    common word ends it too, unless `allow_common` (institution names are made of them: "PT Jasa
    Raharja"); at j it means there is no name at all, and the run is 0.
    """
    k = j
    while k < limit and k - j < MAX_NAME:
        w = words[k]
        if _breaks_name(w, k == j):
            break
        if _name_token(words, j, k, limit):
            if _claimed(words, k, limit):
                break
            if not allow_common and _common_capitalised(w, k == j):
                if k == j:
                    return 0
                break
            k += 1
            continue
        if k > j and w == APOSTROPHE:  # "Ma'ruf" split by the tokenizer; a lone "-" is a dateline
            k += 1
            continue
        break
    particles = lexicon.get().name_particles
    while k > j and (words[k - 1] in particles or words[k - 1] == APOSTROPHE):
        k -= 1
    return k - j


def is_head_word(w: str) -> bool:
    """Whether `w` starts an institution head, a region head or a rank (`Dinas`, `Bupati`, `AKBP`)."""
    lex = lexicon.get()
    return lex.org_heads.starts(w) or lex.region_heads.starts(w) or lex.ranks.starts(w)


def _claimed_by_lexicon(w: str) -> bool:
    """Whether some lexicon other than the names claims the capitalised word `w`."""
    lex = lexicon.get()
    return (
        w in lex.title_words
        or w in lex.org_words
        or w in lex.pre_honorifics
        or w in lex.post_honorifics
        or w in name_stops()
        or w in lex.connectives
        or w in lex.adverbs
        or w in lex.cues
        or w in lex.pronouns
        or w.lower() in lex.common_words
        or is_day(w)
        or (w,) in lex.regions
    )


def is_name_word(w: str) -> bool:
    """Whether `w` can be part of a person's name next to a known part of it (a first name, an initial).

    Used to extend a name over its neighbours (`Atikoh` → `Siti Atikoh`, `Iqbal` → `M. Iqbal`) without
    taking a title, an institution, a rank, a region or a capitalised common word with it.
    """
    if not is_cap(w) or any(c.isdigit() for c in w) or (is_acronym(w) and not w.endswith(".")):
        return False
    if w in lexicon.get().person_words:
        return True
    return not _claimed_by_lexicon(w) and not is_head_word(w)


def name_word(w: str) -> bool:
    """A word that can be part of a person's name: a capitalised word no lexicon claims, or an initial."""
    return is_name_word(w) or is_initial(w)


def person_words() -> frozenset[str]:
    """Known given names and person-name words (`data/given_names.txt`, `data/person_names.txt`)."""
    return lexicon.get().person_words


def first_name(w: str) -> bool:
    """A known given name or an initial before a name (`Siti` Atikoh, `M.` Iqbal), not a region."""
    lex = lexicon.get()
    return (is_initial(w) or w in lex.person_words) and w not in lex.region_markers and is_name_word(w)


def role_word(w: str) -> bool:
    """A title, institution or rank word, that ends a name running on into an apposition."""
    lex = lexicon.get()
    if w in lex.person_words:
        return False
    return w in lex.title_words or w in lex.org_words or (is_acronym(w) and not w.endswith(".")) or is_head_word(w)
