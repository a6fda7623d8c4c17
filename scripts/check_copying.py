"""Find runs of ten or more words of a shared article in the repository's files.

    python scripts/check_copying.py [--n 10] [PATH ...]

Article texts of `../shared/data` belong to their publishers and must never be copied into this
repository (corpus annotations are standoff). This scans every file git tracks (or the PATHs given) for
any run of `--n` consecutive words (lower-cased word tokens) that also occurs in a news-dev or
news-train article, and prints each hit with the file and article id. Exit status 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
WORD = re.compile(r"\w+")


def _grams(text: str, n: int) -> dict[tuple[str, ...], int]:
    words = [w.casefold() for w in WORD.findall(text)]
    return {tuple(words[i : i + n]): i for i in range(len(words) - n + 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--n", type=int, default=10)
    args = ap.parse_args()
    shared: dict[tuple[str, ...], str] = {}
    for name in ("news-dev", "news-train"):
        path = DATA / name / "articles.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    rec = json.loads(line)
                    for g in _grams(rec["text"], args.n):
                        shared.setdefault(g, rec["id"])
    files = args.paths or [
        ROOT / p
        for p in subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split(
            "\n"
        )
        if p
    ]
    hits = 0
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for g in _grams(text, args.n):
            if g in shared:
                hits += 1
                print(f"{f.relative_to(ROOT) if f.is_absolute() else f}: {' '.join(g)}  [{shared[g]}]")
    print(f"{hits} runs of {args.n} words from shared articles", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
