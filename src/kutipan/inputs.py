r"""Reading input files: UTF-8 text only, with a clear error naming the file otherwise.

The text is decoded from the file's bytes as they are (no newline translation, a byte-order mark kept as
`\\ufeff`), so that offsets in the output index the exact file content.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kutipan.errors import InputError


def read_text(path: str | Path) -> str:
    """Read one input file as UTF-8 text, or raise `InputError(path, reason)`."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Decode input bytes, refusing binary, non-UTF-8 and empty input."""
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise InputError(name, "empty file (no text)")
    return text


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, and `*.txt` files under folders (recursively, sorted); `-` stands for stdin."""
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*.txt")) if f.is_file())
        else:
            yield path
