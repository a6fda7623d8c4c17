from __future__ import annotations

import csv
import json
import re

import pytest

from kutipan.cli import main
from kutipan.report import link, load_aliases
from kutipan.report.dates import day_first_by_separator, parse_date
from kutipan.report.linking import AliasError, is_short_form, split_abbreviation
from kutipan.report.tables import build_report


def speaker(sid, name, *, kind="person", names=(), aliases=None, source_type=None, role=None, org=None, quotes=1):
    """A kutipan/1 speaker dict as a later extractor writes it (aliases, source_type, organization.canonical)."""
    mentions = [{"text": n, "start": 0, "end": len(n), "kind": "name" if kind == "person" else kind} for n in names]
    s = {
        "id": sid,
        "name": name,
        "kind": kind,
        "role": role,
        "title": None,
        "organization": {"text": org, "start": 0, "end": len(org), "canonical": org} if org else None,
        "honorific": None,
        "mentions": mentions,
        "quotes": [f"{sid}q{i}" for i in range(quotes)],
    }
    if aliases is not None:
        s["aliases"] = aliases
    if source_type is not None:
        s["source_type"] = source_type
    return s


def document(did, speakers, *, outlet=None, date=None, entities=(), unattributed=0, types=None):
    quotes = []
    for s in speakers:
        for n, qid in enumerate(s["quotes"]):
            qtype = (types or {}).get(s["id"], ["direct", "indirect"])[n % 2] if types else "direct"
            ref = {"entity": s["id"], "name": s["name"], "mention": {"text": "", "start": 0, "end": 0, "kind": "name"}}
            quotes.append({"id": qid, "type": qtype, "text": "x", "start": 0, "end": 1, "speaker": ref, "cue": None})
    for n in range(unattributed):
        quotes.append({"id": f"u{n}", "type": "direct", "text": "x", "start": 0, "end": 1, "speaker": None})
    doc = {
        "schema": "kutipan/1",
        "id": did,
        "quotes": quotes,
        "speakers": speakers,
        "entities": [{"text": t, "start": 0, "end": len(t), "label": label} for t, label in entities],
    }
    if outlet or date:
        doc["meta"] = {"outlet": outlet, "date": date}
    return doc


def person_of(linking, doc_id, name):
    return next(r.person for r in linking.records if r.doc_id == doc_id and r.name == name)


def test_full_name_and_short_form_the_documents_use_are_linked():
    a = document("a", [speaker("s1", "Sri Wahyuni Lestari", names=["Sri Wahyuni Lestari", "Sri Wahyuni"])])
    b = document("b", [speaker("s1", "Sri Wahyuni", names=["Sri Wahyuni"])])
    linking = link([a, b])
    assert person_of(linking, "a", "Sri Wahyuni Lestari") == person_of(linking, "b", "Sri Wahyuni")
    person = linking.people[person_of(linking, "a", "Sri Wahyuni Lestari")]
    assert person.name == "Sri Wahyuni Lestari" and person.id == "p-sri-wahyuni-lestari"


def test_shared_surname_or_first_name_alone_never_links():
    a = document("a", [speaker("s1", "Agus Santoso", names=["Agus Santoso", "Santoso", "Agus"])])
    b = document("b", [speaker("s1", "Budi Santoso", names=["Budi Santoso", "Budi"])])
    c = document("c", [speaker("s1", "Santoso", names=["Santoso"])])
    d = document("d", [speaker("s1", "Agus Wibowo", names=["Agus Wibowo"])])
    linking = link([a, b, c, d])
    ids = {person_of(linking, x, n) for x, n in (("a", "Agus Santoso"), ("b", "Budi Santoso"), ("c", "Santoso"))}
    ids.add(person_of(linking, "d", "Agus Wibowo"))
    assert len(ids) == 4


def test_a_nickname_the_document_ties_to_the_name_links():
    a = document("a", [speaker("s1", "Ridwan Kamil", names=["Ridwan Kamil", "Emil"])])
    b = document("b", [speaker("s1", "Emil", names=["Emil"])])
    c = document("c", [speaker("s1", "Ridwan", names=["Ridwan"])])
    linking = link([a, b, c])
    assert person_of(linking, "a", "Ridwan Kamil") == person_of(linking, "b", "Emil")
    assert person_of(linking, "c", "Ridwan") != person_of(linking, "a", "Ridwan Kamil")


