"""Score predicted documents against gold, both as `kutipan/1` dicts.

Kept apart from extraction, as citron's `metrics.py` and spaCy's `Scorer`: this module imports no
extraction module, so the figures do not depend on the code they measure.

- Quotes: precision, recall and F1 with exact span match, and with overlap match (a prediction matches a
  gold quote when their word overlap is at least half of the gold's words; one-to-one, best overlap
  first), overall and per quote type.
- Cues: F1 on exact cue spans.
- Speakers, over overlap-matched quotes: the share whose resolved speaker name equals the gold (after case
  folding and dropping honorifics), the share whose mention overlaps the gold mention, and end-to-end
  F1 where a quote counts only when it matches and its speaker is right.
- Roles, over matched quotes whose gold speaker has a role: exact and word-F1 agreement of `title`,
  `organization` and the joined `role`.
- Entities: exact-span P/R/F1 per label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kutipan.eval.names import normalize_name

_WORD = re.compile(r"\w+")
Doc = dict[str, Any]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def _words(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the words inside [start, end): the unit of overlap."""
    return {m.start() for m in _WORD.finditer(text, start, end)}


def match_quotes(gold: list[dict], pred: list[dict], text: str) -> list[tuple[int, int]]:
    """One-to-one overlap matching, best overlap first: pairs of (gold index, pred index)."""
    gw = [_words(text, g["start"], g["end"]) for g in gold]
    pw = [_words(text, p["start"], p["end"]) for p in pred]
    cands = []
    for i, g in enumerate(gw):
        for j, p in enumerate(pw):
            ov = len(g & p)
            if ov and ov * 2 >= len(g):
                cands.append((-ov / max(len(g | p), 1), -ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def _word_f1(a: str | None, b: str | None) -> float:
    wa, wb = _WORD.findall((a or "").casefold()), _WORD.findall((b or "").casefold())
    if not wa and not wb:
        return 1.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    p, r = common / len(wb), common / len(wa)
    return 2 * p * r / (p + r)


def _speaker_of(doc: Doc, quote: dict) -> dict | None:
    sp = quote.get("speaker")
    if not sp:
        return None
    return next((s for s in doc.get("speakers", []) if s["id"] == sp["entity"]), None)


def _role_parts(doc: Doc, speaker: dict | None) -> dict[str, str | None]:
    if speaker is None:
        return {"title": None, "organization": None, "role": None}
    t = speaker.get("title")
    o = speaker.get("organization")
    return {
        "title": t["text"] if t else None,
        "organization": o["text"] if o else None,
        "role": speaker.get("role"),
    }


def _spans_overlap(a: dict | None, b: dict | None) -> bool:
    return bool(a and b and a["start"] < b["end"] and b["start"] < a["end"])


def _new_counts() -> dict[str, Any]:
    return {
        "exact": [0, 0, 0],
        "overlap": [0, 0, 0],
        "types": {},
        "cue": [0, 0, 0],
        "speaker_name": [0, 0],
        "speaker_name_by_type": {},  # gold quote type → [right, matched with a gold speaker]
        "speaker_mention": [0, 0],
        "e2e": 0,
        "roles": {k: {"exact": 0, "f1": 0.0, "n": 0} for k in ("title", "organization", "role")},
        "entities": {},
        "docs": 0,
    }


def _add(row: list[int], tp: int, n_pred: int, n_gold: int) -> None:
    row[0] += tp
    row[1] += n_pred
    row[2] += n_gold


def _span_set(items: list[dict]) -> set[tuple[int, int]]:
    return {(x["start"], x["end"]) for x in items}


def _count_quotes(c: dict[str, Any], gq: list[dict], pq: list[dict], text: str) -> list[tuple[int, int]]:
    """Quote spans, exact and by overlap, overall and per type; returns the overlap pairs."""
    _add(c["exact"], len(_span_set(gq) & _span_set(pq)), len(pq), len(gq))
    pairs = match_quotes(gq, pq, text)
    _add(c["overlap"], len(pairs), len(pq), len(gq))
    for t in ("direct", "indirect", "mixed"):
        gt = [q for q in gq if q["type"] == t]
        pt = [q for q in pq if q["type"] == t]
        row = c["types"].setdefault(t, {"exact": [0, 0, 0], "overlap": [0, 0, 0]})
        _add(row["exact"], len(_span_set(gt) & _span_set(pt)), len(pt), len(gt))
        _add(row["overlap"], len(match_quotes(gt, pt, text)), len(pt), len(gt))
    gc = _span_set([q["cue"] for q in gq if q.get("cue")])
    pc = _span_set([q["cue"] for q in pq if q.get("cue")])
    _add(c["cue"], len(gc & pc), len(pc), len(gc))
    return pairs


def _count_roles(c: dict[str, Any], gr: dict[str, str | None], pr: dict[str, str | None]) -> None:
    """Title, organisation and role of one matched quote whose gold speaker has a role."""
    for k in ("title", "organization", "role"):
        if gr[k] is None and k != "role":
            continue
        row = c["roles"][k]
        row["n"] += 1
        row["exact"] += int((gr[k] or "").casefold() == (pr[k] or "").casefold())
        row["f1"] += _word_f1(gr[k], pr[k])


def _count_speaker(c: dict[str, Any], g: Doc, p: Doc, gquote: dict, pquote: dict) -> None:
    """Name, mention and role of the speaker of one matched quote (only when gold has a speaker)."""
    if not gquote.get("speaker"):
        return
    c["speaker_name"][1] += 1
    c["speaker_mention"][1] += 1
    by_type = c["speaker_name_by_type"].setdefault(gquote["type"], [0, 0])
    by_type[1] += 1
    gname = normalize_name(gquote["speaker"]["name"])
    pname = normalize_name(pquote["speaker"]["name"]) if pquote.get("speaker") else ""
    if gname and gname == pname:
        c["speaker_name"][0] += 1
        by_type[0] += 1
        c["e2e"] += 1
    if pquote.get("speaker") and _spans_overlap(gquote["speaker"]["mention"], pquote["speaker"]["mention"]):
        c["speaker_mention"][0] += 1
    gr = _role_parts(g, _speaker_of(g, gquote))
    if gr["role"]:
        _count_roles(c, gr, _role_parts(p, _speaker_of(p, pquote)))


def _count_entities(c: dict[str, Any], g: Doc, p: Doc) -> None:
    """Entity spans per label, for gold documents whose entities were annotated."""
    if g.get("entities") is None or not g.get("entities_gold", True):
        return
    for label in ("PER", "ORG", "LOC"):
        ge = _span_set([e for e in g["entities"] if e["label"] == label])
        pe = _span_set([e for e in p.get("entities", []) if e["label"] == label])
        _add(c["entities"].setdefault(label, [0, 0, 0]), len(ge & pe), len(pe), len(ge))


def score(gold_docs: Iterable[Doc], pred_docs: dict[str, Doc]) -> dict[str, Any]:
    """Score predictions (by document id) against gold documents; a missing prediction counts as empty."""
    c = _new_counts()
    for g in gold_docs:
        c["docs"] += 1
        p = pred_docs.get(g["id"]) or {"quotes": [], "speakers": [], "entities": []}
        gq, pq = g.get("quotes", []), p.get("quotes", [])
        for i, j in _count_quotes(c, gq, pq, g["text"]):
            _count_speaker(c, g, p, gq[i], pq[j])
        _count_entities(c, g, p)
    return _finish(c, gold_docs)


def _finish(c: dict[str, Any], gold_docs) -> dict[str, Any]:
    n_pred, n_gold = c["overlap"][1], c["overlap"][2]
    report: dict[str, Any] = {
        "documents": c["docs"],
        "quotes": {"exact": prf(*c["exact"]), "overlap": prf(*c["overlap"])},
        "quotes_by_type": {
            t: {"exact": prf(*row["exact"]), "overlap": prf(*row["overlap"])} for t, row in c["types"].items()
        },
        "cue": prf(*c["cue"]),
        "speaker": {
            "name_accuracy": c["speaker_name"][0] / c["speaker_name"][1] if c["speaker_name"][1] else 0.0,
            "mention_overlap": c["speaker_mention"][0] / c["speaker_mention"][1] if c["speaker_mention"][1] else 0.0,
            "matched_with_gold_speaker": c["speaker_name"][1],
            "name_accuracy_by_type": {t: r / n if n else 0.0 for t, (r, n) in c["speaker_name_by_type"].items()},
            "end_to_end": prf(c["e2e"], n_pred, n_gold),
        },
        "roles": {
            k: {
                "exact": row["exact"] / row["n"] if row["n"] else 0.0,
                "word_f1": row["f1"] / row["n"] if row["n"] else 0.0,
                "n": row["n"],
            }
            for k, row in c["roles"].items()
        },
        "entities": {label: prf(*row) for label, row in c["entities"].items()},
    }
    return report


def format_report(rep: dict[str, Any]) -> str:
    """A readable table of a `score` report."""
    lines = [f"{'':24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}"]

    def row(name: str, m: dict) -> None:
        lines.append(
            f"{name:24}{m['precision']:7.3f}{m['recall']:7.3f}{m['f1']:7.3f}{m['tp']:7d}{m['pred']:7d}{m['gold']:7d}"
        )

    row("quotes exact", rep["quotes"]["exact"])
    row("quotes overlap", rep["quotes"]["overlap"])
    for t, m in sorted(rep["quotes_by_type"].items()):
        row(f"  {t} exact", m["exact"])
        row(f"  {t} overlap", m["overlap"])
    row("cue exact", rep["cue"])
    row("speaker end-to-end", rep["speaker"]["end_to_end"])
    sp = rep["speaker"]
    lines.append(
        f"speaker name accuracy {sp['name_accuracy']:.3f}, mention overlap {sp['mention_overlap']:.3f} "
        f"(over {sp['matched_with_gold_speaker']} matched quotes with a gold speaker)"
    )
    by_type = sp.get("name_accuracy_by_type", {})
    if by_type:
        lines.append("speaker name accuracy by type: " + ", ".join(f"{t} {a:.3f}" for t, a in sorted(by_type.items())))
    for k, m in rep["roles"].items():
        lines.append(f"role {k:13} exact {m['exact']:.3f}  word-F1 {m['word_f1']:.3f}  (n={m['n']})")
    for label, m in sorted(rep["entities"].items()):
        if m["gold"] or m["pred"]:
            row(f"entities {label}", m)
    return "\n".join(lines)
