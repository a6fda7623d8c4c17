"""The `kutipan` command: a thin wrapper over the library; no extraction logic lives here.

    kutipan extract PATH... [-o OUT] [--format json|jsonl|csv|tsv|parquet] [--input-format ...] [--jobs N]
    kutipan evaluate GOLD [PRED] [--split dev] [--outlet [NAME]] [--json REPORT]

A file that can't be read is reported on stderr as `kutipan: PATH: reason`; the other files still come
out, and the exit status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from kutipan import __version__, view
from kutipan.errors import Terminated
from kutipan.report import command as report_command
from kutipan.text.chunks import MAX_CHARS


def _cmd_extract(args: argparse.Namespace) -> int:
    from kutipan.batch import ExtractOptions, run_extract
    from kutipan.readers import ReadOptions

    read = ReadOptions(args.input_format, args.text_field, args.id_field)
    names = (
        "output",
        "format",
        "include_text",
        "models",
        "rules_only",
        "syntax",
        "batch_size",
        "jobs",
        "quiet",
        "resume",
        "dask",
        "max_chars",
    )
    opts = ExtractOptions(args.paths, read=read, **{k: getattr(args, k) for k in names})
    return run_extract(opts)


# --syntax: which dependency parser reads the sentences the indirect-speech rules leave (kutipan.syntax)
_SYNTAX_CHOICES = ["spacy", "stanza", "none"]
_SYNTAX_HELP = "parser for indirect speech: none (default), spacy (models/parser) or stanza (the stanza extra)"


def _positive(value: str) -> int:
    """An argparse type: an integer of 1 or more (`--batch-size 0` used to write nothing and exit 0)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def _jobs(value: str) -> int:
    """An argparse type: a number of processes, or -1 for every CPU (spaCy's convention)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n == 0 or n < -1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, or -1 for all CPUs, not {n}")
    return n


def _max_chars(value: str) -> int | None:
    """An argparse type: a number of characters, 0 for no limit (None)."""
    try:
        n = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {n}")
    return n or None


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from kutipan.eval.corpus import CorpusError, load_corpus, load_predictions
    from kutipan.eval.groups import report_groups, select_outlet
    from kutipan.eval.scoring import format_report, score

    try:
        gold = load_corpus(args.gold, split=args.split, source=args.source)
    except CorpusError as exc:
        print(f"kutipan: {exc}", file=sys.stderr)
        return 1
    if args.outlet not in (None, "*"):
        gold = select_outlet(gold, args.outlet)
    if not gold:
        where = f"split={args.split}" + (f", outlet={args.outlet}" if args.outlet not in (None, "*") else "")
        print(f"kutipan: {args.gold}: no gold documents ({where})", file=sys.stderr)
        return 1
    if args.pred:
        try:
            pred = load_predictions(args.pred)
        except CorpusError as exc:
            print(f"kutipan: {exc}", file=sys.stderr)
            return 1
    else:
        from kutipan.pipeline import Extractor

        extractor = Extractor(model_dir=args.models, use_models=not args.rules_only, syntax=args.syntax)
        pred = {str(d.id): d.to_dict() for d in extractor.pipe(((g["text"], g["id"]) for g in gold), as_tuples=True)}
    groups = report_groups(gold, per_outlet=args.outlet == "*")
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
    _add_extract(sub)
    _add_evaluate(sub)
    report_command.add_subparser(sub)
    view.add_subparser(sub)
    return ap


def _add_extract(sub: Any) -> None:
    """The `kutipan extract` subcommand and its options."""
    ex = sub.add_parser(
        "extract",
        help="extract quotes from text files, folders, JSON Lines, CSV/TSV or - (stdin)",
        description="Inputs are read by extension (.txt, .jsonl, .csv, .tsv) or as --input-format says; "
        "folders are searched for files of the input format (*.txt by default).",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("-o", "--output", help="write here (through OUT.partial, renamed at the end) instead of stdout")
    ex.add_argument(
        "--format",
        choices=["json", "jsonl", "csv", "tsv", "parquet"],
        help="default: by -o's extension, else json for one text input and jsonl (one document a line) "
        "otherwise; json for many inputs is an array; csv/tsv/parquet: one row per quote",
    )
    ex.add_argument(
        "--input-format",
        choices=["text", "jsonl", "csv", "tsv"],
        help="how to read every input (default: by extension; stdin is text)",
    )
    ex.add_argument("--text-field", default="text", help="JSON key or CSV column of the text (default: text)")
    ex.add_argument(
        "--id-field", default="id", help="JSON key or CSV column of the document id (default: id; else PATH:LINE)"
    )
    ex.add_argument("--include-text", action="store_true", help="add each document's text to the output")
    ex.add_argument(
        "--models", help="model folder (default: $KUTIPAN_MODELS, the repository's models/ or the installed copy)"
    )
    ex.add_argument("--rules-only", action="store_true", help="do not load trained models")
    ex.add_argument("--syntax", choices=_SYNTAX_CHOICES, default="none", help=_SYNTAX_HELP)
    ex.add_argument("--batch-size", type=_positive, default=32, help="documents per batch (default: 32)")
    ex.add_argument(
        "-j", "--jobs", "--n-process", dest="jobs", type=_jobs, default=1, help="processes; -1 = all CPUs (default: 1)"
    )
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no resume notice")
    ex.add_argument("--resume", action="store_true", help="keep the documents already in OUT (or OUT.partial)")
    ex.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run on Dask workers: a distributed scheduler address (tcp://host:8786), or 'local' for a local "
        "cluster of one process per CPU (needs the dask extra)",
    )
    limit = f"report a document longer than N characters as too long (default: {MAX_CHARS:,}; 0: no limit)"
    ex.add_argument("--max-chars", type=_max_chars, default=MAX_CHARS, metavar="N", help=limit)
    ex.set_defaults(func=_cmd_extract)


def _add_evaluate(sub: Any) -> None:
    """The `kutipan evaluate` subcommand and its options."""
    ev = sub.add_parser("evaluate", help="score predictions (or the current extractor) against gold")
    ev.add_argument("gold", help="gold corpus: a .jsonl file or a folder of them (corpus/)")
    ev.add_argument("pred", nargs="?", help="predictions in kutipan/1 JSON Lines (default: run the extractor)")
    ev.add_argument("--split", choices=["train", "dev", "test", "all"], default="all")
    ev.add_argument("--source", help="only documents of this source (news-dev, news-train or written)")
    ev.add_argument(
        "--outlet",
        nargs="?",
        const="*",
        metavar="NAME",
        help="alone: add a report per outlet (the gold's `outlet` field); with NAME: only that outlet's documents",
    )
    ev.add_argument("--json", metavar="REPORT", help="also write the report as JSON")
    ev.add_argument("--models", help="model folder for the extractor")
    ev.add_argument("--rules-only", action="store_true")
    ev.add_argument("--syntax", choices=_SYNTAX_CHOICES, default="none", help=_SYNTAX_HELP)
    ev.set_defaults(func=_cmd_evaluate)


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (130 on Ctrl-C, 143 on SIGTERM, at any point)."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(argv)
    except Terminated:
        return 143
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    for stream in (sys.stdout, sys.stderr):  # a name or text that is not Unicode never stops the output
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 1
