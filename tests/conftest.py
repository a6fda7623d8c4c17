from __future__ import annotations

import json
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
def news_articles() -> list[dict]:
    if not NEWS.exists():
        pytest.skip(f"{NEWS} not present")
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
