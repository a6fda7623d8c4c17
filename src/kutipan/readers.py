"""Input records for `kutipan extract`: text files and folders, JSON Lines, CSV/TSV and standard input.

Users keep corpora as one JSON Lines or CSV file with an id, the text and metadata (outlet, date, URL),
not as a folder of `.txt` files; reading such a file as one text gives garbage quotes. So the format
of every input is chosen by its extension (`.txt`, `.jsonl`/`.ndjson`, `.csv`, `.tsv`) or by the
`input_format` the caller names, never guessed from the content, and a structured file named as text
is refused. A record that can't be used (bad JSON, no text, a short CSV row) is reported with its line
number through `on_error` and skipped, so one bad line never stops a corpus.

The text of a record is the field's value exactly as decoded, so output offsets index that string.
"""

from __future__ import annotations

import csv
import errno
import fnmatch
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kutipan.errors import InputError
from kutipan.inputs import decode, display_name, read_text

INPUT_FORMATS = ("text", "jsonl", "csv", "tsv")
EXTENSIONS = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
# what a folder is searched for, by input format
FOLDER_GLOBS = {"text": ("*.txt",), "jsonl": ("*.jsonl", "*.ndjson"), "csv": ("*.csv",), "tsv": ("*.tsv",)}
STDIN = "-"
STDIN_NAME = "<stdin>"
_DELIMITERS = {"csv": ",", "tsv": "\t"}
_FORMAT_NAMES = {"jsonl": "JSON Lines", "csv": "CSV", "tsv": "TSV", "json": "JSON"}

_SURROGATE = re.compile("[\ud800-\udfff]")

# news articles run past csv's default field limit of 131,072 characters
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True, slots=True)
class Record:
    """One document to extract from: its id (always a string), its text and the other fields."""

    id: str
    text: str
    meta: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs.

    Args:
        input_format: one of `INPUT_FORMATS`, or None to choose by extension (stdin: text).
        text_field: the field (JSON key or CSV column) that holds the text.
        id_field: the field that holds the document id; a record without one gets `PATH:LINE`.
    """

    input_format: str | None = None
    text_field: str = "text"
    id_field: str = "id"


ErrorHandler = Callable[[InputError], None]


def format_of(path: str, options: ReadOptions) -> str:
    """The format `path` is read in, or `InputError` when a structured file would be read as text.

    Why refuse rather than read: `articles.jsonl` read as one text gives a few garbage quotes and exit
    status 0, which a user running thousands of articles would not notice.
    """
    if path == STDIN:
        return options.input_format or "text"
    suffix = Path(path).suffix.lower()
    structured = "jsonl" if suffix == ".json" else EXTENSIONS.get(suffix)
    if options.input_format is None:
        if suffix == ".json":
            raise InputError(
                path,
                "a .json file: kutipan reads JSON Lines (one object a line); if it is that, give --input-format jsonl",
            )
        return structured or "text"
    if options.input_format == "text" and structured not in (None, "text"):
        what = _FORMAT_NAMES["json" if suffix == ".json" else structured]
        raise InputError(path, f"looks like {what} ({suffix}), refused as text; give --input-format {structured}")
    return options.input_format


def expand_inputs(paths: Iterable[str], options: ReadOptions, on_error: ErrorHandler | None = None) -> Iterator[str]:
    """Files named, and under folders the files of the input format (`*.txt` by default), sorted.

    A path that can't be searched (a folder without permission, a symbolic link loop, a broken link
    among a folder's files) goes to `on_error`, and the other paths are still given.
    """
    report = on_error or (lambda exc: None)
    for path in paths:
        if path == STDIN:
            yield path
            continue
        try:
            is_dir = Path(path).is_dir()
        except OSError as exc:  # a path inside a folder that can't be searched
            report(InputError(display_name(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            yield from (
                str(f) for f in sorted(_folder_files(path, FOLDER_GLOBS[options.input_format or "text"], report))
            )
        else:
            yield path


def _folder_files(root: str, globs: tuple[str, ...], report: ErrorHandler) -> list[Path]:
    """The files under `root` whose names match `globs`, following links to folders once each."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        report(InputError(display_name(str(exc.filename)), f"cannot read folder: {exc.strerror or exc}"))

    for top, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        st = os.stat(top)
        seen.add((st.st_dev, st.st_ino))
        for d in list(dirs):
            try:
                st = os.stat(os.path.join(top, d))
            except OSError:
                continue  # os.walk reports it when it can't list it
            if (st.st_dev, st.st_ino) in seen:
                dirs.remove(d)
                report(InputError(display_name(os.path.join(top, d)), "symbolic link loop (folder already searched)"))
        for name in files:
            if any(fnmatch.fnmatchcase(name, g) for g in globs):
                full = os.path.join(top, name)
                problem = _link_problem(full)
                if problem:
                    report(InputError(display_name(full), problem))
                else:
                    found.append(Path(full))
    return found


