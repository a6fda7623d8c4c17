from __future__ import annotations

import pytest

from kutipan.lang.tokenizer import make_nlp
from kutipan.phrase import parse_phrase, parse_subject
from kutipan.text.view import DocView

nlp = make_nlp()


def parts(text, subject=False):
    doc = nlp(text)
    view = DocView.of(doc)
    ph = parse_subject(view, 0, len(view)) if subject else parse_phrase(view, 0, len(view))
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
        (
            "Wakil Ketua Komisi IV DPRD Kota Sukamaju Budi Santoso",
            ("Wakil Ketua Komisi IV", "DPRD Kota Sukamaju", [], "Budi Santoso", "name"),
        ),
        (
            "Dandim 0617/Sukamaju Letkol Inf Andi Wijaya",
            ("Dandim 0617/Sukamaju", None, ["Letkol Inf"], "Andi Wijaya", "name"),
        ),
        (
            "Komandan Kodim 0712/Purbasari Letkol Inf Budi",
            ("Komandan", "Kodim 0712/Purbasari", ["Letkol Inf"], "Budi", "name"),
        ),
        (
            "Pengamat pendidikan Universitas Sukamaju Lestari Handayani",
            ("Pengamat pendidikan", "Universitas Sukamaju", [], "Lestari Handayani", "name"),
        ),
        ("Calon bupati Darmawan Effendi", ("Calon bupati", None, [], "Darmawan Effendi", "name")),
        ("Kuasa hukum terdakwa, Yosef Manurung", ("Kuasa hukum terdakwa", None, [], "Yosef Manurung", "name")),
        (
            "Kepala Kanwil Kemenag Provinsi Lampung Erwinto",
            ("Kepala", "Kanwil Kemenag Provinsi Lampung", [], "Erwinto", "name"),
        ),
        (
            "Komandan Satgas Penanganan Bencana Brigjen TNI Hadi Susanto",
            ("Komandan", "Satgas Penanganan Bencana", ["Brigjen TNI"], "Hadi Susanto", "name"),
        ),
        ("Menko Polhukam Mahfud Md", ("Menko Polhukam", None, [], "Mahfud Md", "name")),
        ("Wakil Menteri PANRB Purwadi Arianto", ("Wakil Menteri PANRB", None, [], "Purwadi Arianto", "name")),
        ("Kepala Korps Brimob Murad Ismail", ("Kepala", "Korps Brimob", [], "Murad Ismail", "name")),
        ("Kementerian Kesehatan", (None, "Kementerian Kesehatan", [], None, "organization")),
        ("Kementerian Kesehatan dalam keterangannya", (None, "Kementerian Kesehatan", [], None, "organization")),
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


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence adverbial before the subject, and adverbs after it
        ("Lebih lanjut Budi Santoso", (None, None, [], "Budi Santoso", "name")),
        (
            "Kepala Dinas Kesehatan Sukamaju Budi Santoso baru-baru ini",
            ("Kepala", "Dinas Kesehatan Sukamaju", [], "Budi Santoso", "name"),
        ),
        ("Budi Santoso pun juga", (None, None, [], "Budi Santoso", "name")),
        # a leading adverbial clause: the subject is after its comma
        ("Di Magelang, Budi Santoso", (None, None, [], "Budi Santoso", "name")),
        # a short relative clause before the verb
        ("Wahyu Hidayat, S.H., yang turut hadir", (None, None, ["S.H."], "Wahyu Hidayat", "name")),
        ("Wahyu Hidayat yang turut hadir pada acara", (None, None, [], "Wahyu Hidayat", "name")),
        # an adjunct between the speaker and the verb
        (
            "Kapolsek Ngoro Kompol Imam di Mojokerto, Kamis (12/10)",
            ("Kapolsek Ngoro", None, ["Kompol"], "Imam", "name"),
        ),
        # an apposition after a bare name
        ("Nur Aini (20), mahasiswi Universitas Sukamaju,", (None, None, [], "Nur Aini", "name")),
    ],
)
def test_subject_parts(text, expected):
    assert parts(text, subject=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hal itu",  # a connective that is the subject's own first word is not skipped
        "Pada kesempatan itu",  # an adverbial is no subject
        "Budi Santoso yang sejak lama tinggal di kota itu",  # a long relative clause is not cut off
        "Ketua Dinas Sukamaju dan anggota tim",  # the phrase does not cover the segment
    ],
)
def test_not_a_subject_either(text):
    assert parts(text, subject=True) is None


