"""A learned split of a role phrase into title and organisation.

The rule parser finds where a speaker's role phrase starts and ends (`Wakil Kepala Satlantas Polresta
Cirebon`); where the title ends and the institution begins is the hard part (GUIDE §5: units inside the
institution stay in the title, region heads keep their region, `Kapolres X` is all title). Each possible
split point of the phrase is scored by a logistic regression over lexicon features of the words around it
and the rule parser's own choice; the best split wins. Training (`scripts/train_roles.py`) and prediction
share `split_features`. Weights are JSON (`linear.LinearModel`). `resplit_roles` applies the splitter to
the output speakers, over each role's tokens and the split the rules chose (`role_tokens`).
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Token

from kutipan.document import Span, Speaker
from kutipan.lang import lexicon
from kutipan.ml.linear import LinearModel
from kutipan.text.view import DocView

FEATURES = [
    "bias",
    "no_title",
    "no_org",
    "rule_split",
    "at_org_head",
    "at_first_org_head",
    "at_acronym",
    "at_unit",
    "at_title_word",
    "at_org_word",
    "at_region",
    "at_paren",
    "at_lower",
    "prev_title_word",
    "prev_unit",
    "prev_org_word",
    "prev_region_head_end",
    "prev_paren",
    "org_head_after",
    "org_head_before",
    "starts_region_head",
    "starts_region_head_x_no_org",
    "title_share_before",
    "relative_position",
]


def _flags(words: list[str]) -> list[dict[str, bool]]:
    titles = lexicon.get().titles
    units = lexicon.get().units
    org_words = lexicon.get().org_words
    heads = lexicon.get().org_heads.index
    regions = lexicon.get().regions
    out = []
    for w in words:
        out.append(
            {
                "org_head": w in heads or (len(w) >= 2 and w.isupper() and w.isalpha()),
                "acronym": len(w) >= 2 and w.isupper(),
                "unit": w in units,
                "title": w in titles,
                "org_word": w in org_words,
                "region": (w,) in regions,
                "paren": w in {"(", ")"},
                "lower": w[:1].islower(),
            }
        )
    return out


def _region_head_ends(words: list[str]) -> set[int]:
    """Indices just after a region-head phrase (`Wali Kota|`, `Gubernur|`)."""
    out = set()
    index = lexicon.get().region_heads.index
    for i, w in enumerate(words):
        for ph in index.get(w, ()):
            if tuple(words[i : i + len(ph)]) == ph:
                out.add(i + len(ph))
    return out


def split_features(words: list[str], rule_split: int) -> np.ndarray:
    """One row per split point s in 0..len(words): title = words[:s], organisation = words[s:]."""
    n = len(words)
    f = _flags(words)
    rh_ends = _region_head_ends(words)
    starts_rh = 0 in {i for i in range(n) if any(e > i for e in rh_ends)} and bool(rh_ends)
    heads = [i for i in range(n) if f[i]["org_head"]]
    first_head = heads[0] if heads else None
    rows = []
    for s in range(n + 1):
        at = f[s] if s < n else {}
        prev = f[s - 1] if s > 0 else {}
        title_share = sum(1 for i in range(s) if f[i]["title"] or f[i]["unit"]) / s if s else 0.0
        row = {
            "bias": 1.0,
            "no_title": float(s == 0),
            "no_org": float(s == n),
            "rule_split": float(s == rule_split),
            "at_org_head": float(bool(at.get("org_head"))),
            "at_first_org_head": float(s == first_head),
            "at_acronym": float(bool(at.get("acronym"))),
            "at_unit": float(bool(at.get("unit"))),
            "at_title_word": float(bool(at.get("title"))),
            "at_org_word": float(bool(at.get("org_word"))),
            "at_region": float(bool(at.get("region"))),
            "at_paren": float(bool(at.get("paren"))),
            "at_lower": float(bool(at.get("lower"))),
            "prev_title_word": float(bool(prev.get("title"))),
            "prev_unit": float(bool(prev.get("unit"))),
            "prev_org_word": float(bool(prev.get("org_word"))),
            "prev_region_head_end": float(s in rh_ends),
            "prev_paren": float(bool(prev.get("paren"))),
            "org_head_after": float(any(h >= s for h in heads)),
            "org_head_before": float(any(h < s for h in heads)),
            "starts_region_head": float(starts_rh),
            "starts_region_head_x_no_org": float(starts_rh and s == n),
            "title_share_before": title_share,
            "relative_position": s / n if n else 0.0,
        }
        rows.append([row[k] for k in FEATURES])
    return np.asarray(rows, dtype=float)


class RoleSplitter(LinearModel):
    """Logistic-regression weights over `FEATURES`, read from JSON (`linear.LinearModel`)."""

    FEATURES = FEATURES
    WHAT = "role splitter"

    def split(self, words: list[str], rule_split: int) -> int:
        """The best split point of a role phrase."""
        return int(self.decision(split_features(words, rule_split)).argmax())


def role_tokens(view: DocView, speaker: Speaker) -> tuple[list[Token], int] | None:
    """The tokens of a speaker's role phrase and the rule split point (index where the organisation starts)."""
    parts = [p for p in (speaker.title, speaker.organization) if p]
    if not parts:
        return None
    span = view.char_span(min(p.start for p in parts), max(p.end for p in parts), alignment_mode="expand")
    if span is None:
        return None
    toks = list(span)
    if speaker.organization is None:
        rule = len(toks)
    else:
        rule = next((k for k, t in enumerate(toks) if t.idx >= speaker.organization.start), len(toks))
    return toks, rule


def _chars(text: str, toks: list[Token], a: int, b: int) -> Span:
    """The output span of tokens [a, b) of a role phrase."""
    start, end = toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text)
    return Span(start, end, text[start:end])


def resplit_roles(view: DocView, speakers: list[Speaker], splitter: RoleSplitter) -> None:
    """Let the learned splitter decide where each role's title ends and its organisation begins."""
    for sp in speakers:
        got = role_tokens(view, sp)
        if got is None:
            continue
        toks, rule = got
        s = splitter.split([t.text for t in toks], rule)
        if s == rule:
            continue
        sp.title = _chars(view.text, toks, 0, s) if s > 0 else None
        sp.organization = _chars(view.text, toks, s, len(toks)) if s < len(toks) else None
