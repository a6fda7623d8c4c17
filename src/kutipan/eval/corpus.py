"""Load and validate the gold corpus in `corpus/`.

Gold documents are JSON Lines in the `kutipan/1` schema plus `split` (`train`, `dev`, `test`) and
`source` (`news-dev`, `news-train` or `written`). Documents we wrote carry their `text`. Annotations over
the shared news articles are standoff: they carry no text (the text stays with its publisher), only offsets,
the article id and `text_sha256`; the loader joins them to `../shared/data/news-dev/articles.jsonl` and
`../shared/data/news-train/articles.jsonl` and fills every span's `text`, each speaker's `role` (the text
from its title to its organisation) and its organisation's `canonical` form (from `canonical_span`), and
skips them with a message when those files are not there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from kutipan.errors import KutipanError

log = logging.getLogger("kutipan")
SPLITS = ("train", "dev", "test")
SOURCES = ("news-dev", "news-train", "written")
SPEAKER_KINDS = ("person", "organization", "group")
SOURCE_TYPES = ("official", "expert", "organization", "public_figure", "citizen", "unknown")
CUE_KINDS = ("speech", "directive", "belief")


class CorpusError(KutipanError):
    """A corpus file that can't be read or doesn't follow the schema."""


def shared_news_path(corpus_path: Path) -> Path:
    """Where the shared news articles are: `$KUTIPAN_NEWS`, else `../shared` beside the repository."""
    env = os.environ.get("KUTIPAN_NEWS")
    if env:
        return Path(env)
    root = corpus_path.resolve()
    root = root.parent if root.is_file() else root
    return root.parent.parent / "shared" / "data" / "news-dev" / "articles.jsonl"


def shared_news_paths(corpus_path: Path) -> list[Path]:
    """All shared news files: `$KUTIPAN_NEWS` (several joined by `os.pathsep`), else news-dev and news-train."""
    env = os.environ.get("KUTIPAN_NEWS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    dev = shared_news_path(corpus_path)
    return [dev, dev.parent.parent / "news-train" / "articles.jsonl"]


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    try:
        # split on "\n" only: str.splitlines also breaks at U+2028 and U+0085, which JSON strings may hold raw
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return out


def fill_text(obj: Any, text: str) -> Any:
    """Set every span's `text` from its offsets (the inverse of storing standoff)."""
    if isinstance(obj, dict):
        out = {k: fill_text(v, text) for k, v in obj.items()}
        if "start" in out and "end" in out and isinstance(out["start"], int):
            out["text"] = text[out["start"] : out["end"]]
        return out
    if isinstance(obj, list):
        return [fill_text(v, text) for v in obj]
    return obj


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    if path.exists():
        return [path]
    raise CorpusError(f"{path}: no such file or folder")


def trainable(doc: dict) -> bool:
    """Whether a model may be trained or tuned on this gold document.

    Not ANTARA text: ANTARA forbids AI use of its text without written permission, so its articles in
    news-dev are for evaluation only. Not an outlet held out for the leave-outlets-out test: those
    documents measure how the extractor does on outlets it never learnt from.
    """
    outlet = str(doc.get("outlet") or "").casefold()
    return "antara" not in outlet and not doc.get("heldout_outlet", False)


# A speaker name of this many words or more is stored in standoff files as a span (`name_span`), not as
# text: group and institution names copied from an article ("para pedagang di … dan petani …") are
# article text, and the repository must hold no run of an article's words.
LONG_NAME_WORDS = 5


def hide_long_names(doc: dict, text: str) -> dict:
    """Replace long speaker names that occur in `text` by `name_span` offsets (for standoff files)."""
    refs = [q["speaker"] for q in doc.get("quotes", []) if q.get("speaker")]
    for obj in [*doc.get("speakers", []), *refs]:
        name = obj.get("name")
        if isinstance(name, str) and len(name.split()) >= LONG_NAME_WORDS and (i := text.find(name)) >= 0:
            del obj["name"]
            obj["name_span"] = {"start": i, "end": i + len(name)}
    return doc


def _show_long_names(doc: dict, text: str) -> None:
    """The inverse of `hide_long_names`, when a standoff document is joined to its article."""
    refs = [q["speaker"] for q in doc.get("quotes", []) if q.get("speaker")]
    for obj in [*doc.get("speakers", []), *refs]:
        span = obj.pop("name_span", None)
        if span is not None:
            obj["name"] = text[span["start"] : span["end"]]


def _join_standoff(f: Path, d: dict, news: dict[str, str]) -> dict:
    """A standoff document joined to its shared article: the text, every span's text, roles, canonical.

    Raises:
        CorpusError: no article with the document's id, or the text's hash is not the recorded one.
    """
    text = news.get(d["id"])
    if text is None:
        raise CorpusError(f"{f}: {d['id']}: no article with this id in the shared news file")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != d.get("text_sha256"):
        raise CorpusError(f"{f}: {d['id']}: text_sha256 does not match the shared article")
    _show_long_names(d, text)
    d = fill_text(d, text)
    d["text"] = text
    for sp in d.get("speakers", []):
        parts = [p for p in (sp.get("title"), sp.get("organization")) if p]
        sp["role"] = text[min(p["start"] for p in parts) : max(p["end"] for p in parts)] if parts else None
        org = sp.get("organization")
        if org and "canonical_span" in org:
            canon = org.pop("canonical_span")
            org["canonical"] = canon["text"] if canon else None
    return d


