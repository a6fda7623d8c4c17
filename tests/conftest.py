from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kutipan import Extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news-dev" / "articles.jsonl"
SEED = SHARED / "examples" / "magelang-smart-city.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The rule layer alone, so that rule tests don't move when a model is retrained."""
    return Extractor(use_models=False)


@pytest.fixture(scope="session")
def news_train_articles() -> list[dict]:
    path = SHARED / "data" / "news-train" / "articles.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    # split on "\n" only: the texts hold raw U+2028, at which str.splitlines would also break
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture(scope="session")
def news_articles() -> list[dict]:
    if not NEWS.exists():
        pytest.skip(f"{NEWS} not present")
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]


def run_cli(argv, capsys, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """Run the `kutipan` command in-process: (exit status, stdout, stderr); `stdin` bytes go to its input."""
    import io
    import sys

    from kutipan.cli import main

    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# Hypothesis: a few hundred examples in the suite (CI); `--hypothesis-profile long` for 100,000 locally.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "suite", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
    )
    # KUTIPAN_LONG_EXAMPLES: fewer (or more) for a run that must fit a time budget
    settings.register_profile(
        "long",
        max_examples=int(os.environ.get("KUTIPAN_LONG_EXAMPLES", "100000")),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    settings.load_profile("suite")
except ImportError:  # the hypothesis tests skip themselves
    pass
