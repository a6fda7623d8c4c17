"""People as the subjects of sentences, and the speaker of `… mengatakan` when the grammar can't parse it.

A person named as a sentence subject (`Gubernur Jawa Timur Khofifah Indar Parawansa menerima …`) is who a
later `ia` or `katanya` most likely means, so `find_people` reports them to the speaker stage.
`subject_fallback` is the last resort of the `subject` sieve (`indirect`), for the two subject shapes of
real news that `parse_subject` does not take as one phrase.
"""

from __future__ import annotations

from functools import cache

from kutipan.lang import lexicon
from kutipan.phrase import Phrase, name_word, parse_phrase, parse_subject, person_words
from kutipan.text.cues import cue_kind
from kutipan.text.segment import Range, RangeIndex
from kutipan.text.view import DocView, TokRange

# `Mantan Gubernur Jawa Tengah itu`: a role pointing back runs from a role word (2 tokens with `itu`) to
# at most this long; longer, the words before the verb are a clause, not one noun phrase.
MIN_ROLE_BACK_TOKENS = 2
MAX_ROLE_BACK_TOKENS = 8
# Lower-case words a role may hold before the name (`Ketua Fraksi PSI di DPRD DKI`); more is a clause.
MAX_ROLE_LOWER_WORDS = 2
# Of several possible names after a role, one this short is preferred when no other evidence decides:
# `Chief Operation Officier Kalla Beton Ali Syamsu Wairooy` → `Ali Syamsu Wairooy`.
MAX_PREFERRED_NAME_WORDS = 3

_BRACKETS_AND_STOPS = frozenset({"(", ")", ",", "."})


@cache
def _role_words() -> frozenset[str]:
    """Title, unit and institution words: what the words before a speaker's name may be."""
    lex = lexicon.get()
    return lex.titles | lex.units | lex.org_words


def find_people(view: DocView, sents_by_para: list[list[Range]], quoted: list[Range]) -> list[Phrase]:
    """Named people as the subject of a sentence (`Gubernur Jawa Timur Khofifah Indar Parawansa menerima …`).

    Only outside quotations, not after a preposition (`Kepada Konjen …`), and only a name the lexicons
    don't claim as a place or an institution word.
    """
    out = []
    inside = RangeIndex(quoted)
    for sents in sents_by_para:
        for sent in sents:
            if inside.covers(sent[0]):
                continue
            ph = _named_subject(view, sent)
            if ph is not None:
                out.append(ph)
    return out


def _named_subject(view: DocView, sent: Range) -> Phrase | None:
    """The person a sentence opens with, after its connectives (`Sementara itu, Budi Santoso menerima …`)."""
    lex = lexicon.get()
    words = view.words
    a = view.at_or_after(sent[0])
    b = view.at_or_after(sent[1])
    if a < b and words[a] in lex.subject_prepositions:
        return None
    conn = lex.connectives
    k = a
    while k < b and (words[k] in conn or view[k].is_punct or view[k].lower_ in lex.connective_tails):
        k += 1
    if k >= b or words[k] in conn:
        return None
    ph = parse_phrase(view, k, b)
    if ph is None or ph.kind != "name" or ph.name is None or ph.end >= b or not words[ph.end][:1].islower():
        return None
    name = words[ph.name[0] : ph.name[1]]
    not_name = lex.org_words | lex.titles
    if any(w in not_name or w.isupper() for w in name):
        return None
    if len(name) >= 2 or ph.title or ph.honorifics:
        return ph
    return None


def subject_fallback(view: DocView, a: int, v: int) -> Phrase | None:
    """The speaker of `… mengatakan` when the words before the verb do not parse as one phrase.

    Two shapes are common in real news. A long role the phrase parser cannot split, ending in a name:
    `Sebelumnya, Ketua Fraksi Partai Maju di DPRD Sukamaju Andi W Santoso mengatakan` (the name phrase at the end is
    the speaker, and the words before it may only be role words). A role noun phrase pointing back to a
    person already named: `Mantan Gubernur Jawa Tengah itu menuturkan` (a `role` mention, resolved by
    reading like `politikus itu`).
    """
    words = view.words
    conn = lexicon.get().connectives
    k = a
    while k < v and (words[k] in conn or words[k] == ","):
        k += 1
    if k >= v or not (words[k][:1].isupper() or words[k] in _role_words()):
        return None
    back = _role_pointing_back(view, k, v)
    if back is not None:
        return back
    return _preferred_name(view, _names_after_role(view, k, v))


