"""Complete speakers' names and roles from the whole text.

A speaker first quoted by a surname (`kata Iva`) is often introduced elsewhere with the full name and
role, in a sentence that is not a quote (`… kata Kabag Humas dan Protokol UGM Iva Ariani …`, or
`Menurut Iva Ariani, …` mid-paragraph). `complete_speakers` reads every occurrence of each name again: the
name is extended over neighbouring name words (`Atikoh` → `Siti Atikoh`), the NER model's person span
where it only adds name words, an alias the text gives (`Joko Widodo (Jokowi)`) or a short form
(`Bima` of `Bimastyaji Surya Ramadan`); and the title chain that ends at the name gives the role.
"""

from __future__ import annotations

from kutipan.document import Span
from kutipan.lang import lexicon
from kutipan.phrase.chain import role_start, split_role
from kutipan.phrase.words import (
    FULL_NAME,
    MAX_NAME,
    TokRange,
    first_name,
    is_acronym,
    is_cap,
    is_initial,
    is_name_word,
    name_run,
    name_word,
    role_word,
)
from kutipan.speakers.registry import SpeakerRegistry, SpeakerState
from kutipan.text.view import DocView

# How far back from a name its title chain is looked for. The longest chains are about a dozen words
# ("Kepala Dinas Komunikasi, Informatika, dan Statistik Kota Magelang"); the bound keeps the backward walk
# from running through a whole paragraph of capitalised words.
ROLE_REACH = 20
# A short form stands for a longer name word only from this many letters: "Bima" of "Bimastyaji"; a
# shorter prefix ("Adi" of "Adiyanto") would match too many names.
MIN_SHORT = 4
ALIAS_BRACKETS = ("(", ")")  # "Joko Widodo (Jokowi)"


def _alias_of(view: DocView, alias: str) -> list[str] | None:
    """The full name a one-word name stands for, where the text says so (None if it never does).

    `Presiden Joko Widodo (Jokowi)`, `Prasetyo Hadi atau Pras`.
    """
    open_, close = ALIAS_BRACKETS
    words = view.words
    for i in view.occurrences([alias]):
        bracketed = words[i - 1 : i] == [open_] and words[i + 1 : i + 2] == [close]
        if i < 2 or not (bracketed or words[i - 1] in lexicon.get().alias_markers):
            continue
        end = b = i - 1
        while b > 0 and end - b < MAX_NAME - 1 and name_word(words[b - 1]):
            b -= 1
        if end - b >= FULL_NAME:
            return words[b:end]
    return None


def _short_of(view: DocView, short: str) -> list[str] | None:
    """The full name a short form cuts: `Sosro` of `Sosroharsono`, `Bima` of `Bimastyaji Surya Ramadan`.

    The first capitalised name word in the text that starts with the short form (of `MIN_SHORT` letters or
    more) and is longer, with the name words around it; None when there is none.
    """
    if len(short) < MIN_SHORT or not short.isalpha():
        return None
    words = view.words
    for i in view.starting_with(short):  # an index look-up: MIN_SHORT is the view's prefix length
        w = words[i]
        if len(w) > len(short) and is_name_word(w):
            e = i + 1 + name_run(words, i + 1, min(len(words), i + MAX_NAME)) if i + 1 < len(words) else i + 1
            return words[_name_start(words, i, e) : e]
    return None


def _left_extension(words: list[str], a: int, b: int, lowered: set[str]) -> bool:
    """Whether the words [a, b) the NER model puts before a name are more of the name.

    Not when they are not name words, nor when they start a sentence or follow a title or institution
    word and are not known given names: "*Vonis* Ahmad Dhani telah dibacakan", "founder *Halodoc*
    Jonathan Sudharta".
    """
    lex = lexicon.get()
    extra = [w for k, w in enumerate(words[a:b], a) if not (w == "." and is_initial(words[k - 1]))]
    if not all(map(name_word, extra)):
        return False
    if all(first_name(w) or is_initial(w) for w in extra):
        return True
    if any(w.lower() in lowered for w in extra):
        return False  # the word is written in lower case elsewhere in the text: "vonis 1,5 tahun"
    before = words[a - 1] if a > 0 else "."
    if before in lex.pre_honorifics or lex.ranks.match(words, a - 1, a):
        return True
    return not (before in lex.title_words or before in lex.org_words or before.capitalize() in lex.title_words)


