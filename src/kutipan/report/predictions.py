"""Reading saved predictions: the kutipan/1 JSON or JSON Lines that `kutipan extract` writes.

One bad line or file never stops a report: each problem is kept as `PATH[:LINE]: reason` for the caller to
print, and the documents that could be read are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA = "kutipan/1"


def check_document(data: Any) -> str | None:
    """Why `data` is not a kutipan/1 document the report can count, or None when it is."""
    if not isinstance(data, dict):
        return f"not a JSON object but {type(data).__name__}"
    if data.get("schema", SCHEMA) != SCHEMA:
        return f"schema {data.get('schema')!r}, expected {SCHEMA!r}"
    for key in ("quotes", "speakers"):
        if not isinstance(data.get(key), list):
            return f"no {key!r} list: not kutipan/1 output"
    if "entities" in data and not isinstance(data["entities"], list):
        return "'entities' is not a list"
    if "meta" in data and data["meta"] is not None and not isinstance(data["meta"], dict):
        return "'meta' is not an object"
    return None


def _from_file(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    docs, errors = [], []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [f"{path}: no such file"]
    except IsADirectoryError:
        return [], [f"{path}: is a directory"]
    except UnicodeDecodeError as exc:
        return [], [f"{path}: not UTF-8 text (invalid byte at offset {exc.start})"]
    except OSError as exc:
        return [], [f"{path}: cannot read: {exc.strerror or exc}"]
    if not text.strip():
        return [], [f"{path}: empty file (no predictions)"]
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [f"{path}: not JSON ({exc.msg} at line {exc.lineno})"]
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items, 1):
            problem = check_document(item)
            where = f"{path}" if not isinstance(data, list) else f"{path}: item {n}"
            (errors.append(f"{where}: {problem}") if problem else docs.append(item))
        return docs, errors
    # "\n" only: str.splitlines would also cut at U+2028 and U+0085, which JSON strings may hold raw
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path}:{n}: not JSON ({exc.msg})")
            continue
        problem = check_document(item)
        (errors.append(f"{path}:{n}: {problem}") if problem else docs.append(item))
    return docs, errors


def read_predictions(paths: Iterable[str | Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """All readable kutipan/1 documents in `paths` (`.json`: one object or a list; else JSON Lines).

    Returns:
        The documents in input order, and one `PATH[:LINE]: reason` message per problem.
    """
    docs: list[dict[str, Any]] = []
    errors: list[str] = []
    for path in paths:
        d, e = _from_file(Path(path))
        docs += d
        errors += e
    return docs, errors