def test_an_organisation_that_speaks_has_no_role():
    from kutipan import Extractor

    doc = Extractor(use_models=False).extract('"Stok vaksin aman," kata Kementerian Kesehatan dalam keterangannya.')
    (sp,) = doc.speakers
    assert (sp.name, sp.kind) == ("Kementerian Kesehatan", "organization")
    assert sp.title is None and sp.organization is None and sp.role is None


def test_a_role_with_lower_case_words_before_a_comma_and_the_name():
    from kutipan import Extractor

    text = "Ketua tim peneliti, Prof. Dr. Ir. Hartono Setyadi, M.Eng., mengatakan alat itu murah."
    (sp,) = Extractor(use_models=False).extract(text).speakers
    assert sp.name == "Hartono Setyadi"
    assert sp.title.text == "Ketua tim peneliti"
    assert [h.text for h in sp.honorific] == ["Prof.", "Dr.", "Ir.", "M.Eng."]


@pytest.mark.parametrize(
    "text, name, title, organization",
    [
        # an alias the text explains
        (
            'Presiden Joko Widodo (Jokowi) meresmikan waduk itu. "Banjir harus dicegah," kata Jokowi.',
            "Joko Widodo",
            "Presiden",
            None,
        ),
        (
            'Menteri Sekretaris Negara Prasetyo Hadi atau Pras hadir. "Kami menghormati keputusan itu," kata Pras.',
            "Prasetyo Hadi",
            "Menteri Sekretaris Negara",
            None,
        ),
        # a bracketed abbreviation inside the role read back from the name
        (
            'Penjabat (Pj) Gubernur DKI Jakarta Heru Budi Hartono meninjau lokasi. "Kami siap," kata Heru.',
            "Heru Budi Hartono",
            "Penjabat (Pj) Gubernur DKI Jakarta",
            None,
        ),
        # a short form of a name given in full elsewhere
        (
            'Alat itu dibuat tim yang diketuai Dr. Ir. Bimastyaji Surya Ramadan. "Harganya murah," kata Bima.',
            "Bimastyaji Surya Ramadan",
            None,
            None,
        ),
        # a dateline dash is not part of the name
        (
            'Jakarta - Marc Marquez menepis rumor itu. "Saya tidak membalap gratis," kata Marquez.',
            "Marc Marquez",
            None,
            None,
        ),
        # a known given name and an initial before the name quoted
        ('Acara itu dihadiri Siti Atikoh. "Kami mendukung program ini," kata Atikoh.', "Siti Atikoh", None, None),
        (
            "Ketua panitia M. Iqbal Anas Ma'ruf hadir. \"Semua siap,\" kata Iqbal Anas Ma'ruf.",
            "M. Iqbal Anas Ma'ruf",
            "Ketua panitia",
            None,
        ),
        # a title straight after the name, and the institution after it
        ('"Harga naik," kata Gunawan Effendi CEO Indomobil Finance.', "Gunawan Effendi", "CEO", "Indomobil Finance"),
        (
            '"Harga naik," kata Budi Santoso, Kepala Dinas Kesehatan Sukamaju.',
            "Budi Santoso",
            "Kepala",
            "Dinas Kesehatan Sukamaju",
        ),
    ],
)
def test_full_names_and_roles_from_the_whole_text(text, name, title, organization):
    from kutipan import Extractor

    (sp,) = Extractor(use_models=False).extract(text).speakers
    assert sp.name == name
    assert (sp.title.text if sp.title else None) == title
    assert (sp.organization.text if sp.organization else None) == organization
