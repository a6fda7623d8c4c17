"""Speaker identity, role, source-type, canonical and calibration figures on hand-worked pairs."""

from __future__ import annotations

import pytest

from kutipan.cli import main
from kutipan.eval.calibration import calibration
from kutipan.eval.classes import class_report
from kutipan.eval.groups import report_groups, select_outlet
from kutipan.eval.identity import is_invented, same_lenient, same_strict
from kutipan.eval.scoring import format_report, score

TEXT = "aa bb cc dd ee ff gg hh ii jj"
#       0  3  6  9  12 15 18 21 24 27


def span(start, end):
    return {"start": start, "end": end, "text": TEXT[start:end]}


def quote(n, start, end, entity=None, name=None, confidence=0.9):
    sp = None
    if entity:
        sp = {"entity": entity, "name": name, "mention": {**span(start, start + 2), "kind": "name"}}
    return {"id": f"q{n}", "type": "direct", **span(start, end), "cue": None, "speaker": sp, "confidence": confidence}


def speaker(sid, name, kind="person", title=None, org=None, canonical=None, source_type=None, aliases=()):
    organization = {**span(*org), "canonical": canonical} if org else None
    t = span(*title) if title else None
    parts = [p for p in (t, organization) if p]
    role = TEXT[min(p["start"] for p in parts) : max(p["end"] for p in parts)] if parts else None
    out = {"id": sid, "name": name, "kind": kind, "title": t, "organization": organization, "role": role}
    out.update({"honorific": None, "mentions": [], "quotes": [], "aliases": list(aliases)})
    if source_type:
        out["source_type"] = source_type
    return out


def doc(quotes, speakers, **extra):
    return {"id": "d", "text": TEXT, "quotes": quotes, "speakers": speakers, "entities": [], **extra}


def test_strict_lenient_and_invented_names():
    assert same_strict("Budi Santoso", "AKBP Budi Santoso, S.H.")
    assert not same_strict("Budi Santoso", "Budi") and same_lenient("Budi Santoso", "Budi")
    assert same_lenient("Ombudsman", "Ombudsman RI") and not same_lenient("Budi", "Rina")
    assert not same_strict("", "") and not same_lenient(None, "Budi")
    forms = [["budi", "santoso"], ["bs"]]
    assert not is_invented("Santoso", forms) and not is_invented("BS", forms)
    assert is_invented("Sekda Budi", forms) and is_invented("Maju", forms)


def test_speaker_accuracy_bcubed_and_invented():
    # gold: Budi says q1 and q2, the Kementerian says q3; prediction: q1 right, q2 to "Budi" (lenient only)
    # as a second entity, q3 to an invented "Maju"
    gold = doc(
        [quote(1, 0, 5, "s1", "Budi Santoso"), quote(2, 9, 14, "s1", "Budi Santoso"), quote(3, 18, 23, "s2", "K")],
        [speaker("s1", "Budi Santoso", aliases=["BS"]), speaker("s2", "K", kind="organization")],
    )
    pred = doc(
        [quote(1, 0, 5, "s1", "Budi Santoso"), quote(2, 9, 14, "s2", "Budi"), quote(3, 18, 23, "s3", "Maju")],
        [speaker("s1", "Budi Santoso"), speaker("s2", "Budi"), speaker("s3", "Maju")],
    )
    sp = score([gold], {"d": pred})["speaker"]
    assert sp["strict"] == pytest.approx(1 / 3) and sp["lenient"] == pytest.approx(2 / 3)
    # gold clusters {1,2},{3}; predicted {1},{2},{3}: precision 1, recall (1/2 + 1/2 + 1) / 3
    assert sp["bcubed"]["precision"] == 1.0 and sp["bcubed"]["recall"] == pytest.approx(2 / 3)
    assert (sp["invented"]["invented"], sp["invented"]["speakers"]) == (1, 3)
    assert sp["by_kind"]["organization"]["n"] == 1 and sp["by_kind"]["organization"]["lenient"] == 0.0
    assert sp["institution_recall"]["gold_quotes"] == 1 and sp["institution_recall"]["lenient"] == 0.0


def test_institution_recall_counts_missed_quotes():
    gold = doc(
        [quote(1, 0, 5, "s1", "Polisi"), quote(2, 18, 23, "s1", "Polisi")],
        [speaker("s1", "Polisi", kind="group")],
    )
    pred = doc([quote(1, 0, 5, "s1", "polisi")], [speaker("s1", "polisi", kind="group")])
    sp = score([gold], {"d": pred})["speaker"]
    assert sp["by_kind"]["group"]["strict"] == 1.0  # the matched quote is right
    assert sp["institution_recall"]["strict"] == pytest.approx(0.5)  # but one of two voices is missed


