"""Turn a tokenised Doc into a `document.Document`: the stages in order, and the confidence policy.

This is the one code path behind `kutipan.extract`, `Extractor.pipe`, the CLI and the spaCy component:

1. text: `DocView` (words, offsets, cue kinds, NER persons), read by every stage;
2. attribution: `find_quotes` gives quotations with their cue and speaker phrase (marks, cues, sieves);
3. speakers: `resolve_speakers` says who each phrase is (`SpeakerRegistry`), `complete_speakers` fills in
   full names and roles from the whole text, and the learned ranker re-decides uncertain ones (`rerank`);
4. output: quotes with their confidence (`CONFIDENCE`), the quoted speakers (`list_speakers`), roles
   re-split by the learned splitter (`resplit_roles`), and the named entities (`find_entities`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from kutipan.attribution import Pattern, RawQuote, find_quotes
from kutipan.attribution.indirect import SyntaxBackend
from kutipan.document import Cue, Document, Mention, MentionKind, Quote, SpeakerRef, document_from_dict
from kutipan.entities import find_entities
from kutipan.speakers.aliases import merge_abbreviations
from kutipan.speakers.describe import describe_speakers
from kutipan.speakers.listing import list_speakers
from kutipan.speakers.names import complete_speakers
from kutipan.speakers.ranker import SpeakerRanker
from kutipan.speakers.ranking import RerankContext, Resolved, rerank, resolve_speakers
from kutipan.speakers.registry import SpeakerRegistry
from kutipan.speakers.rolesplit import RoleSplitter, resplit_roles
from kutipan.text.cues import cue_sense
from kutipan.text.normalize import normalize_space
from kutipan.text.view import DocView


@dataclass(frozen=True)
class ConfidencePolicy:
    """How sure a quotation is: by the pattern that found it, less for a mention that only points back.

    The pattern's value says how often that shape is right in news text (a cue right after the quote is
    almost always its speaker; a bare quote paragraph is often nobody's). `ia` and `-nya` may point to the
    wrong person, so they cost `mention_penalty`; a quote left without a speaker is capped at
    `no_speaker_cap`, below every attributed one.
    """

    by_pattern: Mapping[Pattern, float]
    mention_penalty: Mapping[MentionKind, float]
    no_speaker_cap: float

    def of(self, pattern: Pattern, mention: MentionKind | None) -> float:
        """The confidence of a quote found by `pattern`, attributed through a `mention` (None: no speaker)."""
        conf = self.by_pattern[pattern]
        if mention is not None and mention in self.mention_penalty:
            conf -= self.mention_penalty[mention]
        if mention is None:
            conf = min(conf, self.no_speaker_cap)
        return conf


# The one confidence table (patterns: `attribution.raw.Pattern`; indirect sieves: `attribution.indirect`).
CONFIDENCE = ConfidencePolicy(
    by_pattern={
        "after": 0.95,  # `"…," kata Budi.`
        "before": 0.9,  # `Budi mengatakan, "…"`
        "colon": 0.85,  # `Budi: "…"`
        "split": 0.9,  # `"Satu," kata Budi, "dua."`, a paragraph of a multi-paragraph quote
        "menurut": 0.85,  # `Menurut Budi, …`, `Diterangkan Budi, …`
        "subject": 0.85,  # `Budi mengatakan (bahwa) …`
        "parse": 0.65,  # a parse sieve's quote: the content is mostly right, its speaker far less (issue 14)
        "mid": 0.75,  # `…, kata dia, …`
        "end": 0.8,  # `…, kata Budi.`
        "carry": 0.6,  # a bare quote after a quote of the same speaker
        "forward": 0.45,  # a bare quote before its speaker is first named
        "none": 0.3,  # a bare quote nobody is found for
    },
    mention_penalty={"pronoun": 0.1, "clitic": 0.1},
    no_speaker_cap=0.4,
)


def annotate(
    doc: Doc,
    doc_id: str | None = None,
    ranker: SpeakerRanker | None = None,
    trace: list[dict[str, Any]] | None = None,
    splitter: RoleSplitter | None = None,
    syntax: SyntaxBackend | None = None,
    text: str | None = None,
) -> Document:
    """Find quotations, speakers, roles and entities in a tokenised Doc.

    Args:
        doc: a Doc made by `kutipan.lang.tokenizer.make_nlp()` (or any pipeline with its special cases).
        doc_id: the id written to the output.
        ranker: the learned speaker ranker, for the quotes the rules can't be sure of.
        trace: when a list is given, the ranker's candidate sets are appended to it (for training).
        splitter: the learned title/organisation splitter for role phrases.
        syntax: a dependency parser (`kutipan.syntax`) for the sentences the indirect rule sieves leave.
        text: the input as given, when `doc.text` is its `normalize_space` form (same length): the output
            holds `text` and its slices, so offsets and span texts are those of the exact input.

    Returns:
        The Document, with offsets into `doc.text` (and `text`).
    """
    view = DocView.of(doc, normalize_space(text) if text is not None else None)
    raw, people = find_quotes(view, syntax)
    reg = SpeakerRegistry()
    resolved = resolve_speakers(view, reg, raw, people)
    resolved = _merged(view.text, reg, resolved)
    complete_speakers(view, reg)
    if ranker is not None or trace is not None:
        rerank(RerankContext(view, raw, resolved, reg, people), ranker, trace)
    quotes = _quotes(view.text, raw, resolved)
    speakers = list_speakers(view.text, reg, quotes)
    if splitter is not None:
        resplit_roles(view, speakers, splitter)
    describe_speakers(view.text, speakers)
    entities = find_entities(view, speakers)
    document = Document(doc_id, view.text, quotes, speakers, entities)
    if text is None or text == view.text:
        return document
    if len(text) != len(view.text):
        raise ValueError("text must have the length of doc.text (normalize_space keeps it)")
    return document_from_dict(exact_texts(document.to_dict(), text), text)


def exact_texts(data: Any, text: str) -> Any:
    """A `kutipan/1` dict whose span texts (and speaker roles) are slices of `text`, the exact input.

    Why: the rules read the input with its white space normalised (`text.normalize`), and the output must
    quote the input itself, no-break spaces and all.
    """
    if isinstance(data, list):
        return [exact_texts(x, text) for x in data]
    if not isinstance(data, dict):
        return data
    out = {k: exact_texts(v, text) for k, v in data.items()}
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int) and "text" in out:
        out["text"] = text[out["start"] : out["end"]]
    if out.get("role") is not None:
        parts = [p for p in (out.get("title"), out.get("organization")) if p]
        if parts:
            out["role"] = text[min(p["start"] for p in parts) : max(p["end"] for p in parts)]
    if "text" in out and out.get("schema"):
        out["text"] = text
    return out


def _merged(text: str, reg: SpeakerRegistry, resolved: list[Resolved]) -> list[Resolved]:
    """Re-point quotes of a speaker named by an abbreviation the text defines for a person (`kata MRH`)."""
    moved = merge_abbreviations(text, reg)
    if not moved:
        return resolved
    out: list[Resolved] = []
    for sp, m in resolved:
        if sp is not None and sp.id in moved:
            sp = moved[sp.id]
            m = Mention(m.start, m.end, m.text, "name") if m is not None else None
        out.append((sp, m))
    return out


def _quotes(text: str, raw: list[RawQuote], resolved: list[Resolved]) -> list[Quote]:
    """The output quotations, numbered in text order; each is recorded on its speaker."""
    quotes: list[Quote] = []
    for n, (rq, (sp, mention)) in enumerate(zip(raw, resolved, strict=True), 1):
        qid = f"q{n}"
        ref = None
        if sp is not None and mention is not None:
            sp.quotes.append(qid)
            sp.mentions.setdefault((mention.start, mention.end), mention)
            ref = SpeakerRef(sp.id, sp.name, mention)
        cue = None
        if rq.cue:
            word = text[rq.cue[0] : rq.cue[1]]
            cue = Cue(rq.cue[0], rq.cue[1], word, cue_sense(word))  # type: ignore[arg-type]  # a CueKind
        conf = CONFIDENCE.of(rq.pattern, ref.mention.kind if ref else None)
        quotes.append(Quote(qid, rq.type, rq.start, rq.end, text[rq.start : rq.end], cue, ref, conf))
    return quotes
