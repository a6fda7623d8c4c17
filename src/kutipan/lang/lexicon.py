"""Read the lexicon data files once.

The word lists (cues, titles, ranks, honorifics, organisation heads, regions …) are data in
`kutipan/data/`, one entry per line with `#` comments, so that a new cue or title is a new line and not
new code. Only this module opens them. Entries are stored in their base form; the case variants that
news text uses (`Kata`, `KATA`) are made here.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# an academic degree by its shape, beyond the lexicon's list: "Sp.A.", "S.Pd.I.", "M.P.H."
DEGREE = re.compile(r"^[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]{0,3}\.?){1,3}$")
CLITIC = "nya"


def _lines(name: str) -> list[str]:
    text = resources.files("kutipan").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _variants(form: str) -> set[str]:
    """The case forms a base entry appears in: as stored, Capitalised, lower case (not for acronyms)."""
    out = {form}
    if not form.isupper() and not any(c.isupper() for c in form[1:]):
        out |= {form[:1].upper() + form[1:], form.lower()}
    return out


@cache
def cues() -> dict[str, str]:
    """Cue form → kind (`post`, `verb`, `prep`, `passive`), in all case variants."""
    out: dict[str, str] = {}
    for line in _lines("cues.tsv"):
        form, kind = line.split("\t")
        for v in _variants(form):
            out[v] = kind
    return out


@cache
def clitic_cues() -> frozenset[str]:
    """Cue words that take the `-nya` clitic as their speaker (`katanya`, `ujarnya`, `menurutnya`)."""
    forms = set()
    for form, kind in cues().items():
        if kind in {"post", "prep"}:
            forms.add(form + CLITIC)
    return frozenset(forms)


@cache
def words(name: str) -> frozenset[str]:
    """A one-column word list (`titles.txt`, `units.txt`, `org_words.txt`, `stops.txt` …) with variants."""
    out: set[str] = set()
    for line in _lines(name):
        for v in _variants(line):
            out.add(v)
    return frozenset(out)


@cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A list of multi-word phrases as token tuples, longest first, with case variants of each word."""
    out: set[tuple[str, ...]] = set()
    for line in _lines(name):
        toks = line.split()
        out.add(tuple(toks))
        out.add(tuple(t[:1].upper() + t[1:] for t in toks))
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


@cache
def phrase_index(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """`phrases(name)` grouped by first word, longest first: one dict lookup per position."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases(name):
        out.setdefault(ph[0], []).append(ph)
    return {k: tuple(v) for k, v in out.items()}


@cache
def honorifics() -> dict[str, str]:
    """Honorific or degree form → `pre` (before the name) or `post` (after it)."""
    out: dict[str, str] = {}
    for line in _lines("honorifics.tsv"):
        form, pos = line.split("\t")
        out[form] = pos
    return out


@cache
def pronouns() -> dict[str, str]:
    """Third-person pronoun → mention kind (`ia`, `dia`, `beliau` → pronoun; `nya` → clitic)."""
    out: dict[str, str] = {}
    for line in _lines("pronouns.tsv"):
        form, kind = line.split("\t")
        for v in _variants(form):
            out[v] = kind
    return out


@cache
def regions() -> frozenset[tuple[str, ...]]:
    """Region names (provinces, regencies, cities) as token tuples."""
    return frozenset(tuple(line.split()) for line in _lines("regions.txt"))


@cache
def max_region_len() -> int:
    """Length in words of the longest region name."""
    return max(len(r) for r in regions())