def test_aliases_field_links_and_truncations_do_not():
    a = document(
        "a", [speaker("s1", "Prasetyo Wibisono", names=["Prasetyo Wibisono"], aliases=["Pras", "Mas Tyo Wibi"])]
    )
    b = document("b", [speaker("s1", "Mas Tyo Wibi", names=["Mas Tyo Wibi"])])
    c = document("c", [speaker("s1", "Pras", names=["Pras"])])
    linking = link([a, b, c])
    assert person_of(linking, "a", "Prasetyo Wibisono") == person_of(linking, "b", "Mas Tyo Wibi")
    assert person_of(linking, "c", "Pras") != person_of(linking, "a", "Prasetyo Wibisono")


def test_abbreviation_in_brackets_links_organisations():
    a = document("a", [speaker("s1", "Badan Pengawas Pangan Daerah (BPPD)", kind="organization")])
    b = document("b", [speaker("s1", "BPPD", kind="organization")])
    c = document("c", [speaker("s1", "Lembaga Kajian Pangan", kind="organization")])
    c["entities"] = [{"text": "Lembaga Kajian Pangan (LKP)", "start": 0, "end": 27, "label": "ORG"}]
    d = document("d", [speaker("s1", "LKP", kind="organization")])
    linking = link([a, b, c, d])
    assert person_of(linking, "a", "Badan Pengawas Pangan Daerah (BPPD)") == person_of(linking, "b", "BPPD")
    assert person_of(linking, "c", "Lembaga Kajian Pangan") == person_of(linking, "d", "LKP")
    assert all(p.kind == "organization" for p in linking.people.values())


def test_alias_file_merges_what_it_says(tmp_path):
    a = document("a", [speaker("s1", "Bambang Heru Prasetyo", names=["Bambang Heru Prasetyo"])])
    b = document("b", [speaker("s1", "Kang Bambang", names=["Kang Bambang"])])
    c = document("c", [speaker("s1", "Heru Prasetyo", names=["Heru Prasetyo"])])
    assert person_of(link([a, b, c]), "a", "Bambang Heru Prasetyo") != person_of(link([a, b, c]), "b", "Kang Bambang")
    path = tmp_path / "aliases.tsv"
    path.write_text("# who the texts never tie\nBambang H. Prasetyo\tKang Bambang\tBambang Heru Prasetyo\n", "utf-8")
    linking = link([a, b, c], load_aliases(path))
    pid = person_of(linking, "a", "Bambang Heru Prasetyo")
    assert pid == person_of(linking, "b", "Kang Bambang") == "p-bambang-h-prasetyo"
    assert linking.people[pid].name == "Bambang H. Prasetyo"
    assert person_of(linking, "c", "Heru Prasetyo") != pid


