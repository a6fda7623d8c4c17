"""Compare two annotations of the same documents: agreement figures and review change counts.

Both inputs are resolved gold documents (`kutipan/1` dicts with `text`), as `scripts/build_corpus.py`
makes them from drafts. Two uses, one matching:

- `agreement(first, second)`: how far a blind second annotation agrees with the first (issue 11 asks for
  quote span F1, cue F1, speaker strict and B-cubed, title and organisation exact, source type accuracy).
- `review_changes(first, reviewed)`: what a reviewer changed in a first pass, as counts.

Quotes are paired with `scoring.match_quotes` (one-to-one, at least half of the first pass's words); every
speaker-level figure is computed over those pairs, so that a missed quote counts once (in span F1) and not
again in every speaker figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kutipan.eval.clusters import bcubed
from kutipan.eval.names import normalize_name
from kutipan.eval.scoring import match_quotes, prf

Doc = dict[str, Any]
__all__ = ["agreement", "bcubed", "format_agreement", "review_changes"]


def _speaker(doc: Doc, quote: dict) -> dict | None:
    sp = quote.get("speaker")
    if not sp:
        return None
    return next((s for s in doc.get("speakers", []) if s["id"] == sp["entity"]), None)


def _part(speaker: dict | None, key: str) -> str | None:
    span = speaker.get(key) if speaker else None
    return span["text"] if span else None


def _span(q: dict | None) -> tuple[int, int] | None:
    return (q["start"], q["end"]) if q else None


_KIND_KEYS = ("title", "organization", "source_type", "speaker_kind", "cue_kind")


@dataclass
class _Tally:
    """Running counts of `agreement`, one document pair at a time."""

    n: Counter[str] = field(default_factory=Counter)
    strict: list[int] = field(default_factory=lambda: [0, 0])
    kinds: dict[str, list[int]] = field(
        default_factory=lambda: {
            k: [0, 0] for k in ("title", "organization", "source_type", "speaker_kind", "cue_kind")
        }
    )
    gold_cl: dict[Hashable, Hashable] = field(default_factory=dict)
    pred_cl: dict[Hashable, Hashable] = field(default_factory=dict)
    docs: int = 0


def _tally_cues(t: _Tally, qa: list[dict], qb: list[dict]) -> None:
    """Cue spans, and cue kinds where both passes give the same cue span."""
    ca = {(_span(q["cue"]), q["cue"].get("kind")) for q in qa if q.get("cue")}
    cb = {(_span(q["cue"]), q["cue"].get("kind")) for q in qb if q.get("cue")}
    ca_s, cb_s = {c[0] for c in ca}, {c[0] for c in cb}
    t.n["cue_tp"] += len(ca_s & cb_s)
    t.n["cue_a"] += len(ca_s)
    t.n["cue_b"] += len(cb_s)
    kind_a, kind_b = dict(ca), dict(cb)
    for c in ca_s & cb_s:
        if kind_a[c] is not None or kind_b[c] is not None:
            t.kinds["cue_kind"][0] += kind_a[c] == kind_b[c]
            t.kinds["cue_kind"][1] += 1


def _tally_speaker_parts(t: _Tally, spa: dict, spb: dict | None) -> None:
    """Title and organisation (where either pass gives one), source type and kind of a reference speaker."""
    for key in ("title", "organization"):
        # over quotes where either pass gives the part: two nulls would only inflate the figure
        pa, pb = _part(spa, key), _part(spb, key)
        if pa or pb:
            t.kinds[key][0] += int((pa or "").casefold() == (pb or "").casefold())
            t.kinds[key][1] += 1
    for key, fld in (("source_type", "source_type"), ("speaker_kind", "kind")):
        if spa.get(fld) is not None:
            t.kinds[key][0] += int(spb is not None and spb.get(fld) == spa[fld])
            t.kinds[key][1] += 1


def _tally_pair(t: _Tally, a: Doc, b: Doc, i: int, j: int) -> None:
    """One matched quote pair: its speaker clusters, strict name agreement and speaker parts."""
    spa, spb = _speaker(a, a["quotes"][i]), _speaker(b, b["quotes"][j])
    # a quote without speaker is its own cluster, so that "nobody" never groups quotes together
    t.gold_cl[(a["id"], i)] = (a["id"], spa["id"]) if spa else ("none", a["id"], i)
    t.pred_cl[(a["id"], i)] = (a["id"], spb["id"]) if spb else ("none", a["id"], i)
    if spa is None and spb is None:
        return
    t.strict[1] += 1
    if spa and spb and normalize_name(spa["name"]) == normalize_name(spb["name"]):
        t.strict[0] += 1
    if spa is not None:
        _tally_speaker_parts(t, spa, spb)


def agreement(first: Iterable[Doc], second: dict[str, Doc]) -> dict[str, Any]:
    """Agreement of `second` (by id) with `first` as reference; a missing second document counts as empty."""
    t = _Tally()
    for a in first:
        t.docs += 1
        b = second.get(a["id"]) or {"quotes": [], "speakers": []}
        a = {**a, "quotes": a.get("quotes", [])}
        b = {**b, "quotes": b.get("quotes", [])}
        qa, qb = a["quotes"], b["quotes"]
        t.n["exact_tp"] += len({_span(q) for q in qa} & {_span(q) for q in qb})
        t.n["a"] += len(qa)
        t.n["b"] += len(qb)
        _tally_cues(t, qa, qb)
        pairs = match_quotes(qa, qb, a["text"])
        t.n["overlap_tp"] += len(pairs)
        for i, j in pairs:
            _tally_pair(t, a, b, i, j)
    n, kinds = t.n, t.kinds
    return {
        "documents": t.docs,
        "quote_span_exact": prf(n["exact_tp"], n["b"], n["a"]),
        "quote_span_overlap": prf(n["overlap_tp"], n["b"], n["a"]),
        "cue": prf(n["cue_tp"], n["cue_b"], n["cue_a"]),
        "speaker_strict": {"accuracy": t.strict[0] / t.strict[1] if t.strict[1] else 0.0, "n": t.strict[1]},
        "speaker_bcubed": bcubed(t.gold_cl, t.pred_cl),
        **{f"{k}_exact" if k in ("title", "organization") else f"{k}_accuracy": _acc(v) for k, v in kinds.items()},
    }


def _acc(v: list[int]) -> dict[str, float | int]:
    return {"accuracy": v[0] / v[1] if v[1] else 0.0, "n": v[1]}


def format_agreement(rep: dict[str, Any]) -> str:
    """The agreement figures as a small table."""
    lines = [f"{rep['documents']} documents"]
    for k in ("quote_span_exact", "quote_span_overlap", "cue"):
        m = rep[k]
        lines.append(
            f"{k:22} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  ({m['gold']} vs {m['pred']})"
        )
    b = rep["speaker_bcubed"]
    lines.append(f"{'speaker_bcubed':22} P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  (n={b['n']})")
    for k in (k for k in rep if k.endswith(("_accuracy", "_exact")) and k != "quote_span_exact"):
        lines.append(f"{k:22} {rep[k]['accuracy']:.3f}  (n={rep[k]['n']})")
    lines.append(f"{'speaker_strict':22} {rep['speaker_strict']['accuracy']:.3f}  (n={rep['speaker_strict']['n']})")
    return "\n".join(lines)


def _speaker_view(doc: Doc) -> dict[str, dict]:
    """Speakers by normalised name, with the fields a review may change."""
    out = {}
    for s in doc.get("speakers", []):
        org = s.get("organization")
        out[normalize_name(s["name"])] = {
            "title": _part(s, "title"),
            "organization": org["text"] if org else None,
            "canonical": org.get("canonical") if org else None,
            "honorific": sorted(h["text"] for h in s.get("honorific") or []),
            "kind": s.get("kind"),
            "source_type": s.get("source_type"),
            "aliases": sorted(s.get("aliases") or []),
        }
    return out


def review_changes(first: Doc, reviewed: Doc) -> Counter:
    """What a review changed in one document, as counts (all zero when it changed nothing).

    Keys: quotes_added, quotes_removed, quotes_respanned, quote_type_changed, cue_changed, cue_kind_changed,
    speaker_changed, mention_changed, and per speaker (matched by normalised name): speakers_added,
    speakers_removed, role_changed (title or organisation), canonical_changed, honorific_changed,
    kind_changed, source_type_changed, aliases_changed.
    """
    c: Counter = Counter()
    qa, qb = first.get("quotes", []), reviewed.get("quotes", [])
    pairs = match_quotes(qa, qb, first["text"])
    c["quotes_removed"] += len(qa) - len(pairs)
    c["quotes_added"] += len(qb) - len(pairs)
    for i, j in pairs:
        a, b = qa[i], qb[j]
        c["quotes_respanned"] += _span(a) != _span(b)
        c["quote_type_changed"] += a["type"] != b["type"]
        c["cue_changed"] += _span(a.get("cue")) != _span(b.get("cue"))
        if a.get("cue") and b.get("cue") and _span(a["cue"]) == _span(b["cue"]):
            c["cue_kind_changed"] += a["cue"].get("kind") != b["cue"].get("kind")
        sa, sb = _speaker(first, a), _speaker(reviewed, b)
        c["speaker_changed"] += normalize_name(sa["name"] if sa else None) != normalize_name(sb["name"] if sb else None)
        ma = a["speaker"]["mention"] if a.get("speaker") else None
        mb = b["speaker"]["mention"] if b.get("speaker") else None
        c["mention_changed"] += _span(ma) != _span(mb)
    va, vb = _speaker_view(first), _speaker_view(reviewed)
    c["speakers_removed"] += len(va.keys() - vb.keys())
    c["speakers_added"] += len(vb.keys() - va.keys())
    for name in va.keys() & vb.keys():
        x, y = va[name], vb[name]
        c["role_changed"] += (x["title"], x["organization"]) != (y["title"], y["organization"])
        for key in ("canonical", "honorific", "kind", "source_type", "aliases"):
            c[f"{key}_changed"] += x[key] != y[key]
    return c
