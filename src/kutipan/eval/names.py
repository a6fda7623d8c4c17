"""Speaker-name normalisation for scoring, frozen apart from the extractor's lexicon.

The scorer compares names after dropping honorifics, degrees and ranks (`AKBP Dr. Budi, S.H.` and `Budi`
are the same speaker). The words it drops are a frozen list in `name_drop_words.txt` beside this module,
not the extractor's `kutipan/data`: a change to the extractor's lexicon must never move the metric that
judges it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def drop_words() -> frozenset[str]:
    """The case-folded honorifics, degrees and ranks (without a final full stop) that names lose."""
    text = resources.files("kutipan.eval").joinpath("name_drop_words.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def normalize_name(name: str | None) -> str:
    """Case-folded name without honorifics, ranks and degrees (`AKBP Dr. Budi, S.H.` → `budi`)."""
    if not name:
        return ""
    drop = drop_words()
    words = [w.casefold().strip(".,") for w in name.replace(",", " ").split()]
    return " ".join(w for w in words if w and w not in drop)
