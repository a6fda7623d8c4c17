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
    name = display_name(str(path))
    try:
        if p.is_dir():
            raise InputError(name, "is a directory")
        data = p.read_bytes()
    except FileNotFoundError as exc:
        reason = "broken symbolic link" if p.is_symlink() else "no such file"
        raise InputError(name, reason) from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    return decode(data, name)


_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Decode input bytes, refusing binary, non-UTF-8 and empty input.

    UTF-16 and UTF-32 with a byte-order mark are decoded (offsets then index the decoded text); without
    one they are named as such rather than called binary.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _nonempty(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"not valid {codec.upper()} text (bad data at byte {exc.start})") from exc
    if b"\x00" in data:
        if _looks_utf16(data):
            raise InputError(name, "UTF-16 text without a byte-order mark; convert it to UTF-8")
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    return _nonempty(text, name)


def _nonempty(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(name, "empty file (no text)")
    return text


def _looks_utf16(data: bytes) -> bool:
    """NUL bytes in every other position of the first bytes, as in UTF-16 Latin text."""
    head = data[:200]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (odd.count(0) >= 0.8 * len(odd) or even.count(0) >= 0.8 * len(even))


def display_name(path: str) -> str:
    r"""A path as it can be written to UTF-8 output: undecodable bytes of a file name as `\xNN`.

    Why: Python gives a file name that is not UTF-8 as a str with surrogates (`caf\udce9.txt`), which
    no UTF-8 writer accepts.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, and `*.txt` files under folders (recursively, sorted); `-` stands for stdin."""
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*.txt")) if f.is_file())
        else:
            yield path
