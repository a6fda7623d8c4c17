"""Odd input never changes offsets, schema or answers: generated texts (hypothesis) and white-space variants.

Properties, over generated Indonesian-news-like passages with odd characters mixed in: every span slices the
exact input; the output validates against the schema; two runs agree; `pipe` agrees with `extract`; and the
same quotes and speakers come out when the plain spaces are replaced by no-break spaces, tabs or runs of
spaces. `--hypothesis-profile long` runs 100,000 examples (see conftest.py).
"""

from __future__ import annotations

import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kutipan import Extractor  # noqa: E402
from kutipan.document import SCHEMA  # noqa: E402

# pieces of passages written for this test: quotes, cues, names, roles, marks and odd characters
PIECES = [
    '"Kami siap menampung pengungsi," kata Bupati Sleman Andi Wijaya.',
    "Menurut Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso, vaksin tiba pekan depan.",
    '"Stoknya cukup," ujarnya.',
    "Ia mengatakan relawan sudah dilatih.",
    "Wali Kota Magelang Joko Widodo (Jokowi) menambahkan,",
    "“Rapat ini penting,” ujar Sekretaris Daerah Siti Aminah.",
    "‘Desa Cerdas’",
    "Baca juga: Harga cabai naik",
    "kata",
    "Budi",
    "Kapolres",
    "AKBP Dr. Rahmat",
    '"',
    "“",
    "”",
    "’",
    ".",
    ",",
    "-",
    "\n",
    "\n\n",
    " ",
    "\u00a0",
    "\t",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2029",
    "\r\n",
    "\ud800",
    "Abc.Def",
    "---",
    "é",
    "🙂",
]

passages = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join) | st.text(max_size=200)


@pytest.fixture(scope="module")
def schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("kutipan").joinpath("schema/kutipan-1.schema.json").read_text("utf-8"))


def spans(data: dict):
    """Every (start, end, text) of a `kutipan/1` dict."""
    for q in data["quotes"]:
        yield q
        if q.get("cue"):
            yield q["cue"]
        if q.get("speaker"):
            yield q["speaker"]["mention"]
    for s in data["speakers"]:
        yield from (p for p in (s.get("title"), s.get("organization")) if p)
        yield from s.get("honorific") or []
        yield from s["mentions"]
    yield from data["entities"]


@given(text=passages)
def test_offsets_schema_determinism_and_pipe(extractor: Extractor, schema: dict, text: str):
    import jsonschema

    doc = extractor.extract(text, id="t")
    data = doc.to_dict()
    assert data["schema"] == SCHEMA
    jsonschema.validate(data, schema)
    for sp in spans(data):
        assert text[sp["start"] : sp["end"]] == sp["text"]
    assert extractor.extract(text, id="t").to_dict() == data
    piped = list(extractor.pipe([(text, "t"), ("Budi berkata siap.", "u")], as_tuples=True, batch_size=2))
    assert piped[0].to_dict() == data


def answers(doc) -> list[tuple]:
    """The quotes and speakers of a Document, white space inside their texts made plain."""
    return [
        (q.start, q.end, q.type, q.speaker.name if q.speaker else None, q.speaker.mention.start if q.speaker else None)
        for q in doc.quotes
    ]


@given(
    text=st.lists(st.sampled_from(PIECES[:13]), min_size=1, max_size=12).map(" ".join),
    space=st.sampled_from(["\u00a0", "\t", "\u2009", "\u202f"]),
    share=st.floats(0, 1),
    seed=st.integers(0, 2**16),
)
def test_same_answers_when_spaces_are_other_spaces(extractor: Extractor, text: str, space: str, share, seed):
    import random

    rng = random.Random(seed)
    varied = "".join(space if c == " " and rng.random() < share else c for c in text)
    assert answers(extractor.extract(varied)) == answers(extractor.extract(text))


