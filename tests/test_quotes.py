from __future__ import annotations

import random

import pytest

from kutipan.text.marks import find_marked
from kutipan.text.segment import paragraphs, sentences


def spans(text):
    return [(text[m.start : m.end], m.close_mark is None) for m in find_marked(text, paragraphs(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Kami siap," kata Budi.', [("Kami siap,", False)]),
        ("“Kami siap,” kata Budi.", [("Kami siap,", False)]),
        ("”Kami siap,” kata Budi.", [("Kami siap,", False)]),
        ('"Kami siap,” kata Budi.', [("Kami siap,", False)]),
        ('"Satu," kata Budi, "dua."', [("Satu,", False), ("dua.", False)]),
        ('sesak napas."Ada tiga," katanya.', [("Ada tiga,", False)]),
        ('"Tidak ditutup sama sekali\nParagraf lain.', [("Tidak ditutup sama sekali", True)]),
        ('Penutup tanpa pembuka," kata Budi.', []),
        ("Ia memakai istilah 'pilot project' di sini.", []),
    ],
)
def test_pairs(text, expected):
    assert spans(text) == expected


def test_multi_paragraph_continues():
    text = '"Satu tanpa tutup.\n"Dua tanpa tutup.\n"Tiga ditutup," kata Ani.'
    marked = find_marked(text, paragraphs(text))
    assert [m.continues for m in marked] == [True, True, False]
    assert [m.continued for m in marked] == [False, True, True]
    assert all("\n" not in text[m.start : m.end] for m in marked)


def test_sentences_glued_and_abbreviations():
    text = "Ia di Surabaya.Dalam rapat itu Dr. Budi bicara. Ia pergi."
    got = [text[s:e] for s, e in sentences(text, (0, len(text)))]
    assert got == ["Ia di Surabaya.", "Dalam rapat itu Dr. Budi bicara.", "Ia pergi."]


def test_random_marks_never_cross_paragraphs_or_crash(extractor):
    rng = random.Random(7)
    pieces = [
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
        "\n",
        " ",
        "kata Budi",
        "Ia mengatakan",
        ",",
        ".",
        "Kami siap",
        "katanya",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        doc = extractor.extract(text)
        for q in doc.quotes:
            assert text[q.start : q.end] == q.text
            assert "\n" not in q.text.strip("\n") or q.type != "direct"
