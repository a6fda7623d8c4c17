"""Choose the news-train articles to annotate and give each its split: corpus/newstrain_selection.tsv.

Why this way (issue 11):
- Spread over outlets: every outlet takes min(its articles, cap), with one cap for all, the largest that
  keeps the total at `--n`; small outlets therefore come in full and the big ones (detik.com, bisnis.com,
  the Pratiwi corpus) are capped. Within an outlet the articles are taken in file order, which is a seeded
  shuffle, so a prefix is a random sample.
- Splits: 60/20/20 by a hash of the id, the rule `build_corpus.assign_splits` uses for late documents,
  so a document's split never depends on which others were chosen.
- Leave-outlets-out test: every document of HELDOUT_OUTLETS is `split: test` and `heldout_outlet: true`.
  kontan.co.id (40 + 5 in news-dev) and lampost.co (31 + 5) make 81 of the 550 real news documents, 14.7%:
  a national economy daily whose pages were scraped flat, and a regional Lampung paper with its own page
  furniture (`Tags:`, `Source:`), both unlike the outlets that dominate training.

Usage: python scripts/select_newstrain.py [--n 400]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corpus import NEWS, NEWS_TRAIN, ROOT, hash_split  # noqa: E402

HELDOUT_OUTLETS = ("kontan.co.id", "lampost.co")
SELECTION = ROOT / "corpus" / "newstrain_selection.tsv"


def _articles(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def choose(articles: list[dict], n: int) -> list[dict]:
    """The first min(count, cap) articles of each outlet, in file order; cap as large as `n` allows."""
    counts = Counter(a["outlet"] for a in articles)
    cap = max(c for c in range(max(counts.values()) + 1) if sum(min(v, c) for v in counts.values()) <= n)
    # the articles `n` leaves over after the common cap go to the largest outlets, one each
    extra = n - sum(min(v, cap) for v in counts.values())
    quota = {o: min(v, cap) for o, v in counts.items()}
    for o, _ in counts.most_common(extra):
        quota[o] += 1
    taken: Counter = Counter()
    out = []
    for a in articles:
        if taken[a["outlet"]] < quota[a["outlet"]]:
            taken[a["outlet"]] += 1
            out.append(a)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    args = ap.parse_args(argv)
    chosen = choose(_articles(NEWS_TRAIN), args.n)
    rows = []
    for a in chosen:
        held = a["outlet"] in HELDOUT_OUTLETS
        rows.append((a["id"], a["outlet"], "test" if held else hash_split(a["id"]), "true" if held else "false"))
    with SELECTION.open("w", encoding="utf-8") as fh:
        fh.write("id\toutlet\tsplit\theldout_outlet\n")
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    dev_outlets = Counter(a["outlet"] for a in _articles(NEWS))
    real = len(rows) + sum(dev_outlets.values())
    held = sum(r[3] == "true" for r in rows) + sum(dev_outlets[o] for o in HELDOUT_OUTLETS)
    print(f"{SELECTION}: {len(rows)} articles")
    for o, c in Counter(r[1] for r in rows).most_common():
        print(f"  {c:4d}  {o}")
    print("  splits:", dict(Counter(r[2] for r in rows)))
    print(f"  held-out outlets {', '.join(HELDOUT_OUTLETS)}: {held} of {real} real news documents ({held / real:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
