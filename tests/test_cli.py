from __future__ import annotations

import json

from conftest import run_cli

PASSAGE = '"Kami siap," kata Bupati Sleman Andi Wijaya.\n'


run = run_cli


def test_single_file_json(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(PASSAGE, encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", str(f)], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "kutipan/1" and doc["id"] == str(f)
    assert doc["quotes"][0]["speaker"]["name"] == "Andi Wijaya"


def test_bad_files_reported_others_kept(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(PASSAGE, encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"ab\x00cd")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run(
        ["extract", "--rules-only", str(binary), str(good), str(latin), str(empty), str(missing)], capsys
    )
    assert code == 1
    lines = [json.loads(x) for x in out.splitlines()]
    assert [d["id"] for d in lines] == [str(good)]
    assert f"{binary}: binary file" in err
    assert f"{latin}: not UTF-8" in err
    assert f"{empty}: empty file" in err
    assert f"{missing}: no such file" in err


def test_folder_recursive_jsonl_and_output_file(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(PASSAGE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(PASSAGE, encoding="utf-8")
    (tmp_path / "sub" / "c.md").write_text(PASSAGE, encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(["extract", "--rules-only", str(tmp_path), "-o", str(out_file)], capsys)
    assert code == 0
    ids = [json.loads(x)["id"] for x in out_file.read_text(encoding="utf-8").splitlines()]
    assert ids == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


def test_stdin(capsys, monkeypatch):
    code, out, err = run(["extract", "--rules-only", "-"], capsys, stdin=PASSAGE.encode(), monkeypatch=monkeypatch)
    assert code == 0
    assert json.loads(out)["id"] == "<stdin>"


def test_json_array_for_many(tmp_path, capsys):
    for n in "ab":
        (tmp_path / f"{n}.txt").write_text(PASSAGE, encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", "--format", "json", str(tmp_path)], capsys)
    assert code == 0
    assert len(json.loads(out)) == 2


def test_offsets_index_the_exact_file(tmp_path, capsys):
    f = tmp_path / "crlf.txt"
    f.write_bytes(("\ufeffPembuka.\r\n" + PASSAGE.replace("\n", "\r\n")).encode("utf-8"))
    code, out, err = run(["extract", "--rules-only", str(f)], capsys)
    text = f.read_bytes().decode("utf-8")
    q = json.loads(out)["quotes"][0]
    assert text[q["start"] : q["end"]] == q["text"] == "Kami siap,"
