#!/usr/bin/env python
"""Train, evaluate and package the kutipan Indonesian NER model (PER / ORG / LOC).

Steps (all optional via flags):
  1. convert the corpora under --data-dir to spaCy DocBin files in --build-dir
     (train = NERGRIT train + IDNer-news-2k train [+ NERP, partial; off by default]
              + split=train docs of --extra-jsonl (default corpus/written.jsonl, skipped if absent),
      dev   = NERGRIT valid + IDNer-news-2k dev; the test splits, and the dev/test docs of
              --extra-jsonl, are converted separately and only evaluated);
  2. run ``spacy train`` with a config kept in the repo (fixed seed, CPU);
  3. evaluate model-best on each test split separately (per-label P/R/F1) and write a
     JSON report;
  4. copy model-best to --install-dir (default ``models/ner``), stripped to what
     ``spacy.load`` needs.

Converted corpora and training output stay in ``build/`` (not committed): corpus text
must never be copied into the repository.

Example (see models/ner/README.md for the figures):
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python scripts/train_ner.py              # shipped model
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python scripts/train_ner.py --baseline   # spaCy default cfg
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python scripts/train_ner.py --no-extra --no-install
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kutipan.eval.corpus import load_corpus, trainable
from spacy_training import train_fresh  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("KUTIPAN_DATA_DIR", "/work/shared/data"))
LABELS = ("PER", "ORG", "LOC")

# label maps per corpus (anything not listed -> handled per corpus, see below)
NERGRIT_MAP = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}
IDNER_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
NERP_MAP = {"PPL": "PER", "PLC": "LOC"}  # IND / EVT / FNB / O -> missing

NO_SPACE_BEFORE = {",", ".", ")", "]", "}", ":", ";", "!", "?", "%", "'s", "..."}
NO_SPACE_AFTER = {"(", "[", "{"}


# --------------------------------------------------------------------------- reading
Sentence = list[tuple[str, str]]  # (token, BIO tag)


def read_conll(path: Path, token_col: int, tag_col: int, sep: str | None) -> list[Sentence]:
    """Read blank-line separated token/tag files (handles CRLF)."""
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cols = line.split(sep)
            cur.append((cols[token_col], cols[tag_col].strip()))
    if cur:
        sents.append(cur)
    return sents


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> [(start_tok, end_tok_exclusive, raw_label)]; a stray I- opens a span."""
    spans = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def spaces_for(words: Sequence[str]) -> list[bool]:
    """Light detokenisation so doc.text looks like running text."""
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        sp = nxt is not None and w not in NO_SPACE_AFTER and nxt not in NO_SPACE_BEFORE
        spaces.append(sp)
    return spaces


def ngrams(sent: Sentence, n: int = 8) -> set:
    w = [t.lower() for t, _ in sent]
    if len(w) < n:
        return {" ".join(w)}
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def sent_to_doc(vocab, sent: Sentence, label_map: dict[str, str], partial: bool):
    """Build a Doc. With ``partial`` every token outside a mapped entity is *missing*."""
    from spacy.tokens import Doc

    words = [w for w, _ in sent]
    doc = Doc(vocab, words=words, spaces=spaces_for(words))
    ents, missing = [], []
    for s, e, lab in bio_spans([t for _, t in sent]):
        span = doc[s:e]
        if lab in label_map:
            ents.append(doc.char_span(span.start_char, span.end_char, label=label_map[lab]))
        else:
            missing.append(span)
    doc.set_ents(ents, missing=missing, default="missing" if partial else "outside")
    return doc


def _extra_records(path: Path, split: str) -> Iterator[dict]:
    """Gold documents of `split` with annotated entities: a JSONL file, or the corpus folder (`load_corpus`).

    From the corpus folder the standoff news documents are joined to their shared articles in memory (the
    text never leaves ``../shared``), and only documents a model may learn from are read (`trainable`:
    never ANTARA text, never a held-out outlet).
    """
    if path.is_dir():
        docs = load_corpus(path, split=split, trainable_only=True)
    else:
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        docs = [d for d in docs if d.get("split") == split and "text" in d and trainable(d)]
    for rec in docs:
        if rec.get("entities") and rec.get("entities_gold") is not False:
            yield rec


