"""The spaCy component is the same extractor: `Extractor()`, `nlp.add_pipe("kutipan")` on a blank
pipeline, and `spacy.load` of a saved pipeline give identical output over the whole corpus."""

from __future__ import annotations

import json

import pytest
import spacy

from conftest import NEWS, ROOT
from kutipan import Extractor
from kutipan.pipeline import default_model_dir


def _corpus_texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (ROOT / "corpus" / "written.jsonl").read_text("utf-8").splitlines()]
    if NEWS.exists():  # the real-news part of the corpus: the shared articles
        texts += [json.loads(line)["text"] for line in NEWS.read_text("utf-8").splitlines()]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _corpus_texts()


@pytest.fixture(scope="module")
def expected(texts) -> list[dict]:
    ex = Extractor()
    assert ex.has_ner and ex.ranker is not None and ex.splitter is not None, "the test needs the models"
    return [ex.extract(t).to_dict() for t in texts]


def test_add_pipe_on_blank_pipeline_is_the_extractor(texts, expected):
    nlp = spacy.blank("id")
    nlp.add_pipe("kutipan", config={"models": str(default_model_dir())})
    got = [nlp(t)._.kutipan for t in texts]
    assert got == expected


def test_spacy_load_of_saved_pipeline_is_the_extractor(texts, expected, tmp_path):
    Extractor().nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "kutipan" / "ner" / "config.cfg").exists(), "the models travel with the pipeline"
    nlp = spacy.load(tmp_path / "pipe")
    got = [d._.kutipan for d in nlp.pipe(texts)]
    assert got == expected


def test_saved_pipeline_does_not_read_the_original_models(tmp_path, monkeypatch):
    text = '"Kami siap," kata Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso.'
    Extractor().nlp.to_disk(tmp_path / "pipe")
    monkeypatch.setenv("KUTIPAN_MODELS", str(tmp_path / "nowhere"))
    nlp = spacy.load(tmp_path / "pipe")
    comp = nlp.get_pipe("kutipan")
    doc = nlp(text)
    assert comp.annotator.has_ner and comp.annotator.model_dir == tmp_path / "pipe" / "kutipan"
    assert doc._.kutipan["quotes"][0]["speaker"]["name"] == "Budi Santoso"


def test_rules_only_component_is_the_rules_only_extractor(texts):
    nlp = spacy.blank("id")
    nlp.add_pipe("kutipan", config={"use_models": False})
    ex = Extractor(use_models=False)
    sample = texts[:40]
    assert [nlp(t)._.kutipan for t in sample] == [ex.extract(t).to_dict() for t in sample]


def test_spans_on_a_foreign_tokenization():
    nlp = spacy.blank("id")
    nlp.add_pipe("kutipan", config={"use_models": False})
    doc = nlp('"Kami siap," kata Budi Santoso di Sleman.')
    assert [s.text for s in doc.spans["kutipan_quote"]] == ["Kami siap,"]
    assert [s.text for s in doc.spans["kutipan_speaker"]] == ["Budi Santoso"]
