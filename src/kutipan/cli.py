"""The `kutipan` command: a thin wrapper over the library; no extraction logic lives here.

    kutipan extract PATH... [-o OUT] [--format json|jsonl]
    kutipan evaluate GOLD [PRED] [--split dev] [--json REPORT]

A file that can't be read is reported on stderr as `kutipan: PATH: reason`; the other files still come
out, and the exit status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from . import __version__, view
from .errors import InputError, KutipanError
from .io import decode, expand_paths, read_text
from .report import command as report_command


def _inputs(paths: list[str], failures: list[str]) -> Iterator[tuple[str, str]]:
    """(text, id) for every readable input; failures are reported and counted, never raised."""
    for path in expand_paths(paths):
        try:
            if path == "-":
                text = decode(sys.stdin.buffer.read(), "<stdin>")
                yield text, "<stdin>"
            else:
                yield read_text(path), path
        except InputError as exc:
            print(f"kutipan: {exc}", file=sys.stderr)
            failures.append(path)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Extractor

    failures: list[str] = []
    try:
        extractor = Extractor(model_dir=args.models, use_models=not args.rules_only)
    except KutipanError as exc:
        print(f"kutipan: {exc}", file=sys.stderr)
        return 2
    files = list(expand_paths(args.paths))
    if not files:
        print("kutipan: no input files (folders are searched for *.txt)", file=sys.stderr)
        return 1
    fmt = args.format or ("json" if len(files) == 1 else "jsonl")
    with _open_out(args.output) as out:
        docs = extractor.pipe(
            _inputs(args.paths, failures),
            as_tuples=True,
            batch_size=args.batch_size,
            n_process=args.n_process,
        )
        if fmt == "jsonl":
            for doc in docs:
                out.write(json.dumps(doc.to_dict(include_text=args.include_text), ensure_ascii=False) + "\n")
                out.flush()
        else:
            items = [doc.to_dict(include_text=args.include_text) for doc in docs]
            if len(files) == 1 and len(items) == 1:
                json.dump(items[0], out, ensure_ascii=False, indent=2)
            elif items or not failures:
                json.dump(items, out, ensure_ascii=False, indent=2)
            out.write("\n")
    if failures:
        print(f"kutipan: {len(failures)} of {len(files)} input(s) failed", file=sys.stderr)
    return 1 if failures else 0


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8") as fh:
            yield fh


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .corpus import CorpusError, load_corpus, load_predictions
    from .scoring import format_report, score

    try:
        gold = load_corpus(args.gold, split=args.split, source=args.source)
    except CorpusError as exc:
        print(f"kutipan: {exc}", file=sys.stderr)
        return 1
    if not gold:
        print(f"kutipan: {args.gold}: no gold documents (split={args.split})", file=sys.stderr)
        return 1
    if args.pred:
        try:
            pred = load_predictions(args.pred)
        except CorpusError as exc:
            print(f"kutipan: {exc}", file=sys.stderr)
            return 1
    else:
        from .pipeline import Extractor

        extractor = Extractor(model_dir=args.models, use_models=not args.rules_only)
        pred = {d.id: d.to_dict() for d in extractor.pipe(((g["text"], g["id"]) for g in gold), as_tuples=True)}
    groups = {"all": gold}
    for g in gold:
        groups.setdefault(g.get("source", "?"), []).append(g)
    report = {name: score(docs, pred) for name, docs in groups.items()}
    for name, rep in report.items():
        print(f"== {name}: {len(groups[name])} documents")
        print(format_report(rep))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `kutipan` command."""
    ap = argparse.ArgumentParser(prog="kutipan", description="Who said what in Indonesian news.")
    ap.add_argument("--version", action="version", version=f"kutipan {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract quotes from text files, folders (*.txt) or - (stdin)")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("-o", "--output", help="write here instead of stdout")
    ex.add_argument(
        "--format",
        choices=["json", "jsonl"],
        help="json (default for one input) or jsonl, one document a line (default for several)",
    )
    ex.add_argument("--include-text", action="store_true", help="add each document's text to the output")
    ex.add_argument("--models", help="model folder (default: $KUTIPAN_MODELS or the repository's models/)")
    ex.add_argument("--rules-only", action="store_true", help="do not load trained models")
    ex.add_argument("--batch-size", type=int, default=32)
    ex.add_argument("--n-process", type=int, default=1)
    ex.set_defaults(func=_cmd_extract)

    ev = sub.add_parser("evaluate", help="score predictions (or the current extractor) against gold")
    ev.add_argument("gold", help="gold corpus: a .jsonl file or a folder of them (corpus/)")
    ev.add_argument("pred", nargs="?", help="predictions in kutipan/1 JSON Lines (default: run the extractor)")
    ev.add_argument("--split", choices=["train", "dev", "test", "all"], default="all")
    ev.add_argument("--source", help="only documents of this source (news-dev or written)")
    ev.add_argument("--json", metavar="REPORT", help="also write the report as JSON")
    ev.add_argument("--models", help="model folder for the extractor")
    ev.add_argument("--rules-only", action="store_true")
    ev.set_defaults(func=_cmd_evaluate)
    report_command.add_subparser(sub)
    view.add_subparser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
