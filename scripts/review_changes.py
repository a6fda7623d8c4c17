"""Count what the review pass changed: first-pass drafts against reviewed drafts.

A reviewer copies `build/annot/<source>/<id>.json` to `build/review/<source>/<id>.json` and corrects it
there (ANNOTATING.md); this resolves both and counts quotes added, removed and re-spanned, cue and
speaker changes, and per speaker role, canonical, kind, source type and alias changes
(`kutipan.eval.agreement.review_changes`). Documents without a review are counted as not reviewed.

Usage: python scripts/review_changes.py build/annot/news-train build/review/news-train [--per-doc]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corpus import load_news, resolve_pair  # noqa: E402
from kutipan.eval.agreement import review_changes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first")
    ap.add_argument("review")
    ap.add_argument("--per-doc", action="store_true", help="print each document's changes too")
    args = ap.parse_args(argv)
    news = load_news()
    total: Counter = Counter()
    reviewed = unreviewed = changed = bad = 0
    for f in sorted(Path(args.first).glob("*.json")):
        r = Path(args.review) / f.name
        if not r.exists():
            unreviewed += 1
            continue
        a, b, pa, pb = resolve_pair(f, r, news)
        if pa or pb:
            bad += 1
            print(f"{f.name}: problems in {'first pass' if pa else 'review'}: " + "; ".join(pa or pb), file=sys.stderr)
        c = review_changes(a, b)
        reviewed += 1
        changed += any(c.values())
        total.update(c)
        if args.per_doc and any(c.values()):
            print(f"{a['id']}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if v))
    print(f"{reviewed} documents reviewed ({changed} changed), {unreviewed} not reviewed yet")
    for k, v in sorted(total.items()):
        if v:
            print(f"  {k:22} {v}")
    print(f"  {'total changes':22} {sum(total.values())}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