def test_bad_alias_file_names_file_and_line(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("Joko Susilo\tJoko S\nonly one name\n", "utf-8")
    with pytest.raises(AliasError, match=r"aliases.tsv:2: .*two tab-separated"):
        load_aliases(path)
    with pytest.raises(AliasError, match="no such alias file"):
        load_aliases(tmp_path / "missing.tsv")


def test_ids_do_not_depend_on_document_order():
    docs = [
        document("a", [speaker("s1", "Yusuf Maulana", names=["Yusuf Maulana"]), speaker("s2", "Rina Hapsari")]),
        document("b", [speaker("s1", "Rina Hapsari", names=["Rina Hapsari"])]),
        document("c", [speaker("s1", "Yusuf Maulana", names=["Yusuf Maulana"])]),
    ]
    forward = {(r.doc_id, r.name): r.person for r in link(docs).records}
    backward = {(r.doc_id, r.name): r.person for r in link(docs[::-1]).records}
    assert forward == backward


@pytest.mark.parametrize(
    "form, canonical, short",
    [("widodo", "joko widodo", True), ("pras", "prasetyo hadi", True), ("jokowi", "joko widodo", False)],
)
def test_short_forms(form, canonical, short):
    assert is_short_form(form, canonical) is short


def test_split_abbreviation_ignores_ages_and_remarks():
    assert split_abbreviation("Komisi Informasi Daerah (KID)") == ("Komisi Informasi Daerah", "KID")
    assert split_abbreviation("Budi Hartono (45)") is None
    assert split_abbreviation("Andi (bukan nama sebenarnya)") is None


def corpus():
    """Four written documents: two outlets, three months, an anonymous source, a quote without speaker."""
    official = speaker(
        "s1",
        "Sri Wahyuni Lestari",
        names=["Sri Wahyuni Lestari", "Sri Wahyuni"],
        source_type="official",
        role="Kepala Dinas Pangan Kota Tirtamaya",
        org="Dinas Pangan Kota Tirtamaya",
        quotes=3,
    )
    expert = speaker("s2", "Hendra Gunawan", names=["Hendra Gunawan"], source_type="expert", quotes=1)
    warga = speaker("s3", "seorang pedagang", names=[], source_type="citizen", quotes=2)
    warga["mentions"] = [{"text": "seorang pedagang", "start": 0, "end": 16, "kind": "role"}]
    return [
        document("a", [official, expert], outlet="Kabar Tirtamaya", date="Senin, 3 Maret 2025 10:00 WIB"),
        document(
            "b",
            [speaker("s1", "Sri Wahyuni", names=["Sri Wahyuni"], source_type="official", quotes=2), warga],
            outlet="Kabar Tirtamaya",
            date="2025-04-15",
            unattributed=1,
        ),
        document(
            "c",
            [speaker("s1", "Hendra Gunawan", names=["Hendra Gunawan"], quotes=1)],
            outlet="Warta Pesisir",
            date="21/04/2025",
            entities=[("Sri Wahyuni", "PER"), ("Dewi Anggraini", "PER"), ("Hendra", "PER")],
        ),
        document("d", [], entities=[("Dewi Anggraini", "PER")]),
    ]


def test_report_counts_people_sources_outlets_months_apart():
    docs = corpus()
    report = build_report(docs, link(docs))
    people = {r["name"]: r for r in report.tables["people"]}
    assert set(people) == {"Sri Wahyuni Lestari", "Hendra Gunawan"}  # the anonymous pedagang is not ranked
    sri = people["Sri Wahyuni Lestari"]
    assert (sri["quotes"], sri["documents"], sri["outlets"]) == (5, 2, 1)
    assert (sri["first_date"], sri["last_date"], sri["source_type"]) == ("2025-03-03", "2025-04-15", "official")
    assert sri["organizations"] == "Dinas Pangan Kota Tirtamaya"
    assert people["Hendra Gunawan"]["source_type"] == "expert"  # one record without source_type is not a vote
    assert report.tables["people"][0]["name"] == "Sri Wahyuni Lestari"

    apart = {r["category"]: r for r in report.tables["unattributed"]}
    assert apart["no speaker"]["quotes"] == 1
    assert (apart["anonymous"]["quotes"], apart["anonymous"]["examples"]) == (2, "seorang pedagang")

    shares = {r["source_type"]: r for r in report.tables["source_types"]}
    assert shares["official"]["quotes"] == 5 and shares["citizen"]["quotes"] == 2 and shares["unknown"]["quotes"] == 1
    assert shares["official"]["share_of_quotes"] == pytest.approx(5 / 9, abs=1e-4)
    assert sum(r["quotes"] for r in shares.values()) + apart["no speaker"]["quotes"] == 10

    outlets = {r["outlet"]: r for r in report.tables["outlets"]}
    assert outlets["Kabar Tirtamaya"]["quotes"] == 9 and outlets["unknown"]["documents"] == 1
    months = {r["month"]: r for r in report.tables["months"]}
    assert months["2025-03"]["official"] == 3 and months["2025-04"]["quotes"] == 6
    assert months["undated"]["documents"] == 1 and list(months)[-1] == "undated"

    mentioned = {r["name"]: r for r in report.tables["mentioned"]}
    assert (
        mentioned["Sri Wahyuni Lestari"]["mentioned_documents"],
        mentioned["Sri Wahyuni Lestari"]["mentioned_not_quoted"],
    ) == (3, 1)
    assert (mentioned["Dewi Anggraini"]["mentioned_documents"], mentioned["Dewi Anggraini"]["quotes"]) == (2, 0)
    assert "Hendra" not in mentioned  # the short form beside its speaker is that speaker


def test_missing_fields_degrade_to_unknown():
    docs = [
        document("a", [speaker("s1", "Rina Hapsari", names=["Rina Hapsari"])]),
        document("b", [speaker("s1", "Yayasan Lestari Alam", kind="organization")]),
    ]
    report = build_report(docs, link(docs))
    assert report.tables["people"][0]["source_type"] == "unknown"
    assert {r["outlet"] for r in report.tables["outlets"]} == {"unknown"}
    shares = {r["source_type"]: r["quotes"] for r in report.tables["source_types"]}
    assert shares == {"official": 0, "expert": 0, "organization": 1, "public_figure": 0, "citizen": 0, "unknown": 1}
    assert report.summary["speakers_with_source_type"] == 0


def test_dates():
    assert parse_date("Rabu, 19 Feb 2020 15:52 WIB") == parse_date("2020-02-19")
    assert parse_date("19 Agustus 2021").month == 8
    assert parse_date("") is None and parse_date("kemarin") is None
    votes = day_first_by_separator(["9/21/2025 17:00", "3/4/2025", "11-11-2023", "25-12-2023"])
    assert votes == {"/": False, "-": True}
    assert parse_date("3/4/2025", votes).month == 3
    assert parse_date("3/4/2025").month == 4  # day first, the Indonesian order, when nothing decides


def test_cli_report_writes_tables_and_a_self_contained_page(tmp_path, capsys):
    pred = tmp_path / "pred.jsonl"
    lines = [json.dumps(d, ensure_ascii=False) for d in corpus()]
    pred.write_text("\n".join(lines[:2] + ["{not json"] + lines[2:]) + "\n", encoding="utf-8")
    out, page = tmp_path / "tables", tmp_path / "report.html"
    code = main(["report", str(pred), str(tmp_path / "missing.jsonl"), "--out", str(out), "--html", str(page)])
    stdout, stderr = capsys.readouterr()
    assert code == 1  # something failed, the rest was reported
    assert f"{pred}:3: not JSON" in stderr and "missing.jsonl: no such file" in stderr
    assert "Sri Wahyuni Lestari" in stdout and "official" in stdout
    with (out / "people.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["id"] == "p-sri-wahyuni-lestari" and rows[0]["quotes"] == "5"
    assert {p.name for p in out.iterdir()} >= {"people.csv", "organizations.csv", "source_types.csv", "outlets.csv"}
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 3  # top people, source types per month, per outlet
    assert not re.search(r"<script[^>]+src=|<link |url\(http|<img[^>]+src=\"http", html)
    assert "Dewi Anggraini" in html and "seorang pedagang" in html


def test_cli_report_nothing_readable(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"schema": "kutipan/1", "id": "x"}\n', encoding="utf-8")
    assert main(["report", str(bad)]) == 2
    assert "bad.jsonl:1: no 'quotes' list" in capsys.readouterr().err


PASSAGES = [
    (
        "Tirtamaya, Kabar - Dinas Pangan menambah stok beras di pasar.\n"
        '"Stok cukup sampai Lebaran," kata Kepala Dinas Pangan Kota Tirtamaya Sri Wahyuni Lestari, Senin.\n'
        'Menurut Sri Wahyuni, harga akan turun pekan depan. "Warga tidak perlu memborong," ujar Sri Wahyuni.\n'
    ),
    (
        "Tirtamaya, Kabar - Harga cabai naik lagi di pasar Tirtamaya.\n"
        '"Kami sedang mengecek pasokan dari petani," kata Sri Wahyuni di Balai Kota, Rabu.\n'
    ),
    (
        "Tirtamaya, Kabar - Pedagang mengeluhkan sepinya pembeli.\n"
        '"Pembeli turun separuh," kata Budi Lestari, pedagang cabai di Pasar Baru.\n'
    ),
]


def test_report_on_real_extractor_output(extractor):
    docs = [d.to_dict() for d in extractor.pipe(((t, f"p{i}") for i, t in enumerate(PASSAGES)), as_tuples=True)]
    for d, outlet in zip(docs, ["Kabar", "Kabar", "Warta"], strict=True):
        d["meta"] = {"outlet": outlet, "date": "2025-03-10"}
    linking = link(docs)
    report = build_report(docs, linking)
    people = {r["name"]: r for r in report.tables["people"]}
    assert people["Sri Wahyuni Lestari"]["documents"] == 2  # full name in one, short form in the other
    assert people["Sri Wahyuni Lestari"]["quotes"] == 4
    assert people["Budi Lestari"]["id"] != people["Sri Wahyuni Lestari"]["id"]  # a shared word is no link


@pytest.mark.slow
def test_report_over_news_dev_accounts_for_every_quote(news_articles, extractor):
    rows = [a for a in news_articles if "antara" not in a["outlet"]][:60]
    docs = [d.to_dict() for d in extractor.pipe(((a["text"], a["id"]) for a in rows), as_tuples=True)]
    for d, a in zip(docs, rows, strict=True):
        d["meta"] = {"outlet": a["outlet"], "date": a["date"]}
    report = build_report(docs, link(docs))
    total = sum(len(d["quotes"]) for d in docs)
    people = sum(r["quotes"] for r in report.tables["people"])
    orgs = sum(r["quotes_as_speaker"] for r in report.tables["organizations"])
    apart = sum(r["quotes"] for r in report.tables["unattributed"])
    assert people + orgs + apart == total
    assert len({r["id"] for r in report.tables["people"]}) == len(report.tables["people"])
    assert all(r["quotes"] > 0 for r in report.tables["people"])
    assert report.summary["documents_with_outlet"] == len(docs)


def test_line_separator_inside_a_json_string_is_not_a_line_break(tmp_path, capsys):
    doc = corpus()[0]
    doc["id"] = "a\u2028b"  # written raw by json.dumps(ensure_ascii=False)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["report", str(pred)]) == 0
    assert "1 documents" in capsys.readouterr().out


def test_a_different_full_name_among_the_mentions_is_no_link():
    # a coreference slip put another person's full name among the mentions; an asserted alias may do it
    a = document("a", [speaker("s1", "Hendra Saputra", names=["Hendra Saputra", "Lina Marlina"])])
    b = document("b", [speaker("s1", "Lina Marlina", names=["Lina Marlina"])])
    c = document("c", [speaker("s1", "Dimas Prakoso", names=["Dimas Prakoso"], aliases=["Raden Mas Dimas"])])
    d = document("d", [speaker("s1", "Raden Mas Dimas", names=["Raden Mas Dimas"])])
    e = document("e", [speaker("s1", "Yoga Pratama", names=["Yoga"], aliases=["Kang Ujang"])])
    f = document("f", [speaker("s1", "Kang Ujang", names=["Kang Ujang"])])
    linking = link([a, b, c, d, e, f])
    assert person_of(linking, "a", "Hendra Saputra") != person_of(linking, "b", "Lina Marlina")
    assert person_of(linking, "c", "Dimas Prakoso") == person_of(linking, "d", "Raden Mas Dimas")
    assert person_of(linking, "e", "Yoga Pratama") == person_of(linking, "f", "Kang Ujang")


def test_role_nouns_and_ambiguous_forms_link_nobody():
    # aliases may hold a role noun standing for the holder; two chiefs of police are not one person
    a = document(
        "a", [speaker("s1", "Andi Saputra", names=["Andi Saputra"], aliases=["Kapolres"], role="Kapolres Tirtamaya")]
    )
    b = document("b", [speaker("s1", "Yudi Permana", names=["Yudi Permana"], aliases=["Kapolres"])])
    kapolres = speaker("s1", "Kapolres")  # a role-only speaker: anonymous, never linked
    kapolres["mentions"] = [{"text": "Kapolres", "start": 0, "end": 8, "kind": "role"}]
    c = document("c", [kapolres])
    # `Heru Budi` is tied to two different full names: it links neither
    d = document("d", [speaker("s1", "Heru Budi Hartono", names=["Heru Budi Hartono", "Heru Budi"])])
    e = document("e", [speaker("s1", "Heru Budi Santoso", names=["Heru Budi Santoso", "Heru Budi"])])
    f = document("f", [speaker("s1", "Heru Budi", names=["Heru Budi"])])
    linking = link([a, b, c, d, e, f])
    assert person_of(linking, "a", "Andi Saputra") != person_of(linking, "b", "Yudi Permana")
    assert person_of(linking, "c", "Kapolres") is None
    people = [
        person_of(linking, x, n)
        for x, n in (("d", "Heru Budi Hartono"), ("e", "Heru Budi Santoso"), ("f", "Heru Budi"))
    ]
    assert len(set(people)) == 3
