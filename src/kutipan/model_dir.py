"""Where the trained models are: the repository's `models/` in a checkout, else the copy inside the package.

Why two places: `models/` at the repository root stays the source of truth for development and the
training scripts, while a wheel, an sdist or `pip install .` carries a copy as `kutipan/models_data`
(copied by the build hook in `setup.py`). A user's installed package thus has its models without
any download, and a developer's checkout uses the models it is training.
"""

from __future__ import annotations

import os
from pathlib import Path

from kutipan.errors import ModelError

PACKAGE = Path(__file__).resolve().parent
# relative to a model folder: what each model needs to load
MODEL_FILES = ("ner/config.cfg", "ranker/ranker.json", "roles/roles.json")


def repository_model_dir() -> Path | None:
    """`models/` beside `src/` when this package runs from a source checkout, else None."""
    if PACKAGE.parent.name != "src":
        return None
    path = PACKAGE.parents[1] / "models"
    return path if path.is_dir() else None


def packaged_model_dir() -> Path:
    """The models copied into the installed package (may be absent in an editable install)."""
    return PACKAGE / "models_data"


def default_model_dir() -> Path:
    """`$KUTIPAN_MODELS`, else the repository's `models/`, else the packaged copy."""
    env = os.environ.get("KUTIPAN_MODELS")
    if env:
        return Path(env)
    return repository_model_dir() or packaged_model_dir()


def check_model_dir(path: str | Path) -> Path:
    """`path` as a Path when it holds at least one kutipan model; else `ModelError` saying what is wrong.

    Why strict: a mistyped `--models` path used to run the rules alone with a warning and exit 0, which
    looks like a successful run with worse output.
    """
    p = Path(path)
    if not p.exists():
        raise ModelError(str(path), "no such model folder")
    if not p.is_dir():
        raise ModelError(str(path), "not a folder (give the folder that holds ner/, ranker/ and roles/)")
    if not any((p / f).is_file() for f in MODEL_FILES):
        raise ModelError(str(path), f"not a kutipan model folder (none of {', '.join(MODEL_FILES)})")
    return p
