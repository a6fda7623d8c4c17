"""How much whitespace variants change the output on news-dev: no-break spaces, tabs, double spaces.

For each variant, a share of the plain spaces of every news-dev article (or all of them) is replaced, the
extractor runs on the changed text, and its quotes and speakers are compared with those of the
original text: a quote is kept when a quote with the same offsets comes out, a speaker when that quote
has a speaker of the same name. Offsets stay valid since each space is replaced by one character (the
double-space variant inserts, so it compares by quote text instead).

    python scripts/whitespace.py [--share 0.05,1] [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news-dev" / "articles.jsonl"


def _vary(text: str, char: str, share: float, rng: random.Random) -> str:
    return "".join(char if c == " " and rng.random() < share else c for c in text)


def _pairs(doc) -> tuple[set, set]:
    quotes = {" ".join(q.text.split()) for q in doc.quotes}
    speakers = {(" ".join(q.text.split()), q.speaker.name) for q in doc.quotes if q.speaker}
    return quotes, speakers


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--share", default="0.05,1")
    ap.add_argument("--rules-only", action="store_true")
    args = ap.parse_args(argv)
    if not NEWS.exists():
        print(f"{NEWS} not present", file=sys.stderr)
        return 1
    import kutipan

    ex = kutipan.Extractor(use_models=not args.rules_only)
    texts = [json.loads(line)["text"] for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = [_pairs(d) for d in ex.pipe(texts)]
    nq, ns = sum(len(q) for q, _ in base), sum(len(s) for _, s in base)
    print(f"news-dev: {len(texts)} articles, {nq} quotes, {ns} attributed")
    for name, char in (("no-break space", "\u00a0"), ("tab", "\t"), ("double space", "  ")):
        for share in (float(x) for x in args.share.split(",")):
            rng = random.Random(15)
            varied = [_vary(t, char, share, rng) for t in texts]
            kq = ks = 0
            for (bq, bs), doc in zip(base, ex.pipe(varied), strict=True):
                q, s = _pairs(doc)
                kq += len(bq & q)
                ks += len(bs & s)
            print(f"{name:>14} x {share:>4.0%}: quotes lost {1 - kq / nq:6.1%}, speakers lost {1 - ks / ns:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
