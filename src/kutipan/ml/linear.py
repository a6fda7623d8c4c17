"""Logistic-regression weights kept as JSON: the one model format of the ranker and the role splitter.

A file holds the feature names, the coefficients and the intercept (plus what it was trained on). It is
read with `json` and applied with NumPy, so loading a model runs no code; scikit-learn is needed only to
train one (`scripts/train_*.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from kutipan.errors import ModelError


class LinearModel:
    """Weights over a fixed, named feature list; `FEATURES` is set by each subclass."""

    FEATURES: list[str] = []
    WHAT = "model"

    def __init__(self, coef: np.ndarray, intercept: float, names: list[str]):
        if list(names) != self.FEATURES:
            raise ValueError(f"the {self.WHAT}'s feature names differ from this version of kutipan")
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)

    @classmethod
    def load(cls, path: Path):
        """Read the JSON weights, or raise `ModelError` naming the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["coef"], data["intercept"], data["features"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(str(path), f"cannot read the {cls.WHAT} ({exc})") from exc

    def decision(self, x: np.ndarray) -> np.ndarray:
        # multiply and sum, not `x @ coef`: a BLAS call on a few rows costs more in thread start-up than
        # the arithmetic, and it runs once per quote
        return (x * self.coef).sum(axis=1) + self.intercept

    def save(self, path: Path, meta: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"features": self.FEATURES, "coef": self.coef.tolist(), "intercept": self.intercept, **meta}
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
