"""Reliability of `confidence`: bins of confidence against the share of quotes whose speaker is right.

Why: a user who keeps only quotes at 0.9 or more must be able to trust them (issue 9 asks for at least
95% right there). Every predicted quote counts: one that matches no gold quote is wrong (it is not a
quote), one whose gold has no speaker is right only when the prediction has none either.
"""

from __future__ import annotations

from typing import Any

EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
HIGH = 0.9


def calibration(points: list[tuple[float, bool]], edges: tuple[float, ...] = EDGES) -> dict[str, Any]:
    """The reliability table of (confidence, right) points; the last bin includes 1.0.

    Returns:
        `bins` (each `low`, `high`, `n`, `right`, `share`, `mean_confidence`), `high` (the same figures
        for confidence >= 0.9) and `ece` (expected calibration error: the n-weighted mean gap between
        mean confidence and share right).
    """
    bins = []
    for k, (lo, hi) in enumerate(zip(edges, edges[1:], strict=False)):
        last = k == len(edges) - 2
        inside = [(c, ok) for c, ok in points if lo <= c < hi or (last and c == hi)]
        bins.append(_bin(lo, hi, inside))
    high = _bin(HIGH, 1.0, [(c, ok) for c, ok in points if c >= HIGH])
    n = len(points)
    ece = sum(b["n"] * abs(b["mean_confidence"] - b["share"]) for b in bins if b["n"]) / n if n else 0.0
    return {"bins": bins, "high": high, "ece": ece, "n": n}


def _bin(lo: float, hi: float, inside: list[tuple[float, bool]]) -> dict[str, Any]:
    n = len(inside)
    right = sum(ok for _, ok in inside)
    return {
        "low": lo,
        "high": hi,
        "n": n,
        "right": right,
        "share": right / n if n else 0.0,
        "mean_confidence": sum(c for c, _ in inside) / n if n else 0.0,
    }


def format_calibration(cal: dict[str, Any]) -> list[str]:
    """Lines of the reliability table for `format_report`."""
    lines = [f"calibration (confidence -> share of quotes with the right speaker; n={cal['n']}, ECE {cal['ece']:.3f})"]
    for b in cal["bins"]:
        if b["n"]:
            lines.append(
                f"  [{b['low']:.1f}, {b['high']:.1f}{']' if b['high'] == 1.0 else ')'}  n={b['n']:5d}  "
                f"right {b['share']:.3f}  mean confidence {b['mean_confidence']:.3f}"
            )
    h = cal["high"]
    lines.append(f"  confidence >= {HIGH}: {h['share']:.3f} right (n={h['n']})")
    return lines
