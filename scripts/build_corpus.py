"""Turn text-anchored annotation drafts into kutipan/1 gold (corpus/*.jsonl).

Annotators write drafts by quoting strings of the text instead of counting characters; this script finds
the strings and computes the offsets, so that gold offsets are exact by construction.

Draft format (one JSON file per document)::

    {"id": "newsdev-001" | "newstrain-0001" | "w-001", "source": "news-dev" | "news-train" | "written",
     "text": "...",                      # written documents only
     "topic": "politics",                # written documents only
     "speakers": [{"key": "s_bimo", "name": "Bimo Wijayanto", "kind": "person" | "organization" | "group",
                   "aliases": ["Bimo"], "source_type": "official",
                   "anchor": "Direktur Jenderal Pajak Kemenkeu Bimo Wijayanto",
                   "title": "Direktur Jenderal Pajak", "organization": "Kemenkeu",
                   "canonical": "Kementerian Keuangan (Kemenkeu)",
                   "honorific": ["AKBP"]}],
     "quotes": [{"type": "direct", "text": "exact content", "cue": "ujar", "cue_at": null,
                 "cue_kind": "speech" | "directive" | "belief",
                 "speaker": "s_bimo", "mention": "Bimo", "mention_kind": "name", "mention_at": null}],
     "entities": [{"text": "Kementerian Keuangan", "label": "ORG"}],
     "furniture": ["Baca juga: ..."]}   # page furniture (GUIDE §9.7): excluded from quotes, mentions, entities

`aliases`, `source_type`, `canonical` and `cue_kind` (GUIDE §10, §9.1) are required in news-train drafts
and optional elsewhere (`cue_kind` defaults to `speech`, `canonical` to the organisation as written).
Any key may also hold a free-text `note` for the reviewer; notes are not built into the corpus.

Resolution rules:
- quotes are listed in text order; each `text` is searched from the previous quote's start onwards.
- `cue` is the occurrence nearest the quote (outside a direct quote's content); `cue_at` is an optional
  longer string around it, to pick the right occurrence (the nearest occurrence of `cue_at`).
- `mention` is nearest the cue (or the quote without a cue); `nya` is taken from the end of the cue word.
- a speaker's `anchor` is the occurrence that holds its role; `title`, `organization` and `honorific`
  are searched inside it. Without an anchor they are searched nearest the speaker's first mention.
- `canonical` is searched anywhere in the text (nearest the organisation); each alias must occur in the text.

Layout of drafts: `build/annot/<source>/<id>.json` is the first pass; a reviewer writes the corrected
whole draft to `build/review/<source>/<id>.json`, which replaces the first pass when building (`--review`);
`scripts/review_changes.py` counts what the review changed. A blind third pass goes to
`build/annot3/<source>/` and is only read by `scripts/agreement.py`.

Usage::

    python scripts/build_corpus.py --check DRAFT.json ...     # resolve, print problems and a reading view
    python scripts/build_corpus.py --drafts build/annot --review build/review
                                     # write corpus/newsdev.jsonl, newstrain.jsonl, written.jsonl
    python scripts/build_corpus.py --outlets   # add outlet/heldout_outlet to existing news-dev lines
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

from kutipan.eval.corpus import hide_long_names

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news-dev" / "articles.jsonl"
NEWS_TRAIN = ROOT.parent / "shared" / "data" / "news-train" / "articles.jsonl"
SELECTION = ROOT / "corpus" / "newstrain_selection.tsv"
PARTS = (("news-dev", "newsdev.jsonl"), ("news-train", "newstrain.jsonl"), ("written", "written.jsonl"))
SPEAKER_KINDS = {"person", "organization", "group"}
SOURCE_TYPES = {"official", "expert", "organization", "public_figure", "citizen", "unknown"}
CUE_KINDS = {"speech", "directive", "belief"}
# stems of GUIDE §9.1's directive and belief verbs: only for warnings in --check, never to decide
CUE_KIND_HINTS = {
    "directive": (
        "ingatkan", "peringatkan", "imbau", "ajak", "seru", "minta", "mohon", "desak", "tuntut", "saran",
        "pesan", "instruksi", "perintah", "janji", "ancam",
        # me- forms that drop the stem's first letter, and the verbs GUIDE §12.6 added
        "nuntut", "nyaran", "dorong", "usul", "rekomendasi", "komitmen", "tekad", "somasi",
    ),
    "belief": (
        "yakin", "optimis", "pesimis", "percaya", "harap", "khawatir", "duga", "curiga", "anggap", "merasa", "ingin",
        "ragu",
    ),
}  # fmt: skip
MAX_ALIAS_WORDS = 6
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


def _hinted_kind(cue: str) -> str:
    """The cue kind GUIDE §9.1 suggests for a cue word (`speech` unless a directive or belief stem is in it)."""
    low = cue.casefold()
    for kind, stems in CUE_KIND_HINTS.items():
        if any(st in low for st in stems):
            return kind
    return "speech"


def warnings_of(draft: dict) -> list[str]:
    """Doubts worth a second look that are not errors: a cue kind unlike the verb's usual one."""
    out = []
    for n, q in enumerate(draft.get("quotes", []), 1):
        if q.get("cue"):
            want, got = _hinted_kind(q["cue"]), q.get("cue_kind", "speech")
            if want != got:
                out.append(f"quote {n}: cue {q['cue']!r} has cue_kind {got!r}; GUIDE §9.1 suggests {want!r}")
    return out


