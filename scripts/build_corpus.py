"""Turn text-anchored annotation drafts into kutipan/1 gold (corpus/*.jsonl).

Annotators write drafts by quoting strings of the text instead of counting characters; this script finds
the strings and computes the offsets, so that gold offsets are exact by construction.

Draft format (one JSON file per document)::

    {"id": "newsdev-001" | "w-001", "source": "news-dev" | "written",
     "text": "...",                      # written documents only
     "topic": "politics",                # written documents only
     "speakers": [{"key": "s_bimo", "name": "Bimo Wijayanto", "kind": "person",
                   "anchor": "Direktur Jenderal Pajak Kemenkeu Bimo Wijayanto",
                   "title": "Direktur Jenderal Pajak", "organization": "Kemenkeu",
                   "honorific": ["AKBP"]}],
     "quotes": [{"type": "direct", "text": "exact content", "cue": "ujar", "cue_at": null,
                 "speaker": "s_bimo", "mention": "Bimo", "mention_kind": "name", "mention_at": null}],
     "entities": [{"text": "Kementerian Keuangan", "label": "ORG"}]}

Resolution rules:
- quotes are listed in text order; each `text` is searched from the previous quote's start onwards.
- `cue` is the occurrence nearest the quote (outside a direct quote's content); `cue_at` is an optional
  longer string around it, to pick the right occurrence (the nearest occurrence of `cue_at`).
- `mention` is nearest the cue (or the quote without a cue); `nya` is taken from the end of the cue word.
- a speaker's `anchor` is the occurrence that holds its role; `title`, `organization` and `honorific`
  are searched inside it. Without an anchor they are searched nearest the speaker's first mention.

Usage::

    python scripts/build_corpus.py --check DRAFT.json ...     # resolve, print problems and a reading view
    python scripts/build_corpus.py --drafts build/annot        # write corpus/newsdev.jsonl, written.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news-dev" / "articles.jsonl"
SPLIT_SEED = 20261127
MARKS = set("\"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019")


class DraftError(Exception):
    """A draft string that cannot be found or placed."""

    pass


def _occurrences(text: str, needle: str, word: bool = True) -> list[int]:
    if not needle:
        return []
    pat = re.escape(needle)
    if word:
        pat = r"(?<!\w)" + pat + r"(?!\w)"
    return [m.start() for m in re.finditer(pat, text)]


def _dist(a: int, b: int, lo: int, hi: int) -> int:
    if b <= lo:
        return lo - b
    if a >= hi:
        return a - hi
    return 0


def _nearest(text, needle, lo, hi, exclude=None, at=None, word=True):
    """Nearest occurrence of needle (optionally inside the nearest occurrence of `at`)."""
    if at:
        if needle not in at:
            raise DraftError(f"{needle!r} is not inside its context {at!r}")
        ctx = _occurrences(text, at, word=False)
        if not ctx:
            raise DraftError(f"context {at!r} not found")
        c = min(ctx, key=lambda s: (_dist(s, s + len(at), lo, hi), s < lo))
        inner = _occurrences(text[c : c + len(at)], needle, word=word) or [at.index(needle)]
        # inside the context, take the occurrence nearest to the quote
        s = min((c + i for i in inner), key=lambda s: _dist(s, s + len(needle), lo, hi))
        return s, s + len(needle)
    occ = _occurrences(text, needle, word=word)
    if exclude:
        occ = [s for s in occ if not (exclude[0] <= s < exclude[1])]
    if not occ:
        raise DraftError(f"{needle!r} not found")
    s = min(occ, key=lambda s: (_dist(s, s + len(needle), lo, hi), s < lo))
    return s, s + len(needle)


def _span(text, s, e):
    return {"text": text[s:e], "start": s, "end": e}


def resolve(draft: dict, text: str) -> tuple[dict, list[str]]:
    """Resolve one draft against its text; return the gold document and a list of problems."""
    problems: list[str] = []
    keys = {sp["key"]: f"s{i + 1}" for i, sp in enumerate(draft.get("speakers", []))}
    quotes = []
    cursor = 0
    first_mention: dict[str, tuple[int, int]] = {}
    for n, q in enumerate(draft.get("quotes", []), 1):
        where = f"quote {n} ({q.get('text', '')[:40]!r})"
        try:
            qs = text.find(q["text"], cursor)
            if qs < 0:
                raise DraftError("content not found after the previous quote")
            qe = qs + len(q["text"])
            cursor = qs + 1
            cue = None
            excl = (qs, qe) if q["type"] == "direct" else None
            if q.get("cue"):
                cs, ce = _nearest(text, q["cue"], qs, qe, exclude=excl, at=q.get("cue_at"))
                cue = _span(text, cs, ce)
            speaker = None
            if q.get("speaker"):
                if q["speaker"] not in keys:
                    raise DraftError(f"unknown speaker key {q['speaker']!r}")
                m = q.get("mention")
                if not m:
                    raise DraftError("speaker without mention")
                if m == "nya" and cue and cue["text"].endswith("nya") and not q.get("mention_at"):
                    ms, me = cue["end"] - 3, cue["end"]
                else:
                    lo, hi = (cue["start"], cue["end"]) if cue else (qs, qe)
                    ms, me = _nearest(text, m, lo, hi, exclude=excl, at=q.get("mention_at"))
                kind = q.get("mention_kind", "name")
                if kind not in {"name", "pronoun", "clitic", "role", "organization"}:
                    raise DraftError(f"bad mention_kind {kind!r}")
                speaker = {"entity": keys[q["speaker"]], "mention": {**_span(text, ms, me), "kind": kind}}
                first_mention.setdefault(q["speaker"], (ms, me))
            if q["type"] == "direct":
                before = text[qs - 1] if qs else ""
                after = text[qe] if qe < len(text) else "\n"
                if before not in MARKS:
                    raise DraftError("direct content must start right after a quotation mark")
                if after not in MARKS and after != "\n":
                    raise DraftError("direct content must end right before a quotation mark or the paragraph end")
            if q["type"] not in {"direct", "indirect", "mixed"}:
                raise DraftError(f"bad type {q['type']!r}")
            quotes.append(
                {
                    "id": f"q{len(quotes) + 1}",
                    "type": q["type"],
                    **_span(text, qs, qe),
                    "cue": cue,
                    "speaker": speaker,
                    "confidence": 1.0,
                }
            )
        except (DraftError, KeyError) as exc:
            problems.append(f"{where}: {exc}")
    speakers = []
    for sp in draft.get("speakers", []):
        sid = keys[sp["key"]]
        where = f"speaker {sp['key']}"
        try:
            lo, hi = first_mention.get(sp["key"], (0, 0))
            base = 0
            region = text
            if sp.get("anchor"):
                a = _occurrences(text, sp["anchor"], word=False)
                if not a:
                    raise DraftError(f"anchor {sp['anchor']!r} not found")
                base = min(a, key=lambda s: _dist(s, s + len(sp["anchor"]), lo, hi))
                region = text[base : base + len(sp["anchor"])]
                lo, hi = 0, len(region)
            else:
                lo, hi = lo - base, hi - base

            def find(part, region=region, base=base, lo=lo, hi=hi):
                if not part:
                    return None
                s, e = _nearest(region, part, lo, hi)
                return _span(text, base + s, base + e)

            title = find(sp.get("title"))
            org = find(sp.get("organization"))
            hon = [find(h) for h in sp.get("honorific") or []] or None
            role = None
            parts = [p for p in (title, org) if p]
            if parts:
                rs, re_ = min(p["start"] for p in parts), max(p["end"] for p in parts)
                role = text[rs:re_]
            qids = [q["id"] for q in quotes if q["speaker"] and q["speaker"]["entity"] == sid]
            mentions = {}
            for q in quotes:
                if q["speaker"] and q["speaker"]["entity"] == sid:
                    m = q["speaker"]["mention"]
                    mentions[(m["start"], m["end"])] = m
            # a speaker named only by a role or group phrase ("seorang warga", "Analis") gets no
            # automatic mentions; a named one gets every occurrence of its full name (GUIDE §8.15)
            role_only = all(m["kind"] in {"role", "organization"} for m in mentions.values()) and any(
                m["text"] == sp["name"] for m in mentions.values()
            )
            named = sp.get("kind", "person") == "person" and sp["name"][:1].isupper() and not role_only
            for s in _occurrences(text, sp["name"]) if named else []:
                mentions.setdefault((s, s + len(sp["name"])), {**_span(text, s, s + len(sp["name"])), "kind": "name"})
            if sp.get("kind", "person") not in {"person", "organization"}:
                raise DraftError(f"bad kind {sp.get('kind')!r}")
            speakers.append(
                {
                    "id": sid,
                    "name": sp["name"],
                    "kind": sp.get("kind", "person"),
                    "role": role,
                    "title": title,
                    "organization": org,
                    "honorific": hon,
                    "mentions": [mentions[k] for k in sorted(mentions)],
                    "quotes": qids,
                }
            )
        except (DraftError, KeyError) as exc:
            problems.append(f"{where}: {exc}")
    for q in quotes:
        if q["speaker"]:
            q["speaker"]["name"] = (
                next(s["name"] for s in speakers if s["id"] == q["speaker"]["entity"])
                if any(s["id"] == q["speaker"]["entity"] for s in speakers)
                else None
            )
            q["speaker"] = {
                "entity": q["speaker"]["entity"],
                "name": q["speaker"]["name"],
                "mention": q["speaker"]["mention"],
            }
    entities = []
    taken: list[tuple[int, int]] = []
    for ent in sorted(draft.get("entities", []), key=lambda e: -len(e["text"])):
        if ent.get("label") not in {"PER", "ORG", "LOC"}:
            problems.append(f"entity {ent.get('text')!r}: bad label {ent.get('label')!r}")
            continue
        occ = _occurrences(text, ent["text"])
        if not occ:
            problems.append(f"entity {ent['text']!r} not found")
        for s in occ:
            e = s + len(ent["text"])
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            entities.append({**_span(text, s, e), "label": ent["label"]})
    entities.sort(key=lambda e: e["start"])
    for a, b in zip(quotes, quotes[1:], strict=False):
        if b["start"] < a["end"]:
            problems.append(f"quotes {a['id']} and {b['id']} overlap")
    doc = {
        "schema": "kutipan/1",
        "id": draft["id"],
        "quotes": quotes,
        "speakers": speakers,
        "entities": entities,
    }
    return doc, problems


def load_news() -> dict[str, str]:
    if not NEWS.exists():
        sys.exit(f"{NEWS}: not found (news-dev drafts need ../shared/data beside the project)")
    out = {}
    with NEWS.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out[d["id"]] = d["text"]
    return out


def text_of(draft: dict, news: dict[str, str] | None) -> str:
    if draft.get("source") == "written" or "text" in draft:
        return draft["text"]
    if news is None:
        news = load_news()
    return news[draft["id"]]


def render(doc: dict, text: str) -> str:
    """A reading view: each quote with cue and mention marked, for checking by eye."""
    lines = []
    names = {s["id"]: s for s in doc["speakers"]}
    for q in doc["quotes"]:
        sp = q["speaker"]
        who = "-"
        if sp:
            s = names.get(sp["entity"], {})
            who = f"{s.get('name')} via {sp['mention']['text']!r}/{sp['mention']['kind']} [{s.get('role')}]"
        cue = q["cue"]["text"] if q["cue"] else "-"
        lines.append(f"{q['id']} {q['type']:8} cue={cue:12} who={who}\n    «{q['text'][:160]}»")
    for s in doc["speakers"]:
        t = s["title"]["text"] if s["title"] else None
        o = s["organization"]["text"] if s["organization"] else None
        h = [x["text"] for x in s["honorific"]] if s["honorific"] else None
        lines.append(f"{s['id']} {s['name']} ({s['kind']}) title={t!r} org={o!r} hon={h} quotes={s['quotes']}")
    return "\n".join(lines)


def assign_splits(ids: list[str], recorded: dict[str, str] | None = None) -> dict[str, str]:
    """60/20/20 by document, fixed once and recorded.

    Documents already in the corpus keep the split recorded there. The first build split by a seeded shuffle
    of the sorted ids; documents added later get a split from a hash of their id (60/20/20), so adding
    documents never moves old ones between splits.
    """
    recorded = recorded or {}
    new = sorted(i for i in ids if i not in recorded)
    out = {i: recorded[i] for i in ids if i in recorded}
    if not recorded:
        random.Random(SPLIT_SEED).shuffle(new)
        n = len(new)
        n_train, n_dev = round(n * 0.6), round(n * 0.2)
        out.update(
            {d: ("train" if k < n_train else "dev" if k < n_train + n_dev else "test") for k, d in enumerate(new)}
        )
        return out
    for d in new:
        h = int(hashlib.sha256(d.encode("utf-8")).hexdigest(), 16) % 10
        out[d] = "train" if h < 6 else "dev" if h < 8 else "test"
    return out


def strip_text(obj):
    """Standoff: drop every `text` field of spans (the article text stays with its publisher)."""
    if isinstance(obj, dict):
        return {k: strip_text(v) for k, v in obj.items() if not (k == "text" and "start" in obj)}
    if isinstance(obj, list):
        return [strip_text(v) for v in obj]
    return obj


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", nargs="*", help="draft files to resolve and show")
    ap.add_argument("--drafts", help="folder of drafts (news-dev/ and written/ below it)")
    ap.add_argument("--out", default=str(ROOT / "corpus"))
    args = ap.parse_args(argv)
    news = load_news() if NEWS.exists() else None
    if args.check:
        bad = 0
        for f in args.check:
            draft = json.loads(Path(f).read_text(encoding="utf-8"))
            text = text_of(draft, news)
            doc, problems = resolve(draft, text)
            print(
                f"== {f}: {len(doc['quotes'])} quotes, {len(doc['speakers'])} speakers, "
                f"{len(doc['entities'])} entities, {len(problems)} problems"
            )
            for p in problems:
                print("  PROBLEM", p)
            print(render(doc, text))
            bad += bool(problems)
        return 1 if bad else 0
    if not args.drafts:
        ap.error("give --check or --drafts")
    root = Path(args.drafts)
    out = Path(args.out)
    failed = 0
    for part, fname in (("news-dev", "newsdev.jsonl"), ("written", "written.jsonl")):
        files = sorted((root / part).glob("*.json"))
        if not files:
            continue
        drafts = [json.loads(f.read_text(encoding="utf-8")) for f in files]
        recorded = {}
        if (out / fname).exists():
            for line in (out / fname).read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                recorded[row["id"]] = row["split"]
        splits = assign_splits([d["id"] for d in drafts], recorded)
        rows = []
        for f, draft in zip(files, drafts, strict=True):
            text = text_of(draft, news)
            doc, problems = resolve(draft, text)
            if problems:
                failed += 1
                print(f"{f}: " + "; ".join(problems), file=sys.stderr)
                continue
            doc["split"] = splits[draft["id"]]
            doc["source"] = part
            doc["entities_gold"] = bool(draft.get("entities"))
            if part == "news-dev":
                doc = strip_text(doc)
                for sp in doc["speakers"]:
                    sp.pop("role", None)  # a role phrase is article text; the loader rebuilds it from its spans
                doc["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            else:
                doc["text"] = text
                doc["topic"] = draft.get("topic")
            rows.append(doc)
        with (out / fname).open("w", encoding="utf-8") as fh:
            for doc in sorted(rows, key=lambda d: d["id"]):
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{out / fname}: {len(rows)} documents")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
