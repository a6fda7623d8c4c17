from __future__ import annotations

import spacy
from spacy.tokens import Doc

import kutipan
from kutipan import Extractor

TEXTS = [
    '"Kami siap," kata Bupati Sleman Andi Wijaya.',
    "Menurut Ketua KPU Sleman Rahmat Hidayat, logistik sudah tiba di gudang.",
    "Tidak ada kutipan di sini.",
]


def test_extract_matches_pipe(extractor):
    one = [extractor.extract(t, id=str(i)).to_dict() for i, t in enumerate(TEXTS)]
    many = [d.to_dict() for d in extractor.pipe(((t, str(i)) for i, t in enumerate(TEXTS)), as_tuples=True)]
    assert one == many


def test_pipe_two_processes(extractor):
    one = [d.to_dict() for d in extractor.pipe(TEXTS * 4, batch_size=2)]
    two = [d.to_dict() for d in extractor.pipe(TEXTS * 4, batch_size=2, n_process=2)]
    assert one == two


def test_module_level_extract():
    doc = kutipan.extract(TEXTS[0], id="a")
    assert doc.id == "a" and doc.quotes[0].speaker.name == "Andi Wijaya"
    assert doc.to_dict()["schema"] == kutipan.SCHEMA


def test_spacy_component_roundtrip():
    nlp = kutipan.pipeline.make_nlp()
    nlp.add_pipe("kutipan")
    doc = nlp(TEXTS[0])
    assert [s.text for s in doc.spans["kutipan_quote"]] == ["Kami siap,"]
    assert doc._.kutipan["quotes"][0]["cue"]["text"] == "kata"
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.kutipan == doc._.kutipan


def test_type_error_on_bytes(extractor):
    import pytest

    with pytest.raises(TypeError):
        extractor.extract(b"bytes")


def test_blank_spacy_still_works():
    assert [t.text for t in spacy.blank("id")("kata Budi")] == ["kata", "Budi"]


def test_rules_only_without_models(tmp_path):
    ex = Extractor(model_dir=tmp_path)
    assert ex.has_ner is False
    assert ex.extract(TEXTS[0]).quotes


def test_models_load_and_corrupted_model_is_named(tmp_path):
    import shutil

    import pytest

    from kutipan import ModelError
    from kutipan.pipeline import default_model_dir

    src = default_model_dir()
    if not (src / "ranker" / "ranker.json").exists():
        pytest.skip("no ranker model")
    ex = Extractor()
    assert ex.ranker is not None
    bad = tmp_path / "models"
    (bad / "ranker").mkdir(parents=True)
    (bad / "ranker" / "ranker.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="ranker.json"):
        Extractor(model_dir=bad)
    if (src / "ner").exists():
        shutil.copytree(src / "ner", bad / "ner2")
        (bad / "ner").mkdir()
        shutil.copy(src / "ner" / "config.cfg", bad / "ner" / "config.cfg")
        (bad / "ner" / "ner").mkdir()
        (bad / "ner" / "ner" / "model").write_bytes(b"garbage")
        with pytest.raises(ModelError, match="ner"):
            Extractor(model_dir=bad)
