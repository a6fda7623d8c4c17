"""The attribution stage: direct quotes, the indirect sieve registry (order and shapes), sentence subjects."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from kutipan.assemble import CONFIDENCE
from kutipan.attribution import Pattern, find_quotes, indirect
from kutipan.attribution.indirect import SIEVES, Sentence, match_sentence
from kutipan.attribution.subjects import find_people, subject_fallback
from kutipan.lang.tokenizer import make_nlp
from kutipan.phrase import parse_subject
from kutipan.text.segment import paragraphs, sentences
from kutipan.text.view import DocView

nlp = make_nlp()


def view_of(text: str) -> DocView:
    return DocView.of(nlp(text))


def mention(view: DocView, ph) -> str | None:
    return view[ph.mention[0] : ph.mention[1]].text if ph else None


@pytest.mark.parametrize(
    "text, sieve, pattern, content, speaker",
    [
        (
            "Menurut Budi Santoso, harga beras akan naik bulan depan.",
            "menurut-comma",
            "menurut",
            "harga beras akan naik bulan depan",
            "Budi Santoso",
        ),
        (
            "Menurutnya, harga beras akan naik bulan depan.",
            "menurut-comma",
            "menurut",
            "harga beras akan naik bulan depan",
            None,
        ),
        (
            "Diterangkan Budi Santoso, harga beras akan naik bulan depan.",
            "passive-agent",
            "menurut",
            "harga beras akan naik bulan depan",
            "Budi Santoso",
        ),
        (
            "Harga beras, kata dia, akan naik bulan depan.",
            "cue-after-clause",
            "mid",
            "Harga beras, kata dia, akan naik bulan depan",
            "dia",
        ),
        (
            "Harga beras akan naik bulan depan, kata Budi Santoso.",
            "cue-after-clause",
            "end",
            "Harga beras akan naik bulan depan",
            "Budi Santoso",
        ),
        (
            "Saat ini, menurutnya harga beras masih terlalu mahal.",
            "menurut-no-comma",
            "menurut",
            "harga beras masih terlalu mahal",
            None,
        ),
        (
            "Harga beras di pasar, Budi bilang, akan naik bulan depan.",
            "speaker-between-commas",
            "mid",
            "Harga beras di pasar, Budi bilang, akan naik bulan depan",
            "Budi",
        ),
        (
            "Budi Santoso mengatakan bahwa harga beras akan naik bulan depan.",
            "subject-verb",
            "subject",
            "harga beras akan naik bulan depan",
            "Budi Santoso",
        ),
    ],
)
def test_each_sieve_finds_its_shape(text, sieve, pattern, content, speaker):
    view = view_of(text)
    got = match_sentence(view, (0, len(text)), 0)
    assert got is not None
    found, rq = got
    assert (found.name, rq.pattern, text[rq.start : rq.end], rq.type) == (sieve, pattern, content, "indirect")
    assert mention(view, rq.phrase) == speaker
    assert (rq.clitic is not None) == (speaker is None)  # no phrase: the `-nya` of `Menurutnya` is the speaker
    assert pattern in found.patterns


@pytest.mark.parametrize(
    "text, first, later",
    [
        # both a `Menurut X,` opener and a `, kata dia` after the clause: the opener wins
        ("Menurut Budi Santoso, harga beras akan naik bulan depan, kata dia.", "menurut-comma", "cue-after-clause"),
        ("Menurutnya, harga beras akan naik bulan depan.", "menurut-comma", "menurut-no-comma"),
        ("Harga beras di pasar, Budi bilang, akan naik bulan depan.", "speaker-between-commas", "subject-verb"),
    ],
)
def test_the_earlier_sieve_wins(text, first, later):
    view = view_of(text)
    sentence = Sentence.of(view, (0, len(text)), 0)
    by_name = {s.name: s for s in SIEVES}
    assert by_name[later].find(sentence) is not None  # the later sieve alone would take the sentence too
    got = match_sentence(view, (0, len(text)), 0)
    assert got is not None and got[0].name == first


def test_registry_order_is_the_documented_order():
    documented = re.findall(r"^\d+\. `([a-z-]+)`", indirect.__doc__ or "", re.M)
    assert documented == [s.name for s in SIEVES]


@pytest.mark.parametrize("sieve", SIEVES, ids=lambda s: s.name)
def test_each_sieve_example_is_found_by_that_sieve(sieve):
    got = match_sentence(view_of(sieve.example), (0, len(sieve.example)), 0)
    assert got is not None and got[0] is sieve


def test_every_pattern_has_one_confidence():
    assert set(CONFIDENCE.by_pattern) == set(get_args(Pattern))
    assert all(p in CONFIDENCE.by_pattern for s in SIEVES for p in s.patterns)


@pytest.mark.parametrize(
    "text",
    [
        "Budi Santoso menyampaikan apresiasi kepada para petani di desa itu.",  # the object reports nothing
        "Budi Santoso mengemukakan hal itu pada diskusi di balai desa kemarin.",  # the object points back
        "Harga naik.",  # too short for a cue, a speaker and content
    ],
)
def test_no_indirect_quote(text):
    assert match_sentence(view_of(text), (0, len(text)), 0) is None


def test_subject_fallback_takes_the_name_after_a_long_role():
    text = "Sebelumnya, Ketua Fraksi Partai Maju di DPRD Sukamaju Andi Wijaya mengatakan sekolah itu dibuka."
    view = view_of(text)
    v = view.words.index("mengatakan")
    assert parse_subject(view, 0, v) is None  # the grammar alone does not parse it as one phrase
    ph = subject_fallback(view, 0, v)
    assert ph is not None and ph.kind == "name" and mention(view, ph) == "Andi Wijaya"


def test_subject_fallback_takes_a_role_pointing_back():
    text = "Mantan Gubernur Jawa Tengah itu menuturkan sekolah itu dibuka pekan depan."
    view = view_of(text)
    ph = subject_fallback(view, 0, view.words.index("menuturkan"))
    assert ph is not None and (ph.kind, mention(view, ph)) == ("role", "Mantan Gubernur Jawa Tengah itu")


def test_people_named_as_subjects():
    text = (
        "Sementara itu, Budi Santoso menerima tamu di kantornya. Kepada Andi Wijaya warga menyerahkan surat. "
        "Kota Sukamaju menggelar pameran."
    )
    view = view_of(text)
    sents = [sentences(text, p) for p in paragraphs(text)]
    assert len(sents[0]) == 3
    got = [mention(view, ph) for ph in find_people(view, sents, quoted=[])]
    assert got == ["Budi Santoso"]  # not after a preposition, not a place
    assert find_people(view, sents, quoted=[sents[0][0]]) == []  # nobody inside a quotation


def test_split_quote_shares_the_cue_and_links_to_the_first_half():
    text = 'Budi Santoso datang pagi. "Kami siap," kata Budi Santoso, "dan tidak akan mundur."'
    raw, _ = find_quotes(view_of(text))
    assert [(text[q.start : q.end], q.pattern) for q in raw] == [
        ("Kami siap,", "after"),
        ("dan tidak akan mundur.", "split"),
    ]
    assert raw[1].link == 0 and raw[1].cue == raw[0].cue and raw[1].phrase is raw[0].phrase


def test_links_point_into_the_merged_list():
    # an indirect quote before the direct ones shifts their indices; the link must follow
    text = (
        'Budi Santoso mengatakan bahwa harga beras akan naik bulan depan. "Kami siap," kata Andi Wijaya, '
        '"dan tidak akan mundur."'
    )
    raw, _ = find_quotes(view_of(text))
    assert [q.type for q in raw] == ["indirect", "direct", "direct"]
    assert raw[2].link == 1


@pytest.mark.parametrize(
    "text, kinds",
    [
        ('Pemkot meluncurkan program "Desa Cerdas" untuk seratus desa di wilayahnya.', []),
        ('"Kami tidak akan mundur dari tuntutan ini sampai kapan pun juga."', ["none"]),
        ('Budi Santoso mengatakan, "Kami siap bekerja keras untuk warga."', ["before"]),
        ('Budi Santoso: "Kami siap bekerja keras untuk warga."', ["colon"]),
        ('Menurut Budi Santoso, "Kami siap bekerja keras untuk warga."', ["menurut"]),
    ],
)
def test_direct_patterns(text, kinds):
    raw, _ = find_quotes(view_of(text))
    assert [q.pattern for q in raw if q.type == "direct"] == kinds
