"""The syntax stage (issue 14): the internal parse view, the spaCy backend, the stanza adapter, and one
written passage per indirect-speech miss pattern of the issue."""

from __future__ import annotations

import pytest

from conftest import ROOT, SHARED
from kutipan import Extractor, ModelError
from kutipan.lang.tokenizer import make_nlp
from kutipan.syntax import load_syntax
from kutipan.syntax.parse import Parse
from kutipan.text.segment import sentences
from kutipan.text.view import DocView

PARSER = ROOT / "models" / "parser"
CSUI_TEST = SHARED / "data" / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu"
needs_parser = pytest.mark.skipif(not (PARSER / "config.cfg").exists(), reason="no models/parser")


def test_parse_view_is_sentence_local():
    p = Parse.empty(8)
    # tokens 2..6: "Polisi menyebut pelaku kabur ." with menyebut as root
    p.set_sentence(2, [1, 1, 3, 1, 1], ["nsubj", "root", "nsubj", "ccomp", "punct"], ["NOUN", "VERB"] + [""] * 3)
    assert p.head[:2] == [-1, -1] and not p.parsed(0) and p.parsed(3)
    assert p.root(2, 7) == 3 and p.child(3, "nsubj") == 2 and p.base(4) == "nsubj"
    assert p.subtree(5) == (4, 6) and p.subtree(3) == (2, 7)
    q = Parse.empty(3)
    q.set_sentence(0, [1, 1, 9], ["nsubj", "root", "obj"], ["", "", ""])  # a head outside: made a root
    assert q.head[2] == 2 and q.dep[2] == "root"


@needs_parser
def test_spacy_backend_parses_only_the_given_sentences():
    nlp = make_nlp()
    view = DocView.of(nlp("Hujan turun sejak pagi. Polisi menyebut pelaku sudah kabur ke luar kota."))
    second = (5, len(view))
    parse = load_syntax("spacy", ROOT / "models").parse(view, [second])
    assert not any(parse.parsed(i) for i in range(5))
    assert all(second[0] <= parse.head[i] < second[1] for i in range(*second))
    assert sum(parse.head[i] == i for i in range(*second)) >= 1
    assert parse.pos[second[0]] in {"NOUN", "PROPN"}


def test_unknown_backend_and_missing_spacy_parser(tmp_path):
    with pytest.raises(ValueError, match="unknown syntax backend"):
        load_syntax("udpipe", tmp_path)
    with pytest.raises(ModelError, match="train_parser.py"):
        load_syntax("spacy", tmp_path)


def test_stanza_missing_model_names_folder_and_command(tmp_path):
    pytest.importorskip("stanza")
    from kutipan.syntax.stanza_backend import StanzaParser

    with pytest.raises(ModelError) as err:
        StanzaParser(tmp_path / "stanza")
    assert str(tmp_path / "stanza" / "id") in str(err.value) and "stanza.download('id'" in str(err.value)


def test_stanza_adapter_on_treebank_documents():
    """stanza `Document`s built from UD CoNLL-U (no download): the adapted heads are the treebank's own
    wherever a kutipan token is exactly one treebank word."""
    pytest.importorskip("stanza")
    if not CSUI_TEST.exists():
        pytest.skip(f"{CSUI_TEST} not present")
    from stanza.utils.conll import CoNLL

    from kutipan.syntax.stanza_backend import adapt

    block = CSUI_TEST.read_text(encoding="utf-8").split("\n\n")[:40]
    doc = CoNLL.conll2doc(input_str="\n\n".join(block) + "\n\n", reconstruct_text=True)
    view = DocView.of(make_nlp()(doc.text))
    parse = Parse.empty(len(view))
    adapt(doc, view, 0, len(view), 0, parse)
    by_start = {s: i for i, s in enumerate(view.starts)}
    checked = agree = 0
    for sent in doc.sentences:
        words = {w.id: w for w in sent.words}
        for tok in sent.tokens:
            if len(tok.words) != 1 or tok.start_char not in by_start:
                continue
            w = tok.words[0]
            i = by_start[tok.start_char]
            head = words.get(w.head)
            if view.words[i] != tok.text or head is None or head.parent.start_char not in by_start:
                continue
            if len(head.parent.words) != 1:
                continue
            checked += 1
            agree += parse.head[i] == by_start[head.parent.start_char] and parse.dep[i] == w.deprel
    assert checked > 500 and agree == checked


def test_stanza_backend_choice_is_a_clear_error_without_models(tmp_path, monkeypatch):
    pytest.importorskip("stanza")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelError, match="stanza Indonesian models"):
        Extractor(syntax="stanza")


