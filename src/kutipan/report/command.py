"""The `kutipan report` subcommand: saved predictions in, CSV tables and one HTML page out.

    kutipan report PRED.jsonl... [--aliases aliases.tsv] [--out DIR] [--html report.html] [--top N]

A prediction file or line that can't be read is reported on stderr as `kutipan: PATH[:LINE]: reason`; the
report is made from the rest, and the exit status is 1 when anything failed (2 when nothing was readable).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..errors import InputError


def add_subparser(sub) -> None:
    """Add `report` to the `kutipan` command's subparsers."""
    rp = sub.add_parser("report", help="who gets quoted across documents: CSV tables and an HTML page")
    rp.add_argument("paths", nargs="+", metavar="PRED", help="kutipan/1 JSON Lines (or JSON) from `kutipan extract`")
    rp.add_argument("--aliases", metavar="TSV", help="alias file: one person a line, tab-separated names")
    rp.add_argument("--out", metavar="DIR", help="write the tables as DIR/*.csv")
    rp.add_argument("--html", metavar="FILE", help="write the report as one self-contained HTML page")
    rp.add_argument("--top", type=int, default=10, help="people to print and plot (default 10)")
    rp.add_argument("--title", default="Who gets quoted", help="title of the HTML page")
    rp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read, link, count, write; print the top people and source-type shares to stdout."""
    from .html import render_report
    from .linking import link, load_aliases
    from .predictions import read_predictions
    from .tables import build_report, write_csv

    started = time.perf_counter()
    try:
        aliases = load_aliases(args.aliases) if args.aliases else None
    except InputError as exc:
        print(f"kutipan: {exc}", file=sys.stderr)
        return 2
    docs, errors = read_predictions(args.paths)
    for message in errors:
        print(f"kutipan: {message}", file=sys.stderr)
    if not docs:
        print("kutipan: no kutipan/1 documents could be read; no report written", file=sys.stderr)
        return 2
    report = build_report(docs, link(docs, aliases))
    if args.out:
        write_csv(report, args.out)
    if args.html:
        Path(args.html).write_text(render_report(report, args.title, max(args.top, 20)), encoding="utf-8")
    s = report.summary
    print(
        f"{s['documents']:,} documents, {s['quotes']:,} quotes; {s['people']:,} named people "
        f"({s['quotes_by_people']:,} quotes), {s['organizations']:,} organisations; counted apart: "
        f"{s['quotes_no_speaker']:,} without speaker, {s['quotes_anonymous']:,} anonymous, {s['quotes_group']:,} group"
    )
    print(f"top {args.top} quoted people:")
    for r in report.tables["people"][: args.top]:
        print(f"  {r['quotes']:5d}  {r['documents']:4d} docs  {r['name']}  [{r['id']}]  {r['source_type']}")
    print("source types (share of attributed quotes / of sources):")
    for r in report.tables["source_types"]:
        print(f"  {r['source_type']:<14} {r['share_of_quotes']:6.1%}  {r['share_of_sources']:6.1%}")
    print(f"report took {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 1 if errors else 0
