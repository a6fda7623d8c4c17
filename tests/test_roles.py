from __future__ import annotations

import pytest

from kutipan.roles import parse_phrase, parse_subject
from kutipan.tokenizer import make_nlp

nlp = make_nlp()


def parts(text, subject=False):
    doc = nlp(text)
    ph = parse_subject(doc, 0, len(doc)) if subject else parse_phrase(doc, 0, len(doc))
    if ph is None:
        return None

    def g(r):
        return doc[r[0] : r[1]].text if r else None

    return g(ph.title), g(ph.org), [g(h) for h in ph.honorifics], g(ph.name), ph.kind


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kepala Dinas Komunikasi, Informatika, dan Statistik Kota Magelang Catur Budi Fajar Sumarmo di Magelang",
            (
                "Kepala",
                "Dinas Komunikasi, Informatika, dan Statistik Kota Magelang",
                [],
                "Catur Budi Fajar Sumarmo",
                "name",
            ),
        ),
        (
            "Wakil Kepala Satlantas Polresta Cirebon Ajun Komisaris Purwadi",
            ("Wakil Kepala Satlantas", "Polresta Cirebon", ["Ajun Komisaris"], "Purwadi", "name"),
        ),
        (
            "Kapolres Tasikmalaya Kota, AKBP Moch Faruk Rozi kepada wartawan",
            ("Kapolres Tasikmalaya Kota", None, ["AKBP"], "Moch Faruk Rozi", "name"),
        ),
        (
            "Wali Kota Magelang Sigit Widyonindito",
            ("Wali Kota Magelang", None, [], "Sigit Widyonindito", "name"),
        ),
        (
            "Direktur Jenderal Pajak Kemenkeu Bimo Wijayanto",
            ("Direktur Jenderal Pajak", "Kemenkeu", [], "Bimo Wijayanto", "name"),
        ),
        (
            "Kepala Dinas Kesehatan Kabupaten Cirebon, Eni Suhaeni",
            ("Kepala", "Dinas Kesehatan Kabupaten Cirebon", [], "Eni Suhaeni", "name"),
        ),
        (
            "Direktur Utama PT Jasa Raharja Rivan Purwantono",
            ("Direktur Utama", "PT Jasa Raharja", [], "Rivan Purwantono", "name"),
        ),
        ("Menteri Keuangan Sri Mulyani", ("Menteri Keuangan", None, [], "Sri Mulyani", "name")),
        (
            "Dr. H. Ahmad Yani, S.H., M.Si. di sela",
            (None, None, ["Dr.", "H.", "S.H.", "M.Si."], "Ahmad Yani", "name"),
        ),
        (
            "Budi Santoso, Kepala Dinas Pendidikan Kota Solo, saat",
            ("Kepala", "Dinas Pendidikan Kota Solo", [], "Budi Santoso", "name"),
        ),
        ("Kementerian Kesehatan", (None, "Kementerian Kesehatan", [], None, "organization")),
        ("Kapolres", ("Kapolres", None, [], None, "role")),
        ("politikus itu", (None, None, [], None, "role")),
        ("dia", (None, None, [], None, "pronoun")),
        ("di Jakarta", None),
    ],
)
def test_phrase(text, expected):
    assert parts(text) == expected


@pytest.mark.parametrize(
    "text, name",
    [
        ("Namun demikian, Bimo", "Bimo"),
        ("Sementara itu, Wali Kota Magelang Sigit Widyonindito", "Sigit Widyonindito"),
        ("Ia juga", None),
    ],
)
def test_subject(text, name):
    got = parts(text, subject=True)
    assert got is not None and got[3] == name


@pytest.mark.parametrize("text", ["Kota cerdas", "Hal ini", "Dalam hal perbaikan kebijakan ini"])
def test_not_a_subject(text):
    assert parts(text, subject=True) is None
