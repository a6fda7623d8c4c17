"""Turn a tokenised Doc into a `types.Document`: quotes, speakers, roles and entities.

This is the one code path behind `kutipan.extract`, `Extractor.pipe`, the CLI and the spaCy component:
`find_quotes` (attribution) gives quotations with their cue and speaker phrase, `SpeakerRegistry` (coref)
resolves who each phrase is, and `find_entities` collects the named entities.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import CONFIDENCE, RawQuote, find_quotes
from .coref import SpeakerRegistry, SpeakerState
from .entities import find_entities
from .ranker import Candidate, SpeakerRanker, features
from .roles import DEMONSTRATIVES, Phrase, complete_speakers, doc_text, token_span
from .rolesplit import RoleSplitter
from .types import Document, Mention, Quote, Span, Speaker, SpeakerRef


def _mention(doc: Doc, ph: Phrase) -> Mention:
    s = doc[ph.mention[0] : ph.mention[1]]
    return Mention(s.start_char, s.end_char, s.text, ph.kind)


def _resolve(doc: Doc, reg: SpeakerRegistry, rq: RawQuote, text: str) -> tuple[SpeakerState | None, Mention | None]:
    if rq.clitic is not None:
        sp = reg.last_person()
        return sp, Mention(rq.clitic[0], rq.clitic[1], text[rq.clitic[0] : rq.clitic[1]], "clitic")
    ph = rq.phrase
    if ph is None:
        return None, None
    mention = _mention(doc, ph)
    back = ph.kind == "role" and mention.text.split()[-1] in DEMONSTRATIVES
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
        hon = [h for h in (token_span(doc, r) for r in ph.honorifics) if h] or None
        reg.set_role(sp, token_span(doc, ph.title), token_span(doc, ph.org), hon)
    return sp, mention


def _introduce(doc: Doc, reg: SpeakerRegistry, ph: Phrase) -> None:
    """A person named as a sentence subject becomes the most recent person (for `ia`, `katanya`)."""
    sp = reg.by_name(_mention(doc, ph).text)
    hon = [h for h in (token_span(doc, r) for r in ph.honorifics) if h] or None
    reg.set_role(sp, token_span(doc, ph.title), token_span(doc, ph.org), hon)
    reg.touch(sp)


def annotate(
    doc: Doc,
    doc_id: str | None = None,
    ranker: SpeakerRanker | None = None,
    trace: list | None = None,
    splitter: RoleSplitter | None = None,
) -> Document:
    """Find quotations, speakers, roles and entities in a tokenised Doc.

    Args:
        doc: a Doc made by `kutipan.tokenizer.make_nlp()` (or any pipeline with its special cases).
        doc_id: the id written to the output.
        ranker: the learned speaker ranker, for the quotes the rules can't be sure of.
        trace: when a list is given, the ranker's candidate sets are appended to it (for training).
        splitter: the learned title/organisation splitter for role phrases.

    Returns:
        The Document, with offsets into `doc.text`.
    """
    text = doc_text(doc)
    raw, people = find_quotes(doc)
    reg = SpeakerRegistry()
    resolved: list[tuple[SpeakerState | None, Mention | None]] = []
    pending = sorted(people, key=lambda ph: ph.start)
    for n, rq in enumerate(raw):
        while pending and doc[pending[0].start].idx < rq.start:
            _introduce(doc, reg, pending.pop(0))
        if rq.link is not None and rq.link < n:
            sp, mention = resolved[rq.link]
        else:
            sp, mention = _resolve(doc, reg, rq, text)
        if sp is None and rq.pattern in {"none", "after"} and rq.link is None:
            # a bare quote: the speaker of the quote before it carries over
            prev = next((resolved[k] for k in range(n - 1, -1, -1) if resolved[k][0] is not None), None)
            if prev is not None and raw[n - 1].paragraph >= rq.paragraph - 1:
                sp, mention = prev
                rq.pattern = "carry" if rq.pattern == "none" else rq.pattern
        if sp is not None:
            reg.touch(sp)
        resolved.append((sp, mention))
    # quotes before anyone is named take the first speaker named after them
    first = next((k for k, (sp, _) in enumerate(resolved) if sp is not None), None)
    if first:
        for k in range(first):
            if raw[k].pattern == "none" and raw[first].paragraph - raw[k].paragraph <= 2:
                resolved[k] = resolved[first]
                raw[k].pattern = "forward"

    complete_speakers(doc, reg)
    if ranker is not None or trace is not None:
        rerank(doc, text, raw, resolved, reg, people, ranker, trace)

    quotes: list[Quote] = []
    for n, (rq, (sp, mention)) in enumerate(zip(raw, resolved, strict=True), 1):
        qid = f"q{n}"
        ref = None
        if sp is not None and mention is not None:
            sp.quotes.append(qid)
            sp.mentions.setdefault((mention.start, mention.end), mention)
            ref = SpeakerRef(sp.id, sp.name, mention)
        cue = Span(rq.cue[0], rq.cue[1], text[rq.cue[0] : rq.cue[1]]) if rq.cue else None
        conf = CONFIDENCE.get(rq.pattern, 0.5)
        if ref and ref.mention.kind in {"pronoun", "clitic"}:
            conf -= 0.1
        if ref is None:
            conf = min(conf, 0.4)
        quotes.append(Quote(qid, rq.type, rq.start, rq.end, text[rq.start : rq.end], cue, ref, conf))

    speakers = _speakers(text, reg, quotes)
    if splitter is not None:
        resplit_roles(doc, speakers, splitter)
    entities = find_entities(doc, speakers)
    doc.user_data.pop("_kutipan_words", None)
    doc.user_data.pop("_kutipan_text", None)
    doc.user_data.pop("_kutipan_cues", None)
    doc.user_data.pop("_kutipan_persons", None)
    return Document(doc_id, text, quotes, speakers, entities)


def _whole_words(text: str, form: str):
    """Start offsets of `form` in `text` where it stands as whole words (not inside a longer word)."""
    start = 0
    while (i := text.find(form, start)) >= 0:
        end = i + len(form)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield i
        start = end


def _speakers(text: str, reg: SpeakerRegistry, quotes: list[Quote]) -> list[Speaker]:
    """Final speaker list: only those quoted, numbered in order of appearance, every name mention added."""
    used = [sp for sp in reg.speakers if sp.quotes]
    renum = {sp.id: f"s{k}" for k, sp in enumerate(used, 1)}
    for q in quotes:
        if q.speaker is not None:
            sp = next(s for s in used if s.id == q.speaker.entity)
            q.speaker = SpeakerRef(renum[sp.id], sp.name, q.speaker.mention)
    out = []
    for sp in used:
        mentions = dict(sp.mentions)
        if not sp.anonymous and sp.kind == "person":
            for i in _whole_words(text, sp.name):
                mentions.setdefault((i, i + len(sp.name)), Mention(i, i + len(sp.name), sp.name, "name"))
        if sp.kind == "organization":
            # an organisation that speaks has no role of its own: its name is the organisation (GUIDE §5)
            sp.title = sp.organization = None
        role = None
        parts = [p for p in (sp.title, sp.organization) if p]
        if parts:
            role = text[min(p.start for p in parts) : max(p.end for p in parts)]
        out.append(
            Speaker(
                id=renum[sp.id],
                name=sp.name,
                kind=sp.kind,
                title=sp.title,
                organization=sp.organization,
                honorific=sp.honorific,
                mentions=[mentions[k] for k in sorted(mentions)],
                quotes=sp.quotes,
                role=role,
            )
        )
    return out


NO_SPEAKER_BELOW = 0.3  # a quote the rules left without a speaker gets one only above this score


def _events(doc: Doc, text: str, raw: list[RawQuote], resolved, reg: SpeakerRegistry, people: list[Phrase]):
    """Every place a known speaker is mentioned: (char offset, speaker index, kind, mention)."""
    index = {id(sp): k for k, sp in enumerate(reg.speakers)}
    out = []
    for rq, (sp, m) in zip(raw, resolved, strict=True):
        if sp is not None and m is not None:
            out.append(
                (max(rq.start, m.start) if m.kind in {"pronoun", "clitic"} else m.start, index[id(sp)], "speaker", m)
            )
    for ph in people:
        m = _mention(doc, ph)
        sp = next((s for s in reg.speakers if s.kind == "person" and m.text in s.name), None)
        if sp is not None:
            out.append((m.start, index[id(sp)], "subject", m))
    for k, sp in enumerate(reg.speakers):
        forms = {sp.name}
        if sp.kind == "person" and not sp.anonymous:
            forms |= {w for w in sp.name.split() if len(w) > 3 and w[:1].isupper()}
        for form in sorted(forms):  # a set: sorted, so that ties at one position do not follow the hash seed
            for i in _whole_words(text, form):
                out.append((i, k, "other", Mention(i, i + len(form), form, "name")))
    out.sort(key=lambda x: x[0])
    return out


def rerank(doc, text, raw, resolved, reg, people, ranker, trace) -> None:
    """Let the ranker decide the speaker of each quote whose mention the rules can't be sure of."""
    from bisect import bisect_left

    for ent in doc.ents:  # people the NER model found are candidates too
        if ent.label_ == "PER" and len(ent.text.split()) >= 2:
            reg.by_name(ent.text, upgrade=False)
    events = _events(doc, text, raw, resolved, reg, people)
    positions = [e[0] for e in events]
    para_of = _paragraph_index(text)
    prev_key = None
    index = {id(sp): k for k, sp in enumerate(reg.speakers)}
    for n, rq in enumerate(raw):
        sp, m = resolved[n]
        kind = m.kind if m is not None else "none"
        if sp is not None and m is not None and kind == "name" and rq.pattern != "carry":
            prev_key = index[id(sp)]
            continue
        if kind == "organization" or rq.link is not None and rq.link < n:
            prev_key = index[id(sp)] if sp is not None else prev_key
            continue
        ref = rq.cue[0] if rq.cue and rq.cue[0] < rq.start else rq.start
        cands: dict[int, Candidate] = {}
        for pos, key, ekind, em in events[: bisect_left(positions, ref)]:
            if rq.start <= pos < rq.end or ref - pos > 4000:
                continue
            c = cands.get(key)
            if c is None:
                c = cands[key] = _candidate(reg, key)
            c.last_pos, c.last_kind, c.last_paragraph = pos, ekind, para_of(pos)
            c.mentions += 1
            c.quoted_before = c.quoted_before or ekind == "speaker"
            c.mention = em
        after_limit = rq.end + 600
        for pos, key, _kind, em in events[bisect_left(positions, rq.end) :]:
            if pos > after_limit:
                break
            if key not in cands:
                c = cands[key] = _candidate(reg, key, after_pos=pos)
                c.mention = em
        if not cands:
            continue
        cl = list(cands.values())
        rule_key = index[id(sp)] if sp is not None else None
        x = features(kind, ref, rq.paragraph, rq.type == "direct", m.text if m else "", cl, rule_key, prev_key)
        if trace is not None:
            trace.append(
                {
                    "quote": (rq.start, rq.end),
                    "names": [reg.speakers[c.key].name for c in cl],
                    "x": x,
                    "kind": kind,
                    "rule": rule_key,
                }
            )
        if ranker is not None:
            probs = ranker.scores(x)
            best = int(probs.argmax())
            choice = reg.speakers[cl[best].key]
            if sp is None and probs[best] < NO_SPEAKER_BELOW:
                continue  # nobody the ranker trusts: the quote keeps no speaker
            if choice is not sp:
                mention = m if m is not None else cl[best].mention
                resolved[n] = (choice, mention)
                sp = choice
        prev_key = index[id(sp)] if sp is not None else prev_key


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


