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
    """The speakers of one document, in order of first appearance.

    Why indexes: `by_name` used to compare a name with every speaker, which is quadratic in a text with
    thousands of speakers. Persons are indexed by the words of their name (a match always shares a word),
    recency is a counter, and organisations are found by their key; the answers are those of the scans.
    A name changed outside `by_name` must be followed by `reindex(sp)`.
    """

    def __init__(self) -> None:
        self.speakers: list[SpeakerState] = []
        self._recent: dict[int, SpeakerState] = {}  # id(sp) → sp, most recent last
        self._stamp: dict[int, int] = {}  # id(sp) → when it was last touched
        self._clock = 0
        self._order: dict[int, int] = {}  # id(sp) → its index in `speakers`
        self._by_word: dict[str, dict[int, SpeakerState]] = {}  # name word → persons whose name has it
        self._indexed: dict[int, list[str]] = {}  # id(sp) → the name words it is indexed under
        self._orgs: dict[tuple[str, ...], SpeakerState] = {}

    def _new(self, name: str, kind: SpeakerKind, anonymous: bool = False) -> SpeakerState:
        sp = SpeakerState(f"s{len(self.speakers) + 1}", " ".join(name.split()), kind, anonymous=anonymous)
        self._order[id(sp)] = len(self.speakers)
        self.speakers.append(sp)
        self.reindex(sp)
        return sp

    def reindex(self, sp: SpeakerState) -> None:
        """Index a speaker under the words of its current name (after its name changed)."""
        for w in self._indexed.pop(id(sp), []):
            self._by_word.get(w, {}).pop(id(sp), None)
        if sp.kind == "person" and not sp.anonymous:
            words = _key(sp.name)
            for w in words:
                self._by_word.setdefault(w, {})[id(sp)] = sp
            self._indexed[id(sp)] = words

    def touch(self, sp: SpeakerState) -> None:
        self._recent.pop(id(sp), None)
        self._recent[id(sp)] = sp
        self._clock += 1
        self._stamp[id(sp)] = self._clock

    def last_person(self) -> SpeakerState | None:
        for sp in reversed(self._recent.values()):
            if sp.kind == "person":
                return sp
        return None

    def by_name(self, name: str, upgrade: bool = True) -> SpeakerState:
        """The speaker a name refers to, creating it when the name is new.

        With `upgrade`, a fuller form of a known name becomes that speaker's name ("Bimo" → "Bimo
        Wijayanto"); names from the NER model are added without it, since their spans can overrun.
        """
        name = " ".join(name.split())
        toks = _key(name)
        # a match shares a word with the name; kinds are checked again in case one changed after indexing
        sharing = {
            k: sp
            for w in toks
            for k, sp in self._by_word.get(w, {}).items()
            if sp.kind == "person" and not sp.anonymous
        }
        for k in sorted((k for k in sharing if k in self._stamp), key=self._stamp.__getitem__, reverse=True):
            sp = sharing[k]
            have = _key(sp.name)
            if toks == have or _contains(have, toks):
                return sp
            if _contains(toks, have):
                if upgrade:
                    sp.name = name  # a fuller form of the name: "Bimo" → "Bimo Wijayanto"
                    self.reindex(sp)
                return sp
        for k in sorted(sharing, key=self._order.__getitem__):  # a speaker mentioned long ago
            if _contains(_key(sharing[k].name), toks):
                return sharing[k]
        return self._new(name, "person")

    def by_role(self, role: str) -> SpeakerState:
        toks = _key(role)
        for sp in reversed(self._recent.values()):
            if sp.title is not None and _contains(_key(sp.title.text), toks[:1]) and len(toks) <= 3:
                return sp
            if sp.anonymous and _key(sp.name) == toks:
                return sp
        return self._new(role, "person", anonymous=True)

    def by_organization(self, name: str) -> SpeakerState:
        toks = tuple(_key(name))
        if toks not in self._orgs:
            self._orgs[toks] = self._new(name, "organization")
        return self._orgs[toks]

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
