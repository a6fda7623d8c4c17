"""Time `kutipan extract` on a corpus-sized JSON Lines file, with one and two processes, and its peak memory.

    python scripts/bench_corpus.py [--records 3000] [--work /tmp/kutipan-bench]

The input is built in `--work` (never in the repository) by cycling the news-train and news-dev
articles of `../shared/data` with ids made unique. Each run is `kutipan extract FILE -o OUT.csv -q
--jobs N` as a user would type it; its peak memory is the sum of the resident sets of the command and
its worker processes, sampled every 0.1 s with psutil (install it to run this script). A run over a
third of the records shows whether memory grows with the number of documents.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT.parent / "shared" / "data" / s / "articles.jsonl" for s in ("news-train", "news-dev")]


def build_input(path: Path, records: int) -> int:
    """Write `records` articles to `path`; returns the number of words."""
    articles = []
    for src in SOURCES:
        with src.open(encoding="utf-8") as fh:  # not splitlines(): texts hold U+2028, which it splits at
            articles += [json.loads(line) for line in fh if line.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for n, art in zip(range(records), itertools.cycle(articles), strict=False):
            rec = {"id": f"{art['id']}-r{n // len(articles)}", "text": art["text"]}
            rec |= {k: art[k] for k in ("outlet", "date", "url") if k in art}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            words += len(art["text"].split())
    return words


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak summed RSS (MB) of `cmd` and its children.

    CPU seconds are given beside wall time because on a shared machine the wall time also measures the
    neighbours' load.
    """
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(cmd)
    peak = 0
    while proc.poll() is None:
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # a worker that just ended
                total += p.memory_info().rss
        peak = max(peak, total)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak / 1e6


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    model = next((x.split(":", 1)[1].strip() for x in lines if x.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kutipan-bench"))
    ap.add_argument("--rules-only", action="store_true")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    kutipan = [sys.executable, "-m", "kutipan", "extract", "-q"] + (["--rules-only"] if args.rules_only else [])
    third = max(args.records // 3, 1)
    for records, jobs in ((third, 1), (args.records, 1), (args.records, 2)):
        src = args.work / f"articles-{records}.jsonl"
        words = build_input(src, records)
        out = args.work / f"quotes-{records}-j{jobs}.csv"
        load = os.getloadavg()[0]
        wall, cpu, peak = run([*kutipan, str(src), "-o", str(out), "--jobs", str(jobs)])
        rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        print(
            f"{records} articles ({words} words), --jobs {jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU, load {load:.1f}, "
            f"{records / wall:.0f} articles/s, peak RSS {peak:.0f} MB (all processes), {rows} lines after the header"
        )
    with out.open(encoding="utf-8") as fh:
        print("CSV header:", fh.readline().rstrip("\n"))
        print("first row:", fh.readline().rstrip("\n"))


if __name__ == "__main__":
    main()
