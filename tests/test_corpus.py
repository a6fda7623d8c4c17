from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from kutipan.eval.corpus import CorpusError, load_corpus, validate_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCHEMA = json.loads(resources.files("kutipan").joinpath("schema", "kutipan-1.schema.json").read_text())


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


@pytest.mark.parametrize("name", ["newsdev.jsonl", "newstrain.jsonl"])
def test_standoff_stores_no_text(name):
    for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        assert "text" not in d and len(d["text_sha256"]) == 64
        for q in d["quotes"]:
            assert "text" not in q
        for sp in d["speakers"]:
            assert "role" not in sp and "canonical" not in (sp.get("organization") or {})


def _selection() -> dict[str, dict]:
    lines = (CORPUS / "newstrain_selection.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return {r["id"]: r for r in (dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:])}


def test_selection_spread_and_heldout_outlets():
    sel = _selection()
    assert len(sel) >= 400
    held = {r["outlet"] for r in sel.values() if r["heldout_outlet"] == "true"}
    assert len(held) >= 2
    # a held-out outlet is held out whole, and only in test
    assert all(r["split"] == "test" for r in sel.values() if r["outlet"] in held)
    assert all(r["heldout_outlet"] == "true" for r in sel.values() if r["outlet"] in held)
    per_outlet = Counter(r["outlet"] for r in sel.values())
    assert max(per_outlet.values()) <= 0.2 * len(sel)  # the big outlets are capped
    # news-dev records the same outlets as held out, and its recorded splits stay as they were
    for line in (CORPUS / "newsdev.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        assert d["heldout_outlet"] == (d["outlet"] in held)


def test_news_train_standoff_joins(news_train_articles):
    docs = load_corpus(CORPUS / "newstrain.jsonl")
    sel = _selection()
    assert docs and all(d["source"] == "news-train" for d in docs)
    outlets = {a["id"]: a["outlet"] for a in news_train_articles}
    for d in docs:
        row = sel[d["id"]]
        assert d["split"] == row["split"] and d["outlet"] == row["outlet"] == outlets[d["id"]]
        assert d["heldout_outlet"] == (row["heldout_outlet"] == "true")
        for sp in d["speakers"]:
            assert sp["source_type"] and isinstance(sp["aliases"], list)
            org = sp["organization"]
            assert org is None or d["text"].find(org["canonical"]) >= 0
        assert all(q["cue"]["kind"] for q in d["quotes"] if q["cue"])
        jsonschema.validate({k: v for k, v in d.items() if k in SCHEMA["properties"]}, SCHEMA)


def test_validator_knows_issue_11_fields():
    doc = {
        "schema": "kutipan/1",
        "id": "y",
        "text": "Polisi meminta warga tenang.",
        "split": "train",
        "source": "news-train",
        "quotes": [
            {
                "id": "q1",
                "type": "indirect",
                "start": 15,
                "end": 27,
                "cue": {"start": 7, "end": 14, "kind": "directive"},
                "speaker": {"entity": "s1", "name": "Polisi", "mention": {"start": 0, "end": 6, "kind": "role"}},
            }
        ],
        "speakers": [
            {"id": "s1", "name": "Polisi", "kind": "group", "source_type": "official", "aliases": [], "mentions": []}
        ],
        "entities": [],
    }
    assert validate_document(doc) == []
    doc["speakers"][0]["source_type"] = "pejabat"
    doc["quotes"][0]["cue"]["kind"] = "wish"
    doc["speakers"][0]["aliases"] = "Polri"
    problems = " ".join(validate_document(doc))
    assert "pejabat" in problems and "wish" in problems and "aliases" in problems


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


def test_training_never_sees_antara_or_held_out_outlets():
    """ANTARA forbids AI use of its text: its news-dev articles are gold for evaluation only, and so are
    the held-out outlets of the leave-outlets-out test. The loader's training view drops both."""
    from kutipan.eval.corpus import load_corpus, trainable

    every = load_corpus(ROOT / "corpus")
    antara = [d for d in every if "antara" in str(d.get("outlet", "")).casefold()]
    held = [d for d in every if d.get("heldout_outlet")]
    if not antara:
        pytest.skip("the news-dev articles are not beside the repository")
    assert held, "the corpus marks held-out outlets"
    kept = load_corpus(ROOT / "corpus", trainable_only=True)
    assert kept and all(trainable(d) for d in kept)
    assert not {d["id"] for d in kept} & {d["id"] for d in antara + held}
    assert len(kept) == len(every) - len({d["id"] for d in antara + held})


def test_training_scripts_load_only_trainable_documents():
    """Every training script reads the gold through the trainable view (or the trainable() guard)."""
    import re

    for script in sorted((ROOT / "scripts").glob("train_*.py")):
        src = script.read_text(encoding="utf-8")
        for call in re.findall(r"load_corpus\([^)]*\)", src):
            assert "trainable_only=True" in call, f"{script.name}: {call}"
        if "json.loads" in src and "corpus" in src:
            assert "trainable(" in src, f"{script.name} reads corpus JSON without the trainable() guard"


def test_standoff_files_hold_no_long_names_as_text():
    """Group and institution names copied from an article are article text: standoff keeps them as spans."""
    from kutipan.eval.corpus import LONG_NAME_WORDS, _load_news, shared_news_paths

    news = _load_news(shared_news_paths(ROOT / "corpus"))
    if not news:
        pytest.skip("the shared news articles are not beside the repository")
    for f in ("newsdev.jsonl", "newstrain.jsonl"):
        for line in (ROOT / "corpus" / f).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            d = json.loads(line)
            refs = [q["speaker"] for q in d["quotes"] if q.get("speaker")]
            for obj in d["speakers"] + refs:
                name = obj.get("name", "")
                assert len(name.split()) < LONG_NAME_WORDS or name not in news[d["id"]], (f, d["id"], name)
