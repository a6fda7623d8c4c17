"""Agreement figures, review change counts and the issue 11 draft fields, on the invented example draft."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from kutipan.eval.agreement import agreement, bcubed, review_changes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_corpus import resolve  # noqa: E402

EXAMPLE = json.loads((ROOT / "corpus" / "annotating_example.json").read_text(encoding="utf-8"))


def built(draft: dict) -> dict:
    doc, problems = resolve(draft, draft["text"])
    assert problems == []
    doc["text"] = draft["text"]
    return doc


def test_example_draft_builds_with_every_field():
    doc = built(EXAMPLE)
    rudi = next(s for s in doc["speakers"] if s["name"] == "Rudi Santoso")
    assert rudi["organization"]["text"] == "BPBD Kabupaten Sukamaju"
    assert rudi["organization"]["canonical"].startswith("Badan Penanggulangan Bencana Daerah (BPBD)")
    assert {s["kind"] for s in doc["speakers"]} == {"person", "organization", "group"}
    assert {q["cue"]["kind"] for q in doc["quotes"]} == {"speech", "directive", "belief"}
    # nothing inside the `Baca juga` furniture line is an entity
    line = doc["text"].index("Baca juga")
    assert not [e for e in doc["entities"] if line <= e["start"] < doc["text"].index("\n", line)]


@pytest.mark.parametrize(
    "where, key, value, message",
    [
        ("speakers", "source_type", "pejabat", "source_type"),
        ("speakers", "aliases", ["Rudy"], "alias 'Rudy' not found"),
        ("quotes", "cue_kind", "wish", "bad cue_kind"),
        ("speakers", "kind", "crowd", "bad kind"),
    ],
)
def test_bad_issue_11_fields_are_problems(where, key, value, message):
    draft = copy.deepcopy(EXAMPLE)
    draft[where][1][key] = value
    _, problems = resolve(draft, draft["text"])
    assert any(message in p for p in problems), problems


def test_news_train_drafts_must_give_the_new_fields():
    draft = copy.deepcopy(EXAMPLE)
    del draft["speakers"][1]["source_type"]
    del draft["quotes"][0]["cue_kind"]
    _, problems = resolve(draft, draft["text"])
    assert len(problems) == 2
    draft["source"] = "written"  # older sources may lack them
    _, problems = resolve(draft, draft["text"])
    assert problems == []


def test_bcubed():
    same = {1: "a", 2: "a", 3: "b"}
    assert bcubed(same, {1: "x", 2: "x", 3: "y"})["f1"] == 1.0
    merged = bcubed(same, {1: "x", 2: "x", 3: "x"})
    # items 1 and 2 share 2 of a 3-item cluster, item 3 shares 1 of 3: precision (2/3 + 2/3 + 1/3) / 3
    assert merged["precision"] == pytest.approx(5 / 9) and merged["recall"] == 1.0


def test_identical_passes_agree_fully():
    doc = built(EXAMPLE)
    rep = agreement([doc], {doc["id"]: copy.deepcopy(doc)})
    assert rep["quote_span_exact"]["f1"] == 1.0 and rep["cue"]["f1"] == 1.0
    assert rep["speaker_strict"]["accuracy"] == 1.0 and rep["speaker_bcubed"]["f1"] == 1.0
    assert rep["source_type_accuracy"]["accuracy"] == 1.0
    assert rep["title_exact"]["n"] == 6 and rep["organization_exact"]["n"] == 4


def test_review_changes_counts_each_kind_of_change():
    first = copy.deepcopy(EXAMPLE)
    reviewed = copy.deepcopy(EXAMPLE)
    del reviewed["quotes"][2]  # the belief quote removed
    reviewed["quotes"][0]["text"] = "warga di bantaran Sungai Cibening"  # re-spanned
    reviewed["speakers"][5]["source_type"] = "organization"
    reviewed["speakers"][4]["title"] = "Kapolres"
    a, b = built(first), built(reviewed)
    c = review_changes(a, b)
    assert c["quotes_removed"] == 1 and c["quotes_respanned"] == 1 and c["quotes_added"] == 0
    assert c["source_type_changed"] == 1 and c["role_changed"] == 1
    assert sum(review_changes(a, built(copy.deepcopy(EXAMPLE))).values()) == 0
    rep = agreement([a], {a["id"]: b})
    assert rep["quote_span_exact"]["recall"] == pytest.approx(8 / 10)
    assert rep["source_type_accuracy"]["accuracy"] < 1.0
