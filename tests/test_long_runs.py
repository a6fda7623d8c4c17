"""Long runs: atomic output when the CLI is killed, `--resume`, Ctrl-C, and the progress bar only on a terminal."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest

from kutipan.cli import main

PASSAGES = [
    '"Kami siap menampung pengungsi," kata Bupati Sleman Andi Wijaya.',
    'Menurut Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso, vaksin tiba pekan depan. "Stoknya cukup," ujarnya.',
    "Harga cabai di Pasar Beringharjo naik dua kali lipat sejak pekan lalu.",
]


def record(i: int) -> str:
    return json.dumps({"id": f"d{i}", "text": PASSAGES[i % 3], "outlet": f"outlet-{i % 2}"}) + "\n"


def start(args, **kw):
    cmd = [sys.executable, "-m", "kutipan", "extract", "--rules-only", "--batch-size", "1", *args]
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def wait_for_lines(path, n: int, proc, limit: float = 60.0) -> None:
    """Wait until `path` holds `n` lines (the CLI has written n documents); fail if the CLI ends first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    raise AssertionError(f"{path} never reached {n} lines")


def feed(proc, first: int, last: int) -> None:
    proc.stdin.write("".join(record(i) for i in range(first, last)).encode())
    proc.stdin.flush()


def test_killed_run_leaves_no_output_file_and_resume_completes(tmp_path):
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    proc = start(["--input-format", "jsonl", "-", "-o", str(out)])
    feed(proc, 0, 40)
    wait_for_lines(partial, 40, proc)
    proc.stdin.write(b'{"id": "d40", "te')  # a record cut in the middle, as the run is killed
    proc.stdin.flush()
    proc.kill()
    proc.wait()
    proc.stdin.close()
    assert not out.exists()  # nothing that looks like a whole output
    kept = [json.loads(x)["id"] for x in partial.read_text(encoding="utf-8").splitlines()]
    assert kept == [f"d{i}" for i in range(40)]
    with open(partial, "a", encoding="utf-8") as fh:  # as if the kill cut a line being written
        fh.write('{"schema": "kutipan/1", "id": "d4')
    src = tmp_path / "in.jsonl"
    src.write_text("".join(record(i) for i in range(60)), encoding="utf-8")
    assert main(["extract", "--rules-only", "-q", "--resume", str(src), "-o", str(out)]) == 0
    assert not partial.exists()
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"d{i}" for i in range(60)]


def test_ctrl_c_says_how_to_go_on(tmp_path):
    out = tmp_path / "out.csv"
    proc = start(["--input-format", "jsonl", "-", "-o", str(out)])
    feed(proc, 0, 10)
    wait_for_lines(tmp_path / "out.csv.partial", 7, proc)  # header + the quotes of several documents
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "run again with --resume" in err.decode() and str(out) + ".partial" in err.decode()
    assert not out.exists()


def test_resume_table_drops_the_last_document_and_adds_no_duplicates(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(record(i) for i in range(12)), encoding="utf-8")
    full = tmp_path / "full.csv"
    assert main(["extract", "--rules-only", str(src), "-o", str(full)]) == 0
    whole = full.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    out = tmp_path / "out.csv"
    # a run killed in the middle of a row of document d4
    cut = "".join(lines[:6]) + lines[6][:10]
    (tmp_path / "out.csv.partial").write_text(cut, encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", "--rules-only", "--resume", str(src), "-o", str(out)]) == 0
    assert "resuming: 3 document(s) already in" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == whole


def test_resume_after_a_finished_run_does_only_new_records(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(record(i) for i in range(3)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--rules-only", str(src), "-o", str(out)]) == 0
    src.write_text("".join(record(i) for i in range(5)), encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", "--rules-only", "--resume", str(src), "-o", str(out)]) == 0
    assert "resuming: 3 document(s)" in capsys.readouterr().err
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [f"d{i}" for i in range(5)]


def test_resume_refuses_what_it_cannot_resume(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(record(0), encoding="utf-8")
    assert main(["extract", "--rules-only", "--resume", str(src)]) == 2
    assert "--resume needs an output file" in capsys.readouterr().err
    assert main(["extract", "--rules-only", "--resume", str(src), "-o", str(tmp_path / "o.json")]) == 2
    assert "--resume works with --format jsonl, csv, tsv, not json" in capsys.readouterr().err
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["extract", "--rules-only", "--resume", str(src), "-o", str(other)]) == 2
    assert "not a kutipan table" in capsys.readouterr().err


def run_on_terminal(args, tmp_path) -> str:
    """Run the CLI with stderr on a pseudo-terminal; returns what it showed there."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(record(i) for i in range(5)), encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real terminal has a size
    cmd = [sys.executable, "-m", "kutipan", "extract", "--rules-only", str(src), "-o", str(tmp_path / "o.jsonl")]
    proc = subprocess.Popen([*cmd, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return shown.decode(errors="replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only(tmp_path):
    shown = run_on_terminal([], tmp_path)
    assert "kutipan" in shown and "5/5" in shown and "doc/s" in shown
    assert run_on_terminal(["--quiet"], tmp_path) == ""
    src = tmp_path / "in.jsonl"
    res = subprocess.run(
        [sys.executable, "-m", "kutipan", "extract", "--rules-only", str(src), "-o", str(tmp_path / "p.jsonl")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0 and res.stderr == ""  # stderr a pipe: no bar


def test_csv_rows_written_whole_per_document(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(record(i) for i in range(6)), encoding="utf-8")
    out = tmp_path / "o.tsv"
    assert main(["extract", "--rules-only", "-q", str(src), "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline=""), delimiter="\t"))
    assert [r["doc_id"] for r in rows][:2] == ["d0", "d1"]
    assert {r["outlet"] for r in rows} == {"outlet-0", "outlet-1"}
