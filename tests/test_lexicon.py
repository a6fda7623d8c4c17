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
