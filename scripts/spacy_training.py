"""What the training scripts share: one fresh `spacy train` run into an output folder, timed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any


def train_fresh(config: Path, out: Path, overrides: dict[str, Any]) -> float:
    """Run spaCy's trainer on `config` into an emptied `out` (CPU); return the seconds it took."""
    from spacy.cli.train import train as spacy_train

    if out.exists():
        shutil.rmtree(out)  # model-best from an older run must never stand for this one
    t0 = time.time()
    spacy_train(config, out, use_gpu=-1, overrides=overrides)
    return round(time.time() - t0, 1)