def _after_role(words: list[str], p: int) -> bool:
    """Whether the word at p starts a name: after a title word, or after a comma that ends a role.

    "Bupati Gresik, *Fandi* Akhmad Yani". Not without the comma: in "Direktur Utama Jakpro Iwan Takwin"
    the word after the title is the institution.
    """
    if p < 2 or words[p - 1] != ",":
        return False
    lex = lexicon.get()
    w = words[p - 2]
    return w in lex.title_words or w in lex.org_words or (w,) in lex.regions or is_acronym(w)


def _name_start(words: list[str], b: int, e: int) -> int:
    """Where a name that now starts at b starts once the given names and initials before it are added.

    `Atikoh` → `Siti Atikoh`, `Iqbal` → `M. Iqbal`, `Manik` → `David R . Manik`; the name stays within
    `MAX_NAME` words ending at e.
    """
    while b > 0 and e - b < MAX_NAME:
        if first_name(words[b - 1]):
            b -= 1
        elif b > 1 and words[b - 1] == "." and is_initial(words[b - 2]):
            b -= 2
        else:
            break
    return b


def _name_end(words: list[str], e: int, known: int) -> int:
    """Past the name words after a name of `known` words ending at e, up to a role word: "Gunawan Effendi CEO …"."""
    if e >= len(words):
        return e
    run = name_run(words, e, min(len(words), e + MAX_NAME - known))
    return e + next((k for k in range(run) if role_word(words[e + k])), run)


def _ner_fits(words: list[str], per: TokRange | None, b: int, e: int, lowered: set[str]) -> bool:
    """Whether the NER model's person span `per` covers [b, e) and adds only name words to it."""
    return (
        per is not None
        and per[0] <= b
        and per[1] >= e
        and per[1] - per[0] <= MAX_NAME
        and all(map(is_name_word, words[e : per[1]]))
        and _left_extension(words, per[0], b, lowered)
    )


def _extended(view: DocView, i: int, known: int, lowered: set[str]) -> list[str]:
    """The name of `known` words at i, extended over the name words around it."""
    words = view.words
    e = _name_end(words, i + known, known)
    b = _name_start(words, i, e)
    if b == i and i > 0 and e - i < MAX_NAME and _after_role(words, i - 1):
        w = words[i - 1]
        if is_name_word(w) and w.lower() not in lowered:
            b -= 1  # "Bupati Gresik, *Fandi* Akhmad Yani"
    per = view.persons.get(i)  # the NER model's person span around it, when it only adds name words
    if _ner_fits(words, per, b, e, lowered):
        assert per is not None
        b, e = per
    return words[b:e]


def _full_name(view: DocView, name: list[str], lowered: set[str]) -> list[str]:
    """The longest full name the text gives for `name`: at one of its occurrences, by an alias, or a short form."""
    best = name
    for i in view.occurrences(name):
        full = _extended(view, i, len(name), lowered)
        if len(full) > len(best) and all(is_cap(w) for w in full):
            best = full
    if len(best) == 1:
        # "Joko Widodo (Jokowi)", "Prasetyo Hadi atau Pras", "Bima" of "Bimastyaji …"
        return _alias_of(view, best[0]) or _short_of(view, best[0]) or best
    return best


def _overlaps(part: Span | None, names: list[TokRange]) -> bool:
    """Whether a role part overlaps one of the character ranges in `names`."""
    return part is not None and any(part.start < b and a < part.end for a, b in names)


def _rename(view: DocView, sp: SpeakerState, full: list[str]) -> None:
    """Give the speaker its full name; a role read before the name was known in full may have taken its first words."""
    sp.name = " ".join(full)
    names = [view.chars(i, i + len(full)) for i in view.occurrences(full)]
    if _overlaps(sp.title, names):
        sp.title = None
    if _overlaps(sp.organization, names):
        sp.organization = None


