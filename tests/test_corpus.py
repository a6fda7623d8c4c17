from __future__ import annotations

import json
from pathlib import Path

import pytest

from kutipan.eval.corpus import CorpusError, load_corpus, validate_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def test_written_corpus_is_valid_and_split():
    docs = load_corpus(CORPUS / "written.jsonl")
    assert len(docs) >= 100
    splits = {d["split"] for d in docs}
    assert splits == {"train", "dev", "test"}
    for d in docs:
        assert d["entities"], d["id"]  # gold entities are required in the documents we write
        assert 4 <= len([p for p in d["text"].split("\n") if p.strip()]) <= 12


@pytest.mark.slow
def test_news_standoff_joins(news_articles):
    docs = load_corpus(CORPUS / "newsdev.jsonl")
    assert len(docs) == 150
    assert all(d["source"] == "news-dev" for d in docs)


def test_standoff_stores_no_text():
    for line in (CORPUS / "newsdev.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        assert "text" not in d and len(d["text_sha256"]) == 64
        for q in d["quotes"]:
            assert "text" not in q


def test_skips_standoff_without_shared(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("KUTIPAN_NEWS", str(tmp_path / "absent.jsonl"))
    f = tmp_path / "c.jsonl"
    f.write_text((CORPUS / "newsdev.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert load_corpus(f) == []
    assert "skipped 1 standoff" in caplog.text


def test_validator_catches_errors():
    good = {
        "schema": "kutipan/1",
        "id": "x",
        "text": "Budi berkata siap.",
        "split": "dev",
        "source": "written",
        "quotes": [
            {
                "id": "q1",
                "type": "indirect",
                "start": 13,
                "end": 17,
                "text": "siap",
                "cue": None,
                "speaker": {
                    "entity": "s1",
                    "name": "Budi",
                    "mention": {"start": 0, "end": 4, "text": "Budi", "kind": "name"},
                },
            }
        ],
        "speakers": [{"id": "s1", "name": "Budi", "kind": "person", "mentions": [], "quotes": ["q1"]}],
        "entities": [],
    }
    assert validate_document(good) == []
    bad = json.loads(json.dumps(good))
    bad["quotes"][0]["text"] = "siaap"
    bad["quotes"][0]["speaker"]["entity"] = "s9"
    bad["split"] = "x"
    bad["quotes"].append({**good["quotes"][0], "id": "q2", "start": 14, "end": 17, "text": "iap"})
    problems = " ".join(validate_document(bad))
    assert "not 'siaap'" in problems and "s9" in problems and "split" in problems and "overlap" in problems


def test_bad_file_named(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.jsonl:1"):
        load_corpus(f)
