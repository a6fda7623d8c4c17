"""Speed, memory and cold start of the default extractor on the 150 news-dev articles.

Times, in one run: `spacy.blank("id")` tokenisation of the same texts (the reference), the full default
extractor on one process, and `Extractor.pipe(n_process=2)`; cold start (import kutipan and build the
default Extractor) in a fresh interpreter; peak resident memory of a fresh process that loads the
extractor and runs it over all texts. Prints each figure and the ratio to the reference.

Target: at least a quarter of the reference speed on one core, under 400 MB resident, cold start < 2 s.

Usage: python scripts/benchmark.py [--repeat 3] [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news-dev" / "articles.jsonl"

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import kutipan
ex = kutipan.Extractor(use_models={use_models})
ex.extract("Budi berkata siap.")
cold = time.perf_counter() - t0
if {run_all}:
    texts = [json.loads(l)["text"] for l in open({news!r}, encoding="utf-8")]
    for _ in ex.pipe(texts, batch_size=32):
        pass
print(json.dumps({{"cold": cold, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def child(use_models: bool, run_all: bool) -> dict:
    code = CHILD.format(use_models=use_models, run_all=run_all, news=str(NEWS))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rules-only", action="store_true")
    args = ap.parse_args()
    import spacy

    import kutipan

    texts = [json.loads(line)["text"] for line in NEWS.open(encoding="utf-8")]
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    blank = spacy.blank("id")
    ex = kutipan.Extractor(use_models=not args.rules_only)
    ex.extract(texts[0])  # warm up lexicons

    t_ref = best_of(lambda: list(blank.pipe(texts, batch_size=32)), args.repeat)
    t_one = best_of(lambda: list(ex.pipe(texts, batch_size=32)), args.repeat)
    # processes pay a start-up cost, so the 1 → 2 comparison runs over the texts four times
    many = texts * 4
    t_one_many = best_of(lambda: list(ex.pipe(many, batch_size=32)), 1)
    t_two = best_of(lambda: list(ex.pipe(many, batch_size=32, n_process=2)), 1)
    cold = min(child(not args.rules_only, False)["cold"] for _ in range(args.repeat))
    rss = child(not args.rules_only, True)["rss_mb"]

    wps_ref, wps = words / t_ref, words / t_one
    print(f"documents {len(texts)}, words {words}, models {'off' if args.rules_only else 'on'} (NER: {ex.has_ner})")
    print(f"spacy.blank('id') tokenisation : {wps_ref:10.0f} words/s  {len(texts) / t_ref:8.1f} docs/s")
    print(f"kutipan, 1 process             : {wps:10.0f} words/s  {len(texts) / t_one:8.1f} docs/s")
    print(f"kutipan, 1 process,  600 docs  : {4 * words / t_one_many:10.0f} words/s  {600 / t_one_many:8.1f} docs/s")
    print(f"kutipan, 2 processes, 600 docs : {4 * words / t_two:10.0f} words/s  {600 / t_two:8.1f} docs/s")
    print(f"ratio kutipan / reference      : {wps / wps_ref:10.3f}   (target >= 0.25)")
    print(f"speed-up 1 -> 2 processes      : {t_one_many / t_two:10.2f}x")
    print(f"cold start (import + load)     : {cold:10.2f} s      (target < 2 s)")
    print(f"peak resident memory           : {rss:10.0f} MB     (target < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
