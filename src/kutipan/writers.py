"""Output for `kutipan extract`: JSON, JSON Lines, CSV/TSV (one row per quote) and Parquet, written safely.

Why a temporary file: an interrupted run over thousands of articles must never leave a truncated file
that looks whole. Output to a file goes to `OUT.partial` and is renamed to `OUT` only when the run
ends; `--resume` continues from `OUT.partial` (or from a finished `OUT`), skipping the ids already in
it. Standard output is streamed as it comes.

The table (CSV, TSV, Parquet) has one row per quote so that a user gets counts with a spreadsheet, not
jq: the document id, the document's meta fields, then the quote, its cue and its speaker.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kutipan.errors import KutipanError

OUTPUT_FORMATS = ("json", "jsonl", "csv", "tsv", "parquet")
RESUMABLE = ("jsonl", "csv", "tsv")
QUOTE_COLUMNS = (
    "quote_id",
    "type",
    "text",
    "start",
    "end",
    "cue",
    "speaker",
    "speaker_kind",
    "title",
    "organization",
    "source_type",
    "confidence",
)
_INT_COLUMNS = {"start", "end"}
_PARQUET_ROWS = 5000  # rows per Parquet row group: bounded memory on long runs


class OutputError(KutipanError):
    """An output file that cannot be written or resumed."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def document_dict(data: dict[str, Any], meta: dict[str, Any] | None) -> dict[str, Any]:
    """The `kutipan/1` dict with the record's `meta` object after `id` (left out when there is none)."""
    if not meta:
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "id":
            out["meta"] = meta
    return out


def quote_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per quote of a `kutipan/1` dict (meta fields not included)."""
    speakers = {s["id"]: s for s in data.get("speakers", [])}
    for q in data.get("quotes", []):
        ref = q.get("speaker")
        sp = speakers.get(ref["entity"], {}) if ref else {}
        yield {
            "quote_id": q["id"],
            "type": q["type"],
            "text": q["text"],
            "start": q["start"],
            "end": q["end"],
            "cue": q["cue"]["text"] if q.get("cue") else None,
            "speaker": ref["name"] if ref else None,
            "speaker_kind": sp.get("kind"),
            "title": sp["title"]["text"] if sp.get("title") else None,
            "organization": sp["organization"]["text"] if sp.get("organization") else None,
            "source_type": ref["mention"]["kind"] if ref else None,
            "confidence": q.get("confidence"),
        }


def meta_columns(meta: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(meta key, column name) pairs; a key that clashes with a fixed column gets a `meta_` prefix."""
    taken = {"doc_id", *QUOTE_COLUMNS}
    return [(k, f"meta_{k}" if k in taken else k) for k in (meta or {})]


def _cell(value: Any) -> str | None:
    """A meta value as one table cell: strings as they are, other JSON values as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class JsonLinesWriter:
    """One `kutipan/1` document a line, flushed after each so a reader (or `--resume`) sees whole lines."""

    def __init__(self, fh: IO[str]):
        self.fh = fh

    def write(self, data: dict[str, Any], meta: dict[str, Any] | None) -> None:
        self.fh.write(json.dumps(document_dict(data, meta), ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.flush()


class JsonWriter:
    """Indented JSON: one object (`single`), else an array written item by item, not held to the end."""

    def __init__(self, fh: IO[str], single: bool):
        self.fh = fh
        self.single = single
        self.count = 0

    def write(self, data: dict[str, Any], meta: dict[str, Any] | None) -> None:
        text = json.dumps(document_dict(data, meta), ensure_ascii=False, indent=2)
        if self.single:
            if self.count:
                raise ValueError("JsonWriter(single=True) takes one document")
            self.fh.write(text + "\n")
        else:
            self.fh.write(("[\n" if not self.count else ",\n") + _indent(text))
        self.count += 1
        self.fh.flush()

    def close(self) -> None:
        if not self.single:
            self.fh.write("\n]\n" if self.count else "[]\n")
        self.fh.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


class TableWriter:
    """CSV or TSV, one row per quote; the meta columns are those of the first document that has meta.

    Why fixed at the first document: a streamed table can't grow columns later. Meta keys that first
    appear later are dropped from the table (reported once through `warn`) but kept in JSON output.
    """

    def __init__(self, fh: IO[str], delimiter: str, header: list[str] | None = None, warn=None):
        self.fh = fh
        self.writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        self.header = header
        self.meta_cols: list[tuple[str, str]] | None = None
        if header is not None:  # resuming: the columns are the file's
            fixed = {"doc_id", *QUOTE_COLUMNS}
            self.meta_cols = [
                (c.removeprefix("meta_") if c.startswith("meta_") else c, c) for c in header if c not in fixed
            ]
        self.warn = warn
        self.dropped: set[str] = set()

    def write(self, data: dict[str, Any], meta: dict[str, Any] | None) -> None:
        if self.header is None:
            self.meta_cols = meta_columns(meta)
            self.header = ["doc_id", *(c for _, c in self.meta_cols), *QUOTE_COLUMNS]
            self.writer.writerow(self.header)
        assert self.meta_cols is not None
        self._note_dropped(meta)
        meta = meta or {}
        head = [data["id"], *(_cell(meta.get(k)) for k, _ in self.meta_cols)]
        # one write per document, so a killed run cuts at most the last document's rows
        rows = [head + [row[c] for c in QUOTE_COLUMNS] for row in quote_rows(data)]
        self.writer.writerows(rows)
        self.fh.flush()

    def _note_dropped(self, meta: dict[str, Any] | None) -> None:
        known = {k for k, _ in self.meta_cols or []}
        new = [k for k in meta or {} if k not in known and k not in self.dropped]
        if new and self.warn:
            self.warn(
                f"meta field(s) {', '.join(new)} not in the table's columns (set by the first document); left out"
            )
        self.dropped.update(new)

    def close(self) -> None:
        if self.header is None:  # no document at all: still a table with its header
            self.writer.writerow(["doc_id", *QUOTE_COLUMNS])
        self.fh.flush()


class ParquetWriter:
    """Parquet through pyarrow (`pip install 'kutipan[parquet]'`), one row per quote, written in row groups."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh
        self.rows: list[dict[str, Any]] = []
        self.writer = None
        self.schema = None
        self.meta_cols: list[tuple[str, str]] | None = None

    def write(self, data: dict[str, Any], meta: dict[str, Any] | None) -> None:
        if self.meta_cols is None:
            self.meta_cols = meta_columns(meta)
        meta = meta or {}
        for row in quote_rows(data):
            head = {"doc_id": data["id"], **{c: _cell(meta.get(k)) for k, c in self.meta_cols}}
            self.rows.append(head | row)
        if len(self.rows) >= _PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            fields = [("doc_id", pa.string()), *((c, pa.string()) for _, c in self.meta_cols or [])]
            for c in QUOTE_COLUMNS:
                kind = pa.int64() if c in _INT_COLUMNS else pa.float64() if c == "confidence" else pa.string()
                fields.append((c, kind))
            self.schema = pa.schema(fields)
            self.writer = pq.ParquetWriter(self.fh, self.schema)
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        assert self.writer is not None
        self.writer.write_table(table)
        self.rows = []

    def close(self) -> None:
        self._flush()
        if self.writer is not None:
            self.writer.close()


