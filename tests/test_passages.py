"""Short passages in the styles of Indonesian news, written for these tests (invented people and places).

Each asserts every quote found: its content span, type, cue, resolved speaker and the mention it is
attributed through. A passage may also pin a speaker's title, organisation and honorifics.
"""

from __future__ import annotations

import pytest

# (text, [(content, type, cue, speaker name, mention)], {speaker name: (title, organization, honorifics)})
PASSAGES = [
    # --- cue after the quote
    (
        '"Kami siap menghadapi musim hujan," kata Bupati Sukamaju Andi Wijaya di Sukamaju, Senin (4/11).',
        [("Kami siap menghadapi musim hujan,", "direct", "kata", "Andi Wijaya", "Andi Wijaya")],
        {"Andi Wijaya": ("Bupati Sukamaju", None, [])},
    ),
    (
        '"Pasar akan dibuka kembali pekan depan," ujar Kepala Dinas Perdagangan Kota Sukamaju Rina Lestari.',
        [("Pasar akan dibuka kembali pekan depan,", "direct", "ujar", "Rina Lestari", "Rina Lestari")],
        {"Rina Lestari": ("Kepala", "Dinas Perdagangan Kota Sukamaju", [])},
    ),
    (
        'Rina Lestari meninjau pasar.\n"Semua pedagang sudah didata," katanya.',
        [("Semua pedagang sudah didata,", "direct", "katanya", "Rina Lestari", "nya")],
        {},
    ),
    (
        'Rina Lestari meninjau pasar.\n"Semua pedagang sudah didata," ujarnya singkat.',
        [("Semua pedagang sudah didata,", "direct", "ujarnya", "Rina Lestari", "nya")],
        {},
    ),
    (
        '"Tidak ada korban jiwa," kata dia kepada wartawan.\n',
        [("Tidak ada korban jiwa,", "direct", "kata", None, None)],
        {},
    ),
    (
        'Kapolres Sukamaju AKBP Dedi Kurnia memimpin apel.\n"Personel kami siagakan di tiap pos," tegas Dedi.',
        [("Personel kami siagakan di tiap pos,", "direct", "tegas", "Dedi Kurnia", "Dedi")],
        {"Dedi Kurnia": ("Kapolres Sukamaju", None, ["AKBP"])},
    ),
    (
        '"Tersangka sudah kami tahan," ucap Wakil Kepala Satlantas Polresta Sukamaju Ajun Komisaris Purnomo.',
        [("Tersangka sudah kami tahan,", "direct", "ucap", "Purnomo", "Purnomo")],
        {"Purnomo": ("Wakil Kepala Satlantas", "Polresta Sukamaju", ["Ajun Komisaris"])},
    ),
    (
        '"Harga beras mulai turun," tutur Direktur Utama PT Pangan Sejahtera Bambang Irawan, Selasa.',
        [("Harga beras mulai turun,", "direct", "tutur", "Bambang Irawan", "Bambang Irawan")],
        {"Bambang Irawan": ("Direktur Utama", "PT Pangan Sejahtera", [])},
    ),
    (
        '"Jalan itu rusak berat," imbuh Kepala Desa Sukamaju, Sutrisno.',
        [("Jalan itu rusak berat,", "direct", "imbuh", "Sutrisno", "Sutrisno")],
        {"Sutrisno": ("Kepala Desa Sukamaju", None, [])},
    ),
    (
        '"Vaksin tersedia cukup," jelas Kepala Dinas Kesehatan Kabupaten Sukamaju dr. Ratna Dewi, M.Kes.',
        [("Vaksin tersedia cukup,", "direct", "jelas", "Ratna Dewi", "Ratna Dewi")],
        {"Ratna Dewi": ("Kepala", "Dinas Kesehatan Kabupaten Sukamaju", ["dr.", "M.Kes."])},
    ),
    (
        '"Kami menunggu hasil audit," tambah Ketua DPRD Kota Sukamaju Heru Santoso.',
        [("Kami menunggu hasil audit,", "direct", "tambah", "Heru Santoso", "Heru Santoso")],
        {"Heru Santoso": ("Ketua", "DPRD Kota Sukamaju", [])},
    ),
    (
        '"Pembangunan jembatan selesai akhir tahun," lanjut Wali Kota Sukamaju Hendra Gunawan.',
        [
            (
                "Pembangunan jembatan selesai akhir tahun,",
                "direct",
                "lanjut",
                "Hendra Gunawan",
                "Hendra Gunawan",
            )
        ],
        {"Hendra Gunawan": ("Wali Kota Sukamaju", None, [])},
    ),
    (
        '"Itu keputusan bersama," ungkap Prof. Dr. Slamet Riyadi kepada wartawan di kampus.',
        [("Itu keputusan bersama,", "direct", "ungkap", "Slamet Riyadi", "Slamet Riyadi")],
        {"Slamet Riyadi": (None, None, ["Prof.", "Dr."])},
    ),
    (
        '"Kita harus sabar," pungkas KH Ahmad Fauzi.',
        [("Kita harus sabar,", "direct", "pungkas", "Ahmad Fauzi", "Ahmad Fauzi")],
        {"Ahmad Fauzi": (None, None, ["KH"])},
    ),
    (
        '"Semua sudah sesuai prosedur," kata Kapolres.',
        [("Semua sudah sesuai prosedur,", "direct", "kata", "Kapolres", "Kapolres")],
        {},
    ),
    (
        '"Saya tidak pernah menerima uang itu," kata pria itu di persidangan.',
        [("Saya tidak pernah menerima uang itu,", "direct", "kata", "pria itu", "pria itu")],
        {},
    ),
    # --- print style and curly marks
    (
        "”Rapat ini membahas anggaran tahun depan,” ujar Sekretaris Daerah Sukamaju Yudi Pratama.",
        [("Rapat ini membahas anggaran tahun depan,", "direct", "ujar", "Yudi Pratama", "Yudi Pratama")],
        {},
    ),
    (
        "“Kami akan lapor ke pusat,” kata Camat Sukajadi Nur Hidayat.",
        [("Kami akan lapor ke pusat,", "direct", "kata", "Nur Hidayat", "Nur Hidayat")],
        {"Nur Hidayat": ("Camat Sukajadi", None, [])},
    ),
    (
        '"Programnya berjalan baik,” kata Lurah Sukasari Dian Purnama.',
        [("Programnya berjalan baik,", "direct", "kata", "Dian Purnama", "Dian Purnama")],
        {},
    ),
    (
        "\"Kami menyebutnya 'gerakan bersih' karena semua ikut,\" kata Joko Susilo.",
        [
            (
                "Kami menyebutnya 'gerakan bersih' karena semua ikut,",
                "direct",
                "kata",
                "Joko Susilo",
                "Joko Susilo",
            )
        ],
        {},
    ),
    # --- cue before the quote
    (
        'Wakil Bupati Sukamaju Siti Aminah mengatakan, "Bantuan akan disalurkan besok."',
        [("Bantuan akan disalurkan besok.", "direct", "mengatakan", "Siti Aminah", "Siti Aminah")],
        {"Siti Aminah": ("Wakil Bupati Sukamaju", None, [])},
    ),
    (
        'Menurut Ketua Panitia Agus Salim, "Acara ini terbuka untuk umum."',
        [("Acara ini terbuka untuk umum.", "direct", "Menurut", "Agus Salim", "Agus Salim")],
        {},
    ),
    (
        'Kepala Sekolah Budi Hartono: "Ujian tetap digelar sesuai jadwal."',
        [("Ujian tetap digelar sesuai jadwal.", "direct", None, "Budi Hartono", "Budi Hartono")],
        {},
    ),
    # --- split around the cue
    (
        '"Kami sudah berusaha," kata Rudi Hartanto, "tetapi hujan terus turun."',
        [
            ("Kami sudah berusaha,", "direct", "kata", "Rudi Hartanto", "Rudi Hartanto"),
            ("tetapi hujan terus turun.", "direct", "kata", "Rudi Hartanto", "Rudi Hartanto"),
        ],
        {},
    ),
    # --- bare quote paragraph carries the speaker over
    (
        '"Air sudah surut," kata Lurah Sukamaju Wawan Setiawan.\n"Warga mulai membersihkan rumah."',
        [
            ("Air sudah surut,", "direct", "kata", "Wawan Setiawan", "Wawan Setiawan"),
            ("Warga mulai membersihkan rumah.", "direct", None, "Wawan Setiawan", "Wawan Setiawan"),
        ],
        {},
    ),
    # --- multi-paragraph quotation
    (
        '"Paragraf pertama dari pernyataan panjang ini.\n"Paragraf kedua yang menutup," kata Budi Raharjo.',
        [
            (
                "Paragraf pertama dari pernyataan panjang ini.",
                "direct",
                "kata",
                "Budi Raharjo",
                "Budi Raharjo",
            ),
            ("Paragraf kedua yang menutup,", "direct", "kata", "Budi Raharjo", "Budi Raharjo"),
        ],
        {},
    ),
    # --- indirect speech
    (
        "Kepala Dinas Pendidikan Sukamaju Sri Wahyuni mengatakan pihaknya menambah kuota beasiswa.",
        [("pihaknya menambah kuota beasiswa", "indirect", "mengatakan", "Sri Wahyuni", "Sri Wahyuni")],
        {"Sri Wahyuni": ("Kepala", "Dinas Pendidikan Sukamaju", [])},
    ),
    (
        "Sri Wahyuni hadir. Ia mengatakan bahwa sekolah rusak segera diperbaiki.",
        [("sekolah rusak segera diperbaiki", "indirect", "mengatakan", "Sri Wahyuni", "Ia")],
        {},
    ),
    (
        "Joko Susilo hadir. Joko menjelaskan, jumlah peserta tahun ini meningkat tajam.",
        [("jumlah peserta tahun ini meningkat tajam", "indirect", "menjelaskan", "Joko Susilo", "Joko")],
        {},
    ),
    (
        "Menurut Kepala BPBD Sukamaju Hadi Prasetyo, banjir merendam tiga kecamatan.",
        [("banjir merendam tiga kecamatan", "indirect", "Menurut", "Hadi Prasetyo", "Hadi Prasetyo")],
        {"Hadi Prasetyo": ("Kepala", "BPBD Sukamaju", [])},
    ),
    (
        "Hadi Prasetyo meninjau lokasi. Menurutnya, tanggul jebol karena debit air tinggi.",
        [("tanggul jebol karena debit air tinggi", "indirect", "Menurutnya", "Hadi Prasetyo", "nya")],
        {},
    ),
    (
        "Hadi Prasetyo meninjau lokasi. Sebelumnya, kata dia, warga sudah diungsikan ke balai desa.",
        [("warga sudah diungsikan ke balai desa", "indirect", "kata", "Hadi Prasetyo", "dia")],
        {},
    ),
    (
        "Hadi Prasetyo meninjau lokasi. Warga sudah diungsikan ke balai desa, kata Hadi.",
        [("Warga sudah diungsikan ke balai desa", "indirect", "kata", "Hadi Prasetyo", "Hadi")],
        {},
    ),
    (
        "Sementara itu, Kementerian Kesehatan menyatakan stok obat di daerah bencana masih aman.",
        [
            (
                "stok obat di daerah bencana masih aman",
                "indirect",
                "menyatakan",
                "Kementerian Kesehatan",
                "Kementerian Kesehatan",
            )
        ],
        {},
    ),
    (
        "Ketua KPU Sukamaju Rahmat Hidayat menegaskan, seluruh logistik pemilu sudah tiba di gudang.",
        [
            (
                "seluruh logistik pemilu sudah tiba di gudang",
                "indirect",
                "menegaskan",
                "Rahmat Hidayat",
                "Rahmat Hidayat",
            )
        ],
        {"Rahmat Hidayat": ("Ketua", "KPU Sukamaju", [])},
    ),
    (
        'Budi Santoso mengatakan warga menolak rencana itu karena "sangat merugikan kami" sebagai petani.',
        [
            (
                'warga menolak rencana itu karena "sangat merugikan kami" sebagai petani',
                "mixed",
                "mengatakan",
                "Budi Santoso",
                "Budi Santoso",
            )
        ],
        {},
    ),
    # --- two speakers alternating, pronouns follow the latest
    (
        '"Kami menolak," kata Ketua Serikat Petani Sleman Darmaji.\n'
        '"Kami akan berdialog," kata Bupati Sukamaju Andi Wijaya.\n"Semua pihak diundang," katanya.',
        [
            ("Kami menolak,", "direct", "kata", "Darmaji", "Darmaji"),
            ("Kami akan berdialog,", "direct", "kata", "Andi Wijaya", "Andi Wijaya"),
            ("Semua pihak diundang,", "direct", "katanya", "Andi Wijaya", "nya"),
        ],
        {},
    ),
    (
        '"Kami menolak," kata Darmaji Saputra.\n"Kami berdialog," kata Andi Wijaya.\n"Tetap menolak," kata Darmaji.',
        [
            ("Kami menolak,", "direct", "kata", "Darmaji Saputra", "Darmaji Saputra"),
            ("Kami berdialog,", "direct", "kata", "Andi Wijaya", "Andi Wijaya"),
            ("Tetap menolak,", "direct", "kata", "Darmaji Saputra", "Darmaji"),
        ],
        {},
    ),
    # --- a surname before a full name is the same person
    (
        'Gubernur Jawa Tengah Bayu Nugroho meresmikan jembatan.\n"Ini untuk warga," kata Bayu.',
        [("Ini untuk warga,", "direct", "kata", "Bayu Nugroho", "Bayu")],
        {"Bayu Nugroho": ("Gubernur Jawa Tengah", None, [])},
    ),
    # --- indirect speech after a long role the phrase parser cannot split, and after an adverb
    (
        "Sebelumnya, Ketua Fraksi Partai Maju di DPRD Sukamaju Andi Wijaya mengatakan bahwa pihaknya menolak "
        "rencana tersebut.",
        [("pihaknya menolak rencana tersebut", "indirect", "mengatakan", "Andi Wijaya", "Andi Wijaya")],
        {},
    ),
    (
        "Juru Bicara Penindakan dan Kelembagaan KPK Sukamaju Rina Lestari kemudian memastikan pemeriksaan "
        "ditunda sampai pekan depan.",
        [("pemeriksaan ditunda sampai pekan depan", "indirect", "memastikan", "Rina Lestari", "Rina Lestari")],
        {},
    ),
    # --- a role noun phrase pointing back to the person named before
    (
        "Bupati Sukamaju Andi Wijaya meninjau waduk Cibening, Senin. Mantan camat itu menuturkan "
        "pembangunan waduk harus dilanjutkan.",
        [
            (
                "pembangunan waduk harus dilanjutkan",
                "indirect",
                "menuturkan",
                "Andi Wijaya",
                "Mantan camat itu",
            )
        ],
        {},
    ),
    (
        "Rina Lestari membuka pameran itu. Ibu dua anak itu mengaku sempat ragu untuk membuka usaha sendiri.",
        [("sempat ragu untuk membuka usaha sendiri", "indirect", "mengaku", "Rina Lestari", "Ibu dua anak itu")],
        {},
    ),
    # --- degrees of any shape after the name, and an adjunct between the speaker and the verb
    (
        "Wakil Bupati Sukamaju, dr. Maya Kartikasari, Sp.A., mengatakan pemerintah akan membuka posko baru.",
        [("pemerintah akan membuka posko baru", "indirect", "mengatakan", "Maya Kartikasari", "Maya Kartikasari")],
        {"Maya Kartikasari": ("Wakil Bupati Sukamaju", None, ["dr.", "Sp.A."])},
    ),
    (
        "BPJS Kesehatan Cabang Sukamaju, dalam keterangan tertulisnya, menyatakan siap menindaklanjuti setiap "
        "laporan warga.",
        [
            (
                "siap menindaklanjuti setiap laporan warga",
                "indirect",
                "menyatakan",
                "BPJS Kesehatan Cabang Sukamaju",
                "BPJS Kesehatan Cabang Sukamaju",
            )
        ],
        {},
    ),
    # --- a demonstrative noun phrase that is not a person is not a speaker
    ("Peraturan tersebut menyatakan bahwa setiap warga wajib membayar pajak tepat waktu.", [], {}),
    # --- terms in marks are not speech
    ('Pemkot meluncurkan program "Desa Cerdas" untuk seratus desa.', [], {}),
    ('Kota itu mengembangkan "smart mobility", "smart economy", dan "smart living".', [], {}),
    ('Baca juga: Warga menyebut "pasar rakyat" sebagai pusat ekonomi', [], {}),
    ("Ia menyebut istilah 'zero waste' dalam rapat.", [], {}),
    # --- unbalanced and unclosed marks never crash and never cross a paragraph
    (
        '"Kami tidak akan mundur dari tuntutan ini\nWarga kemudian membubarkan diri.',
        [("Kami tidak akan mundur dari tuntutan ini", "direct", None, None, None)],
        {},
    ),
    ('Tanda penutup tanpa pembuka," kata Budi.', [], {}),
]


@pytest.mark.parametrize("text, expected, roles", PASSAGES)
def test_passage(extractor, text, expected, roles):
    doc = extractor.extract(text)
    got = [
        (
            q.text,
            q.type,
            q.cue.text if q.cue else None,
            q.speaker.name if q.speaker else None,
            q.speaker.mention.text if q.speaker else None,
        )
        for q in doc.quotes
    ]
    want = [(c, t, cue, name, mention) for c, t, cue, name, mention in expected]
    assert got == want
    for q in doc.quotes:
        assert text[q.start : q.end] == q.text
    by_name = {s.name: s for s in doc.speakers}
    for name, (title, org, hon) in roles.items():
        sp = by_name[name]
        assert (sp.title.text if sp.title else None) == title
        assert (sp.organization.text if sp.organization else None) == org
        assert [h.text for h in sp.honorific or []] == hon


def test_enough_passages():
    assert len(PASSAGES) >= 40
