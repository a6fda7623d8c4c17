"""Speaker identity on passages written for kutipan: one per error pattern of issues 9 and 10.

Each asserts the speaker's name, kind and mention (and the new fields where the pattern is about them).
"""

from __future__ import annotations

import pytest

from kutipan.speakers.orgs import canonical_organization, expansions
from kutipan.speakers.source_type import is_group, source_type


@pytest.fixture(scope="module")
def run():
    """The default extractor (rules, NER and ranker), as a user gets it: identity is the whole pipeline's job."""
    from kutipan import Extractor

    extractor = Extractor()

    def _run(text: str) -> dict:
        return extractor.extract(text).to_dict()

    return _run


def _speaker(doc: dict, qi: int = 0) -> dict:
    ref = doc["quotes"][qi]["speaker"]
    assert ref is not None
    return next(s for s in doc["speakers"] if s["id"] == ref["entity"])


def test_party_name_after_role_phrase_is_no_person(run):
    doc = run('"Harga cabai naik terus," ujar politikus Partai Maju Bersama ini kepada wartawan.')
    sp = _speaker(doc)
    assert sp["name"] != "Maju Bersama" and "Partai" in sp["name"]
    assert doc["quotes"][0]["speaker"]["mention"]["kind"] == "role"


def test_party_role_pointing_back_is_the_person_named_before(run):
    doc = run(
        "Anggota DPRD Sukamaju Rina Lestari menilai harga pangan naik. "
        '"Harga cabai naik terus," ujar politikus Partai Maju Bersama ini kepada wartawan.'
    )
    sp = _speaker(doc, -1)
    assert sp["name"] == "Rina Lestari" and sp["kind"] == "person"
    assert doc["quotes"][-1]["speaker"]["mention"]["text"] == "politikus Partai Maju Bersama ini"


def test_institution_ending_in_a_place_is_the_institution(run):
    doc = run("Polres Karangjati menyatakan pelaku sudah ditangkap di rumahnya.")
    sp = _speaker(doc)
    assert (sp["name"], sp["kind"]) == ("Polres Karangjati", "organization")
    assert doc["quotes"][0]["speaker"]["mention"]["kind"] == "organization"


def test_whole_institution_before_a_name_keeps_the_name(run):
    doc = run('"Produksi naik pesat," ujar Direktur Jenderal Hortikultura Kementan Sutomo di Jakarta.')
    assert _speaker(doc)["name"] == "Sutomo"


def test_abbreviation_in_brackets_is_the_person(run):
    text = (
        "Ketua Yayasan Sinar Harapan Muhammad Rizal Hakim (MRH) membantah tuduhan itu. "
        '"Kami tidak pernah menerima dana itu," kata MRH di Bandung.'
    )
    doc = run(text)
    sp = _speaker(doc)
    assert (sp["name"], sp["kind"]) == ("Muhammad Rizal Hakim", "person")
    at = text.index("kata MRH") + 5
    assert doc["quotes"][0]["speaker"]["mention"] == {"text": "MRH", "start": at, "end": at + 3, "kind": "name"}
    assert "MRH" in sp["aliases"] and sp["title"]["text"] == "Ketua"


def test_explained_nickname_is_an_alias(run):
    doc = run("Ahmad Fauzi, yang akrab disapa Gus Fauzi, mengatakan pengajian tetap digelar pekan depan.")
    sp = _speaker(doc)
    assert sp["name"] == "Ahmad Fauzi" and sp["aliases"] == ["Gus Fauzi"]


def test_role_noun_of_a_named_holder_is_an_alias(run):
    doc = run('Menteri Kesehatan Budi Hartono meminta warga tetap waspada. "Jangan lengah," kata Menkes.')
    sp = _speaker(doc, 1)
    assert sp["name"] == "Budi Hartono" and "Menkes" in sp["aliases"]
    assert doc["quotes"][1]["speaker"]["mention"]["kind"] == "role"
    assert sp["source_type"] == "official"


