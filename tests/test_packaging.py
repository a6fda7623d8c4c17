"""The package as users install it: sdist → wheel → a fresh venv, with the trained models inside."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "kutipan"
# written for this test: the NER model finds "Universitas Gadjah Mada", which the rules alone do not
PASSAGE = (
    "Rombongan Universitas Gadjah Mada tiba di Bandara Adisutjipto pada Senin pagi bersama Bank Indonesia. "
    '"Kami siap membantu," kata Sutrisno, ketua rombongan.\n'
)


def test_factory_modules_do_not_postpone_annotations():
    """spaCy 3.7 validates factory signatures with pydantic v1, which crashes on string annotations."""
    registering = [
        p for p in PACKAGE.rglob("*.py") if re.search(r"@Language\.(factory|component)\(", p.read_text("utf-8"))
    ]
    assert registering, "no module registers a spaCy factory any more: update this test"
    for path in registering:
        assert "from __future__ import annotations" not in path.read_text("utf-8"), path


def test_packaging_files_present():
    assert (ROOT / "LICENSE").read_text("utf-8").lstrip().startswith("Apache License")
    assert (PACKAGE / "py.typed").exists()
    assert ".venv/" in (ROOT / ".gitignore").read_text("utf-8").split()
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'license = "Apache-2.0"' in pyproject and '"py.typed"' in pyproject


def build(tmp_path: Path) -> tuple[Path, Path]:
    """The sdist built from the checkout, and the wheel built from that sdist (not from the checkout)."""
    dist = tmp_path / "dist"
    code = "import sys; from setuptools import build_meta as b; print(getattr(b, sys.argv[1])(sys.argv[2]))"
    name = subprocess.run(
        [sys.executable, "-c", code, "build_sdist", str(dist)], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    sdist = dist / name
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path / "src", filter="data")
    unpacked = next((tmp_path / "src").iterdir())
    res = subprocess.run(
        [sys.executable, "-c", code, "build_wheel", str(dist)], cwd=unpacked, capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return sdist, dist / res.stdout.split()[-1]


def fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new venv holding only the wheel; its dependencies come from this venv (nothing is downloaded)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    # a plain path line: this venv's packages, without running its .pth files (so not the editable kutipan)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    res = subprocess.run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-3000:]
    return venv


@pytest.mark.slow
def test_wheel_from_sdist_carries_models_and_uses_them(tmp_path):
    models = ROOT / "models"
    if not (models / "ner" / "config.cfg").exists():
        pytest.skip("no trained models in the checkout")
    sdist, wheel = build(tmp_path)
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("/models/ner/config.cfg") for n in names) and any(n.endswith("/LICENSE") for n in names)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for f in ("ner/config.cfg", "ner/tok2vec/model", "ranker/ranker.json", "roles/roles.json"):
        assert f"kutipan/models_data/{f}" in names
    assert "kutipan/py.typed" in names and "kutipan/data/cues.tsv" in names
    assert "License-Expression: Apache-2.0" in meta

    venv = fresh_venv(tmp_path, wheel)
    env = {k: v for k, v in os.environ.items() if k not in ("KUTIPAN_MODELS", "PYTHONPATH")}
    work = tmp_path / "work"  # away from the checkout, as a user would run it
    work.mkdir()
    (work / "warga.txt").write_text(PASSAGE, encoding="utf-8")
    probe = (
        "import kutipan; e = kutipan.Extractor(); "
        "print(kutipan.__file__, e.model_dir, e.has_ner, e.ranker is not None, e.splitter is not None)"
    )
    out = subprocess.run(
        [venv / "bin" / "python", "-c", probe], cwd=work, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0].startswith(str(venv)) and out[1] == str(Path(out[0]).parent / "models_data")
    assert out[2:] == ["True", "True", "True"]

    def extract(*args):
        res = subprocess.run(
            [venv / "bin" / "kutipan", "extract", *args, "warga.txt"], cwd=work, env=env, capture_output=True, text=True
        )
        assert res.returncode == 0 and res.stderr == "", res.stderr
        return {(e["text"], e["label"]) for e in json.loads(res.stdout)["entities"]}

    with_models, rules = extract(), extract("--rules-only")
    assert ("Universitas Gadjah Mada", "ORG") in with_models - rules