def read_extra_jsonl(nlp, path: Path, split: str = "train") -> Iterator:
    """Documents {text, entities:[{start,end,label}], split}; only those of ``split`` are read.

    Only ``split == "train"`` documents are ever trained on; dev/test ones are evaluated
    separately. Documents without entities or with ``entities_gold: false`` are skipped (`_extra_records`).

    Entities with a label outside PER/ORG/LOC, or not aligned to token boundaries, are
    marked *missing* so they never teach the model an ``O``.
    """
    from spacy.util import filter_spans

    n_bad = 0
    for rec in _extra_records(path, split):
        doc = nlp.make_doc(rec["text"])
        ents, missing = [], []
        for ent in rec.get("entities", []):
            lab = ent["label"]
            span = doc.char_span(ent["start"], ent["end"], label=lab if lab in LABELS else None)
            if span is None or lab not in LABELS:
                n_bad += 1
                span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
                if span is not None:
                    missing.append(span)
                continue
            ents.append(span)
        ents = filter_spans(ents)
        taken = {i for sp in ents for i in range(sp.start, sp.end)}
        missing = [sp for sp in missing if not taken.intersection(range(sp.start, sp.end))]
        doc.set_ents(ents, missing=filter_spans(missing), default="outside")
        yield doc
    if n_bad:
        print(f"[extra] {n_bad} entities misaligned or with unknown label -> marked missing")


# --------------------------------------------------------------------------- convert
def convert(data_dir: Path, build_dir: Path, nerp: str, extra_jsonl: Path | None) -> dict[str, int]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    vocab = nlp.vocab
    build_dir.mkdir(parents=True, exist_ok=True)
    ng = data_dir / "nergrit"
    idn = data_dir / "idner-news-2k"
    nerp_dir = data_dir / "nerp"

    def ng_read(name):
        return read_conll(ng / name, 0, 1, "\t")

    def idn_read(name):
        return read_conll(idn / name, 0, 2, " ")

    sets = {
        "train": [(s, NERGRIT_MAP, False) for s in ng_read("train_preprocess.txt")]
        + [(s, IDNER_MAP, False) for s in idn_read("train.txt")],
        "dev": [(s, NERGRIT_MAP, False) for s in ng_read("valid_preprocess.txt")]
        + [(s, IDNER_MAP, False) for s in idn_read("dev.txt")],
        "test_nergrit": [(s, NERGRIT_MAP, False) for s in ng_read("test_preprocess.txt")],
        "test_idner": [(s, IDNER_MAP, False) for s in idn_read("test.txt")],
        "dev_nergrit": [(s, NERGRIT_MAP, False) for s in ng_read("valid_preprocess.txt")],
        "dev_idner": [(s, IDNER_MAP, False) for s in idn_read("dev.txt")],
    }
    if nerp == "partial":
        # NERP shares source news with IDNer-news-2k: 216 of the 509 IDNer test sentences
        # occur verbatim (lower-cased) in NERP train. Drop every NERP sentence sharing an
        # 8-gram with any dev/test sentence so the evaluation stays clean.
        held = set()
        for name in ("dev", "test_nergrit", "test_idner"):
            for sent, _, _ in sets[name]:
                held |= ngrams(sent)
        nerp_train = read_conll(nerp_dir / "train_preprocess.txt", 0, 1, "\t")
        kept = [s for s in nerp_train if not ngrams(s) & held]
        print(f"[convert] NERP: kept {len(kept)}/{len(nerp_train)} sentences (8-gram dedup vs dev/test)")
        sets["train"] += [(s, NERP_MAP, True) for s in kept]
    counts = {}
    for name, sents in sets.items():
        db = DocBin(store_user_data=False)
        for sent, lmap, partial in sents:
            db.add(sent_to_doc(vocab, sent, lmap, partial))
        if name == "train" and extra_jsonl is not None:
            if extra_jsonl.exists():
                n0 = len(db)
                for doc in read_extra_jsonl(nlp, extra_jsonl):
                    db.add(doc)
                print(f"[extra] added {len(db) - n0} train docs from {extra_jsonl}")
            else:
                print(f"[extra] {extra_jsonl} not found, skipped")
        db.to_disk(build_dir / f"{name}.spacy")
        counts[name] = len(db)
    if extra_jsonl is not None and extra_jsonl.exists():
        for split in ("dev", "test"):  # evaluation only, never trained on
            edb = DocBin(store_user_data=False)
            for doc in read_extra_jsonl(nlp, extra_jsonl, split):
                edb.add(doc)
            if len(edb):
                edb.to_disk(build_dir / f"extra_{split}.spacy")
                counts[f"extra_{split}"] = len(edb)
    print("[convert]", counts, "->", build_dir)
    return counts


