"""Per-class precision, recall and F1 of a labelling (`source_type`, speaker `kind`), with macro-F1."""

from __future__ import annotations

from collections import Counter
from typing import Any


def class_report(pairs: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Per-class P/R/F1, macro-F1 and accuracy of (gold, predicted) labels.

    A missing prediction (`None`) is wrong for its gold class and counts as no class's prediction.
    Macro-F1 averages the classes that occur in the gold, so that a class nobody annotated cannot lift
    or sink the figure.
    """
    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs if p is not None)
    tp = Counter(g for g, p in pairs if g == p)
    classes = {}
    for c in sorted(set(gold) | set(pred)):
        p = tp[c] / pred[c] if pred[c] else 0.0
        r = tp[c] / gold[c] if gold[c] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        classes[c] = {"precision": p, "recall": r, "f1": f, "tp": tp[c], "pred": pred[c], "gold": gold[c]}
    in_gold = [classes[c]["f1"] for c in gold]
    return {
        "classes": classes,
        "macro_f1": sum(in_gold) / len(in_gold) if in_gold else 0.0,
        "accuracy": sum(tp.values()) / len(pairs) if pairs else 0.0,
        "n": len(pairs),
    }
