"""Build hook: copy the trained models (`models/`) into the package as `kutipan/models_data`.

Everything else about the package is declared in pyproject.toml. Why a hook rather than moving the
models into `src/`: `models/` at the repository root stays the one copy that the training scripts
write and a source checkout reads, while a wheel, an sdist (through MANIFEST.in) and `pip install .`
carry the same files, so an installed kutipan never runs without its models.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildWithModels(build_py):
    """`build_py` that also copies `models/` into the built package (not in editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads models/ in the checkout
        if not (MODELS / "ner" / "config.cfg").is_file():
            raise SystemExit(f"kutipan build: no trained models in {MODELS}; the package would run rules only")
        dest = Path(self.build_lib) / "kutipan" / "models_data"
        shutil.copytree(MODELS, dest, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithModels})
