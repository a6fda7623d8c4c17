"""Documents per second: `Extractor.pipe` on one process against Dask with two worker processes.

The 838 real articles of `../shared/data/news-train` and `news-dev` are cycled to `--docs` documents
(3,000 by default), each with a unique id, and run through `Extractor().pipe` and through
`kutipan.dask.extract_bag` on a `distributed.LocalCluster` of two single-threaded worker processes. The
Dask figure is timed twice: with the cluster's start-up (a cold run) and without it. The outputs are
checked equal. Needs the `dask` extra.

Usage: python scripts/bench_dask.py [--docs 3000] [--partition-size 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import cycle, islice
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

from kutipan import Extractor
from kutipan.dask import extract_bag

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def articles(n: int) -> list[tuple[str, str]]:
    rows = []
    for name in ("news-train", "news-dev"):
        path = SHARED / name / "articles.jsonl"
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [(r["text"], f"{r['id']}#{k}") for k, r in enumerate(islice(cycle(rows), n))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--partition-size", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    items = articles(args.docs)
    words = sum(len(t.split()) for t, _ in items)
    print(f"{len(items):,} documents, {words:,} words")

    t0 = time.perf_counter()
    extractor = Extractor()
    ref = [d.to_dict() for d in extractor.pipe(items, as_tuples=True, batch_size=32)]
    t_pipe = time.perf_counter() - t0
    print(f"pipe, 1 process:        {t_pipe:7.1f} s  {len(items) / t_pipe:7.1f} docs/s (model load included)")

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(cluster) as client:
        t_start = time.perf_counter() - t0
        bag = db.from_sequence(items, partition_size=args.partition_size)
        t1 = time.perf_counter()
        got = extract_bag(bag).compute(scheduler=client)
        t_cold = time.perf_counter() - t1
        t1 = time.perf_counter()
        got2 = extract_bag(bag).compute(scheduler=client)
        t_warm = time.perf_counter() - t1
    cluster.close()
    for label, out in (("cold", got), ("warm", got2)):
        differ = [r["id"] for r, g in zip(ref, out, strict=True) if r != g]
        if differ:
            print(f"dask {label} run: {len(differ)} of {len(ref)} documents differ from pipe: {differ[:5]}")
    w = args.workers
    print(f"dask, {w} workers, start:  {t_start:7.1f} s")
    print(f"dask, {w} workers, cold:   {t_cold:7.1f} s  {len(items) / t_cold:7.1f} docs/s (extractor load per worker)")
    print(f"dask, {w} workers, warm:   {t_warm:7.1f} s  {len(items) / t_warm:7.1f} docs/s")
    same = "identical to" if got == ref and got2 == ref else "DIFFERENT from"
    print(f"dask (start+cold) / pipe speed-up: {t_pipe / (t_start + t_cold):.2f}x; output {same} pipe")


if __name__ == "__main__":
    main()
