"""Who speaks each quotation: speaker phrases resolved by rule, then re-decided by the learned ranker.

`resolve_speakers` walks the quotations in text order with a `SpeakerRegistry`: a name is looked up or
starts a speaker, `ia` / `-nya` / `Mantan Gubernur … itu` go to the most recent person, and people named
as sentence subjects are introduced as they are passed, so that they count as "most recent". A bare quote
borrows the speaker of the quote before it (`carry`) or, before anybody is named, of the first one after
it (`forward`).

`rerank` then lets the ranker (`speakers.ranker`) choose among everybody mentioned near a quote whose
mention the rules can't be sure of (a pronoun, a clitic, a role noun, no mention at all).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np

from kutipan.attribution import RawQuote
from kutipan.document import Mention, MentionKind
from kutipan.lang import lexicon
from kutipan.phrase.grammar import Phrase
from kutipan.speakers.listing import whole_words
from kutipan.speakers.names import invented_name
from kutipan.speakers.ranker import Candidate, SpeakerRanker, features
from kutipan.speakers.registry import SpeakerRegistry, SpeakerState
from kutipan.text.view import DocView

Resolved = tuple[SpeakerState | None, Mention | None]
EventKind = Literal["speaker", "subject", "other"]
# a place a known speaker is mentioned: (char offset, index into the registry's speakers, kind, mention)
Event = tuple[int, int, EventKind, Mention]

# A bare quote takes the speaker of the quote before it only when that quote is in its paragraph or at
# most this many paragraphs back: further back, a new voice is as likely as the old one.
CARRY_MAX_PARAGRAPHS = 1
# Quotes before anybody is named take the first speaker named after them, within this many paragraphs
# (a lead quote, then `kata Budi` a paragraph or two on).
FORWARD_MAX_PARAGRAPHS = 2
# Ranker candidates are the people mentioned at most this many characters before the quote: about a
# dozen news paragraphs (news-dev's median paragraph is ~200 characters). Somebody unmentioned for longer
# is rarely the `ia` or the bare quote, and each extra candidate is one more way to be wrong.
LOOKBACK_CHARS = 4000
# ... and those first named at most this far after it (about two paragraphs), for a speaker introduced
# only after the quote: `"…" \n Hal itu disampaikan Budi.`
LOOKAHEAD_CHARS = 600
# A PER span of the NER model becomes a candidate only with this many words: one-word spans are too often
# a place or a capitalised common word.
MIN_NER_NAME_WORDS = 2
# Parts of a person's name shorter than this (initials, `Bin`, `Abu`) match too many other words to count
# as mentions of them.
MIN_NAME_PART_CHARS = 4
# The ranker's best candidate replaces "no speaker" only when its probability reaches this.
NO_SPEAKER_BELOW = 0.3

_MENTION_KINDS: dict[str, MentionKind] = {k: k for k in get_args(MentionKind)}
_POINTING_KINDS = frozenset({"pronoun", "clitic"})  # mentions that point back rather than name


def mention_kind(kind: str) -> MentionKind:
    """A phrase kind as an output mention kind (a KeyError names a kind the schema doesn't have)."""
    return _MENTION_KINDS[kind]


def mention_of(view: DocView, ph: Phrase) -> Mention:
    """The mention a speaker phrase makes: its mention tokens as characters, with the phrase's kind."""
    s = view[ph.mention[0] : ph.mention[1]]
    return Mention(s.start_char, s.end_char, s.text, mention_kind(ph.kind))


def _resolve(view: DocView, reg: SpeakerRegistry, rq: RawQuote) -> Resolved:
    """The speaker a quote's clitic or phrase refers to, and the mention it is attributed through."""
    text = view.text
    if rq.clitic is not None:
        sp = reg.last_person()
        return sp, Mention(rq.clitic[0], rq.clitic[1], text[rq.clitic[0] : rq.clitic[1]], "clitic")
    ph = rq.phrase
    if ph is None:
        return None, None
    mention = mention_of(view, ph)
    if ph.kind == "name" and ph.name is not None and (why := invented_name(view, ph.name, ph.org)):
        return _not_a_name(view, reg, ph, why)
    back = ph.kind == "role" and mention.text.split()[-1] in lexicon.get().demonstratives
    if ph.kind == "pronoun":
        sp = reg.last_person()
    elif back and reg.last_person() is not None:
        sp = reg.last_person()  # `Mantan Gubernur Jawa Tengah itu menuturkan …` points back like `ia`
    elif ph.kind == "name":
        sp = reg.by_name(mention.text)
    elif ph.kind == "organization":
        sp = reg.by_organization(mention.text)
    else:
        sp = reg.by_role(mention.text)
    if sp is not None and ph.kind != "pronoun":
        hon = [h for h in (view.span(r) for r in ph.honorifics) if h] or None
        reg.set_role(sp, view.span(ph.title), view.span(ph.org), hon)
    return sp, mention


def _not_a_name(view: DocView, reg: SpeakerRegistry, ph: Phrase, why: str) -> Resolved:
    """A phrase whose "name" is not a person's: the institution or role phrase it is.

    An institution alone (`Polres Karangsari menyatakan`) is the institution speaking. A role pointing back
    (a demonstrative ends it: `politikus Partai Maju ini`) is the most recent person, like `politikus itu`;
    another role is an anonymous role speaker named by the phrase; never a person named by the
    institution's words.
    """
    words = view.words
    e = ph.name[1] if ph.name else ph.end
    if why == "institution" and ph.title is None and ph.org is not None:
        s = view[ph.org[0] : e]
        return reg.by_organization(s.text), Mention(s.start_char, s.end_char, s.text, "organization")
    if e < len(words) and words[e] in lexicon.get().demonstratives:
        e += 1
    s = view[ph.start : e]
    mention = Mention(s.start_char, s.end_char, s.text, "role")
    sp = reg.last_person() if words[e - 1] in lexicon.get().demonstratives else None
    if sp is None:
        sp = reg.by_role(mention.text)
    return sp, mention


def _introduce(view: DocView, reg: SpeakerRegistry, ph: Phrase) -> None:
    """A person named as a sentence subject becomes the most recent person (for `ia`, `katanya`)."""
    sp = reg.by_name(mention_of(view, ph).text)
    hon = [h for h in (view.span(r) for r in ph.honorifics) if h] or None
    reg.set_role(sp, view.span(ph.title), view.span(ph.org), hon)
    reg.touch(sp)


def resolve_speakers(view: DocView, reg: SpeakerRegistry, raw: list[RawQuote], people: list[Phrase]) -> list[Resolved]:
    """The speaker and mention of each quotation by rule, in the order of `raw`.

    Sets `carry` and `forward` as the pattern of a quote that borrows a neighbour's speaker.
    """
    resolved: list[Resolved] = []
    pending = sorted(people, key=lambda ph: ph.start)
    for n, rq in enumerate(raw):
        while pending and view.starts[pending[0].start] < rq.start:
            _introduce(view, reg, pending.pop(0))
        if rq.link is not None and rq.link < n:
            sp, mention = resolved[rq.link]
        else:
            sp, mention = _resolve(view, reg, rq)
        if sp is None and rq.pattern in {"none", "after"} and rq.link is None:
            # a bare quote: the speaker of the quote before it carries over
            prev = next((resolved[k] for k in range(n - 1, -1, -1) if resolved[k][0] is not None), None)
            if prev is not None and raw[n - 1].paragraph >= rq.paragraph - CARRY_MAX_PARAGRAPHS:
                sp, mention = prev
                rq.pattern = "carry"  # the confidence of a borrowed speaker (0.6), whatever found the quote
        if sp is not None:
            reg.touch(sp)
        resolved.append((sp, mention))
    _forward_first(raw, resolved)
    return resolved


def _forward_first(raw: list[RawQuote], resolved: list[Resolved]) -> None:
    """Quotes before anyone is named take the first speaker named after them."""
    first = next((k for k, (sp, _) in enumerate(resolved) if sp is not None), None)
    if first:
        for k in range(first):
            if raw[k].pattern == "none" and raw[first].paragraph - raw[k].paragraph <= FORWARD_MAX_PARAGRAPHS:
                resolved[k] = resolved[first]
                raw[k].pattern = "forward"


@dataclass(slots=True)
class RerankContext:
    """What `rerank` reads: the document's view, its quotes, their speakers by rule, and the registry.

    `resolved` is changed in place where the ranker picks another speaker; the registry gains the NER
    model's people as candidates.
    """

    view: DocView
    raw: list[RawQuote]
    resolved: list[Resolved]
    registry: SpeakerRegistry
    people: list[Phrase]


def _events(ctx: RerankContext) -> list[Event]:
    """Every place a known speaker is mentioned, in text order."""
    reg, text = ctx.registry, ctx.view.text
    index = {id(sp): k for k, sp in enumerate(reg.speakers)}
    out: list[Event] = []
    for rq, (sp, m) in zip(ctx.raw, ctx.resolved, strict=True):
        if sp is not None and m is not None:
            pos = max(rq.start, m.start) if m.kind in _POINTING_KINDS else m.start
            out.append((pos, index[id(sp)], "speaker", m))
    for ph in ctx.people:
        m = mention_of(ctx.view, ph)
        subject = next((s for s in reg.speakers if s.kind == "person" and m.text in s.name), None)
        if subject is not None:
            out.append((m.start, index[id(subject)], "subject", m))
    for k, sp in enumerate(reg.speakers):
        forms = {sp.name}
        if sp.kind == "person" and not sp.anonymous:
            forms |= {w for w in sp.name.split() if len(w) >= MIN_NAME_PART_CHARS and w[:1].isupper()}
        for form in sorted(forms):  # a set: sorted, so that ties at one position do not follow the hash seed
            for i in whole_words(text, form):
                out.append((i, k, "other", Mention(i, i + len(form), form, "name")))
    out.sort(key=lambda x: x[0])
    return out


def _candidate(reg: SpeakerRegistry, key: int, after_pos: int | None = None) -> Candidate:
    sp = reg.speakers[key]
    return Candidate(
        key=key,
        last_pos=None,
        last_kind="other",
        last_paragraph=None,
        mentions=0,
        quoted_before=False,
        organization=sp.kind == "organization",
        anonymous=sp.anonymous,
        has_role=bool(sp.title or sp.organization),
        title_words={w.casefold() for w in sp.title.text.split()} if sp.title and after_pos is None else set(),
        after_pos=after_pos,
    )


def _paragraph_index(text: str) -> Callable[[int], int]:
    """Character offset → index of its line (paragraph) in `text`."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return lambda pos: bisect_right(starts, pos) - 1


@dataclass(slots=True)
class _Timeline:
    """The mentions of a document in text order, with their offsets and paragraphs, for candidate search."""

    events: list[Event]
    positions: list[int]
    paragraph_of: Callable[[int], int]

    def candidates(self, reg: SpeakerRegistry, rq: RawQuote, ref: int) -> dict[int, Candidate]:
        """Everybody mentioned within `LOOKBACK_CHARS` before `ref` or `LOOKAHEAD_CHARS` after the quote."""
        cands: dict[int, Candidate] = {}
        first = bisect_left(self.positions, ref - LOOKBACK_CHARS)  # nothing earlier is in reach
        for pos, key, ekind, em in self.events[first : bisect_left(self.positions, ref)]:
            if rq.start <= pos < rq.end:
                continue
            c = cands.get(key)
            if c is None:
                c = cands[key] = _candidate(reg, key)
            c.last_pos, c.last_kind, c.last_paragraph = pos, ekind, self.paragraph_of(pos)
            c.mentions += 1
            c.quoted_before = c.quoted_before or ekind == "speaker"
            c.mention = em
        after_limit = rq.end + LOOKAHEAD_CHARS
        for pos, key, _kind, em in self.events[bisect_left(self.positions, rq.end) :]:
            if pos > after_limit:
                break
            if key not in cands:
                c = cands[key] = _candidate(reg, key, after_pos=pos)
                c.mention = em
        return cands


def _rules_decide(rq: RawQuote, n: int, sp: SpeakerState | None, kind: str) -> bool:
    """The rule's speaker stands: a name at the cue, an organisation, or a second half sharing a speaker."""
    named = sp is not None and kind == "name" and rq.pattern != "carry"
    return named or kind == "organization" or (rq.link is not None and rq.link < n)


def _ranked(
    ranker: SpeakerRanker, x: np.ndarray, cands: list[Candidate], rq_rule: Resolved, reg: SpeakerRegistry
) -> Resolved | None:
    """The ranker's speaker (and mention) for a quote, when it replaces the rule's; None to keep the rule's."""
    sp, m = rq_rule
    probs = ranker.scores(x)
    best = int(probs.argmax())
    if sp is None and probs[best] < NO_SPEAKER_BELOW:
        return None  # nobody the ranker trusts: the quote keeps no speaker
    choice = reg.speakers[cands[best].key]
    if choice is sp:
        return None
    return choice, m if m is not None else cands[best].mention


def rerank(ctx: RerankContext, ranker: SpeakerRanker | None, trace: list[dict[str, Any]] | None) -> None:
    """Let the ranker decide the speaker of each quote whose mention the rules can't be sure of.

    Args:
        ctx: the document, its quotes and their speakers by rule (`ctx.resolved` is updated in place).
        ranker: the learned ranker; None to only record candidates.
        trace: when a list is given, each quote's candidate set and features are appended (for training).
    """
    reg = ctx.registry
    for ent in ctx.view.ents:  # people the NER model found are candidates too
        if ent.label_ == "PER" and len(ent.text.split()) >= MIN_NER_NAME_WORDS:
            reg.by_name(ent.text, upgrade=False)
    events = _events(ctx)
    timeline = _Timeline(events, [e[0] for e in events], _paragraph_index(ctx.view.text))
    index = {id(sp): k for k, sp in enumerate(reg.speakers)}
    prev_key = None  # the speaker of the quote before, a feature of the next
    for n, rq in enumerate(ctx.raw):
        sp, m = ctx.resolved[n]
        kind = m.kind if m is not None else "none"
        if not _rules_decide(rq, n, sp, kind):
            ref = rq.cue[0] if rq.cue and rq.cue[0] < rq.start else rq.start
            cands = list(timeline.candidates(reg, rq, ref).values())
            if not cands:
                continue  # (the previous speaker stays that of the quote before)
            rule_key = index[id(sp)] if sp is not None else None
            x = features(kind, ref, rq.paragraph, rq.type == "direct", m.text if m else "", cands, rule_key, prev_key)
            if trace is not None:
                names = [reg.speakers[c.key].name for c in cands]
                trace.append({"quote": (rq.start, rq.end), "names": names, "x": x, "kind": kind, "rule": rule_key})
            pick = _ranked(ranker, x, cands, (sp, m), reg) if ranker is not None else None
            if pick is not None:
                ctx.resolved[n] = pick
                sp = pick[0]
        prev_key = index[id(sp)] if sp is not None else prev_key
