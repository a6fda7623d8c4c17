"""Reading the publication dates news metadata carries, to the day, for per-month counts.

Scraped Indonesian news comes with dates in many shapes: `2019-01-21`, `11-11-2023`, `9/21/2025 17:00`,
`Rabu, 19 Feb 2020 15:52 WIB`, `19 Februari 2020`. Numeric dates are ambiguous (`3/4/2021`): the order of
day and month is decided per shape from the unambiguous dates of the same collection (a `21` in first place
means day first), and falls back to day first, the Indonesian order, when nothing decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})")


@cache
def month_names() -> dict[str, int]:
    """Month name or abbreviation (lower case, Indonesian and English) → month number, from `months.tsv`."""
    text = resources.files("kutipan.report").joinpath("months.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, number = line.split("\t")
            out[name] = int(number)
    return out


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_first_by_separator(values: Iterable[str]) -> dict[str, bool]:
    """For each numeric separator (`/`, `-`, `.`), whether the collection writes the day first.

    Only unambiguous dates vote (one of the first two numbers above 12); a tie or no vote gives day first.
    """
    votes: dict[str, list[int]] = {}
    for value in values:
        m = _NUMERIC.match(value or "")
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        tally = votes.setdefault(m.group(2), [0, 0])
        if a > 12 >= b:
            tally[0] += 1
        elif b > 12 >= a:
            tally[1] += 1
    return {sep: day >= month for sep, (day, month) in votes.items()}


def parse_date(value: str | None, day_first: dict[str, bool] | None = None) -> dt.date | None:
    """The date in a metadata value, or None when there is none or it cannot be read.

    Args:
        value: the metadata string (`2019-01-21`, `Rabu, 19 Feb 2020 15:52 WIB`, `9/21/2025 17:00` …).
        day_first: from `day_first_by_separator` over the same collection; day first where missing.
    """
    if not value or not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.match(value)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        first_is_day = (day_first or {}).get(m.group(2), True)
        if a > 12:
            first_is_day = True
        elif b > 12:
            first_is_day = False
        return _make(year, b, a) if first_is_day else _make(year, a, b)
    m = _WORDS.search(value)
    if m:
        month = month_names().get(m.group(2).lower())
        if month:
            return _make(int(m.group(3)), month, int(m.group(1)))
    return None
