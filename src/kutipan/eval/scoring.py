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

Speaker identity, roles and source kinds (issues 9 and 10; `identity`, `clusters`, `classes` and
`calibration` hold the pieces):

- Speaker accuracy strict (same full name after honorifics are removed) and lenient (one name's words all
  inside the other's), over matched quotes with a gold speaker, overall and per gold speaker `kind`
  (`person`, `organization`, `group`), and the recall of gold quotes whose speaker is an organisation or a
  group (all gold quotes count: a missed quote is a missed voice).
- Speaker clustering: B-cubed over matched quotes (which quotes share a speaker, whatever its name).
- Invented speakers: predicted speakers whose name is inside no gold speaker's name or alias.
- Roles over all matched quotes with a gold speaker (two nulls agree): title, organisation and role exact
  and word-F1, and role precision (of the quotes given a role, the share whose gold has one).
- `source_type` per quote: per-class P/R/F1, macro-F1, accuracy (only where the gold has it).
- `canonical` organisation per gold speaker with a gold `canonical`, and apart for those whose article
  gives two forms (gold canonical differs from the span).
- Calibration: bins of `confidence` against the share of predicted quotes with the right speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kutipan.eval.calibration import calibration, format_calibration
from kutipan.eval.classes import class_report
from kutipan.eval.clusters import bcubed
from kutipan.eval.identity import gold_forms, is_invented, same_lenient, same_strict
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
        "identity": [],  # per matched quote with a gold speaker: (gold kind, strict, lenient)
        "voices": [],  # per gold quote with a speaker: (gold kind, strict hit, lenient hit)
        "gold_cl": {},
        "pred_cl": {},
        "invented": {"person": [0, 0], "organization": [0, 0], "group": [0, 0]},
        "invented_quotes": [0, 0],
        "roles_all": {k: {"exact": 0, "f1": 0.0, "n": 0} for k in ("title", "organization", "role")},
        "role_precision": [0, 0],
        "source_type": [],
        "kinds": [],
        "canonical": [0, 0],
        "canonical_two_forms": [0, 0],
        "calibration": [],
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
    gsp, psp = _speaker_of(g, gquote), _speaker_of(p, pquote)
    gr, pr = _role_parts(g, gsp), _role_parts(p, psp)
    if gr["role"]:
        _count_roles(c, gr, pr)
    _count_identity(c, gquote, pquote, gsp, psp)
    _count_roles_all(c, gr, pr)


def _count_identity(c: dict[str, Any], gquote: dict, pquote: dict, gsp: dict | None, psp: dict | None) -> None:
    """Strict and lenient name, kind and source type of one matched quote with a gold speaker."""
    gname = gquote["speaker"]["name"]
    pname = pquote["speaker"]["name"] if pquote.get("speaker") else None
    kind = (gsp or {}).get("kind", "person")
    c["identity"].append((kind, same_strict(gname, pname), same_lenient(gname, pname)))
    c["kinds"].append((kind, psp.get("kind") if psp else None))
    if gsp and gsp.get("source_type"):
        c["source_type"].append((gsp["source_type"], psp.get("source_type") if psp else None))


def _count_roles_all(c: dict[str, Any], gr: dict[str, str | None], pr: dict[str, str | None]) -> None:
    """Title, organisation and role over every matched quote with a gold speaker: two nulls agree."""
    for k in ("title", "organization", "role"):
        row = c["roles_all"][k]
        row["n"] += 1
        row["exact"] += int((gr[k] or "").casefold() == (pr[k] or "").casefold())
        row["f1"] += _word_f1(gr[k], pr[k])
    if pr["role"]:
        c["role_precision"][1] += 1
        c["role_precision"][0] += int(bool(gr["role"]))


def _count_document_speakers(c: dict[str, Any], g: Doc, p: Doc, pairs: list[tuple[int, int]]) -> None:
    """Per-document speaker figures: clusters, voices, invented speakers, canonical forms, calibration."""
    gq, pq = g.get("quotes", []), p.get("quotes", [])
    by_gold = dict(pairs)
    by_pred = {j: i for i, j in pairs}
    for i, j in pairs:
        # a quote without speaker is its own cluster, so that "nobody" never groups quotes together
        gs, ps = gq[i].get("speaker"), pq[j].get("speaker")
        c["gold_cl"][(g["id"], i)] = (g["id"], gs["entity"]) if gs else ("none", g["id"], i)
        c["pred_cl"][(g["id"], i)] = (g["id"], ps["entity"]) if ps else ("none", g["id"], i)
    for i, gquote in enumerate(gq):
        if not gquote.get("speaker"):
            continue
        kind = (_speaker_of(g, gquote) or {}).get("kind", "person")
        jg = by_gold.get(i)
        pname = pq[jg]["speaker"]["name"] if jg is not None and pq[jg].get("speaker") else None
        gname = gquote["speaker"]["name"]
        c["voices"].append((kind, same_strict(gname, pname), same_lenient(gname, pname)))
    forms = gold_forms(g.get("speakers", []))
    invented_ids = set()
    for sp in p.get("speakers", []):
        row = c["invented"].setdefault(sp.get("kind", "person"), [0, 0])
        row[1] += 1
        if is_invented(sp.get("name"), forms):
            row[0] += 1
            invented_ids.add(sp["id"])
    for q in pq:
        if q.get("speaker"):
            c["invented_quotes"][1] += 1
            c["invented_quotes"][0] += q["speaker"]["entity"] in invented_ids
    for j, q in enumerate(pq):
        ip = by_pred.get(j)
        right = False
        if ip is not None:
            gs, ps = gq[ip].get("speaker"), q.get("speaker")
            right = (gs is None and ps is None) or bool(gs and ps and same_strict(gs["name"], ps["name"]))
        c["calibration"].append((float(q.get("confidence", 0.0)), right))
    _count_canonical(c, g, p, pairs)


def _norm_form(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _count_canonical(c: dict[str, Any], g: Doc, p: Doc, pairs: list[tuple[int, int]]) -> None:
    """Per gold speaker with a gold `canonical`: the predicted speaker most of its quotes went to, compared.

    A prediction without `canonical` is read as its organisation span (canonical equals the span when the
    span is already the fullest form).
    """
    gq, pq = g.get("quotes", []), p.get("quotes", [])
    votes: dict[str, list[str]] = {}
    for i, j in pairs:
        if gq[i].get("speaker") and pq[j].get("speaker"):
            votes.setdefault(gq[i]["speaker"]["entity"], []).append(pq[j]["speaker"]["entity"])
    pred_by_id = {s["id"]: s for s in p.get("speakers", [])}
    for gsp in g.get("speakers", []):
        org = gsp.get("organization")
        if not org or not org.get("canonical"):
            continue
        ids = votes.get(gsp["id"], [])
        psp = pred_by_id.get(max(set(ids), key=ids.count)) if ids else None
        porg = (psp or {}).get("organization")
        pform = (porg.get("canonical") or porg["text"]) if porg else None
        ok = _norm_form(pform) == _norm_form(org["canonical"])
        c["canonical"][0] += ok
        c["canonical"][1] += 1
        if _norm_form(org["canonical"]) != _norm_form(org["text"]):
            c["canonical_two_forms"][0] += ok
            c["canonical_two_forms"][1] += 1


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
        pairs = _count_quotes(c, gq, pq, g["text"])
        for i, j in pairs:
            _count_speaker(c, g, p, gq[i], pq[j])
        _count_document_speakers(c, g, p, pairs)
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
    report["speaker"].update(_identity_report(c))
    report["roles_all"] = {
        k: {
            "exact": row["exact"] / row["n"] if row["n"] else 0.0,
            "word_f1": row["f1"] / row["n"] if row["n"] else 0.0,
            "n": row["n"],
        }
        for k, row in c["roles_all"].items()
    }
    rp = c["role_precision"]
    report["role_precision"] = {"precision": rp[0] / rp[1] if rp[1] else 0.0, "with_gold_role": rp[0], "pred": rp[1]}
    report["source_type"] = class_report(c["source_type"])
    report["speaker_kind"] = class_report(c["kinds"])
    report["canonical"] = {
        "accuracy": _ratio(c["canonical"]),
        "n": c["canonical"][1],
        "two_forms_accuracy": _ratio(c["canonical_two_forms"]),
        "two_forms_n": c["canonical_two_forms"][1],
    }
    report["calibration"] = calibration(c["calibration"])
    return report


def _ratio(row: list[int]) -> float:
    return row[0] / row[1] if row[1] else 0.0


def _share(rows: list[tuple], k: int) -> float:
    """The share of `rows` whose field k is true (0.0 for none)."""
    return sum(r[k] for r in rows) / len(rows) if rows else 0.0


def _kind_report(c: dict[str, Any], kind: str) -> dict[str, Any]:
    rows = [r for r in c["identity"] if r[0] == kind]
    voices = [v for v in c["voices"] if v[0] == kind]
    return {
        "strict": _share(rows, 1),
        "lenient": _share(rows, 2),
        "n": len(rows),
        "recall_strict": _share(voices, 1),
        "recall_lenient": _share(voices, 2),
        "gold_quotes": len(voices),
    }


def _identity_report(c: dict[str, Any]) -> dict[str, Any]:
    """Strict/lenient accuracy (overall and per gold kind), B-cubed, voices recall, invented speakers."""
    ident = c["identity"]
    inst = [v for v in c["voices"] if v[0] in ("organization", "group")]
    inv = c["invented"]
    inv_n = [sum(r[0] for r in inv.values()), sum(r[1] for r in inv.values())]
    return {
        "strict": _share(ident, 1),
        "lenient": _share(ident, 2),
        "by_kind": {kind: _kind_report(c, kind) for kind in ("person", "organization", "group")},
        "institution_recall": {"strict": _share(inst, 1), "lenient": _share(inst, 2), "gold_quotes": len(inst)},
        "bcubed": bcubed(c["gold_cl"], c["pred_cl"]),
        "invented": {
            "rate": _ratio(inv_n),
            "invented": inv_n[0],
            "speakers": inv_n[1],
            "by_kind": {k: {"rate": _ratio(r), "invented": r[0], "speakers": r[1]} for k, r in inv.items()},
            "quote_rate": _ratio(c["invented_quotes"]),
        },
    }


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
    lines.extend(_role_lines("role", rep["roles"]))
    for label, m in sorted(rep["entities"].items()):
        if m["gold"] or m["pred"]:
            row(f"entities {label}", m)
    if "bcubed" in sp:
        lines.extend(_speaker_lines(rep))
    return "\n".join(lines)


def _role_lines(prefix: str, roles: dict[str, Any]) -> list[str]:
    """Title, organisation and role: exact match and word-F1, one line each."""
    return [
        f"{prefix} {k:13} exact {m['exact']:.3f}  word-F1 {m['word_f1']:.3f}  (n={m['n']})" for k, m in roles.items()
    ]


def _speaker_lines(rep: dict[str, Any]) -> list[str]:
    """The identity, role, source-type, canonical and calibration lines added for issues 9 and 10."""
    sp = rep["speaker"]
    b, inv = sp["bcubed"], sp["invented"]
    lines = [
        f"speaker strict {sp['strict']:.3f}  lenient {sp['lenient']:.3f}  "
        f"B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f} (n={b['n']})",
        f"invented speakers {inv['rate']:.3f} ({inv['invented']} of {inv['speakers']}; "
        f"{inv['quote_rate']:.3f} of attributed quotes)",
    ]
    for kind, m in sp["by_kind"].items():
        if m["n"] or m["gold_quotes"]:
            lines.append(
                f"  {kind:13} strict {m['strict']:.3f}  lenient {m['lenient']:.3f}  (n={m['n']})  "
                f"recall strict {m['recall_strict']:.3f} lenient {m['recall_lenient']:.3f} (gold {m['gold_quotes']})"
            )
    ir = sp["institution_recall"]
    lines.append(
        f"organisation+group voices recall strict {ir['strict']:.3f}  lenient {ir['lenient']:.3f}"
        f"  (gold quotes {ir['gold_quotes']})"
    )
    lines.extend(_role_lines("all-quote", rep["roles_all"]))
    rp = rep["role_precision"]
    lines.append(f"role precision {rp['precision']:.3f}  ({rp['with_gold_role']} of {rp['pred']} roles given)")
    st = rep["source_type"]
    lines.append(f"source_type macro-F1 {st['macro_f1']:.3f}  accuracy {st['accuracy']:.3f}  (n={st['n']})")
    for name, m in st["classes"].items():
        lines.append(f"  {name:13} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  (gold {m['gold']})")
    ca = rep["canonical"]
    lines.append(
        f"canonical organisation {ca['accuracy']:.3f} (n={ca['n']}); two forms {ca['two_forms_accuracy']:.3f}"
        f" (n={ca['two_forms_n']})"
    )
    lines.extend(format_calibration(rep["calibration"]))
    return lines