@pytest.mark.parametrize(
    "text",
    [
        '"Kami siap," ujar Budi.Budi menambahkan loket dibuka sampai malam hari.',
        "Hujan turun deras sejak pagi.Sejak itu warga bertahan di masjid.",
    ],
)
def test_glued_sentences_split_without_moving_offsets(text):
    cut = sentences(text, (0, len(text)))
    assert len(cut) == 2 and all(text[a:b].strip() == text[a:b] for a, b in cut)
    assert text[cut[1][0]] in "BS" and cut[0][1] <= cut[1][0]


@pytest.mark.parametrize("text", ["Budi Santoso, M.Kes mengatakan itu.", "lulus dengan gelar S.Pd.I. tahun lalu"])
def test_degrees_still_hold_their_full_stops(text):
    assert sentences(text, (0, len(text)))[0][0] == 0
    assert not any(text[a:b].startswith(("Kes", "Pd", "I.")) for a, b in sentences(text, (0, len(text))))


@pytest.fixture(scope="module")
def parsing_extractor():
    if not (PARSER / "config.cfg").exists():
        pytest.skip("no models/parser")
    return Extractor(syntax="spacy")  # the parse sieves are opt-in (default syntax="none")


# One written passage per miss pattern of issue 14: (text, content, cue, cue kind, speaker name)
MISSES = [
    # a cue verb the lexicon lacked
    (
        "Kepala Desa Sukamaju Darto menuduh pengembang itu menyerobot tanah warga di tepi sungai.",
        "pengembang itu menyerobot tanah warga di tepi sungai",
        "menuduh",
        "speech",
        "Darto",
    ),
    (
        "Wakil Ketua DPRD Sukamaju Budi Hartono mewanti-wanti warga agar tidak membangun rumah di bantaran sungai.",
        "warga agar tidak membangun rumah di bantaran sungai",
        "mewanti-wanti",
        "directive",
        "Budi Hartono",
    ),
    # a named subject after a dateline, with an adverbial between subject and verb
    (
        "SUKAMAJU - Kepala Dinas Kesehatan Kabupaten Sukamaju dr Rina Wati, Senin, mengatakan stok vaksin cukup "
        "untuk tiga bulan ke depan.",
        "stok vaksin cukup untuk tiga bulan ke depan",
        "mengatakan",
        "speech",
        "Rina Wati",
    ),
    # a relative clause after the named subject
    (
        "Camat Sukamaju Agus Salim yang baru dilantik pekan lalu mengatakan jalan desa akan diperbaiki tahun ini.",
        "jalan desa akan diperbaiki tahun ini",
        "mengatakan",
        "speech",
        "Agus Salim",
    ),
    # a common-noun or group subject
    (
        "Polisi menyebut pelaku sudah kabur ke luar kota sejak pekan lalu.",
        "pelaku sudah kabur ke luar kota sejak pekan lalu",
        "menyebut",
        "speech",
        "Polisi",
    ),
    (
        "Pihak sekolah menegaskan kegiatan belajar tetap berjalan seperti biasa.",
        "kegiatan belajar tetap berjalan seperti biasa",
        "menegaskan",
        "speech",
        "Pihak sekolah",
    ),
    # a sentence glued to a direct quote
    (
        '"Kami siap melayani warga," ujar Budi.Budi menambahkan loket dibuka sampai malam hari.',
        "loket dibuka sampai malam hari",
        "menambahkan",
        "speech",
        "Budi",
    ),
    # `menurut X` without a comma
    (
        "Menurut Kepala Dinas Pendidikan Sukamaju Rina Wati sekolah itu akan dibuka kembali pekan depan.",
        "sekolah itu akan dibuka kembali pekan depan",
        "Menurut",
        "speech",
        "Rina Wati",
    ),
    # a verb conjoined to the subject's first verb
    (
        "Budi Santoso datang terlambat dan mengatakan jalan menuju kantor macet parah.",
        "jalan menuju kantor macet parah",
        "mengatakan",
        "speech",
        "Budi Santoso",
    ),
]


@pytest.mark.parametrize("text, content, cue, kind, speaker", MISSES)
def test_issue_14_miss_patterns(parsing_extractor, text, content, cue, kind, speaker):
    quotes = [q for q in parsing_extractor.extract(text).quotes if q.type == "indirect"]
    assert [q.text for q in quotes] == [content]
    q = quotes[0]
    assert text[q.start : q.end] == q.text and text[q.cue.start : q.cue.end] == q.cue.text == cue
    assert q.cue.kind == kind and q.speaker is not None and q.speaker.name == speaker
