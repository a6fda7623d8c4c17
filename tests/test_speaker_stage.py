"""The speaker stage and the confidence policy: carry and forward, the ranker's re-decision, role re-splits."""

from __future__ import annotations

import numpy as np
import pytest

from kutipan.assemble import CONFIDENCE, annotate
from kutipan.speakers import ranker as ranker_mod
from kutipan.speakers import rolesplit
from kutipan.speakers.ranker import SpeakerRanker
from kutipan.speakers.rolesplit import RoleSplitter

TWO_PEOPLE = (
    "Budi Santoso menerima tamu di kantornya. Andi Wijaya juga hadir di sana.\n"
    '"Kami siap membantu warga," kata dia.\n'
    '"Stok beras aman," kata Budi Santoso.'
)


def test_confidence_policy():
    assert CONFIDENCE.of("after", "name") == CONFIDENCE.by_pattern["after"]
    assert CONFIDENCE.of("after", "pronoun") == pytest.approx(CONFIDENCE.by_pattern["after"] - 0.1)
    assert CONFIDENCE.of("menurut", "clitic") == pytest.approx(CONFIDENCE.by_pattern["menurut"] - 0.1)
    assert CONFIDENCE.of("after", None) == CONFIDENCE.no_speaker_cap  # no speaker: capped
    assert CONFIDENCE.of("none", None) == CONFIDENCE.by_pattern["none"]  # already below the cap
    # an attributed quote is always surer than the cap on unattributed ones, except a bare guess
    assert all(v > CONFIDENCE.no_speaker_cap for k, v in CONFIDENCE.by_pattern.items() if k not in {"none"})


def test_carry_and_forward(extractor):
    carried = extractor.extract(
        '"Kami siap bekerja keras untuk warga," kata Budi Santoso.\n"Semua program berjalan tahun ini."'
    )
    assert [(q.speaker.name, q.confidence) for q in carried.quotes if q.speaker] == [
        ("Budi Santoso", CONFIDENCE.by_pattern["after"]),
        ("Budi Santoso", CONFIDENCE.by_pattern["carry"]),
    ]
    forward = extractor.extract(
        '"Kami siap bekerja keras untuk semua warga kota."\n"Program berjalan tahun depan," kata Budi Santoso.'
    )
    assert [(q.speaker.name, q.confidence) for q in forward.quotes if q.speaker] == [
        ("Budi Santoso", CONFIDENCE.by_pattern["forward"]),
        ("Budi Santoso", CONFIDENCE.by_pattern["after"]),
    ]
    far = extractor.extract(
        '"Kami siap bekerja keras untuk semua warga kota."\nSatu.\nDua.\nTiga.\n"Program berjalan," kata Budi Santoso.'
    )
    assert far.quotes[0].speaker is None  # more than FORWARD_MAX_PARAGRAPHS before the first name
    assert far.quotes[0].confidence == CONFIDENCE.by_pattern["none"]


def test_trace_lists_candidates_only_for_uncertain_mentions(extractor):
    trace: list = []
    annotate(extractor.prepare(TWO_PEOPLE), trace=trace)
    (entry,) = trace  # the pronoun quote; the quote with a name at its cue is the rule's
    assert entry["kind"] == "pronoun"
    assert set(entry["names"]) == {"Budi Santoso", "Andi Wijaya"}
    assert entry["x"].shape == (2, len(ranker_mod.FEATURES))


def _ranker(feature: str) -> SpeakerRanker:
    coef = np.zeros(len(ranker_mod.FEATURES))
    coef[ranker_mod.FEATURES.index(feature)] = 5.0
    return SpeakerRanker(coef, 0.0, ranker_mod.FEATURES)


def test_the_ranker_redecides_an_uncertain_speaker(extractor):
    by_rule = annotate(extractor.prepare(TWO_PEOPLE))
    assert by_rule.quotes[0].speaker.name == "Andi Wijaya"  # `dia`: the most recent person
    # a ranker that prefers the second most recent mention picks the other person, keeping the mention
    ranked = annotate(extractor.prepare(TWO_PEOPLE), ranker=_ranker("rank_1"))
    assert ranked.quotes[0].speaker.name == "Budi Santoso"
    assert ranked.quotes[0].speaker.mention.text == "dia"
    assert ranked.quotes[1].speaker.name == "Budi Santoso"  # a name at the cue is never re-decided


def test_resplit_roles_moves_the_split_and_keeps_offsets(extractor):
    text = '"Stok beras aman," kata Kepala Dinas Pertanian Kota Sukamaju Budi Santoso.'
    doc = annotate(extractor.prepare(text))
    (sp,) = doc.speakers
    assert (sp.title.text, sp.organization.text) == ("Kepala", "Dinas Pertanian Kota Sukamaju")
    coef = np.zeros(len(rolesplit.FEATURES))
    coef[rolesplit.FEATURES.index("no_org")] = 5.0  # a splitter that puts the whole role in the title
    doc = annotate(extractor.prepare(text), splitter=RoleSplitter(coef, 0.0, rolesplit.FEATURES))
    (sp,) = doc.speakers
    assert sp.organization is None
    assert sp.title.text == "Kepala Dinas Pertanian Kota Sukamaju" == text[sp.title.start : sp.title.end]
