"""Inter-annotator agreement between two folders of drafts over the same documents.

Resolves both passes with `build_corpus.resolve`, then compares the second pass with the first:
quote span F1 (exact and overlap), cue F1 (and cue kind agreement), speaker strict (same normalised name)
and B-cubed (same grouping of quotes), title and organisation exact, source type and speaker kind accuracy
(`kutipan.eval.agreement`). With `--scores` it also prints the project scorer's table (the first pass as gold).

Usage: python scripts/agreement.py build/review/news-train build/annot3/news-train [--json REPORT] [--scores]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corpus import load_news, resolve_pair  # noqa: E402
from kutipan.eval.agreement import agreement, format_agreement  # noqa: E402
from kutipan.eval.scoring import format_report, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", help="reference folder (the reviewed pass)")
    ap.add_argument("second", help="the blind pass")
    ap.add_argument("--json")
    ap.add_argument("--scores", action="store_true", help="also print the extractor scorer's table")
    args = ap.parse_args(argv)
    news = load_news()
    gold, pred, bad = [], {}, 0
    for f in sorted(Path(args.second).glob("*.json")):
        g = Path(args.first) / f.name
        if not g.exists():
            print(f"{f}: no first pass at {g}", file=sys.stderr)
            continue
        a, b, pa, pb = resolve_pair(g, f, news)
        for path, problems in ((g, pa), (f, pb)):
            if problems:
                bad += 1
                print(f"{path}: " + "; ".join(problems), file=sys.stderr)
        gold.append(a)
        pred[a["id"]] = b
    rep = agreement(gold, pred)
    print(f"{len(gold)} documents annotated twice (first folder as reference)")
    print(format_agreement(rep))
    if args.scores:
        print(format_report(score(gold, pred)))
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=2), encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