def test_group_voice(run):
    doc = run('"Kami resah sejak jalan itu rusak," kata warga.')
    sp = _speaker(doc)
    assert (sp["name"], sp["kind"], sp["source_type"]) == ("warga", "group", "citizen")
    assert sp["aliases"] == []


def test_one_resident_is_a_person_not_a_group(run):
    sp = _speaker(run('"Airnya sampai selutut," kata seorang warga.'))
    assert (sp["kind"], sp["source_type"]) == ("person", "citizen")


def test_canonical_organisation_in_the_output(run):
    doc = run(
        "Badan Penanggulangan Bencana Daerah (BPBD) Sleman menyiapkan 12 posko. "
        '"Kami siap," kata Kepala BPBD Sleman Agus Riyanto.'
    )
    org = _speaker(doc)["organization"]
    assert org["text"] == "BPBD Sleman"
    assert org["canonical"] == "Badan Penanggulangan Bencana Daerah (BPBD) Sleman"


TEXT = (
    "Badan Penanggulangan Bencana Daerah (BPBD) Sleman menyiapkan posko. "
    "Kepala Dinas Kesehatan (Dinkes) Kota Bogor Rina Dewi mengatakan stok cukup."
)


@pytest.mark.parametrize(
    "org, canonical",
    [
        ("BPBD Sleman", "Badan Penanggulangan Bencana Daerah (BPBD) Sleman"),
        ("Badan Penanggulangan Bencana Daerah Sleman", "Badan Penanggulangan Bencana Daerah (BPBD) Sleman"),
        ("BPBD", "Badan Penanggulangan Bencana Daerah (BPBD)"),
        ("Dinkes Kota Bogor", "Dinas Kesehatan (Dinkes) Kota Bogor"),
        ("Dinkes Bogor", "Dinkes Bogor"),  # the region after the bracket differs: no fuller form
        ("Polres Sleman", "Polres Sleman"),
    ],
)
def test_canonical_both_directions(org, canonical):
    got = canonical_organization(TEXT, org, expansions(TEXT))
    assert got == canonical and got in TEXT + " " + org


@pytest.mark.parametrize(
    "kind, name, title, org, anonymous, expected",
    [
        ("person", "Dedi Kurnia", "pengamat politik", "Universitas Sukamaju", False, "expert"),
        ("person", "Rina", "Direktur", "PT Sumber Makmur", False, "organization"),
        ("person", "Andi", "Direktur Utama", "PT Listrik Negara (Persero)", False, "official"),
        ("person", "Andi", "Kapolres Sukamaju", None, False, "official"),
        ("person", "Roni", "pembalap", "tim Garuda Racing", False, "public_figure"),
        ("person", "seorang warga", None, None, True, "citizen"),
        ("person", "Budi", None, None, False, "unknown"),
        ("organization", "Kementerian Kesehatan", None, None, False, "official"),
        ("organization", "Yayasan Sinar Harapan", None, None, False, "organization"),
        ("group", "Polisi", None, None, False, "official"),
        ("group", "Koalisi Masyarakat Sipil", None, None, False, "organization"),
    ],
)
def test_source_type_rules(kind, name, title, org, anonymous, expected):
    assert source_type(kind, name, title, org, anonymous) == expected


@pytest.mark.parametrize(
    "name, kind, anonymous, expected",
    [
        ("warga", "person", True, True),
        ("para pedagang", "person", True, True),
        ("seorang warga", "person", True, False),
        ("Polisi", "organization", False, True),
        ("Koalisi Masyarakat Sipil untuk Air Bersih", "organization", False, True),
        ("Pemerintah Kabupaten Sleman", "organization", False, False),
        ("Budi", "person", False, False),
    ],
)
def test_is_group(name, kind, anonymous, expected):
    assert is_group(name, kind, anonymous) is expected