def test_roles_over_all_quotes_and_role_precision():
    gold = doc(
        [quote(1, 0, 5, "s1", "A"), quote(2, 9, 14, "s2", "B")],
        [speaker("s1", "A", title=(15, 17), org=(18, 23)), speaker("s2", "B")],
    )
    pred = doc(
        [quote(1, 0, 5, "s1", "A"), quote(2, 9, 14, "s2", "B")],
        [speaker("s1", "A", title=(15, 17), org=(18, 20)), speaker("s2", "B", title=(24, 26))],
    )
    rep = score([gold], {"d": pred})
    # title: q1 equal, q2 gold null vs "ii" -> 1 of 2; organisation: q1 "gg" vs "gg hh", q2 both null
    assert rep["roles_all"]["title"]["exact"] == pytest.approx(0.5)
    assert rep["roles_all"]["organization"]["exact"] == pytest.approx(0.5)
    assert rep["roles_all"]["organization"]["word_f1"] == pytest.approx((2 / 3 + 1) / 2)
    assert rep["role_precision"]["precision"] == pytest.approx(0.5) and rep["role_precision"]["pred"] == 2


def test_source_type_classes_and_canonical():
    gold = doc(
        [quote(1, 0, 5, "s1", "A"), quote(2, 9, 14, "s2", "B"), quote(3, 24, 29, "s3", "C")],
        [
            speaker("s1", "A", org=(18, 20), canonical="ee ff gg", source_type="official"),
            speaker("s2", "B", org=(18, 20), canonical="gg", source_type="expert"),
            speaker("s3", "C", source_type="official"),
        ],
    )
    pred = doc(
        [quote(1, 0, 5, "s1", "A"), quote(2, 9, 14, "s2", "B"), quote(3, 24, 29, "s3", "C")],
        [
            speaker("s1", "A", org=(18, 20), canonical="ee ff gg", source_type="official"),
            speaker("s2", "B", org=(18, 20), source_type="official"),
            speaker("s3", "C"),
        ],
    )
    rep = score([gold], {"d": pred})
    st = rep["source_type"]
    assert st["accuracy"] == pytest.approx(1 / 3)
    assert st["classes"]["official"]["precision"] == pytest.approx(0.5)
    assert st["classes"]["official"]["recall"] == pytest.approx(0.5)
    assert st["classes"]["expert"]["f1"] == 0.0 and st["macro_f1"] == pytest.approx(0.25)
    ca = rep["canonical"]
    assert (ca["accuracy"], ca["n"]) == (1.0, 2)  # s2 without canonical is read as its span "gg"
    assert (ca["two_forms_accuracy"], ca["two_forms_n"]) == (1.0, 1)


def test_class_report_missing_prediction_is_wrong():
    rep = class_report([("citizen", None), ("citizen", "citizen")])
    assert rep["accuracy"] == 0.5 and rep["classes"]["citizen"]["precision"] == 1.0


def test_calibration_bins_and_high_share():
    points = [(0.95, True), (0.95, False), (1.0, True), (0.85, True), (0.3, False)]
    cal = calibration(points)
    top = cal["bins"][-1]
    assert (top["n"], top["right"]) == (3, 2)  # 1.0 falls in the last bin
    assert cal["high"]["share"] == pytest.approx(2 / 3) and cal["n"] == 5
    assert sum(b["n"] for b in cal["bins"]) == 5


def test_calibration_counts_spurious_quotes_wrong():
    gold = doc([quote(1, 0, 5, "s1", "A")], [speaker("s1", "A")])
    pred = doc([quote(1, 0, 5, "s1", "A", 0.95), quote(2, 18, 23, "s2", "A", 0.95)], [speaker("s1", "A")])
    assert score([gold], {"d": pred})["calibration"]["high"]["share"] == pytest.approx(0.5)


def test_report_keeps_old_lines_and_adds_new():
    gold = doc([quote(1, 0, 5, "s1", "A")], [speaker("s1", "A")])
    text = format_report(score([gold], {"d": gold}))
    assert "speaker name accuracy" in text and "quotes overlap" in text
    assert "speaker strict 1.000" in text and "calibration" in text and "invented speakers 0.000" in text


def test_groups_outlets_and_heldout():
    docs = [
        {"id": "a", "source": "news-dev", "outlet": "x.com", "heldout_outlet": False},
        {"id": "b", "source": "news-train", "outlet": "y.id", "heldout_outlet": True},
        {"id": "c", "source": "written"},
    ]
    groups = report_groups(docs, per_outlet=True)
    assert [d["id"] for d in groups["heldout-outlets"]] == ["b"]
    assert [d["id"] for d in groups["seen-outlets"]] == ["a"]
    assert [d["id"] for d in groups["outlet: (no outlet)"]] == ["c"]
    assert "outlet: x.com" not in report_groups(docs)
    assert [d["id"] for d in select_outlet(docs, "Y.ID")] == ["b"]


def test_evaluate_outlet_and_json(tmp_path, capsys):
    import json

    gold = doc([quote(1, 0, 5, "s1", "A")], [speaker("s1", "A")], schema="kutipan/1", split="dev")
    gold.update(source="written", outlet="x.com")
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["evaluate", str(tmp_path / "g.jsonl"), str(tmp_path / "p.jsonl"), "--outlet", "--json", str(out)]) == 0
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert rep["outlet: x.com"]["calibration"]["high"]["n"] == 1
    assert main(["evaluate", str(tmp_path / "g.jsonl"), str(tmp_path / "p.jsonl"), "--outlet", "z.com"]) == 1
    assert "outlet=z.com" in capsys.readouterr().err
