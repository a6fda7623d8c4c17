"""Metrics on small gold/prediction pairs whose numbers were worked out by hand."""

from __future__ import annotations

import pytest

from kutipan.eval.scoring import match_quotes, normalize_name, prf, score

TEXT = "aa bb cc dd ee ff gg hh ii jj"
#       0  3  6  9  12 15 18 21 24 27


def q(start, end, qtype="direct", speaker=None, cue=None):
    sp = None
    if speaker:
        sp = {
            "entity": "s1",
            "name": speaker,
            "mention": {"start": start, "end": start + 2, "text": "", "kind": "name"},
        }
    return {
        "start": start,
        "end": end,
        "type": qtype,
        "text": TEXT[start:end],
        "speaker": sp,
        "cue": {"start": cue, "end": cue + 2, "text": TEXT[cue : cue + 2]} if cue is not None else None,
    }


def doc(quotes, entities=None):
    return {"id": "d", "text": TEXT, "quotes": quotes, "speakers": [], "entities": entities or []}


def test_prf_not_swapped():
    m = prf(tp=1, n_pred=4, n_gold=2)
    assert m["precision"] == pytest.approx(0.25) and m["recall"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(2 * 0.25 * 0.5 / 0.75)


def test_exact_and_overlap():
    gold = doc([q(0, 8), q(12, 20)])  # "aa bb cc", "ee ff gg"
    # one exact; one covering 2 of gold's 3 words (matches by overlap); one spurious
    pred = doc([q(0, 8), q(15, 20), q(24, 29)])
    rep = score([gold], {"d": pred})
    ex, ov = rep["quotes"]["exact"], rep["quotes"]["overlap"]
    assert (ex["tp"], ex["pred"], ex["gold"]) == (1, 3, 2)
    assert ex["precision"] == pytest.approx(1 / 3) and ex["recall"] == pytest.approx(1 / 2)
    assert (ov["tp"], ov["precision"], ov["recall"]) == (2, pytest.approx(2 / 3), pytest.approx(1.0))


def test_overlap_needs_half_of_gold():
    gold = doc([q(0, 14)])  # 5 words: aa bb cc dd ee
    assert score([gold], {"d": doc([q(0, 5)])})["quotes"]["overlap"]["tp"] == 0  # 2 of 5
    assert score([gold], {"d": doc([q(0, 8)])})["quotes"]["overlap"]["tp"] == 1  # 3 of 5


def test_duplicates_count_once():
    gold = doc([q(0, 8)])
    pred = doc([q(0, 8), q(0, 8)])
    ov = score([gold], {"d": pred})["quotes"]["overlap"]
    assert (ov["tp"], ov["pred"]) == (1, 2)
    assert ov["precision"] == pytest.approx(0.5)


def test_empty_predictions_and_empty_gold():
    rep = score([doc([q(0, 8)])], {})
    assert rep["quotes"]["overlap"]["recall"] == 0 and rep["quotes"]["overlap"]["precision"] == 0
    rep = score([doc([])], {"d": doc([q(0, 8)])})
    assert rep["quotes"]["overlap"]["pred"] == 1 and rep["quotes"]["overlap"]["precision"] == 0
    assert rep["quotes"]["overlap"]["f1"] == 0


def test_speaker_and_end_to_end():
    gold = doc([q(0, 8, speaker="Budi Santoso"), q(12, 20, speaker="Ani")])
    pred = doc([q(0, 8, speaker="AKBP Budi Santoso, S.H."), q(12, 20, speaker="Rina")])
    rep = score([gold], {"d": pred})
    assert rep["speaker"]["name_accuracy"] == pytest.approx(0.5)
    e2e = rep["speaker"]["end_to_end"]
    assert (e2e["tp"], e2e["precision"], e2e["recall"]) == (1, pytest.approx(0.5), pytest.approx(0.5))


def test_cue_and_types():
    gold = doc([q(0, 8, cue=9), q(12, 20, "indirect", cue=21)])
    pred = doc([q(0, 8, cue=9), q(12, 20, "direct", cue=24)])
    rep = score([gold], {"d": pred})
    assert rep["cue"]["tp"] == 1 and rep["cue"]["precision"] == pytest.approx(0.5)
    assert rep["quotes_by_type"]["indirect"]["exact"]["recall"] == 0
    assert rep["quotes_by_type"]["direct"]["exact"]["precision"] == pytest.approx(0.5)


def test_entities_per_label():
    ents = [{"start": 0, "end": 2, "label": "PER"}, {"start": 3, "end": 5, "label": "ORG"}]
    pred = [{"start": 0, "end": 2, "label": "PER"}, {"start": 3, "end": 5, "label": "LOC"}]
    rep = score([doc([], ents)], {"d": doc([], pred)})
    assert rep["entities"]["PER"]["f1"] == 1.0
    assert rep["entities"]["ORG"]["recall"] == 0 and rep["entities"]["LOC"]["precision"] == 0


def test_match_one_to_one_best_first():
    gold = [q(0, 8), q(9, 14)]
    pred = [q(0, 14)]
    assert match_quotes(gold, pred, TEXT) == [(0, 0)]


def test_normalize_name():
    assert normalize_name("AKBP Dr. Budi Santoso, S.H.") == "budi santoso"
