"""The capacity a speaker is quoted in: `official`, `expert`, `organization`, `public_figure`, `citizen`.

Rules over the speaker's kind, title and organisation, with the words as data (`source_type_titles.tsv`,
`source_type_orgs.tsv`, `group_heads.tsv`); GUIDE §10.4 is the definition. The rules are a first cut
written before the news-train annotation gives enough examples to learn from: a small scikit-learn model
with JSON weights may replace or back them when that data exists, whichever wins on the test split.

- A group takes the type of its head (`Polisi` → official, `warga` → citizen, `Koalisi …` → organization).
- An organisation speaking takes the type of its first listed word (`Kementerian` → official,
  `Yayasan` → organization); a state-owned `PT … (Persero)` is official.
- A person: an expert or public-figure title wins whatever the organisation (`dosen Universitas …`); an
  official title under a private organisation is `organization` (`Direktur PT Sumber Makmur`); otherwise
  the title's type, then the organisation's; an anonymous resident (`seorang warga`) is `citizen`.
- Nothing known: `unknown`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kutipan.document import SourceType
from kutipan.lang import lexicon

_WORD = re.compile(r"[\w-]+")
_TYPES: frozenset[str] = frozenset({"official", "expert", "organization", "public_figure", "citizen", "unknown"})


def _words(text: str | None) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def _first(words: list[str], table: Mapping[str, str]) -> str | None:
    return next((table[w] for w in words if w in table), None)


def group_head(name: str) -> str | None:
    """The listed head of a group phrase (`para pedagang` → `pedagang`, `pihak kampus` → `kampus`), or None."""
    words = _words(name)
    leads = lexicon.get().group_leads  # stored lower case
    while words and words[0] in leads:
        words = words[1:]
    if words and words[0] in lexicon.get().group_heads:
        return words[0]
    return None


def is_group(name: str, kind: str, anonymous: bool) -> bool:
    """Whether a speaker is an unnamed collective (GUIDE §10.1): `Polisi`, `para pedagang`, `Koalisi …`.

    An anonymous role phrase with a group head and no singular lead (`seorang warga` is one person); an
    institution whose name is a group head with nothing named after it (`Polisi`), or an alliance
    (`Koalisi Masyarakat Sipil …`, `Aliansi …`).
    """
    words = name.split()
    if not words or words[0].casefold() in lexicon.get().singular_leads:
        return False
    head = group_head(name)
    if head is None:
        return False
    if kind == "person":
        return anonymous
    if head in lexicon.get().alliance_heads:
        return True
    at = next(k for k, w in enumerate(words) if w.casefold().strip(".,") == head)
    return not any(w[:1].isupper() for w in words[at + 1 :])


def organization_type(org: str | None) -> str | None:
    """The type an organisation gives (`official` for state bodies and state-owned companies), or None."""
    words = _words(org)
    if any(w in lexicon.get().state_owned_markers for w in words):
        return "official"
    return _first(words, lexicon.get().source_type_orgs)


def source_type(kind: str, name: str, title: str | None, organization: str | None, anonymous: bool) -> SourceType:
    """The source type of one speaker (see the module docstring for the order of the rules)."""
    out = _source_type(kind, name, title, organization, anonymous)
    assert out in _TYPES
    return out  # type: ignore[return-value]


def _source_type(kind: str, name: str, title: str | None, organization: str | None, anonymous: bool) -> str:
    if kind == "group":
        head = group_head(name)
        return lexicon.get().group_heads[head] if head else "unknown"
    if kind == "organization":
        return organization_type(name) or "organization"
    by_title = _first(_words(title), lexicon.get().source_type_titles)
    by_org = organization_type(organization)
    if by_title in ("expert", "public_figure", "citizen"):
        return by_title
    if by_title == "official" and by_org == "organization":
        return "organization"
    if by_title or by_org:
        return by_title or by_org  # type: ignore[return-value]
    if anonymous:
        singular = lexicon.get().singular_leads
        head = group_head(" ".join(w for w in name.split() if w.casefold() not in singular))
        return lexicon.get().group_heads[head] if head else "unknown"
    return "unknown"
