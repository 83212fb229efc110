"""Month and weekday names of the languages ``dateparser`` reads, for reading a date in words
without it (:func:`lint.extract.dates.worded`).

The table, ``lint/monthnames.txt``, is derived from dateparser's locale data by
``scripts/build_monthnames.py``; it is read when a worded date first asks for a language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("monthnames.txt")


@lru_cache(maxsize=1)
def _rows() -> dict:
    """Each language's line of the table, unparsed."""
    rows = {}
    with open(TABLE, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                lang, rest = line.rstrip("\n").split("\t", 1)
                rows[lang] = rest
    return rows


@lru_cache(maxsize=None)
def names(lang: str) -> tuple[dict, frozenset] | None:
    """({month name: month number}, weekday names) of ``lang`` (a two-letter code), all in lower
    case; None for a language the table does not hold."""
    row = _rows().get(lang)
    if row is None:
        return None
    months, weekdays = row.split("\t")
    table = {name: n for n, group in enumerate(months.split("|"), 1) for name in group.split()}
    return table, frozenset(weekdays.split())