def _link_problem(path: str) -> str | None:
    """Why a file found in a folder can't be read as one (a broken or looping link), or None."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link" if os.path.islink(path) else f"cannot read: {exc.strerror or exc}"
    return None


def read_records(paths: Iterable[str], options: ReadOptions, on_error: ErrorHandler) -> Iterator[Record]:
    """Every usable record of every input, in order; each problem goes to `on_error`, then reading goes on.

    `paths` are files as given by `expand_inputs` (or `-` for standard input).
    """
    for path in paths:
        try:
            fmt = format_of(path, options)
            if fmt == "text":
                yield _text_record(path)
            elif fmt == "jsonl":
                with _open_binary(path) as fh:
                    yield from _jsonl_records(fh, _name(path), options, on_error)
            else:
                with _open_csv(path) as fh:
                    yield from _csv_records(fh, _name(path), _DELIMITERS[fmt], options, on_error)
        except InputError as exc:
            on_error(exc)
        except OSError as exc:  # opened but unreadable (permissions), or gone since it was listed
            on_error(InputError(_name(path), f"cannot read: {exc.strerror or exc}"))


def count_records(paths: Iterable[str], options: ReadOptions) -> int | None:
    """How many records the inputs hold (for a progress bar's total), or None when it can't be known.

    A cheap pass: JSON Lines count non-blank lines, CSV counts rows; unreadable files count 0.
    """
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        try:
            fmt = format_of(path, options)
        except InputError:
            continue
        try:
            if fmt == "text":
                total += 1
            elif fmt == "jsonl":
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
                    total += max(sum(1 for _ in csv.reader(fh, delimiter=_DELIMITERS[fmt])) - 1, 0)
        except (OSError, csv.Error):
            continue
    return total


def _name(path: str) -> str:
    return STDIN_NAME if path == STDIN else display_name(path)


def _text_record(path: str) -> Record:
    if path == STDIN:
        return Record(STDIN_NAME, decode(sys.stdin.buffer.read(), STDIN_NAME))
    return Record(_name(path), read_text(path))


def _open_binary(path: str) -> IO[bytes]:
    if path == STDIN:
        return _Unclosed(sys.stdin.buffer)  # type: ignore[return-value]  # a file-like wrapper
    _check_file(path)
    return open(path, "rb")


def _open_csv(path: str) -> IO[str]:
    # utf-8-sig: a spreadsheet's byte-order mark would otherwise stick to the first column's name
    if path == STDIN:
        return _Unclosed(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline=""))  # type: ignore[return-value]
    _check_file(path)
    return open(path, encoding="utf-8-sig", newline="")


def _check_file(path: str) -> None:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory")


class _Unclosed:
    """Standard input as a context manager that leaves it open."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self.fh

    def __exit__(self, *exc) -> None:
        if isinstance(self.fh, io.TextIOWrapper):
            self.fh.detach()


def _jsonl_records(fh: IO[bytes], name: str, options: ReadOptions, on_error: ErrorHandler) -> Iterator[Record]:
    """Records of a JSON Lines stream, decoded line by line so memory stays flat on large files."""
    try:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{name}:{n}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                on_error(InputError(where, f"not UTF-8 (invalid byte at column {exc.start + 1})"))
                continue
            try:
                obj = json.loads(line.removeprefix("\ufeff") if n == 1 else line)
            except json.JSONDecodeError as exc:
                on_error(InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
                continue
            if not isinstance(obj, dict):
                on_error(InputError(where, f"a JSON {type(obj).__name__}, not an object"))
                continue
            try:
                yield _record(obj, where, options)
            except InputError as exc:
                on_error(exc)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


def _csv_records(
    fh: IO[str], name: str, delimiter: str, options: ReadOptions, on_error: ErrorHandler
) -> Iterator[Record]:
    """Records of a CSV/TSV stream with a header row; line numbers are those of each row's first line."""
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(name, "empty file (no header row)")
        if options.text_field not in header:
            raise InputError(
                name,
                f"no column {options.text_field!r} (columns: {', '.join(header)}); give --text-field",
            )
        line = reader.line_num
        for row in reader:
            where = f"{name}:{line + 1}"
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                on_error(InputError(where, f"{len(row)} fields, the header has {len(header)}"))
                continue
            try:
                yield _record(dict(zip(header, row, strict=True)), where, options)
            except InputError as exc:
                on_error(exc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}:{reader.line_num + 1}", "not UTF-8 text; the rest of the file is skipped") from exc
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}", f"bad CSV ({exc}); the rest of the file is skipped") from exc


def _record(obj: dict[str, Any], where: str, options: ReadOptions) -> Record:
    """A Record from one JSON object or CSV row; the id becomes a string, other fields `meta`."""
    if options.text_field not in obj:
        fields = ", ".join(obj) or "none"
        raise InputError(where, f"no field {options.text_field!r} (fields: {fields}); give --text-field")
    text = obj[options.text_field]
    if not isinstance(text, str):
        raise InputError(where, f"field {options.text_field!r} is {_json_type(text)}, not a string")
    if not text.strip():
        raise InputError(where, f"empty text in field {options.text_field!r}")
    bad = _SURROGATE.search(text)
    if bad:  # a JSON escape such as "\\ud800" alone: not Unicode text, and no UTF-8 output can hold it
        raise InputError(where, f"field {options.text_field!r} holds a lone surrogate at offset {bad.start()}")
    raw_id = obj.get(options.id_field)
    if raw_id is None or raw_id == "":
        doc_id = where
    elif isinstance(raw_id, (str, int, float)) and not isinstance(raw_id, bool):
        doc_id = display_name(str(raw_id))
    else:
        raise InputError(where, f"field {options.id_field!r} is {_json_type(raw_id)}, not a string or number")
    meta = {k: v for k, v in obj.items() if k not in (options.text_field, options.id_field)}
    return Record(doc_id, text, meta or None)


def _json_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
