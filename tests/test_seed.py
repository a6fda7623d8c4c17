"""The acceptance table of the foundation issue, pinned on the seed article."""

from __future__ import annotations

import pytest

from conftest import SEED

CATUR = "Catur Budi Fajar Sumarmo"
CATUR_ROLE = "Kepala Dinas Komunikasi, Informatika, dan Statistik Kota Magelang"
SIGIT = "Sigit Widyonindito"

# (content starts with, type, cue, speaker, mention, role)
TABLE = [
    ("Gerakan ini merupakan program", "direct", "kata", CATUR, CATUR, CATUR_ROLE),
    ('"Gerakan 100 Smart City" dimulai', "indirect", "mengatakan", CATUR, "Ia", CATUR_ROLE),
    ("pada 2016 kota itu sudah melangkah", "indirect", "kata", CATUR, "dia", CATUR_ROLE),
    ("Sekarang tinggal mempertajam saja", "direct", "katanya", CATUR, "nya", CATUR_ROLE),
    ("pemasangan yang selesai pada 2019", "indirect", "mengatakan", CATUR, "Ia", CATUR_ROLE),
    ("Tahun 2019 sudah kelar", "direct", "katanya", CATUR, "nya", CATUR_ROLE),
    ("banyak sektor dipertajam", "indirect", "menyebut", CATUR, "Catur", CATUR_ROLE),
    ("Sektor yang dipertajam", "direct", "katanya", CATUR, "nya", CATUR_ROLE),
    ("realisasi konsep kota cerdas", "indirect", "mengatakan", SIGIT, SIGIT, "Wali Kota Magelang"),
    ("Yang tidak kalah penting", "direct", "katanya", SIGIT, "nya", "Wali Kota Magelang"),
    ("kota setempat sudah dua kali", "indirect", "mengatakan", SIGIT, "Ia", "Wali Kota Magelang"),
    ("Syukur-syukur pertumbuhan", "direct", "katanya", SIGIT, "nya", "Wali Kota Magelang"),
]


@pytest.fixture(scope="module")
def seed(extractor):
    if not SEED.exists():
        pytest.skip(f"{SEED} not present")
    return extractor.extract_file(SEED)


def test_seed_quotes_exactly(seed):
    # the body was scraped twice: the table appears twice, with no other quote
    assert len(seed.quotes) == 2 * len(TABLE)
    speakers = {s.id: s for s in seed.speakers}
    for q, row in zip(seed.quotes, TABLE + TABLE, strict=True):
        start, qtype, cue, name, mention, role = row
        assert q.text.startswith(start), (q.text[:40], start)
        assert q.type == qtype
        assert q.cue is not None and q.cue.text == cue
        assert q.speaker is not None and q.speaker.name == name
        assert q.speaker.mention.text == mention
        assert speakers[q.speaker.entity].role == role


def test_seed_roles(seed):
    by_name = {s.name: s for s in seed.speakers}
    assert set(by_name) == {CATUR, SIGIT}
    catur = by_name[CATUR]
    assert catur.title.text == "Kepala"
    assert catur.organization.text == "Dinas Komunikasi, Informatika, dan Statistik Kota Magelang"
    sigit = by_name[SIGIT]
    assert sigit.title.text == "Wali Kota Magelang"
    assert sigit.organization is None


def test_seed_no_scare_quotes(seed):
    texts = [q.text for q in seed.quotes]
    for term in ("one kota", "smart mobility", "smart city", "pilot project"):
        assert term not in texts
    # the "Baca juga" line quotes nothing
    baca = seed.text.index("Baca juga: Telaah")
    assert not any(q.start >= baca and q.end <= seed.text.index("\n", baca) for q in seed.quotes)


def test_seed_offsets(seed):
    for q in seed.quotes:
        assert seed.text[q.start : q.end] == q.text
        assert seed.text[q.cue.start : q.cue.end] == q.cue.text
        m = q.speaker.mention
        assert seed.text[m.start : m.end] == m.text
