"""DT: dates, visible and machine-readable."""

from __future__ import annotations

import re

from ..model import Problem
from ..registry import check

ISO_8601 = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


@check("DT001")
def machine_date_not_iso(article, options):
    """A machine-readable date that is not ISO 8601."""
    for md in article.dates.machine:
        value = md.raw.strip()
        if not value or ISO_8601.match(value):
            continue
        yield Problem(f"{md.source} {md.prop} {value!r} is not an ISO 8601 date "
                      "(write e.g. 2021-02-26T16:38:00+07:00)", md.loc, anchor=f"{md.prop}={value}")
