"""The output data model: plain dataclasses that turn into the `kutipan/1` JSON schema.

Every span carries `start`/`end` as Python string indices into the exact input, so that
`text[start:end] == span.text` always holds; the schema is documented in `docs/schema.md` and checked by
`schema/kutipan-1.schema.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "kutipan/1"
QuoteType = Literal["direct", "indirect", "mixed"]
MentionKind = Literal["name", "pronoun", "clitic", "role", "organization"]
SpeakerKind = Literal["person", "organization", "group"]
SourceType = Literal["official", "expert", "organization", "public_figure", "citizen", "unknown"]
CueKind = Literal["speech", "directive", "belief"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Cue:
    """The speech word of a quote, and what it reports (GUIDE §9.1).

    `kind` lets a user keep only what was said: `speech` (`mengatakan`, `kata`), `directive` (what someone
    wants another to do: `mengimbau`, `meminta`) or `belief` (`yakin`, `berharap`); None when unknown.
    """

    start: int
    end: int
    text: str
    kind: CueKind | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.kind is not None:
            out["kind"] = self.kind
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """Words that refer to a speaker: a name, a pronoun, the `nya` clitic, a role noun or an organisation."""

    start: int
    end: int
    text: str
    kind: MentionKind

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}


@dataclass(slots=True)
class SpeakerRef:
    """The speaker of one quote: which entity, and the mention the quote is attributed through."""

    entity: str
    name: str
    mention: Mention

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "mention": self.mention.to_dict()}


@dataclass(slots=True)
class Quote:
    """One quotation: its content span, type, cue, speaker and a confidence in [0, 1]."""

    id: str
    type: QuoteType
    start: int
    end: int
    text: str
    cue: Cue | None = None
    speaker: SpeakerRef | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Speaker:
    """A person or organisation quoted in the document, with the role it is given."""

    id: str
    name: str
    kind: SpeakerKind = "person"
    title: Span | None = None
    organization: Span | None = None
    honorific: list[Span] | None = None
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    source_type: SourceType | None = None
    canonical: str | None = None  # the fullest form of `organization` the text gives (GUIDE §10.3)

    def to_dict(self) -> dict[str, Any]:
        org = None
        if self.organization:
            org = {**self.organization.to_dict(), "canonical": self.canonical or self.organization.text}
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "role": self.role,
            "title": self.title.to_dict() if self.title else None,
            "organization": org,
            "honorific": [h.to_dict() for h in self.honorific] if self.honorific else None,
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": list(self.quotes),
        }
        if self.source_type is not None:
            out["source_type"] = self.source_type
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: `PER`, `ORG` or `LOC`."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "label": self.label}


@dataclass(slots=True)
class Document:
    """What kutipan found in one text."""

    id: str | None
    text: str
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
            "entities": [e.to_dict() for e in self.entities],
        }
        if include_text:
            out["text"] = self.text
        return out

    def to_json(self, indent: int | None = 2, include_text: bool = False) -> str:
        return json.dumps(self.to_dict(include_text=include_text), ensure_ascii=False, indent=indent)


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def _cue(d: dict[str, Any] | None) -> Cue | None:
    return Cue(d["start"], d["end"], d["text"], d.get("kind")) if d else None


def _mention(d: dict[str, Any]) -> Mention:
    return Mention(d["start"], d["end"], d["text"], d["kind"])


def document_from_dict(data: dict[str, Any], text: str) -> Document:
    """Rebuild a Document from its `kutipan/1` dict (the inverse of `Document.to_dict`)."""
    quotes = [
        Quote(
            q["id"],
            q["type"],
            q["start"],
            q["end"],
            q["text"],
            _cue(q.get("cue")),
            SpeakerRef(q["speaker"]["entity"], q["speaker"]["name"], _mention(q["speaker"]["mention"]))
            if q.get("speaker")
            else None,
            q.get("confidence", 0.5),
        )
        for q in data.get("quotes", [])
    ]
    speakers = [
        Speaker(
            s["id"],
            s["name"],
            s.get("kind", "person"),
            _span(s.get("title")),
            _span(s.get("organization")),
            [Span(h["start"], h["end"], h["text"]) for h in s["honorific"]] if s.get("honorific") else None,
            [_mention(m) for m in s.get("mentions", [])],
            list(s.get("quotes", [])),
            s.get("role"),
            list(s.get("aliases") or []),
            s.get("source_type"),
            (s.get("organization") or {}).get("canonical"),
        )
        for s in data.get("speakers", [])
    ]
    entities = [Entity(e["start"], e["end"], e["text"], e["label"]) for e in data.get("entities", [])]
    return Document(data.get("id"), text, quotes, speakers, entities)
