"""The canonical form of a speaker's organisation: the fullest form of it the article writes (GUIDE §10.3).

Articles spell an institution out once, usually with its abbreviation in brackets, and then use the short
form: `Badan Penanggulangan Bencana Daerah (BPBD) Sleman` … `kata Kepala BPBD Sleman …`. The speaker's
`organization` span stays where the role was read; `canonical` is the fullest form written anywhere, so that
a user counting institutions counts this one once. Both directions: a short span gains the spelled-out form,
and a spelled-out span gains the form with its bracketed abbreviation. Fullest = most words spelled out
(a bracketed abbreviation does not count as a word, but stays when it is inside the form); never with
`atau …` (GUIDE §9.8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kutipan.lang import lexicon
from kutipan.speakers.aliases import BRACKET

_WORD = re.compile(r"\S+")
MAX_EXPANSION_WORDS = 10  # the longest spelled-out names (`Badan Pengawas Obat dan Makanan`) are well below


@dataclass(frozen=True, slots=True)
class Expansion:
    """A spelled-out name with the abbreviation the text gives it: `Badan … Daerah (BPBD)`."""

    abbr: str
    long_start: int  # where the spelled-out words start
    long_end: int  # where they end (before ` (`)
    end: int  # after the closing bracket


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper()).casefold()


def expansions(text: str) -> list[Expansion]:
    """Every `Spelled Out Name (ABBR)` in the text whose capitalised words can make the abbreviation.

    The start is chosen among the capitalised words before the bracket as the one whose initials best
    cover the abbreviation's letters: `Kepala Badan Penanggulangan Bencana Daerah (BPBD)` starts at
    `Badan`; syllabic abbreviations (`Dinas Kesehatan (Dinkes)`) start at the word of their first letter.
    """
    out = []
    for m in BRACKET.finditer(text):
        abbr = m.group(1)
        long_end = m.start() - 1
        if long_end <= 0 or text[long_end] != " ":
            continue
        words = [(w.start(), w.group()) for w in _WORD.finditer(text, max(0, long_end - 200), long_end)]
        run: list[tuple[int, str]] = []
        for pos, w in reversed(words):
            if len(run) >= MAX_EXPANSION_WORDS or not (w[:1].isupper() or w in lexicon.get().org_connectives):
                break
            run.insert(0, (pos, w))
        start = _best_start(run, abbr)
        if start is not None:
            out.append(Expansion(abbr, run[start][0], long_end, m.end()))
    return out


def _best_start(run: list[tuple[int, str]], abbr: str) -> int | None:
    """Index into `run` where the spelled-out name starts, or None when no start fits the abbreviation."""
    letters = abbr.replace(".", "").replace("-", "").casefold()
    best, best_score = None, -1
    for k, (_, w) in enumerate(run):
        if w in lexicon.get().org_connectives or w[:1].casefold() != letters[:1]:
            continue
        ini = _initials([x for _, x in run[k:]])
        score = _common_prefix(ini, letters) * 10 - abs(len(ini) - len(letters))
        if ini == letters:
            score += 100
        if score > best_score:
            best, best_score = k, score
    return best


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _spelled_words(form: str) -> int:
    """Words of a form that are spelled out: a bracketed abbreviation is not one."""
    return len(BRACKET.sub("", form).split())


def _starts_words(text: str, i: int, form: str) -> bool:
    end = i + len(form)
    return text.startswith(form, i) and (end == len(text) or not text[end].isalnum())


def canonical_organization(text: str, org: str, exps: list[Expansion] | None = None) -> str:
    """The fullest form of the organisation `org` that the text writes (`org` itself when none is fuller).

    `BPBD Sleman` with `Badan Penanggulangan Bencana Daerah (BPBD) Sleman` in the text → the latter; so too
    `Badan Penanggulangan Bencana Daerah Sleman`. The result is always a contiguous string of the text.
    """
    if exps is None:
        exps = expansions(text)
    best = org
    for e in exps:
        long_form = text[e.long_start : e.long_end]
        with_abbr = text[e.long_start : e.end]
        for head, tail in _split_on(org, e.abbr, long_form):
            # words before the abbreviation (`Kantor BPBD`) make another body; the text after the bracket
            # must go on with the rest of the span (`(BPBD) Sleman`), or the form would lose its region
            if head or (tail and not _starts_words(text, e.end + 1, tail)):
                continue
            cand = with_abbr + text[e.end : e.end + 1 + len(tail)] if tail else with_abbr
            if _better(cand, best):
                best = cand
    return best


def _split_on(org: str, abbr: str, long_form: str) -> list[tuple[str, str]]:
    """Where `org` names the expansion: by its abbreviation or its spelled-out words, as (before, after)."""
    out = []
    for form in (abbr, long_form):
        i = org.find(form)
        end = i + len(form)
        if i >= 0 and (i == 0 or org[i - 1] == " ") and (end == len(org) or org[end] == " "):
            out.append((org[:i].strip(), org[end:].strip()))
    return out


def _better(cand: str, best: str) -> bool:
    a, b = _spelled_words(cand), _spelled_words(best)
    return a > b or (a == b and len(cand) > len(best))
