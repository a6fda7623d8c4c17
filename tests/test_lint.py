"""ruff is part of the test suite, so a lint error fails CI like any other test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args):
    res = subprocess.run(["ruff", *args], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy not installed")
def test_mypy():
    """The package type-checks with the settings in pyproject.toml."""
    res = subprocess.run(["mypy"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


MAX_COMPLEXITY = 25  # cyclomatic complexity (radon) of any one function: past it, nobody holds it in their head
MAX_LINES = 70  # lines of any one function (the layout aims at about 60; the margin is for docstrings)


def test_functions_stay_small():
    """No function in the package is too long or too branchy to read (the redesign's limits)."""
    radon = pytest.importorskip("radon.complexity")
    big = []
    for path in sorted((ROOT / "src" / "kutipan").rglob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            lines = block.endline - block.lineno + 1
            if block.complexity > MAX_COMPLEXITY or (lines > MAX_LINES and block.letter in "FM"):
                big.append(
                    f"{path.relative_to(ROOT)}:{block.lineno} {block.name}: cc {block.complexity}, {lines} lines"
                )
    assert not big, "\n".join(big)