def load_docs(nlp, path: Path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


# --------------------------------------------------------------------------- evaluate
def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(100 * p, 2),
        "r": round(100 * r, 2),
        "f": round(100 * f, 2),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score(golds: list[set], preds: list[set]) -> dict[str, dict[str, float]]:
    """Exact-match entity scores (CoNLL / seqeval style), micro-averaged + per label."""
    res = {}
    for lab in LABELS + ("ALL",):
        tp = fp = fn = 0
        for g, p in zip(golds, preds, strict=False):
            if lab != "ALL":
                g = {x for x in g if x[2] == lab}
                p = {x for x in p if x[2] == lab}
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
        res[lab] = prf(tp, fp, fn)
    return res


def evaluate(nlp, gold_docs) -> dict[str, dict]:
    """Score in two views, matched on char offsets.

    Gold tokenisation (comparable to published numbers) and raw text through spaCy's own tokenizer (what
    the extractor sees).
    """
    from spacy.tokens import Doc

    golds = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in gold_docs]
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs]
    pred_gold_tok = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in nlp.pipe(inputs)]
    pred_raw = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in nlp.pipe([d.text for d in gold_docs])]
    return {"gold_tokens": score(golds, pred_gold_tok), "raw_text": score(golds, pred_raw)}


def words_per_sec(nlp, texts: list[str], repeats: int = 3) -> float:
    n_words = sum(len(nlp.make_doc(t)) for t in texts)
    best = 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best = max(best, n_words / (time.perf_counter() - t0))
    return round(best)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --------------------------------------------------------------------------- packaging
def strip_strings(model_dir: Path) -> None:
    """Replace vocab/strings.json by the strings the pipeline needs at load time.

    After training the StringStore holds every token/prefix/suffix/shape seen in the
    corpora. Hash embeddings don't need them (hashes are computed from the text at run
    time), so we keep only the strings of a blank ``id`` pipeline + the entity labels.
    This keeps corpus vocabulary out of the shipped model and shrinks it.
    """
    import spacy

    trained = spacy.load(model_dir)
    keep = set(spacy.blank(trained.lang).vocab.strings)
    for _name, proc in trained.pipeline:
        for lab in getattr(proc, "labels", ()):
            keep.add(lab)
        moves = getattr(proc, "moves", None)
        if moves is not None:
            for i in range(moves.n_moves):
                keep.add(moves.get_class_name(i))
    keep.update(["-", "O"])
    strings_path = model_dir / "vocab" / "strings.json"
    with open(strings_path, "w", encoding="utf-8") as fh:
        json.dump(sorted(keep), fh, ensure_ascii=False, indent=0)


def install(model_best: Path, dest: Path, check_docs) -> None:
    import spacy

    tmp = dest.parent / (dest.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(model_best, tmp)
    strip_strings(tmp)
    meta_path = tmp / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(
        {
            "name": "kutipan_ner",
            "version": "0.1.0",
            "description": "Indonesian NER (PER/ORG/LOC) for kutipan; trained from scratch on NERGRIT + "
            "IDNer-news-2k (+ the train split of --extra-jsonl). See README.md.",
            "sources": [
                {
                    "name": "NERGRIT (IndoNLU 3-class version)",
                    "url": "https://github.com/grit-id/nergrit-corpus",
                    "license": "Apache-2.0 (IndoNLU); credit the NERGRIT contributors",
                },
                {
                    "name": "IDNer-news-2k (Khairunnisa et al. 2020)",
                    "url": "https://github.com/khairunnisaor/idner-news-2k",
                    "license": "MIT",
                },
            ],
        }
    )
    meta_path.write_text(json.dumps(meta, indent=2))
    # sanity check: the stripped copy must predict exactly like model-best
    a, b = spacy.load(model_best), spacy.load(tmp)
    texts = [d.text for d in check_docs]
    pa = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in a.pipe(texts)]
    pb = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in b.pipe(texts)]
    if pa != pb:
        raise SystemExit("stripped model predicts differently from model-best; not installed")
    keep = {"README.md"}
    if dest.exists():
        for child in dest.iterdir():
            if child.name in keep:
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    for child in tmp.iterdir():
        shutil.move(str(child), dest / child.name)
    shutil.rmtree(tmp)
    print(f"[install] {model_best} -> {dest} ({dir_size(dest) / 1e6:.2f} MB)")


