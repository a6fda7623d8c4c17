"""Clusterings of quotes by speaker: B-cubed, shared by the scorer and the agreement figures.

Kept in its own module because both `scoring` (predictions against gold) and `agreement` (one annotator
against another) need it, and `agreement` already imports `scoring`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable


def bcubed(gold: dict[Hashable, Hashable], pred: dict[Hashable, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering of items, over the items both sides cover.

    Why B-cubed: speaker identity is a clustering of quotes; strict name equality punishes a different
    spelling of the same person, B-cubed only asks whether the same quotes are grouped together
    (Bagga and Baldwin 1998).

    Args:
        gold: item → cluster id in the reference.
        pred: item → cluster id in the other annotation.
    """
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    g_members: dict[Hashable, set] = defaultdict(set)
    p_members: dict[Hashable, set] = defaultdict(set)
    for i in items:
        g_members[gold[i]].add(i)
        p_members[pred[i]].add(i)
    p = r = 0.0
    for i in items:
        same = len(g_members[gold[i]] & p_members[pred[i]])
        p += same / len(p_members[pred[i]])
        r += same / len(g_members[gold[i]])
    p, r = p / len(items), r / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": len(items)}