def load_corpus(
    path: str | Path, split: str = "all", source: str | None = None, trainable_only: bool = False
) -> list[dict]:
    """Gold documents with their text, filtered by split and source.

    `trainable_only=True` keeps only documents a model may learn from (`trainable`); every training
    script loads the corpus that way.

    Raises:
        CorpusError: a file is unreadable, a standoff hash doesn't match its article, or a document fails
            `validate_document`.
    """
    path = Path(path)
    docs: list[dict] = []
    news: dict[str, str] | None = None
    skipped = 0
    for f in _files(path):
        for d in _read_jsonl(f):
            if split != "all" and d.get("split") != split:
                continue
            if source and d.get("source") != source:
                continue
            if trainable_only and not trainable(d):
                continue
            if "text" not in d:
                if news is None:
                    news = _load_news(shared_news_paths(path))
                if not news:
                    skipped += 1
                    continue
                d = _join_standoff(f, d, news)
            problems = validate_document(d)
            if problems:
                raise CorpusError(f"{f}: {d.get('id')}: " + "; ".join(problems[:5]))
            docs.append(d)
    if skipped:
        log.warning(
            "kutipan: skipped %d standoff documents: the shared news articles are not at %s",
            skipped,
            " or ".join(str(p) for p in shared_news_paths(path)),
        )
    return docs


def _load_news(paths: list[Path]) -> dict[str, str]:
    return {d["id"]: d["text"] for path in paths if path.exists() for d in _read_jsonl(path)}


def load_predictions(path: str | Path) -> dict[str, dict]:
    """Predicted documents (kutipan/1 JSON Lines, or one JSON document or array) by id."""
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file")
    raw = p.read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
        docs = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        docs = _read_jsonl(p)
    return {d["id"]: d for d in docs}


def _check_span(text: str, span: dict, where: str, problems: list[str]) -> None:
    s, e = span.get("start"), span.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= len(text):
        problems.append(f"{where}: bad offsets {s}..{e}")
    elif span.get("text") is not None and text[s:e] != span["text"]:
        problems.append(f"{where}: text[{s}:{e}] is {text[s:e]!r}, not {span['text']!r}")


def _check_quote(text: str, q: dict, ids: set[str], problems: list[str]) -> None:
    w = f"quote {q.get('id')}"
    if q.get("type") not in {"direct", "indirect", "mixed"}:
        problems.append(f"{w}: bad type {q.get('type')!r}")
    _check_span(text, q, w, problems)
    if q.get("cue"):
        _check_span(text, q["cue"], w + " cue", problems)
        if q["cue"].get("kind", "speech") not in CUE_KINDS:
            problems.append(f"{w}: bad cue kind {q['cue'].get('kind')!r}")
    sp = q.get("speaker")
    if sp:
        if sp.get("entity") not in ids:
            problems.append(f"{w}: speaker {sp.get('entity')!r} is not in speakers")
        _check_span(text, sp["mention"], w + " mention", problems)
        if sp["mention"].get("kind") not in {"name", "pronoun", "clitic", "role", "organization"}:
            problems.append(f"{w}: bad mention kind {sp['mention'].get('kind')!r}")


def _check_speaker(text: str, s: dict, problems: list[str]) -> None:
    w = f"speaker {s.get('id')}"
    for k in ("title", "organization"):
        if s.get(k):
            _check_span(text, s[k], f"{w} {k}", problems)
    for h in s.get("honorific") or []:
        _check_span(text, h, f"{w} honorific", problems)
    for m in s.get("mentions", []):
        _check_span(text, m, f"{w} mention", problems)
    if s.get("kind") not in SPEAKER_KINDS:
        problems.append(f"{w}: bad kind {s.get('kind')!r}")
    if "source_type" in s and s["source_type"] not in SOURCE_TYPES:
        problems.append(f"{w}: bad source_type {s['source_type']!r}")
    if "aliases" in s and not (isinstance(s["aliases"], list) and all(isinstance(a, str) for a in s["aliases"])):
        problems.append(f"{w}: aliases must be a list of strings")


def validate_document(d: dict) -> list[str]:
    """Problems of one gold document: schema, offsets, speaker ids, overlapping quotes, split."""
    problems: list[str] = []
    text = d.get("text")
    if not isinstance(text, str):
        return ["no text"]
    if d.get("schema") != "kutipan/1":
        problems.append("schema is not kutipan/1")
    if d.get("split") not in SPLITS:
        problems.append(f"split {d.get('split')!r} is not one of {SPLITS}")
    if d.get("source") not in SOURCES:
        problems.append(f"source {d.get('source')!r} is not one of {SOURCES}")
    ids = {s["id"] for s in d.get("speakers", [])}
    quotes = d.get("quotes", [])
    for q in quotes:
        _check_quote(text, q, ids, problems)
    ordered = sorted(quotes, key=lambda q: q["start"])
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b["start"] < a["end"]:
            problems.append(f"quotes {a['id']} and {b['id']} overlap")
    for s in d.get("speakers", []):
        _check_speaker(text, s, problems)
    for e in d.get("entities", []):
        _check_span(text, e, "entity", problems)
        if e.get("label") not in {"PER", "ORG", "LOC"}:
            problems.append(f"entity {e.get('text')!r}: bad label {e.get('label')!r}")
    return problems