def _paragraph_index(text: str):
    from bisect import bisect_right

    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return lambda pos: bisect_right(starts, pos) - 1


def role_tokens(doc: Doc, speaker: Speaker) -> tuple[list, int] | None:
    """The tokens of a speaker's role phrase and the rule split point (index where the organisation starts)."""
    parts = [p for p in (speaker.title, speaker.organization) if p]
    if not parts:
        return None
    span = doc.char_span(min(p.start for p in parts), max(p.end for p in parts), alignment_mode="expand")
    if span is None:
        return None
    toks = list(span)
    if speaker.organization is None:
        rule = len(toks)
    else:
        rule = next((k for k, t in enumerate(toks) if t.idx >= speaker.organization.start), len(toks))
    return toks, rule


def resplit_roles(doc: Doc, speakers: list[Speaker], splitter: RoleSplitter) -> None:
    """Let the learned splitter decide where each role's title ends and its organisation begins."""
    text = doc_text(doc)
    for sp in speakers:
        got = role_tokens(doc, sp)
        if got is None:
            continue
        toks, rule = got
        s = splitter.split([t.text for t in toks], rule)
        if s == rule:
            continue

        def span(a, b, toks=toks):
            start, end = toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text)
            return Span(start, end, text[start:end])

        sp.title = span(0, s) if s > 0 else None
        sp.organization = span(s, len(toks)) if s < len(toks) else None
