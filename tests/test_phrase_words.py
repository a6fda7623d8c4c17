"""The word predicates and runs of `kutipan.phrase.words`, on token lists (no tokenizer needed)."""

from __future__ import annotations

import pytest

from kutipan.phrase import words as w


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["Catur", "Budi", "Fajar", "Sumarmo", "di", "Magelang"], 4),  # a stop word ends the name
        (["Robin", "van", "Persie", "kata"], 3),  # a particle before a capitalised word
        (["Andi", "van", "kata"], 1),  # a particle at the end is given back
        (["Budi", "Santoso", "AKBP", "Irwan"], 2),  # a rank starts another name
        (["Budi", "Santoso", "S.H."], 2),  # a degree is no name word
        (["Kinerja", "Renita", "bagus"], 0),  # a capitalised common word at the start: no name at all
        (["Namun", "Budi"], 0),  # a connective at the start
        (["Liputan6.com", "Budi"], 0),  # an outlet's name
        (["DilansirdetikSepakbola", "Budi"], 0),  # words glued by scraping
        (["Ma", "'", "ruf"], 1),  # the apostrophe is taken only between capitalised parts
    ],
)
def test_name_run(tokens, expected):
    assert w.name_run(tokens, 0, len(tokens)) == expected


def test_name_run_stops_at_max_name_and_at_the_limit():
    tokens = ["Muhammad", "Iqbal", "Anas", "Hidayat", "Putra", "Wijaya", "Kusuma", "Jaya"]
    assert w.name_run(tokens, 0, len(tokens)) == w.MAX_NAME
    assert w.name_run(tokens, 0, 3) == 3


def test_name_run_takes_common_words_only_when_asked():
    tokens = ["Jasa", "Raharja", "Rivan"]  # "Jasa" is a common word, as in a company's name
    assert w.name_run(tokens, 0, 3) == 0
    assert w.name_run(tokens, 0, 3, allow_common=True) == 3


@pytest.mark.parametrize(
    "tokens, j, expected",
    [
        (["Komisi", "IV", "DPRD"], 1, 1),
        (["Dandim", "0617", "/", "Pasirluhur", "Letkol"], 1, 3),  # a unit code split at the slash
        (["Dandim", "0617", "/", "tahun"], 1, 1),  # no capitalised place after the slash
        (["Komisi", "DPRD"], 1, 0),
        (["Ketua", "II"], 2, 0),  # at the limit
    ],
)
def test_number(tokens, j, expected):
    assert w.number(tokens, j, len(tokens)) == expected


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["Pengamat", "pendidikan", "Universitas"], 1),
        (["Ketua", "tim", "peneliti", "Budi"], 2),
        (["Kuasa", "hukum", "terdakwa", ",", "Yosef"], 2),
        (["Ketua", "tim", "dan", "anggota", "Budi"], 0),  # "dan" ends it, and no capital follows
        (["warga", "setempat", "Budi"], 0),  # "setempat" is no qualifier
        (["Pengamat", "kebijakan", "publik", "nasional", "Budi"], 3),  # at most MAX_QUALIFIER words
        (["Pengamat", "kebijakan", "publik", "tingkat", "nasional", "Budi"], 0),  # longer: the sentence itself
        (["Pengamat", "pendidikan", "mengatakan"], 0),  # nothing capitalised after it
    ],
)
def test_lower_run(tokens, expected):
    assert w.lower_run(tokens, 1, len(tokens)) == expected


@pytest.mark.parametrize(
    "word, initial, acronym",
    [("M.", True, True), ("R", True, False), ("FH.", True, True), ("Ir.", False, False), ("DPRD", False, True)],
)
def test_initials_and_acronyms(word, initial, acronym):
    assert w.is_initial(word) is initial
    assert w.is_acronym(word) is acronym


@pytest.mark.parametrize("word", ["IV", "XII", "II"])
def test_roman_numerals_are_no_acronyms(word):
    assert not w.is_acronym(word)


@pytest.mark.parametrize(
    "word, name_word, first_name, role_word",
    [
        ("Siti", True, True, False),  # a known given name
        ("Atikoh", True, False, False),  # a name word no lexicon claims
        ("M.", True, True, False),  # an initial
        ("Kepala", False, False, True),  # a title
        ("Dinas", False, False, True),  # an institution head
        ("KPK", False, False, True),  # an acronym
        ("Senin", False, False, False),  # a day
        ("Kinerja", False, False, False),  # a capitalised common word
    ],
)
def test_what_a_word_can_be(word, name_word, first_name, role_word):
    assert w.name_word(word) is name_word
    assert w.first_name(word) is first_name
    assert w.role_word(word) is role_word


def test_region_takes_the_longest_name():
    tokens = ["Nusa", "Tenggara", "Barat", "Budi"]
    assert w.region(tokens, 0, 4) == 3
    assert w.region(tokens, 0, 2) == 0  # cut by the limit
    assert w.region(["Budi"], 0, 1) == 0


def test_paren():
    assert w.paren(["(", "PUPR", ")"], 0, 3)
    assert not w.paren(["(", "20", ")"], 0, 3)  # an age, not an abbreviation
    assert not w.paren(["(", "PUPR", ")"], 0, 2)