@pytest.mark.parametrize("space", ["\u00a0", "\t", "  ", " \u200b", "\u00a0 \t"])
def test_issue_15_whitespace_next_to_a_cue_keeps_the_speaker(extractor: Extractor, space: str):
    text = f'"Kami siap," kata Budi Santoso.\n"Rapat ini penting," ujar{space}Wali Kota Magelang Joko Widodo.'
    doc = extractor.extract(text)
    assert [q.speaker.name for q in doc.quotes if q.speaker] == ["Budi Santoso", "Joko Widodo"]
    second = doc.quotes[1].speaker
    assert text[second.mention.start : second.mention.end] == "Joko Widodo"


def test_issue_15_menurut_with_a_no_break_space(extractor: Extractor):
    text = "Menurut\u00a0dia, stok logistik cukup untuk dua pekan ke depan."
    doc = extractor.extract(text)
    assert [(q.type, q.text) for q in doc.quotes] == [("indirect", "stok logistik cukup untuk dua pekan ke depan")]


def test_issue_15_double_spaces_give_one_name(extractor: Extractor):
    doc = extractor.extract('"Kami siap," kata  Budi   Santoso.')
    assert doc.speakers[0].name == "Budi Santoso"
    assert doc.speakers[0].mentions[0].text == "Budi   Santoso"


def test_issue_15_carried_speaker_has_the_carry_confidence(extractor: Extractor):
    text = '"Kami siap," kata Budi Santoso.\n"Stok kami cukup sampai akhir bulan ini," kata.'
    doc = extractor.extract(text)
    assert doc.quotes[1].speaker is not None and doc.quotes[1].speaker.name == "Budi Santoso"
    assert doc.quotes[1].confidence == 0.6


def test_issue_15_lone_surrogate_in_a_library_call(extractor: Extractor):
    text = '"Kami siap," kata Budi\ud800 Santoso.'
    doc = extractor.extract(text)
    assert doc.quotes[0].text == "Kami siap,"


def test_long_text_is_read_in_chunks_with_offsets_kept(extractor: Extractor):
    from kutipan.text.chunks import CHUNK_CHARS

    para = '"Kami siap menampung pengungsi," kata Bupati Sleman Andi Wijaya.\n'
    text = para * (CHUNK_CHARS // len(para) + 50) + '"Stoknya cukup," ujar Budi Santoso.'
    doc = extractor.extract(text)
    assert len(doc.quotes) == CHUNK_CHARS // len(para) + 51
    assert doc.quotes[-1].speaker.name == "Budi Santoso"
    for q in doc.quotes:
        assert text[q.start : q.end] == q.text


def test_long_runs_without_spaces_keep_offsets(extractor: Extractor):
    text = "Budi berkata " + "-" * 3000 + ' "Kami siap," kata Budi.' + "Abc.Def" * 500
    doc = extractor.extract(text)
    assert [q.text for q in doc.quotes] == ["Kami siap,"]
    assert text[doc.quotes[0].start : doc.quotes[0].end] == "Kami siap,"


def test_max_chars(extractor: Extractor):
    from kutipan.errors import InputError

    small = Extractor(use_models=False, max_chars=20)
    with pytest.raises(InputError, match="too long: 31 characters"):
        small.extract('"Kami siap," kata Budi Santoso.', id="a.txt")
    with pytest.raises(ValueError):
        Extractor(use_models=False, max_chars=0)


def test_default_extractor_is_built_once_across_threads(monkeypatch):
    import threading

    import kutipan
    from kutipan import pipeline

    built = []
    real = pipeline.Extractor.__init__

    def counting(self, *a, **k):
        built.append(1)
        real(self, *a, use_models=False)

    monkeypatch.setattr(pipeline.Extractor, "__init__", counting)
    monkeypatch.setattr(kutipan, "_shared", [])
    threads = [threading.Thread(target=kutipan.extract, args=('"Siap," kata Budi.',)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
