"""The NumPy NER decoder gives exactly the entities of spaCy's own `ner` component on the same weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Span

from kutipan.ml.ner_decoder import _AHEAD, NumpyNER
from kutipan.pipeline import load_ner

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
if not (MODELS / "ner" / "config.cfg").exists():
    pytest.skip("models/ner not present", allow_module_level=True)

EDGE_CASES = [
    "",
    "   ",
    "Jakarta",
    "Kata Budi Santoso",
    "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Sleman Daerah Istimewa Yogyakarta menyatakan siap.",
    "Ketua Umum Partai Demokrasi Indonesia Perjuangan Megawati Soekarnoputri\n\n\nhadir di Kantor DPP PDIP.",
    "\n\nPresiden Joko Widodo.\n\nMenteri Keuangan Sri Mulyani Indrawati",
]


@pytest.fixture(scope="module")
def pipelines():
    return load_ner(MODELS, numpy_decoder=False), load_ner(MODELS)


def _texts() -> list[str]:
    written = [json.loads(line)["text"] for line in (ROOT / "corpus" / "written.jsonl").open(encoding="utf-8")]
    return EDGE_CASES + written


def _ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _compare(pipelines, texts):
    reference, fast = pipelines
    expected = [_ents(d) for d in reference.pipe(texts, batch_size=16)]
    got = [_ents(d) for d in fast.pipe(texts, batch_size=16)]
    for text, e, g in zip(texts, expected, got, strict=True):
        assert g == e, text[:80]
    return expected


def test_the_numpy_decoder_replaces_spacys_component(pipelines):
    reference, fast = pipelines
    assert isinstance(fast.get_pipe("ner"), NumpyNER)
    assert not isinstance(reference.get_pipe("ner"), NumpyNER)
    assert fast.pipe_names == reference.pipe_names
    assert fast.get_pipe("ner").labels == tuple(sorted(reference.get_pipe("ner").labels))


def test_same_entities_as_spacy_on_the_written_corpus(pipelines):
    expected = _compare(pipelines, _texts())
    spans = [e for doc in expected for e in doc]
    assert len(spans) > 1000
    # the long-entity path (past the batched look-ahead) and single-token entities are both exercised
    assert any(end - start > _AHEAD for start, end, _ in spans)
    assert any(end - start == 1 for start, end, _ in spans)


def test_same_entities_as_spacy_on_real_news(pipelines, news_articles):
    expected = _compare(pipelines, [a["text"] for a in news_articles])
    assert sum(map(len, expected)) > 3000


def test_same_entities_one_doc_at_a_time(pipelines):
    reference, fast = pipelines
    for text in EDGE_CASES:
        assert _ents(fast(text)) == _ents(reference(text))


def test_preset_entities_go_to_spacys_component(pipelines):
    reference, fast = pipelines
    text = "Wali Kota Magelang Muchamad Nur Aziz meninjau Pasar Rejowinangun."
    docs = []
    for nlp in (reference, fast):
        doc = nlp.make_doc(text)
        doc.set_ents([Span(doc, 0, 3, label="ORG")], default="unmodified")
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        docs.append(doc)
    assert _ents(docs[1]) == _ents(docs[0])
    assert _ents(docs[1])[0] == (0, 3, "ORG")


def test_models_it_does_not_decode_keep_spacys_component(pipelines):
    ner = pipelines[0].get_pipe("ner")
    assert NumpyNER.from_pipe(ner) is not None
    ner.cfg["beam_width"] = 4
    try:
        assert NumpyNER.from_pipe(ner) is None
    finally:
        ner.cfg["beam_width"] = 1
    assert NumpyNER.from_pipe(object()) is None
