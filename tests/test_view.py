from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kutipan.cli import main
from kutipan.errors import InputError
from kutipan.view import check_offsets, load_prediction, render_text, render_view

CHROMIUM = Path("/usr/bin/chromium")
ARTICLE = (
    "Tirtamaya, Kabar - Pemerintah Kota Tirtamaya membuka dua dapur umum bagi warga terdampak banjir.\n"
    '"Kami siapkan makanan untuk tiga ratus keluarga," kata Wali Kota Tirtamaya Rahmat Hidayat, Minggu.\n'
    "Ia mengatakan bantuan dari provinsi tiba besok pagi.\n"
    '"Air belum surut, kami masih mengungsi," ujar Siti Aminah, warga Kelurahan Sukamaju.\n'
    "Menurut Siti, sebagian warga memilih tinggal di rumah kerabat.\n"
)


@pytest.fixture(scope="module")
def article_doc(extractor):
    doc = extractor.extract(ARTICLE, id="tirtamaya").to_dict()
    assert len(doc["speakers"]) >= 2 and len(doc["quotes"]) >= 4  # the page tests need two speakers
    return doc


class _Pieces(HTMLParser):
    """Collects the text of every element by `data-quote`, and all text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.quotes: dict[str, str] = {}
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs))

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for attrs in self.stack:
            if "data-quote" in attrs and "q" in attrs.get("class", "").split():
                self.quotes[attrs["data-quote"]] = self.quotes.get(attrs["data-quote"], "") + data


def test_marked_text_is_the_text_and_every_quote_is_whole(article_doc):
    parser = _Pieces()
    parser.feed(render_text(article_doc, ARTICLE))
    assert "".join(parser.text) == ARTICLE
    assert parser.quotes == {q["id"]: q["text"] for q in article_doc["quotes"]}


def test_crossing_spans_are_cut_and_nested():
    text = "Menurutnya, hujan reda sore ini."
    doc = {
        "id": "x",
        "quotes": [
            {
                "id": "q1",
                "type": "indirect",
                "text": "hujan reda sore ini",
                "start": 12,
                "end": 31,
                "cue": {"text": "Menurut", "start": 0, "end": 7},
                "speaker": {"entity": "s1", "name": "Ani", "mention": {"text": "nya", "start": 7, "end": 10}},
            }
        ],
        "speakers": [
            {
                "id": "s1",
                "name": "Ani",
                "kind": "person",
                "mentions": [{"text": "nya", "start": 7, "end": 10, "kind": "clitic"}],
                "quotes": ["q1"],
            }
        ],
    }
    out = render_text(doc, text)
    assert '<span class="cue" data-cue="q1">Menurut</span>' in out
    assert 'data-speaker="s1"' in out and ">nya</span>" in out
    parser = _Pieces()
    parser.feed(out)
    assert "".join(parser.text) == text


def test_wrong_text_for_a_prediction_is_refused(article_doc, tmp_path):
    with pytest.raises(InputError, match="does not match the text"):
        check_offsets(article_doc, ARTICLE.replace("Kami", "Kita"), "other.txt")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(article_doc) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no text"):
        load_prediction(str(pred))
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    doc, text = load_prediction(str(pred), text_path=str(art))
    assert text == ARTICLE and doc["id"] == "tirtamaya"


def test_cli_view_from_text_and_from_prediction(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "a.html"
    assert main(["view", str(art), "-o", str(page), "--rules-only"]) == 0
    assert "Rahmat Hidayat" in page.read_text(encoding="utf-8")
    assert main(["extract", str(art), "--rules-only", "--include-text", "-o", str(tmp_path / "a.json")]) == 0
    assert main(["view", str(tmp_path / "a.json"), "-o", str(tmp_path / "b.html")]) == 0
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
    assert main(["view", str(tmp_path / "missing.txt"), "-o", str(page)]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err


def _browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("no Chromium: install the distribution's package (apt-get install chromium) to run this")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (the test extra)")
    return sync_api, str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))


def test_page_in_a_real_browser(article_doc, tmp_path):
    sync_api, executable = _browser()
    page_file = tmp_path / "page.html"
    page_file.write_text(render_view(article_doc, ARTICLE), encoding="utf-8")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=args)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            assert problems == []
            assert all(u.startswith("file:") for u in requests)  # nothing from the network

            for q in article_doc["quotes"]:
                pieces = page.locator(f'.q[data-quote="{q["id"]}"]')
                assert pieces.count() >= 1
                assert "".join(pieces.all_inner_texts()) == q["text"]
                styled = pieces.first.evaluate(
                    "e => { const s = getComputedStyle(e);"
                    " return [s.backgroundColor, s.borderBottomStyle, s.borderBottomColor]; }"
                )
                assert styled[0] != "rgba(0, 0, 0, 0)" or styled[1] != "none", q["id"]

            for s in article_doc["speakers"]:
                page.click(f'li.spk[data-speaker="{s["id"]}"]')
                on = page.eval_on_selector_all(".q.on", "els => els.map(e => e.dataset.quote)")
                assert set(on) == set(s["quotes"])
                assert page.locator(f'li.spk.on[data-speaker="{s["id"]}"]').count() == 1
                assert page.locator(f'.m.on:not([data-speaker="{s["id"]}"])').count() == 0

            first = article_doc["quotes"][0]
            page.click(f'.q[data-quote="{first["id"]}"] >> nth=0')
            speaker_on = page.eval_on_selector_all("li.spk.on", "els => els.map(e => e.dataset.speaker)")
            assert speaker_on == [first["speaker"]["entity"]]
            page.click("h1")
            assert page.locator(".on").count() == 0
            assert problems == []
        finally:
            browser.close()