@contextlib.contextmanager
def atomic_output(path: str, binary: bool = False, keep: int | None = None) -> Iterator[IO]:
    """Write to `path.partial`; rename it to `path` when the block ends without an exception.

    On an exception (Ctrl-C included) the `.partial` file stays, complete up to its last document, for
    `--resume`. `keep` bytes of an existing `.partial` are kept and appended to (resume).

    Raises:
        OutputError: the folder of `path` does not exist or `path` can't be written.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(path, f"folder {target.parent} does not exist")
    if target.is_dir():
        raise OutputError(path, "is a directory")
    partial = partial_path(path)
    try:
        raw = open(partial, "wb" if keep is None else "r+b")  # noqa: SIM115 - closed below; renamed only on success
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from exc
    with raw:
        if keep is not None:
            raw.seek(keep)
            raw.truncate()
        if binary:
            yield raw
        else:
            with io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
                yield fh
    os.replace(partial, target)


def partial_path(path: str) -> str:
    """Where output to `path` is written until the run ends."""
    return f"{path}.partial"


def check_parquet(path: str) -> None:
    """Raise `OutputError` when pyarrow, which Parquet output needs, is not installed."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:  # not installed, or installed against another NumPy
        raise OutputError(path, f"Parquet output needs pyarrow ({exc}): pip install 'kutipan[parquet]'") from exc


def resume_point(path: str, fmt: str) -> tuple[set[str], int | None, list[str] | None]:
    """What an interrupted (or finished) run left: ids done, bytes of `.partial` to keep, table header.

    `OUT.partial` is read when it exists (it holds the newest run), else a finished `OUT` is copied to
    it. JSON Lines keep every whole, valid line; a table keeps every document but the last, whose rows
    may have been cut. Returns `(set(), None, None)` when there is nothing to resume from.

    Raises:
        OutputError: the file is not kutipan output of this format.
    """
    partial = Path(partial_path(path))
    if not partial.exists():
        if not Path(path).is_file():
            return set(), None, None
        shutil.copyfile(path, partial)
    with open(partial, "rb") as fh:
        if fmt == "jsonl":
            return (*_jsonl_resume(fh), None)
        return _table_resume(fh, path, "\t" if fmt == "tsv" else ",")


def _jsonl_resume(fh: IO[bytes]) -> tuple[set[str], int]:
    done: set[str] = set()
    keep = 0
    for raw in fh:
        try:
            obj = json.loads(raw) if raw.endswith(b"\n") else None
        except ValueError:
            obj = None
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            break
        done.add(obj["id"])
        keep += len(raw)
    return done, keep


def _table_resume(fh: IO[bytes], path: str, delimiter: str) -> tuple[set[str], int, list[str] | None]:
    ends: list[int] = []  # byte offset after each line handed to the csv reader

    def lines() -> Iterator[str]:
        pos = 0
        for raw in fh:
            pos += len(raw)
            ends.append(pos)
            yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(lines(), delimiter=delimiter)
    header = next(reader, None)
    if header is None:  # killed before the header was written
        return set(), 0, None
    if header[0] != "doc_id" or tuple(header[-len(QUOTE_COLUMNS) :]) != QUOTE_COLUMNS:
        raise OutputError(path, "not a kutipan table (no doc_id ... confidence header); can't resume")
    done: set[str] = set()
    keep = prev_end = ends[reader.line_num - 1]
    current = None
    try:
        for row in reader:
            if len(row) != len(header):
                break
            if row[0] != current:
                if current is not None:
                    done.add(current)
                    keep = prev_end
                current = row[0]
            prev_end = ends[reader.line_num - 1]
    except csv.Error:
        pass
    # the last document is never kept: its rows may have been cut
    return done, keep, header
