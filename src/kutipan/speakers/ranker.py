"""A learned ranker for the speaker of quotes that the rule sieve can't be sure of.

The sieve decides where a name stands at the cue (`"…," kata Budi`). For `ia`, `dia`, `beliau`, the
`-nya` of `katanya`, role nouns and bare quote paragraphs it only guesses "the most recent person". The
ranker scores every person or organisation mentioned before the quote (and in the next paragraph, for a
speaker named only after the quote) with a logistic regression over the features below, and the best
candidate wins. Training (`scripts/train_ranker.py`) and prediction share `features`.

The weights are a JSON file (`models/ranker/ranker.json`, see `linear.LinearModel`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from kutipan.document import Mention
from kutipan.ml.linear import LinearModel

# The rank given to a candidate not mentioned before the quote (only after it): below every ranked one.
UNRANKED = 9
# Characters "since the last mention" of a candidate never mentioned before the quote: farther than any
# mention the lookback window admits, so the feature says "long ago".
NEVER_MENTIONED_CHARS = 20000
# Log-scaled counts are divided by these so that they stay near the 0/1 range of the other features.
LOG_CHARS_SCALE = 10
LOG_MENTIONS_SCALE = 3

FEATURES = [
    "bias_pronoun",
    "bias_clitic",
    "bias_role",
    "bias_none",
    "log_chars_since",
    "rank_0",
    "rank_1",
    "rank_2",
    "rank_3plus",
    "prev_quote_speaker",
    "rule_choice",
    "rule_choice_x_pronoun",
    "rule_choice_x_clitic",
    "rule_choice_x_none",
    "last_as_speaker",
    "last_as_subject",
    "same_paragraph",
    "previous_paragraph",
    "after_quote",
    "organization",
    "anonymous",
    "has_role",
    "log_mentions",
    "quoted_before",
    "role_word_match",
    "direct",
]


@dataclass(slots=True)
class Candidate:
    """What is known of one possible speaker at the point of a quote."""

    key: int  # index into the registry's speakers
    last_pos: int | None  # char offset of the last mention before the quote
    last_kind: str  # speaker | subject | other
    last_paragraph: int | None
    mentions: int
    quoted_before: bool
    organization: bool
    anonymous: bool
    has_role: bool
    title_words: set[str] = field(default_factory=set)
    after_pos: int | None = None  # first mention after the quote, in its paragraph or the next
    mention: Mention | None = None  # the nearest mention, for a bare quote that needs one


def features(
    mention_kind: str,
    quote_pos: int,
    quote_paragraph: int,
    direct: bool,
    mention_text: str,
    cands: list[Candidate],
    rule_key: int | None,
    prev_key: int | None,
) -> np.ndarray:
    """Feature matrix, one row per candidate, columns as `FEATURES`."""
    order = sorted((c for c in cands if c.last_pos is not None), key=lambda c: -(c.last_pos or 0))
    rank = {c.key: r for r, c in enumerate(order)}
    words = {w.casefold() for w in mention_text.split()}
    rows = []
    for c in cands:
        r = rank.get(c.key, UNRANKED)
        since = quote_pos - c.last_pos if c.last_pos is not None else NEVER_MENTIONED_CHARS
        rule = float(c.key == rule_key)
        row = {
            "bias_pronoun": float(mention_kind == "pronoun"),
            "bias_clitic": float(mention_kind == "clitic"),
            "bias_role": float(mention_kind == "role"),
            "bias_none": float(mention_kind == "none"),
            "log_chars_since": math.log1p(max(0, since)) / LOG_CHARS_SCALE,
            "rank_0": float(r == 0),
            "rank_1": float(r == 1),
            "rank_2": float(r == 2),
            "rank_3plus": float(r >= 3),
            "prev_quote_speaker": float(c.key == prev_key),
            "rule_choice": rule,
            "rule_choice_x_pronoun": rule * (mention_kind == "pronoun"),
            "rule_choice_x_clitic": rule * (mention_kind == "clitic"),
            "rule_choice_x_none": rule * (mention_kind == "none"),
            "last_as_speaker": float(c.last_kind == "speaker"),
            "last_as_subject": float(c.last_kind == "subject"),
            "same_paragraph": float(c.last_paragraph == quote_paragraph),
            "previous_paragraph": float(c.last_paragraph == quote_paragraph - 1),
            "after_quote": float(c.last_pos is None and c.after_pos is not None),
            "organization": float(c.organization),
            "anonymous": float(c.anonymous),
            "has_role": float(c.has_role),
            "log_mentions": math.log1p(c.mentions) / LOG_MENTIONS_SCALE,
            "quoted_before": float(c.quoted_before),
            "role_word_match": float(bool(words & c.title_words)),
            "direct": float(direct),
        }
        rows.append([row[f] for f in FEATURES])
    return np.asarray(rows, dtype=float)


class SpeakerRanker(LinearModel):
    """Logistic-regression weights over `FEATURES`, read from JSON (`linear.LinearModel`)."""

    FEATURES = FEATURES
    WHAT = "speaker ranker"

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Probability that each candidate row is the speaker."""
        return 1 / (1 + np.exp(-self.decision(x)))
