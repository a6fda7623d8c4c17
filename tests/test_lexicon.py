from __future__ import annotations

from importlib import resources

import pytest

from kutipan.lang import lexicon

FILES = [p.name for p in resources.files("kutipan").joinpath("data").iterdir() if p.name.endswith((".txt", ".tsv"))]


@pytest.mark.parametrize("name", FILES)
def test_no_duplicates_and_header(name):
    text = resources.files("kutipan").joinpath("data", name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} has no header naming its source"
    entries = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    dupes = {e for e in entries if entries.count(e) > 1}
    assert not dupes, f"{name}: duplicated {sorted(dupes)[:5]}"


def test_clitic_forms_made_in_code():
    assert "katanya" in lexicon.clitic_cues() and "Menurutnya" in lexicon.clitic_cues()
    assert lexicon.cues()["Kata"] == "post"


def test_every_cue_has_a_position_and_a_kind():
    from kutipan.lang import lexicon

    cues, senses = lexicon.cues(), lexicon.cue_senses()
    assert set(cues) == set(senses)
    assert set(cues.values()) == {"post", "verb", "prep", "passive"}
    assert set(senses.values()) == {"speech", "directive", "belief"}
    assert senses["mengimbau"] == "directive" and senses["optimistis"] == "belief" and senses["kata"] == "speech"
