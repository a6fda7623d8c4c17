"""`kutipan extract` over corpora: input formats, output formats, bad input, numbers, models path."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import run_cli
from kutipan.cli import main

A = '"Kami siap menampung pengungsi," kata Bupati Sleman Andi Wijaya.\n'
B = 'Menurut Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso, vaksin tiba pekan depan. "Stoknya cukup," ujarnya.'
C = "Harga cabai di Pasar Beringharjo naik dua kali lipat sejak pekan lalu."


run = run_cli


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    return write_jsonl(
        tmp_path / "berita.jsonl",
        [
            {"id": 7, "text": A, "outlet": "Kabar Sleman", "date": "2024-11-04"},
            {"id": "b", "text": B, "outlet": "Warta Sukamaju", "tags": ["kesehatan"]},
            {"id": "c", "text": C, "outlet": "Pasar Kita"},
        ],
    )


def test_jsonl_in_ids_are_strings_meta_carried(corpus, capsys):
    code, out, err = run(["extract", "--rules-only", str(corpus)], capsys)
    assert code == 0, err
    docs = [json.loads(x) for x in out.splitlines()]
    assert [d["id"] for d in docs] == ["7", "b", "c"]
    assert docs[0]["meta"] == {"outlet": "Kabar Sleman", "date": "2024-11-04"}
    assert docs[1]["meta"]["tags"] == ["kesehatan"]
    assert list(docs[0])[:3] == ["schema", "id", "meta"]
    assert docs[0]["quotes"][0]["speaker"]["name"] == "Andi Wijaya"
    assert docs[2]["quotes"] == []


def test_output_validates_against_schema_with_meta(corpus, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    schema = json.loads(files("kutipan").joinpath("schema/kutipan-1.schema.json").read_text(encoding="utf-8"))
    code, out, _ = run(["extract", "--rules-only", str(corpus)], capsys)
    for line in out.splitlines():
        jsonschema.validate(json.loads(line), schema)
    bad = json.loads(out.splitlines()[0]) | {"id": 7}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_text_and_id_fields_and_offsets(tmp_path, capsys):
    f = write_jsonl(tmp_path / "x.jsonl", [{"isi": A, "kode": "k-1"}, {"isi": B}])
    code, out, err = run(
        ["extract", "--rules-only", "--include-text", "--text-field", "isi", "--id-field", "kode", str(f)], capsys
    )
    assert code == 0, err
    docs = [json.loads(x) for x in out.splitlines()]
    assert docs[0]["id"] == "k-1" and "meta" not in docs[0]
    assert docs[1]["id"] == f"{f}:2"  # no id: PATH:LINE
    for d in docs:
        assert d["text"] in (A, B)
        for q in d["quotes"]:
            assert d["text"][q["start"] : q["end"]] == q["text"]


def test_bad_records_reported_with_line_numbers_rest_goes_on(tmp_path, capsys):
    f = tmp_path / "campur.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": A}),
        "",
        "{not json",
        json.dumps({"id": "no-text", "body": B}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "num", "text": 12}),
        json.dumps(["a", "list"]),
        json.dumps({"id": {"x": 1}, "text": B}),
        json.dumps({"id": "ok2", "text": B}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", str(f)], capsys)
    assert code == 1
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["ok1", "ok2"]
    assert f"{f}:3: not valid JSON" in err
    assert f"{f}:4: no field 'text' (fields: id, body)" in err
    assert f"{f}:5: empty text in field 'text'" in err
    assert f"{f}:6: field 'text' is a number, not a string" in err
    assert f"{f}:7: a JSON list, not an object" in err
    assert f"{f}:8: field 'id' is an object" in err
    assert "6 input(s) or record(s) failed; 2 document(s) written" in err


def test_structured_file_refused_as_text(tmp_path, corpus, capsys):
    code, out, err = run(["extract", "--rules-only", "--input-format", "text", str(corpus)], capsys)
    assert code == 1 and out == ""
    assert f"{corpus}: looks like JSON Lines (.jsonl), refused as text; give --input-format jsonl" in err
    j = tmp_path / "arr.json"
    j.write_text(json.dumps([{"text": A}]), encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", str(j)], capsys)
    assert code == 1 and out == ""
    assert f"{j}: a .json file: kutipan reads JSON Lines" in err


def test_csv_and_tsv_in(tmp_path, capsys):
    f = tmp_path / "berita.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as fh:  # a spreadsheet's byte-order mark
        w = csv.writer(fh)
        w.writerow(["id", "outlet", "text"])
        w.writerow(["s1", "Kabar Sleman", A])  # the text has a newline and quotes
        w.writerow(["s2", "Warta"])  # short row
        w.writerow(["s3", "Warta", B])
    code, out, err = run(["extract", "--rules-only", str(f)], capsys)
    assert code == 1
    docs = [json.loads(x) for x in out.splitlines()]
    assert [d["id"] for d in docs] == ["s1", "s3"]
    assert docs[0]["meta"] == {"outlet": "Kabar Sleman"}
    assert f"{f}:4: 2 fields, the header has 3" in err  # row s1 spans lines 2-3
    t = tmp_path / "berita.tsv"
    t.write_text("kode\tisi\nt1\t" + C + "\n", encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", str(t)], capsys)
    assert code == 1 and f"{t}: no column 'text' (columns: kode, isi); give --text-field" in err
    code, out, err = run(["extract", "--rules-only", "--text-field", "isi", "--id-field", "kode", str(t)], capsys)
    assert code == 0 and json.loads(out)["id"] == "t1"


def test_stdin_as_jsonl_and_as_text(capsys, monkeypatch):
    data = (json.dumps({"id": "a", "text": A}) + "\n" + json.dumps({"id": "b", "text": B}) + "\n").encode()
    code, out, err = run(["extract", "--rules-only", "--input-format", "jsonl", "-"], capsys, data, monkeypatch)
    assert code == 0 and [json.loads(x)["id"] for x in out.splitlines()] == ["a", "b"]
    code, out, err = run(["extract", "--rules-only", "-"], capsys, A.encode(), monkeypatch)
    assert code == 0 and json.loads(out)["id"] == "<stdin>"


def test_format_by_request_shape_not_count(tmp_path, capsys):
    d = tmp_path / "satu"
    d.mkdir()
    (d / "a.txt").write_text(A, encoding="utf-8")
    code, out, _ = run(["extract", "--rules-only", str(d)], capsys)  # a folder of one file: JSON Lines
    assert code == 0 and len(out.splitlines()) == 1 and json.loads(out)["id"] == str(d / "a.txt")
    code, out, _ = run(["extract", "--rules-only", str(d / "a.txt")], capsys)  # one file: one JSON object
    assert json.loads(out)["id"] == str(d / "a.txt") and out.startswith("{\n")
    code, out, _ = run(["extract", "--rules-only", "--format", "json", str(d)], capsys)  # array on request
    assert [x["id"] for x in json.loads(out)] == [str(d / "a.txt")]


def test_failed_single_input_writes_nothing(tmp_path, capsys):
    code, out, err = run(["extract", "--rules-only", str(tmp_path / "hilang.txt")], capsys)
    assert code == 1 and out == "" and "no such file" in err


def test_csv_out_one_row_per_quote(corpus, tmp_path, capsys):
    out_file = tmp_path / "kutipan.csv"  # format from the extension
    code, out, err = run(["extract", "--rules-only", str(corpus), "-o", str(out_file)], capsys)
    assert code == 0, err
    rows = list(csv.DictReader(out_file.open(encoding="utf-8", newline="")))
    header = next(csv.reader(out_file.open(encoding="utf-8")))
    assert header[:3] == ["doc_id", "outlet", "date"]
    assert header[3:] == [
        "quote_id", "type", "text", "start", "end", "cue", "speaker", "speaker_kind",
        "title", "organization", "source_type", "confidence",
    ]  # fmt: skip
    assert {r["doc_id"] for r in rows} == {"7", "b"}  # "c" has no quote, so no row
    first = rows[0]
    assert first["outlet"] == "Kabar Sleman" and first["type"] == "direct" and first["cue"] == "kata"
    assert first["speaker"] == "Andi Wijaya" and first["title"] == "Bupati Sleman" and first["source_type"] == "name"
    assert A[int(first["start"]) : int(first["end"])] == first["text"]
    b_rows = [r for r in rows if r["doc_id"] == "b"]
    assert {r["source_type"] for r in b_rows} >= {"clitic"} and b_rows[0]["outlet"] == "Warta Sukamaju"
    assert all(r.get("date", "") in ("", "2024-11-04") for r in rows)


def test_tsv_to_stdout(corpus, capsys):
    code, out, _ = run(["extract", "--rules-only", "--format", "tsv", str(corpus)], capsys)
    lines = out.splitlines()
    assert lines[0].startswith("doc_id\toutlet\tdate\tquote_id\t")
    assert lines[1].split("\t")[0] == "7"


def test_parquet_out(corpus, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet", exc_type=ImportError)  # also: a pyarrow built for NumPy 2
    out_file = tmp_path / "k.parquet"
    code, out, err = run(["extract", "--rules-only", str(corpus), "-o", str(out_file)], capsys)
    assert code == 0, err
    table = pq.read_table(out_file)
    assert table.column_names[:2] == ["doc_id", "outlet"]
    rows = table.to_pylist()
    assert rows[0]["speaker"] == "Andi Wijaya" and isinstance(rows[0]["start"], int)
    code, out, err = run(["extract", "--rules-only", "--format", "parquet", str(corpus)], capsys)
    assert code == 2 and "--format parquet needs an output file" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--batch-size", "0"], "argument --batch-size: must be 1 or more, not 0"),
        (["--batch-size", "x"], "argument --batch-size: 'x' is not a whole number"),
        (["--jobs", "0"], "must be 1 or more, or -1 for all CPUs, not 0"),
        (["--n-process", "-2"], "must be 1 or more, or -1 for all CPUs, not -2"),
    ],
)
def test_bad_numbers_are_usage_errors(args, message, tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(A, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--rules-only", *args, str(f)])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_jobs_all_cpus_same_output(corpus, capsys):
    code1, one, _ = run(["extract", "--rules-only", str(corpus)], capsys)
    code2, many, _ = run(["extract", "--rules-only", "--jobs", "-1", "--batch-size", "1", str(corpus)], capsys)
    assert code1 == code2 == 0 and one == many


def test_pipe_refuses_bad_numbers_at_the_call(extractor):
    with pytest.raises(ValueError, match="batch_size"):
        extractor.pipe(["a"], batch_size=0)
    with pytest.raises(ValueError, match="n_process"):
        extractor.pipe(["a"], n_process=0)
    assert [d.id for d in extractor.pipe([(A, "x")], as_tuples=True, n_process=-1)] == ["x"]


def test_output_into_missing_folder(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(A, encoding="utf-8")
    target = tmp_path / "tidak-ada" / "out.json"
    code, out, err = run(["extract", "--rules-only", str(f), "-o", str(target)], capsys)
    assert code == 2 and f"{target}: folder {target.parent} does not exist" in err


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_wrong_models_path_is_an_error(kind, tmp_path, capsys, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text(A, encoding="utf-8")
    models = tmp_path / "models"
    if kind == "file":
        models.write_text("x", encoding="utf-8")
    elif kind == "empty":
        models.mkdir()
    expected = {"missing": "no such model folder", "file": "not a folder", "empty": "not a kutipan model folder"}
    code, out, err = run(["extract", "--models", str(models), str(f)], capsys)
    assert code == 2 and out == "" and f"{models}: {expected[kind]}" in err
    monkeypatch.setenv("KUTIPAN_MODELS", str(models))
    code, out, err = run(["extract", str(f)], capsys)
    assert code == 2 and expected[kind] in err