def resolve(draft: dict, text: str) -> tuple[dict, list[str]]:
    """Resolve one draft against its text; return the gold document and a list of problems."""
    problems: list[str] = []
    strict = draft.get("source") == "news-train"  # the issue 11 fields are required there
    # page furniture (GUIDE §9.7): `Baca juga` lines, captions, tags; nothing inside them is annotated
    furniture: list[tuple[int, int]] = []
    for piece in draft.get("furniture", []):
        occ = _occurrences(text, piece, word=False)
        if not occ:
            problems.append(f"furniture {piece[:40]!r} not found")
        furniture += [(s, s + len(piece)) for s in occ]

    def in_furniture(s: int, e: int) -> bool:
        return any(fs < e and s < fe for fs, fe in furniture)

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
            if in_furniture(qs, qe):
                raise DraftError("content overlaps page furniture (GUIDE §9.7)")
            cue = None
            excl = (qs, qe) if q["type"] == "direct" else None
            if q.get("cue"):
                cs, ce = _nearest(text, q["cue"], qs, qe, exclude=excl, at=q.get("cue_at"))
                cue = _span(text, cs, ce)
                if strict and "cue_kind" not in q:
                    raise DraftError("cue_kind missing (speech, directive or belief)")
                cue["kind"] = q.get("cue_kind", "speech")
                if cue["kind"] not in CUE_KINDS:
                    raise DraftError(f"bad cue_kind {cue['kind']!r}")
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
            if org is not None:
                canon = sp.get("canonical") or org["text"]
                if strict and "canonical" not in sp:
                    raise DraftError("canonical missing (the fullest form of the organisation)")
                cs, ce = _nearest(text, canon, org["start"], org["end"])
                org["canonical"] = text[cs:ce]
                org["canonical_span"] = {"start": cs, "end": ce}
            elif sp.get("canonical"):
                raise DraftError("canonical given without an organization")
            kind = sp.get("kind", "person")
            if kind not in SPEAKER_KINDS:
                raise DraftError(f"bad kind {kind!r}")
            extra = {}
            if strict or "aliases" in sp:
                aliases = sp.get("aliases")
                if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
                    raise DraftError("aliases must be a list of strings ([] when none)")
                for a in aliases:
                    if not _occurrences(text, a):
                        raise DraftError(f"alias {a!r} not found in the text")
                    if len(a.split()) > MAX_ALIAS_WORDS:
                        raise DraftError(
                            f"alias {a!r} is longer than {MAX_ALIAS_WORDS} words: a name form, not a phrase"
                        )
                extra["aliases"] = aliases
            if strict or "source_type" in sp:
                if sp.get("source_type") not in SOURCE_TYPES:
                    raise DraftError(f"source_type {sp.get('source_type')!r} is not one of {sorted(SOURCE_TYPES)}")
                extra["source_type"] = sp["source_type"]
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
            named = kind == "person" and sp["name"][:1].isupper() and not role_only
            for s in _occurrences(text, sp["name"]) if named else []:
                if in_furniture(s, s + len(sp["name"])):
                    continue
                mentions.setdefault((s, s + len(sp["name"])), {**_span(text, s, s + len(sp["name"])), "kind": "name"})
            speakers.append(
                {
                    "id": sid,
                    "name": sp["name"],
                    "kind": kind,
                    **extra,
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
            if in_furniture(s, e) or any(s < te and ts < e for ts, te in taken):
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


def load_articles() -> dict[str, dict]:
    """The shared news articles (news-dev and news-train) by id."""
    out = {}
    for path in (NEWS, NEWS_TRAIN):
        if not path.exists():
            sys.exit(f"{path}: not found (news drafts need ../shared/data beside the project)")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                out[d["id"]] = d
    return out


def load_news() -> dict[str, str]:
    """Article text by id, over news-dev and news-train."""
    return {i: d["text"] for i, d in load_articles().items()}


def load_selection(path: Path = SELECTION) -> dict[str, dict]:
    """The news-train selection: id → {outlet, split, heldout_outlet}."""
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    rows = [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]
    return {r["id"]: {**r, "heldout_outlet": r["heldout_outlet"] == "true"} for r in rows}


def heldout_outlets(selection: dict[str, dict]) -> set[str]:
    """Outlets of the leave-outlets-out test, as recorded in the selection."""
    return {r["outlet"] for r in selection.values() if r["heldout_outlet"]}


def text_of(draft: dict, news: dict[str, str] | None) -> str:
    if draft.get("source") == "written" or "text" in draft:
        return draft["text"]
    if news is None:
        news = load_news()
    return news[draft["id"]]


def resolve_pair(first: Path, second: Path, news: dict[str, str] | None) -> tuple[dict, dict, list[str], list[str]]:
    """Two drafts of one article resolved against its text: (first, second, first's problems, second's).

    Both resolved documents carry the article `text`, ready for `agreement` or `review_changes`.
    """
    d1 = json.loads(first.read_text(encoding="utf-8"))
    d2 = json.loads(second.read_text(encoding="utf-8"))
    text = text_of(d1, news)
    a, pa = resolve(d1, text)
    b, pb = resolve(d2, text)
    a["text"] = b["text"] = text
    return a, b, pa, pb


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
        kind = q["cue"]["kind"] if q["cue"] else ""
        lines.append(f"{q['id']} {q['type']:8} cue={cue}/{kind:9} who={who}\n    «{q['text'][:160]}»")
        marks = [m for m in (q["cue"], sp["mention"] if sp else None) if m]
        if marks:
            lines.append("    at: " + _context(text, marks))
    for s in doc["speakers"]:
        t = s["title"]["text"] if s["title"] else None
        o = s["organization"]["text"] if s["organization"] else None
        h = [x["text"] for x in s["honorific"]] if s["honorific"] else None
        c = s["organization"].get("canonical") if s["organization"] else None
        lines.append(
            f"{s['id']} {s['name']} ({s['kind']}, {s.get('source_type')}) aliases={s.get('aliases')}\n"
            f"    title={t!r} org={o!r} canonical={c!r} hon={h} quotes={s['quotes']}"
        )
    return "\n".join(lines)


def _context(text: str, spans: list[dict], pad: int = 30) -> str:
    """The text around the cue and mention with each marked ⟦…⟧, to see *which* occurrence was taken."""
    spans = sorted({(m["start"], m["end"]) for m in spans})
    lo, hi = max(0, spans[0][0] - pad), min(len(text), spans[-1][1] + pad)
    out, pos = [], lo
    for s, e in spans:
        if s < pos:  # a clitic inside its cue word: mark the cue only
            continue
        out += [text[pos:s], "⟦", text[s:e], "⟧"]
        pos = e
    out.append(text[pos:hi])
    return ("…" if lo else "") + "".join(out).replace("\n", " ⏎ ") + ("…" if hi < len(text) else "")


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
        out[d] = hash_split(d)
    return out


def hash_split(doc_id: str) -> str:
    """60/20/20 from the SHA-256 of the id: stable whatever else is in the corpus."""
    h = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 10
    return "train" if h < 6 else "dev" if h < 8 else "test"


def to_standoff(doc: dict, text: str) -> dict:
    """Drop article text from a resolved news document; keep offsets and the text's SHA-256.

    A role phrase and an organisation's canonical form are article text: the loader rebuilds `role` from
    the title and organisation spans, and `canonical` from `canonical_span`.
    """
    doc = strip_text(doc)
    for sp in doc["speakers"]:
        sp.pop("role", None)
        if sp.get("organization"):
            sp["organization"].pop("canonical", None)
    hide_long_names(doc, text)  # a long group or institution name is article text too
    doc["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc


def add_outlets(out: Path, articles: dict[str, dict], held: set[str]) -> None:
    """Record `outlet` and `heldout_outlet` on every line of the existing news-dev standoff, nothing else."""
    f = out / "newsdev.jsonl"
    rows = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    with f.open("w", encoding="utf-8") as fh:
        for d in rows:
            d["outlet"] = articles[d["id"]]["outlet"]
            d["heldout_outlet"] = d["outlet"] in held
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{f}: outlets recorded on {len(rows)} documents ({sum(d['heldout_outlet'] for d in rows)} held out)")


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
    ap.add_argument("--drafts", help="folder of first-pass drafts (news-dev/, news-train/, written/ below it)")
    ap.add_argument("--review", help="folder of reviewed drafts, same layout; a reviewed draft replaces its first pass")
    ap.add_argument("--outlets", action="store_true", help="record outlet and heldout_outlet on newsdev.jsonl")
    ap.add_argument("--out", default=str(ROOT / "corpus"))
    args = ap.parse_args(argv)
    articles = load_articles() if NEWS.exists() and NEWS_TRAIN.exists() else None
    news = {i: d["text"] for i, d in articles.items()} if articles else None
    selection = load_selection()
    held = heldout_outlets(selection)
    if args.outlets:
        if articles is None:
            sys.exit("--outlets needs ../shared/data beside the project")
        add_outlets(Path(args.out), articles, held)
        return 0
    if args.check:
        bad = 0
        for f in args.check:
            try:
                draft = json.loads(Path(f).read_text(encoding="utf-8"))
                text = text_of(draft, news)
            except (OSError, ValueError, KeyError) as exc:
                print(f"== {f}: cannot read ({exc!r})")
                bad += 1
                continue
            doc, problems = resolve(draft, text)
            if draft.get("source") == "news-train" and "text" not in draft and draft["id"] not in selection:
                problems.append(f"{draft['id']} is not in {SELECTION.name}")
            print(
                f"== {f}: {len(doc['quotes'])} quotes, {len(doc['speakers'])} speakers, "
                f"{len(doc['entities'])} entities, {len(problems)} problems"
            )
            for p in problems:
                print("  PROBLEM", p)
            for w in warnings_of(draft):
                print("  CHECK", w)
            print(render(doc, text))
            bad += bool(problems)
        return 1 if bad else 0
    if not args.drafts:
        ap.error("give --check, --outlets or --drafts")
    root = Path(args.drafts)
    review = Path(args.review) if args.review else None
    out = Path(args.out)
    failed = 0
    for part, fname in PARTS:
        chosen = {f.name: f for f in sorted((root / part).glob("*.json"))}
        if review is not None:
            chosen.update({f.name: f for f in sorted((review / part).glob("*.json"))})
        files = [chosen[k] for k in sorted(chosen)]
        if not files:
            continue
        drafts = []
        for f in files:
            try:
                drafts.append(json.loads(f.read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                failed += 1
                print(f"{f}: cannot read ({exc})", file=sys.stderr)
                drafts.append(None)
        recorded = {}
        if (out / fname).exists():
            for line in (out / fname).read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                recorded[row["id"]] = row["split"]
        if part == "news-train":
            recorded.update({i: r["split"] for i, r in selection.items()})
        splits = assign_splits([d["id"] for d in drafts if d], recorded)
        rows = []
        for f, draft in zip(files, drafts, strict=True):
            if draft is None:
                continue
            if part == "news-train" and draft["id"] not in selection:
                failed += 1
                print(f"{f}: {draft['id']} is not in {SELECTION.name}", file=sys.stderr)
                continue
            try:
                text = text_of(draft, news)
            except (KeyError, TypeError):
                failed += 1
                print(f"{f}: no article or text for id {draft.get('id')!r}", file=sys.stderr)
                continue
            doc, problems = resolve(draft, text)
            if problems:
                failed += 1
                print(f"{f}: " + "; ".join(problems), file=sys.stderr)
                continue
            doc["split"] = splits[draft["id"]]
            doc["source"] = part
            doc["entities_gold"] = bool(draft.get("entities"))
            if part in ("news-dev", "news-train"):
                doc["outlet"] = articles[draft["id"]]["outlet"]
                doc["heldout_outlet"] = doc["outlet"] in held
                doc = to_standoff(doc, text)
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