# --------------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", type=Path, default=REPO / "configs" / "ner.cfg")
    ap.add_argument(
        "--baseline",
        action="store_true",
        help="train configs/ner_baseline.cfg (spaCy default); never installed",
    )
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--build-dir", type=Path, default=REPO / "build" / "ner")
    ap.add_argument("--name", help="run name under build-dir (default: config stem + nerp mode)")
    ap.add_argument(
        "--nerp",
        choices=["none", "partial"],
        default="none",
        help="add NERP train as partial annotation (PPL->PER, PLC->LOC, rest missing)",
    )
    ap.add_argument(
        "--extra-jsonl",
        type=Path,
        default=REPO / "corpus",
        help="extra gold documents with entities: a JSONL file (text, entities, split) or the corpus folder "
        "(standoff news joined to ../shared); split=train docs are trained on, dev/test ones only evaluated; "
        "never ANTARA or held-out outlets; skipped if absent (default: %(default)s)",
    )
    ap.add_argument("--no-extra", action="store_true", help="do not use --extra-jsonl")
    ap.add_argument("--seed", type=int, default=None, help="override [system] seed (configs fix 0)")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra config override, e.g. training.max_steps=2000",
    )
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="only evaluate an existing run")
    ap.add_argument("--install-dir", type=Path, default=REPO / "models" / "ner")
    ap.add_argument("--no-install", action="store_true")
    args = ap.parse_args(argv)
    if args.no_extra or (args.extra_jsonl is not None and not args.extra_jsonl.exists()):
        if args.extra_jsonl is not None and not args.no_extra:
            print(f"[extra] {args.extra_jsonl} not found, training without it")
        args.extra_jsonl = None

    import spacy

    config = REPO / "configs" / "ner_baseline.cfg" if args.baseline else args.config
    name = (
        args.name or f"{config.stem}{'-nerp' if args.nerp == 'partial' else ''}{'-extra' if args.extra_jsonl else ''}"
    )
    corpus_dir = args.build_dir / f"corpus-{args.nerp}{'-extra' if args.extra_jsonl else ''}"
    out_dir = args.build_dir / name

    if not args.skip_convert or not (corpus_dir / "train.spacy").exists():
        convert(args.data_dir, corpus_dir, args.nerp, args.extra_jsonl)

    overrides = {"paths.train": str(corpus_dir / "train.spacy"), "paths.dev": str(corpus_dir / "dev.spacy")}
    if args.seed is not None:
        overrides["system.seed"] = args.seed
    for kv in args.set:
        k, v = kv.split("=", 1)
        with contextlib.suppress(json.JSONDecodeError):
            v = json.loads(v)
        overrides[k] = v

    train_secs = None
    if not args.skip_train:
        train_secs = train_fresh(config, out_dir, overrides)
        print(f"[train] {train_secs}s")

    model_best = out_dir / "model-best"
    if train_secs is None and (out_dir / "report.json").exists():  # --skip-train: keep the old timing
        train_secs = json.loads((out_dir / "report.json").read_text()).get("train_seconds")
    nlp = spacy.load(model_best)
    report = {
        "config": str(config.relative_to(REPO) if config.is_relative_to(REPO) else config),
        "overrides": {
            k: (os.path.relpath(v, REPO) if isinstance(v, str) and os.path.isabs(v) else v)
            for k, v in overrides.items()
        },
        "nerp": args.nerp,
        "extra_jsonl": os.path.relpath(args.extra_jsonl, REPO) if args.extra_jsonl else None,
        "train_seconds": train_secs,
        "best_dev_score": json.loads((model_best / "meta.json").read_text()).get("performance", {}),
    }
    tests = {}
    for split in ("dev_nergrit", "dev_idner", "test_nergrit", "test_idner", "extra_dev", "extra_test"):
        if not (corpus_dir / f"{split}.spacy").exists():
            continue
        docs = load_docs(nlp, corpus_dir / f"{split}.spacy")
        tests[split] = docs
        report[split] = evaluate(nlp, docs)
    # overall test = both test sets pooled (micro)
    all_test = tests["test_nergrit"] + tests["test_idner"]
    report["test_all"] = evaluate(nlp, all_test)
    texts = [d.text for d in all_test]
    spacy.util.fix_random_seed(0)
    report["words_per_sec"] = words_per_sec(nlp, texts)
    report["threads"] = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    report["model_best_mb"] = round(dir_size(model_best) / 1e6, 2)
    (out_dir / "report.json").write_text(json.dumps(report, indent=1))

    def row(split, view="gold_tokens"):
        r = report[split][view]
        return " ".join(f"{lab}={r[lab]['f']:.1f}" for lab in LABELS + ("ALL",))

    for split in ("dev_nergrit", "dev_idner", "test_nergrit", "test_idner", "test_all", "extra_dev", "extra_test"):
        if split not in report:
            continue
        print(f"[eval] {split:13s} gold-tok: {row(split)} | raw: {row(split, 'raw_text')}")
    print(
        f"[eval] words/sec={report['words_per_sec']} model-best={report['model_best_mb']} MB "
        f"report={out_dir / 'report.json'}"
    )

    if not args.baseline and not args.no_install:
        install(model_best, args.install_dir, all_test[:200])
        shutil.copy(out_dir / "report.json", args.install_dir / "report.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