def _role_pointing_back(view: DocView, k: int, v: int) -> Phrase | None:
    """`Mantan Gubernur Jawa Tengah itu (juga) menuturkan`: a role noun phrase ending in a demonstrative."""
    lex = lexicon.get()
    words = view.words
    role_words = _role_words()
    e = v
    while e > k and words[e - 1] in lex.adverbs and words[e - 1] not in lex.demonstratives:
        e -= 1  # "Eks Wali Kota Jakarta Utara itu juga berpesan"
    if (
        MIN_ROLE_BACK_TOKENS <= e - k <= MAX_ROLE_BACK_TOKENS
        and words[e - 1] in lex.demonstratives
        and (words[k] in role_words or words[k] in lex.former or words[k].lower() in lex.role_heads)
        and all(w.replace("-", "").isalnum() for w in words[k : e - 1])
        and not any(cue_kind(view, j) for j in range(k, e - 1))
    ):
        return Phrase(k, e, "role", (k, e))
    return None


def _names_after_role(view: DocView, k: int, v: int) -> list[tuple[Phrase, TokRange]]:
    """Every name phrase that ends a run of role words before the verb, with its name range.

    Empty as soon as the words before a name hold more than role words (then it is not a role + name).
    """
    lex = lexicon.get()
    words = view.words
    role_words = _role_words()
    found: list[tuple[Phrase, TokRange]] = []
    for s in range(k + 1, v):
        prefix = words[k:s]
        lower = [w for w in prefix if not w[:1].isupper() and w not in _BRACKETS_AND_STOPS]
        if len(lower) > MAX_ROLE_LOWER_WORDS or any(
            w not in lex.role_lower_words and w not in role_words for w in lower
        ):
            return []
        if not words[s][:1].isupper():
            continue
        ph = parse_subject(view, s, v)
        if ph is None or ph.kind != "name" or ph.name is None or not any(w in role_words for w in prefix):
            continue
        if _is_the_speakers_name(view, ph.name, v):
            found.append((ph, ph.name))
    return found


def _is_the_speakers_name(view: DocView, name: TokRange, v: int) -> bool:
    """Whether the name range is a person's name and nothing after it (before the verb at v) is."""
    words = view.words
    persons = view.persons
    if "," in words[name[1] : v]:
        return False  # "Comm, Rel & CSR Ahad Rahedi": a comma after the name means it is not the name
    if any(words[j] in person_words() or j in persons for j in range(name[1], v) if words[j][:1].isupper()):
        return False  # "Partai Maju di DPRD Sukamaju Andi Wijaya": a name further on is the speaker
    span = range(*name)
    return all(name_word(words[j]) for j in span) and (
        len(span) >= 2 or all(words[j] in person_words() or j in persons for j in span)
    )


def _preferred_name(view: DocView, found: list[tuple[Phrase, TokRange]]) -> Phrase | None:
    """The name to take among several after a role: the surest by the lexicon, then the model, then length.

    The leftmost (longest) name that starts with a known given name, then one where the NER model starts a
    person, then one of `MAX_PREFERRED_NAME_WORDS` words or fewer, then the leftmost.
    """
    if not found:
        return None
    words = view.words
    for ph, name in found:
        if words[name[0]] in person_words():
            return ph
    ner_starts = {start for start, _ in view.persons.values()}
    for ph, name in found:
        if name[0] in ner_starts:
            return ph
    return next((ph for ph, name in found if name[1] - name[0] <= MAX_PREFERRED_NAME_WORDS), found[0][0])
