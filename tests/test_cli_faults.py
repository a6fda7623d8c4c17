"""Issue 15: every per-file problem is one `kutipan: PATH: reason` line and the run goes on; output, models
and signals never lose data or print tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kutipan.cli import main

PASSAGE = '"Kami siap," kata Bupati Sleman Andi Wijaya.\n'
ROOT = Path(__file__).resolve().parent.parent


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def ids(out: str) -> list[str]:
    return [json.loads(line)["id"] for line in out.splitlines()]


def test_undecodable_file_name_is_written_as_escapes(tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text(PASSAGE, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    (tmp_path / "good.txt").write_text(PASSAGE, encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(["extract", "--rules-only", str(tmp_path), "-o", str(out_file)], capsys)
    assert code == 0, err
    got = ids(out_file.read_text(encoding="utf-8"))  # strict UTF-8: the file is valid
    assert got == [str(tmp_path / "caf\\xe9.txt"), str(tmp_path / "good.txt")]


def test_unsearchable_path_is_reported_and_the_others_come_out(tmp_path, capsys, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(PASSAGE, encoding="utf-8")
    hidden = tmp_path / "locked" / "b.txt"
    real = Path.is_dir

    def is_dir(self):
        if self == hidden:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    code, out, err = run(["extract", "--rules-only", str(hidden), str(good)], capsys)
    assert code == 1
    assert f"kutipan: {hidden}: cannot read: Permission denied" in err
    assert ids(out) == [str(good)]


def test_links_loops_and_unreadable_folders_in_a_folder(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(PASSAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(PASSAGE, encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a loop
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(["extract", "--rules-only", str(tmp_path)], capsys)
    assert code == 1
    assert f"kutipan: {tmp_path / 'broken.txt'}: broken symbolic link" in err
    assert f"kutipan: {tmp_path / 'sub' / 'up'}: symbolic link loop" in err
    assert f"kutipan: {tmp_path / 'locked'}: cannot read folder: Permission denied" in err
    assert ids(out) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


def test_utf16_with_a_bom_is_read_and_without_one_is_named(tmp_path, capsys):
    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes(PASSAGE.encode("utf-16"))
    bare = tmp_path / "bare.txt"
    bare.write_bytes(PASSAGE.encode("utf-16-le"))
    code, out, err = run(["extract", "--rules-only", str(with_bom), str(bare)], capsys)
    assert code == 1
    assert f"kutipan: {bare}: UTF-16 text without a byte-order mark" in err
    doc = json.loads(out)
    assert doc["id"] == str(with_bom) and doc["quotes"][0]["speaker"]["name"] == "Andi Wijaya"


def test_lone_surrogate_record_is_reported(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "good", "text": PASSAGE})
    src.write_text('{"id": "bad", "text": "Kata \\ud800 Budi"}\n' + good + "\n", encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", str(src)], capsys)
    assert code == 1
    assert f"kutipan: {src}:1: field 'text' holds a lone surrogate at offset 5" in err
    assert ids(out) == ["good"]


def test_too_long_document_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    lines = [{"id": "a", "text": PASSAGE}, {"id": "long", "text": PASSAGE * 40}, {"id": "b", "text": PASSAGE}]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    code, out, err = run(["extract", "--rules-only", "--max-chars", "1000", str(src)], capsys)
    assert code == 1
    assert "kutipan: long: too long: 1,800 characters (the limit is 1,000; see --max-chars)" in err
    assert ids(out) == ["a", "b"]


def test_output_that_is_an_input_is_refused(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(PASSAGE, encoding="utf-8")
    code, _, err = run(["extract", "--rules-only", str(f), "-o", str(f)], capsys)
    assert code == 2 and "is also an input; refusing to overwrite it" in err
    assert f.read_text(encoding="utf-8") == PASSAGE
    code, _, err = run(["extract", "--rules-only", str(tmp_path), "-o", str(tmp_path / "out.txt")], capsys)
    assert code == 2 and "is also an input" in err


@pytest.fixture
def model_copy(tmp_path) -> Path:
    models = ROOT / "models"
    if not (models / "ner" / "config.cfg").exists():
        pytest.skip("no trained models in the checkout")
    dest = tmp_path / "models"
    shutil.copytree(models, dest)
    return dest


def test_empty_ner_config_is_a_model_error_naming_the_file(model_copy, tmp_path, capsys):
    (model_copy / "ner" / "config.cfg").write_text("", encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text(PASSAGE, encoding="utf-8")
    code, _, err = run(["extract", "--models", str(model_copy), str(f)], capsys)
    assert code == 2
    assert f"kutipan: {model_copy / 'ner' / 'config.cfg'}: cannot read the NER model's config" in err


@pytest.mark.parametrize("missing", ["ner/config.cfg", "ranker/ranker.json"])
def test_missing_file_in_a_model_folder_is_an_error(model_copy, tmp_path, capsys, missing):
    (model_copy / missing).unlink()
    f = tmp_path / "a.txt"
    f.write_text(PASSAGE, encoding="utf-8")
    code, out, err = run(["extract", "--models", str(model_copy), str(f)], capsys)
    assert code == 2 and out == ""
    assert f"kutipan: {model_copy / missing}: missing" in err


def test_no_models_folder_is_announced(tmp_path, caplog):
    from kutipan.pipeline import Extractor

    ex = Extractor(model_dir=tmp_path / "nowhere")
    assert not ex.has_ner and ex.ranker is None
    assert "no models folder at" in caplog.text and "rules only" in caplog.text


def start(args):
    cmd = [sys.executable, "-m", "kutipan", "extract", "--rules-only", *args]
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigterm_with_two_processes_exits_143_without_traceback(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = start(["--input-format", "jsonl", "--n-process", "2", "--batch-size", "1", "-", "-o", str(out)])
    proc.stdin.write("".join(json.dumps({"id": f"d{i}", "text": PASSAGE}) + "\n" for i in range(20)).encode())
    proc.stdin.flush()
    partial = tmp_path / "out.jsonl.partial"
    deadline = time.monotonic() + 60
    while not (partial.exists() and partial.read_bytes().count(b"\n") >= 5) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    assert "Traceback" not in err.decode() and "run again with --resume" in err.decode()
    assert not out.exists()


def test_sigint_during_start_up_exits_130_without_traceback(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(PASSAGE, encoding="utf-8")
    proc = start([str(f)])
    time.sleep(0.8)  # importing spaCy and building the extractor
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # 0 only if it had already finished; -SIGINT when the signal lands while a C extension is loading and
    # the process ends by the signal itself (seen on the spaCy 3.7 venv): the shell reports 130 either way
    assert proc.returncode in (0, 130, -signal.SIGINT)
    assert "Traceback" not in err.decode()
