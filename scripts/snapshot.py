"""Write the extractor's output over every corpus document and news-dev article, for before/after diffs.

    python scripts/snapshot.py OUT.jsonl [--rules-only]

A refactoring that must not change behaviour is checked by running this before and after and comparing
the two files byte for byte (`cmp`); `--diff A B` prints which documents differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news-dev" / "articles.jsonl"


def _texts() -> list[tuple[str, str]]:
    items = []
    if NEWS.exists():
        for line in NEWS.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            items.append((rec["text"], rec["id"]))
    for line in (ROOT / "corpus" / "written.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        items.append((rec["text"], rec["id"]))
    return items


def _diff(a: Path, b: Path) -> int:
    left = {json.loads(x)["id"]: x for x in a.read_text(encoding="utf-8").splitlines()}
    right = {json.loads(x)["id"]: x for x in b.read_text(encoding="utf-8").splitlines()}
    bad = sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for k in bad:
        print(k)
    print(f"{len(bad)} of {len(left | right)} documents differ", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("other", type=Path, nargs="?")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--diff", action="store_true", help="compare two snapshot files")
    args = ap.parse_args()
    if args.diff:
        return _diff(args.out, args.other)
    import kutipan

    ex = kutipan.Extractor(use_models=not args.rules_only)
    with args.out.open("w", encoding="utf-8") as f:
        for text, doc_id in _texts():
            f.write(ex.extract(text, id=doc_id).to_json(indent=None) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
