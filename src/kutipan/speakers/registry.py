"""Resolve speaker mentions to speakers across one document.

A new full name starts a new speaker; `ia`, `dia`, `beliau` and the `-nya` of `katanya` go to the most
recent person who spoke; a bare surname or first name (`Catur menyebut …`, `kata Roland`) goes to the
most recent speaker whose name contains it; a role noun (`kata Kapolres`) goes to the most recent speaker
whose title contains it, and starts an anonymous speaker named by the role otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kutipan.document import Mention, Span, SpeakerKind


def _key(name: str) -> list[str]:
    return [w.casefold().strip(".,") for w in name.split() if w.strip(".,")]


@dataclass(slots=True)
class SpeakerState:
    """A speaker as it is being built."""

    id: str
    name: str
    kind: SpeakerKind
    title: Span | None = None
    organization: Span | None = None
    honorific: list[Span] | None = None
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    anonymous: bool = False

    def role_length(self) -> int:
        if not (self.title or self.organization):
            return 0
        parts = [p for p in (self.title, self.organization) if p]
        return max(p.end for p in parts) - min(p.start for p in parts)


class SpeakerRegistry:
    """The speakers of one document, in order of first appearance."""

    def __init__(self) -> None:
        self.speakers: list[SpeakerState] = []
        self._recent: list[SpeakerState] = []  # most recent last

    def _new(self, name: str, kind: SpeakerKind, anonymous: bool = False) -> SpeakerState:
        sp = SpeakerState(f"s{len(self.speakers) + 1}", name, kind, anonymous=anonymous)
        self.speakers.append(sp)
        return sp

    def touch(self, sp: SpeakerState) -> None:
        if sp in self._recent:
            self._recent.remove(sp)
        self._recent.append(sp)

    def last_person(self) -> SpeakerState | None:
        for sp in reversed(self._recent):
            if sp.kind == "person":
                return sp
        return None

    def by_name(self, name: str, upgrade: bool = True) -> SpeakerState:
        """The speaker a name refers to, creating it when the name is new.

        With `upgrade`, a fuller form of a known name becomes that speaker's name ("Bimo" → "Bimo
        Wijayanto"); names from the NER model are added without it, since their spans can overrun.
        """
        toks = _key(name)
        for sp in reversed(self._recent):
            if sp.kind != "person" or sp.anonymous:
                continue
            have = _key(sp.name)
            if toks == have or _contains(have, toks):
                return sp
            if _contains(toks, have):
                if upgrade:
                    sp.name = name  # a fuller form of the name: "Bimo" → "Bimo Wijayanto"
                return sp
        for sp in self.speakers:  # a speaker mentioned long ago
            if sp.kind == "person" and not sp.anonymous and _contains(_key(sp.name), toks):
                return sp
        return self._new(name, "person")

    def by_role(self, role: str) -> SpeakerState:
        toks = _key(role)
        for sp in reversed(self._recent):
            if sp.title is not None and _contains(_key(sp.title.text), toks[:1]) and len(toks) <= 3:
                return sp
            if sp.anonymous and _key(sp.name) == toks:
                return sp
        return self._new(role, "person", anonymous=True)

    def by_organization(self, name: str) -> SpeakerState:
        toks = _key(name)
        for sp in self.speakers:
            if sp.kind == "organization" and _key(sp.name) == toks:
                return sp
        return self._new(name, "organization")

    @staticmethod
    def set_role(sp: SpeakerState, title: Span | None, org: Span | None, honorific: list[Span] | None) -> None:
        """Keep the fullest role seen for a speaker (an abbreviation in brackets that ends it left out)."""
        if org is not None:
            org = _strip_paren(org)
        elif title is not None:
            title = _strip_paren(title)
        parts = [p for p in (title, org) if p]
        length = max(p.end for p in parts) - min(p.start for p in parts) if parts else 0
        if length > sp.role_length():
            sp.title, sp.organization = title, org
        if honorific and (not sp.honorific or len(honorific) > len(sp.honorific)):
            sp.honorific = honorific


def _strip_paren(span: Span) -> Span:
    """`Dewan Ekonomi Nasional (DEN)` → `Dewan Ekonomi Nasional` (GUIDE §8.10)."""
    text = span.text
    if text.endswith(")") and " (" in text:
        cut = text.rindex(" (")
        if cut > 0:
            return Span(span.start, span.start + cut, text[:cut])
    return span


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether every word of `shorter` is a word of `longer` (a surname, a first name, initials)."""
    return bool(shorter) and len(shorter) < len(longer) + 1 and all(w in longer for w in shorter)
