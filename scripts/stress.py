"""Stress benchmark: adversarial and very long inputs, timed with peak memory (a benchmark, not a test).

Each case runs in a fresh interpreter (so peak resident memory is that case's own) and is stopped after
`--timeout` seconds. Two tables:

1. the pathological inputs of issue 15 at 10 KB, 100 KB, 1 MB and 10 MB: news text repeated, a run of
   capitalised words after a cue, nested `‘“…”’`, thousands of distinct speakers, alternating quotation
   marks without spaces and `Abc.Def` without spaces, plus a run of punctuation without spaces;
2. time per word against document length (400 → 1,000,000 words of news text), as a ratio to 400 words.

The news text is the project's own written corpus (`corpus/written.jsonl`), so the script needs nothing
outside the repository. Targets (issue 15): every row under 2 s per 100 KB, time per word at 24,000 and
1,000,000 words within 1.5x of a 400-word article, peak memory under 1 GB at 10 MB.

    python scripts/stress.py [--sizes 10k,100k,1m,10m] [--words 400,2400,24000,240000,1000000]
                             [--cases news,caps,...] [--timeout 180] [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "corpus" / "written.jsonl"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}

# syllables for made-up Indonesian names: distinct speakers without a name list
_SYL = ["ba", "di", "su", "ra", "to", "wi", "ja", "ya", "ti", "no", "ha", "li", "mu", "sa", "ko", "re"]

CHILD = r"""
import json, resource, sys, time
sys.setrecursionlimit(10000)
spec = json.loads(sys.stdin.read())
sys.path.insert(0, spec["scripts"])
from stress import make_text
text = make_text(spec["case"], spec["chars"])
import kutipan
ex = kutipan.Extractor(use_models=spec["use_models"], max_chars=None) if spec["max_chars_arg"] else (
    kutipan.Extractor(use_models=spec["use_models"]))
ex.extract("Budi berkata siap.")
t = time.perf_counter()
doc = ex.extract(text)
secs = time.perf_counter() - t
print(json.dumps({"secs": secs, "chars": len(text), "words": len(text.split()), "quotes": len(doc.quotes),
                  "speakers": len(doc.speakers),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _news() -> str:
    texts = [json.loads(line)["text"] for line in WRITTEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n".join(texts) + "\n"


def _name(n: int) -> str:
    """A distinct two-word made-up name for every n."""
    a, b = [], []
    for out, k in ((a, n), (b, n // 4096 + 7 * n)):
        for _ in range(3):
            out.append(_SYL[k % len(_SYL)])
            k //= len(_SYL)
    return "".join(a).capitalize() + " " + "".join(b).capitalize()


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // max(len(unit), 1) + 1))[:chars]


def make_text(case: str, chars: int) -> str:
    """`chars` characters (about) of one stress case."""
    if case == "news":
        return _repeat(_news(), chars)
    if case == "caps":  # one quote, then a cue followed by nothing but capitalised words
        return '"Kami siap menampung pengungsi," kata ' + _repeat("Budi Santoso Wijaya Kusuma ", chars)
    if case == "nested":
        half = max(chars // 4, 1)
        return "“" + "‘“" * half + "Kami siap" + "”’" * half + "” kata Budi."
    if case == "nested_spaced":
        half = max(chars // 8, 1)
        return "“ " + "‘ “ " * half + "Kami siap" + " ” ’" * half + " ” kata Budi."
    if case == "speakers":
        out, n = [], 0
        while sum(map(len, out)) < chars:
            out.append(f'"Kami siap membantu warga," kata Kepala Desa {_name(n)}.\n')
            n += 1
        return "".join(out)
    if case == "marks":
        return _repeat('"a”b“c"', chars)
    if case == "dots":
        return _repeat("Abc.Def.", chars)
    if case == "dashes":
        return "Budi berkata " + "-" * chars + " siap."
    raise ValueError(f"unknown case {case!r}")


CASES = ("news", "caps", "nested", "nested_spaced", "speakers", "marks", "dots", "dashes")


def run_case(case: str, chars: int, timeout: float, use_models: bool) -> dict:
    spec = {
        "case": case,
        "chars": chars,
        "use_models": use_models,
        "scripts": str(Path(__file__).resolve().parent),
        "max_chars_arg": _has_max_chars(),
    }
    try:
        res = subprocess.run(
            [sys.executable, "-c", CHILD], input=json.dumps(spec), capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"> {timeout:.0f} s"}
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1][:80] if res.stderr.strip() else f"exit {res.returncode}"}
    return json.loads(res.stdout.strip().splitlines()[-1])


def _has_max_chars() -> bool:
    """Whether this checkout's Extractor takes `max_chars` (so the script also runs on older code)."""
    import inspect

    sys.path.insert(0, str(ROOT / "src"))
    from kutipan.pipeline import Extractor

    return "max_chars" in inspect.signature(Extractor).parameters


def _cell(r: dict) -> str:
    if "error" in r:
        return r["error"]
    return f"{r['secs']:.2f} s, {r['rss_mb']:.0f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1m,10m")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--words", default="400,2400,24000,240000,1000000")
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--skip-table", action="store_true")
    ap.add_argument("--skip-words", action="store_true")
    args = ap.parse_args(argv)
    use_models = not args.rules_only
    sizes = [s for s in args.sizes.split(",") if s]
    if not args.skip_table:
        print("| input | " + " | ".join(sizes) + " |")
        print("|---" * (len(sizes) + 1) + "|")
        for case in args.cases.split(","):
            cells = []
            slow = False
            for s in sizes:
                if slow:  # a smaller size already hit the time limit
                    cells.append("skipped")
                    continue
                r = run_case(case, SIZES[s], args.timeout, use_models)
                slow = "error" in r and r["error"].startswith(">")
                cells.append(_cell(r))
            print(f"| {case} | " + " | ".join(cells) + " |", flush=True)
    if not args.skip_words:
        _per_word(args, use_models)
    return 0


def _per_word(args: argparse.Namespace, use_models: bool) -> None:
    print("\n| words | chars | seconds | µs/word | × 400 words | peak MB | quotes |")
    print("|---|---|---|---|---|---|---|")
    base = None
    per_word_chars = len(_news()) / max(len(_news().split()), 1)
    for w in (int(x) for x in args.words.split(",") if x):
        r = run_case("news", int(w * per_word_chars), args.timeout, use_models)
        if "error" in r:
            print(f"| {w} | | {r['error']} | | | | |", flush=True)
            continue
        us = r["secs"] / r["words"] * 1e6
        base = base or us
        print(
            f"| {r['words']} | {r['chars']} | {r['secs']:.2f} | {us:.1f} | {us / base:.2f} | {r['rss_mb']:.0f} |"
            f" {r['quotes']} |",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
