"""The spaCy component and the `Extractor` that runs it."""

from __future__ import annotations

from spacy.language import Language


@Language.factory("kutipan", default_config={"model_path": None}, assigns=["doc._.kutipan"])
def make_kutipan(nlp: Language, name: str, model_path: str | None):
    from .annotate import KutipanComponent

    return KutipanComponent(nlp, name, model_path)