def _ranks_before(words: list[str], k: int) -> int:
    """Back from k over the ranks that end there: "*AKBP* Budi", "*Brigjen TNI* Hadi"."""
    ranks = lexicon.get().ranks.phrases
    while k > 0:
        n = next((len(r) for r in ranks if k - len(r) >= 0 and tuple(words[k - len(r) : k]) == r), 0)
        if not n:
            break
        k -= n
    return k


def _honorifics_before(words: list[str], i: int) -> tuple[int, list[TokRange]]:
    """Where the ranks and honorifics before the name at i start, and their ranges ("Kompol Dr. Budi")."""
    pre = lexicon.get().pre_honorifics
    h = i
    while h > 0 and (words[h - 1] in pre or words[h - 1] == ","):
        h -= 1
    k = _ranks_before(words, h)
    hon = [(x, x + 1) for x in range(k, i) if words[x] in pre]
    if k < h:
        hon.insert(0, (k, h))
    return k, hon


def _role_before(words: list[str], i: int) -> tuple[TokRange | None, TokRange | None, list[TokRange]] | None:
    """The title, institution and honorifics before the name at i; None when no role ends there.

    "istri Calon Presiden Ganjar Pranowo, Siti Atikoh": a role before another person's name and a comma
    is that person's, not this one's.
    """
    k, hon = _honorifics_before(words, i)
    comma = k > 0 and words[k - 1] == ","
    while k > 0 and words[k - 1] == ",":
        k -= 1
    pair = words[k - FULL_NAME : k] if k >= FULL_NAME else []
    if comma and pair and all(map(is_name_word, pair)) and any(w in lexicon.get().person_words for w in pair):
        return None
    q = role_start(words, k, max(0, k - ROLE_REACH))
    if q >= k:
        return None
    title, org, _ = split_role(words, q, k)
    return title, org, hon


def complete_speakers(view: DocView, reg: SpeakerRegistry) -> None:
    """Fill in full names and roles from anywhere in the text.

    A speaker first quoted by a surname (`kata Iva`) is often introduced elsewhere with the full name and
    role, in a sentence that is not a quote (`… kata Kabag Humas dan Protokol UGM Iva Ariani …`, or
    `Menurut Iva Ariani, …` mid-paragraph). Every occurrence of the name is read again: the name is
    extended over neighbouring name words, and the title chain that ends at it gives the role.
    """
    words = view.words
    lowered = {w for w in words if w[:1].islower()}
    for sp in reg.speakers:
        if sp.kind != "person" or sp.anonymous:
            continue
        name = sp.name.split()
        full = _full_name(view, name, lowered)
        if full != name:
            _rename(view, sp, full)
            reg.reindex(sp)
        for i in view.occurrences(full):
            role = _role_before(words, i)
            if role is not None:
                title, org, hon = role
                spans = [s for s in map(view.span, hon) if s is not None]  # every range gives a span
                reg.set_role(sp, view.span(title), view.span(org), spans or None)


def invented_name(view: DocView, ph_name: TokRange, org: TokRange | None) -> str | None:
    """Why the name a phrase read is not a person's name, or None when it may be one.

    The grammar takes the capitalised words after a role as the name; issue 9 lists the shapes where they
    are not one (each has a test passage in `tests/test_no_invented_names.py`):

    - `institution`: the words finish an institution whose head (`named_org_heads.txt`) stands alone before them
      (`politikus Partai Maju Bersama ini` → not a person `Maju Bersama`);
    - `pointing`: the words are followed by `ini`, `itu`, `tersebut`: a role noun phrase pointing back
      (`politikus Partai Maju ini`), not a name;
    - `function`: every word is a connective, adverb, title or institution word (`Sebelumnya`, `Namun`).
    """
    lex = lexicon.get()
    words = view.words
    a, b = ph_name
    name = words[a:b]
    if b < len(words) and words[b] in lex.demonstratives:
        return "pointing"
    lone_head = org is not None and org[1] == a and org[1] - org[0] == 1
    if lone_head and words[a - 1] in lexicon.get().named_org_heads:
        return "institution"
    closed = lex.connectives | lex.adverbs | lex.title_words | lex.org_words | lex.noun_connectives
    if all(w in closed or w.lower() in closed for w in name):
        return "function"
    return None
