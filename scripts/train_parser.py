#!/usr/bin/env python
"""Train, evaluate and install kutipan's Indonesian dependency parser (`models/parser`).

Steps:
  1. convert UD Indonesian-CSUI train (training), UD Indonesian-GSD dev (model selection) and the two test
     sets to spaCy DocBin files in --build-dir, on the treebanks' own syntactic words (a multiword token
     such as `menyetujuinya` is its words `menyetujui` + `nya`, written without a space between them);
  2. run `spacy train` with `configs/parser.cfg` (or `configs/parser_baseline.cfg`, spaCy's default parser
     config, with --baseline), seeded, on the CPU;
  3. score model-best on CSUI test and GSD test: UAS and LAS over every word, punctuation included, as the
     CoNLL 2018 shared task scores them (LAS on the universal label, subtype dropped), with gold words;
  4. copy model-best to --install-dir, without the tokenizer (kutipan tokenises itself) and with the
     string store cut to what the weights use.

Corpus text stays in `build/` (never committed). GSD train is not in ../shared, so GSD test is out of
domain for the training data (other genre, other annotation conventions in places).

Examples (figures in models/parser/README.md):
  OMP_NUM_THREADS=1 python scripts/train_parser.py               # shipped model
  OMP_NUM_THREADS=1 python scripts/train_parser.py --baseline    # spaCy default config, never installed
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spacy_training import train_fresh  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("KUTIPAN_DATA_DIR", REPO.parent / "shared" / "data"))
SPLITS = {
    "train": "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
    "dev": "UD_Indonesian-GSD/id_gsd-ud-dev.conllu",
    "test_csui": "UD_Indonesian-CSUI/id_csui-ud-test.conllu",
    "test_gsd": "UD_Indonesian-GSD/id_gsd-ud-test.conllu",
}


def read_conllu(path: Path) -> Iterator[list[list[str]]]:
    """Sentences of a CoNLL-U file as lists of 10-column rows (word lines and multiword-token lines)."""
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "." not in cols[0]:  # empty nodes of enhanced UD: not in the basic tree
                    rows.append(cols)
    if rows:
        yield rows


def sentence_to_doc(vocab, rows: list[list[str]]):
    """One CoNLL-U sentence as a spaCy Doc: words, spaces, UPOS (as `pos` and `tag`), heads and labels."""
    from spacy.tokens import Doc

    words, spaces, pos, heads, deps = [], [], [], [], []
    mwt_end, mwt_space = 0, True
    for cols in rows:
        ident, form, _, upos, _, _, head, dep, _, misc = cols
        no_space = "SpaceAfter=No" in misc
        if "-" in ident:
            mwt_end, mwt_space = int(ident.split("-")[1]), not no_space
            continue
        n = int(ident)
        words.append(form)
        if n < mwt_end:
            spaces.append(False)
        elif n == mwt_end:
            spaces.append(mwt_space)
        else:
            spaces.append(not no_space)
        pos.append(upos)
        heads.append(int(head) - 1 if head != "0" else n - 1)
        deps.append(dep)
    return Doc(vocab, words=words, spaces=spaces, pos=pos, tags=pos, heads=heads, deps=deps)


def convert(data_dir: Path, build_dir: Path) -> dict[str, int]:
    """Write one DocBin per split; returns the number of sentences of each."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    build_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rel in SPLITS.items():
        db = DocBin(store_user_data=False)
        n = 0
        for rows in read_conllu(data_dir / rel):
            db.add(sentence_to_doc(nlp.vocab, rows))
            n += 1
        db.to_disk(build_dir / f"{name}.spacy")
        counts[name] = n
    return counts


def attachment(nlp, gold_docs) -> dict[str, float]:
    """UAS, LAS (universal label) and LAS (full label) over all words, and UPOS accuracy when tagged."""
    from spacy.tokens import Doc

    total = uas = las = las_full = pos_ok = 0
    words = sum(len(g) for g in gold_docs)
    t0 = time.perf_counter()
    preds = list(
        nlp.pipe(Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in gold_docs)
    )
    secs = time.perf_counter() - t0
    for g, p in zip(gold_docs, preds, strict=True):
        for gt, pt in zip(g, p, strict=True):
            total += 1
            pos_ok += gt.pos_ == (pt.tag_ or pt.pos_)
            if gt.head.i == pt.head.i:
                uas += 1
                las += gt.dep_.split(":")[0] == pt.dep_.split(":")[0]
                las_full += gt.dep_ == pt.dep_
    return {
        "words": total,
        "uas": round(100 * uas / total, 2),
        "las": round(100 * las / total, 2),
        "las_full_label": round(100 * las_full / total, 2),
        "upos": round(100 * pos_ok / total, 2) if "tagger" in nlp.pipe_names else None,
        "words_per_second": round(words / secs),
    }


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def install(model_best: Path, dest: Path) -> None:
    """Copy the trained pipeline to `dest` without the tokenizer and with a cut string store."""
    import spacy
    import srsly

    if dest.exists():
        for child in dest.iterdir():  # keep the model card
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    nlp = spacy.load(model_best)
    nlp.to_disk(dest, exclude=["tokenizer"])
    # the weights need only the label strings; the words of the training text are hashed features
    keep = set(spacy.blank("id").vocab.strings)
    for pipe in nlp.pipe_names:
        for label in nlp.get_pipe(pipe).labels:
            keep.add(label)
    srsly.write_json(dest / "vocab" / "strings.json", sorted(keep))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--build-dir", type=Path, default=REPO / "build" / "parser")
    ap.add_argument("--baseline", action="store_true", help="train configs/parser_baseline.cfg; never installed")
    ap.add_argument("--max-steps", type=int, default=1400, help="the same step budget for both configs")
    ap.add_argument("--install-dir", type=Path, default=REPO / "models" / "parser")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="only evaluate an existing run")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    config = REPO / "configs" / ("parser_baseline.cfg" if args.baseline else "parser.cfg")
    corpus = args.build_dir / "corpus"
    counts = convert(args.data_dir, corpus)
    print(f"[convert] {counts}")
    out = args.build_dir / config.stem
    overrides = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        "training.max_steps": args.max_steps,
    }
    train_secs = None
    if not args.skip_train:
        train_secs = train_fresh(config, out, overrides)
    best = out / "model-best"
    nlp = spacy.load(best)
    report: dict = {"config": str(config.relative_to(REPO)), "sentences": counts, "train_seconds": train_secs}
    for name in ("dev", "test_csui", "test_gsd"):
        docs = list(DocBin().from_disk(corpus / f"{name}.spacy").get_docs(nlp.vocab))
        report[name] = attachment(nlp, docs)
    report["size_bytes"] = dir_size(best)
    print(json.dumps(report, indent=2))
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    if not (args.baseline or args.no_install):
        install(best, args.install_dir)
        report["installed_size_bytes"] = dir_size(args.install_dir)
        (args.install_dir / "report.json").write_text(json.dumps(report, indent=2) + "\n")
        print(f"[install] {args.install_dir} ({report['installed_size_bytes']} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
