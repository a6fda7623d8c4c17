"""Inter-annotator agreement between two folders of drafts over the same documents.

Resolves both passes with `build_corpus.resolve`, then scores the second pass against the first with the
project's own scorer: quote span F1 (exact and overlap), cue F1 and speaker agreement.

Usage: python scripts/agreement.py build/annot/news-dev build/annot2/news-dev [--json REPORT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corpus import load_news, resolve, text_of  # noqa: E402
from kutipan.eval.scoring import format_report, score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first")
    ap.add_argument("second")
    ap.add_argument("--json")
    args = ap.parse_args()
    news = load_news()
    gold, pred = [], {}
    for f in sorted(Path(args.second).glob("*.json")):
        g = Path(args.first) / f.name
        if not g.exists():
            continue
        d1 = json.loads(g.read_text(encoding="utf-8"))
        d2 = json.loads(f.read_text(encoding="utf-8"))
        text = text_of(d1, news)
        a, _ = resolve(d1, text)
        b, _ = resolve(d2, text)
        a["text"] = text
        gold.append(a)
        pred[a["id"]] = b
    rep = score(gold, pred)
    print(f"{len(gold)} documents annotated twice (first pass as reference)")
    print(format_report(rep))
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
