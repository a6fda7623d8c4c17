"""Other name forms of a speaker: abbreviations, nicknames, short names and role nouns (GUIDE §10.2).

News gives a person's full name once and then other forms: an abbreviation in brackets
(`Muhammad Rizal Hakim (MRH)` … `kata MRH`), a nickname it explains (`…, yang akrab disapa Gus Rizal`), a
familiar form (`Cak Rizal`), a surname (`kata Hakim`) or a role noun for the named holder (`kata Menkes`).
`bracket_aliases` reads the abbreviations the text defines, `merge_abbreviations` makes a speaker named
only by such an abbreviation the person it abbreviates, and `speaker_aliases` lists every other form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kutipan.document import Mention
from kutipan.lang import lexicon
from kutipan.speakers.listing import whole_words
from kutipan.speakers.registry import SpeakerRegistry, SpeakerState

# `(MRH)`, `(Jokowi)`, `(BPBD)`: a bracket holding one word of at most this many characters.
BRACKET = re.compile(r"\(([A-Z][A-Za-z0-9.&-]{1,15})\)")
# a nickname after a marker: one to three capitalised words
NICKNAME = re.compile(r"((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,2})")
MAX_GAP = 2  # characters between a name and the bracket after it (`Hakim (MRH)`, `Hakim, (MRH)` no)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def bracket_aliases(text: str, name: str) -> Iterator[str]:
    """The bracketed forms the text writes right after the full name: `Muhammad Rizal Hakim (MRH)` → `MRH`."""
    for i in whole_words(text, name):
        end = i + len(name)
        m = BRACKET.match(text, end + 1) if text[end : end + 1] == " " else None
        if m is not None and m.start() - end <= MAX_GAP:
            yield m.group(1)


def nickname_aliases(text: str, name: str) -> Iterator[str]:
    """Nicknames the text explains after the name: `Ahmad Fauzi, yang akrab disapa Gus Fauzi` → `Gus Fauzi`."""
    markers = sorted(lexicon.get().nickname_markers, key=len, reverse=True)
    for i in whole_words(text, name):
        rest = text[i + len(name) : i + len(name) + 60].lstrip(" ,(")
        low = rest.casefold()
        for mk in markers:
            if low.startswith(mk + " "):
                m = NICKNAME.match(rest, len(mk) + 1)
                if m:
                    yield m.group(1)
                break


def familiar_aliases(text: str, name: str) -> Iterator[str]:
    """`Gus Fauzi`, `Cak Budi`: a familiar prefix before one of the name's words, where the text writes it."""
    prefixes = lexicon.get().nickname_prefixes
    for word in name.split():
        if len(word) < 3:
            continue
        for pre in prefixes:
            form = f"{pre} {word}"
            if next(whole_words(text, form), None) is not None:
                yield form


def speaker_aliases(text: str, name: str, mentions: list[Mention], kind: str) -> list[str]:
    """The other name forms of one speaker, each once, in the order first found; never the name itself.

    Name and role mentions that differ from the name (`Hakim`, `Menkes`), and for a named person also the
    bracketed, explained and familiar forms after and around the full name.
    """
    seen = {_key(name)}
    out: list[str] = []

    def add(form: str) -> None:
        form = form.strip(" ,.")
        if form and _key(form) not in seen:
            seen.add(_key(form))
            out.append(form)

    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind in ("name", "role", "organization"):
            add(m.text)
    if kind != "group" and name:
        for form in bracket_aliases(text, name):
            add(form)
        if kind == "person":
            for form in nickname_aliases(text, name):
                add(form)
            for form in familiar_aliases(text, name):
                add(form)
    return out


def initials_name(text: str, abbr: str) -> str | None:
    """The person's name the text abbreviates as `abbr`: `Muhammad Rizal Hakim (MRH)` → `Muhammad Rizal Hakim`.

    The words right before `(abbr)` whose initials spell it exactly, each a capitalised word, the first of
    which starts no institution or title (so `Badan Penanggulangan Bencana Daerah (BPBD)` is no person; a
    surname may be a title word elsewhere: `Hakim`).
    """
    lex = lexicon.get()
    letters = abbr.casefold()
    if not abbr.isupper() or not 2 <= len(abbr) <= 5:
        return None
    for m in re.finditer(r"\(" + re.escape(abbr) + r"\)", text):
        before = text[max(0, m.start() - 120) : m.start()].split()
        words = before[-len(letters) :]
        if len(words) != len(letters) or "".join(w[0] for w in words).casefold() != letters:
            continue
        first = words[0]
        claimed = first in lex.org_words or first in lex.title_words or lex.org_heads.starts(first)
        if all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words) and not claimed:
            return " ".join(words)
    return None


def merge_abbreviations(text: str, reg: SpeakerRegistry) -> dict[str, SpeakerState]:
    """Make a speaker named only by a person's abbreviated name that person.

    `Muhammad Rizal Hakim (MRH) membantah … "…," kata MRH`: `MRH` looks like an institution's acronym, but
    the text gives it as the person's initials. A person already known under the full name takes its
    quotes and mentions; otherwise the speaker itself becomes that person. Returns old speaker id → the
    speaker it now is (the caller re-points its references and makes their mentions `name`).
    """
    moved: dict[str, SpeakerState] = {}
    for sp in list(reg.speakers):
        if (sp.kind == "person" and not sp.anonymous) or " " in sp.name.strip():
            continue
        full = initials_name(text, sp.name.strip())
        if full is None:
            continue
        target = next((p for p in reg.speakers if p.kind == "person" and not p.anonymous and p.name == full), None)
        if target is None:
            sp.name, sp.kind, sp.anonymous = full, "person", False
            target = sp
        else:
            for key, m in sp.mentions.items():
                target.mentions.setdefault(key, Mention(m.start, m.end, m.text, "name"))
            target.quotes.extend(q for q in sp.quotes if q not in target.quotes)
            sp.quotes.clear()
        target.mentions = {k: Mention(m.start, m.end, m.text, "name") for k, m in target.mentions.items()}
        moved[sp.id] = target
    return moved
