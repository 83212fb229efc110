"""Value types that flow from rules to reporters.

Checks yield :class:`Problem` objects: a message, where it is (a :class:`Loc`), an anchor for
the fingerprint and an optional fix. The engine adds the rule's code, slug and severity, resolves
the location to line and column, and produces a :class:`Violation`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2, "never": 3}


@dataclass(slots=True)
class Fix:
    """A certain repair: replace ``[start, end)`` of the decoded source with ``replacement``."""

    replacement: str
    start: int = -1  # absolute offsets in the document text, filled by the engine
    end: int = -1
    description: str = ""


@dataclass(slots=True)
class Loc:
    """Where a problem is. Exactly one way of pointing is used:

    - ``block`` + ``start``/``end``: a span of a text block's rendered text;
    - ``element`` (+ optional ``attr``): an HTML element (its start tag, or one attribute);
    - ``offset``/``end_offset``: absolute character offsets in the document text;
    - none of them: the defect is an absence; reported at the document's first line.
    """

    block: Any = None
    start: int = 0
    end: int = 0
    element: Any = None
    attr: str | None = None
    offset: int | None = None
    end_offset: int | None = None


def lazy_loc(doc: str) -> property:
    """A ``loc`` property worked out on first read. The class keeps ``_loc`` (the location once
    known) and ``_locate`` (a function that gives it, or None): finding rendered text in the source
    costs a search, and only a reported violation needs it. Setting ``loc`` drops ``_locate``."""

    def get(self):
        if self._locate is not None:
            self._loc, self._locate = self._locate(), None
        return self._loc

    def put(self, value):
        self._loc, self._locate = value, None

    return property(get, put, doc=doc)


@dataclass(slots=True)
class Problem:
    message: str
    loc: Loc | None = None
    anchor: str | None = None  # stable text for the fingerprint; default is the context
    fix: Fix | None = None
    data: dict | None = None  # machine-readable details (did-you-mean, expected format...)


@dataclass(slots=True)
class Violation:
    code: str
    slug: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    context: str = ""
    fingerprint: str = ""
    fix: Fix | None = None
    data: dict | None = None
    offset: int = 0

    def to_dict(self) -> dict:
        d = {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "context": self.context,
            "fingerprint": self.fingerprint,
        }
        if self.fix is not None:
            d["fix"] = {
                "replacement": self.fix.replacement,
                "start": self.fix.start,
                "end": self.fix.end,
                "description": self.fix.description,
            }
        if self.data:
            d["data"] = self.data
        return d

    def sort_key(self):
        return (self.line, self.column, self.code)


@dataclass(slots=True)
class DocumentResult:
    """Everything newslint says about one document."""

    source: str
    violations: list[Violation] = field(default_factory=list)
    error: str | None = None
    kind: str | None = None
    url: str | None = None
    is_article: bool | None = None
    meta: dict = field(default_factory=dict)  # published date, section... (used by audit reports)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "kind": self.kind,
            "url": self.url,
            "is_article": self.is_article,
            "error": self.error,
            "violations": [v.to_dict() for v in self.violations],
        }


def fingerprint(code: str, anchor: str) -> str:
    norm = " ".join(unicodedata.normalize("NFC", anchor).split())
    return hashlib.sha1(f"{code}\x1f{norm}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
