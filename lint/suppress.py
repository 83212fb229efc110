"""Inline suppressions in HTML comments (valid in Markdown too).

``<!-- newslint: disable=TX001,IM001 -- reason -->`` until ``<!-- newslint: enable=TX001 -->``
(or the end of the file); ``disable-next=CODES`` covers the next element or line that holds
content (a whole JSON-LD block when it stands before its ``<script>``); ``disable-file`` (with
optional ``=CODES``) covers the whole document. Codes may be codes, slugs or families, or ``all``.
A suppression that hides nothing is reported as NL100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIRECTIVE = re.compile(
    r"<!--\s*newslint\s*:\s*(?P<verb>disable-file|disable-next|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_,\s-]+?))?\s*(?:--(?!>)\s*(?P<reason>(?:(?!-->).)*?))?\s*-->",
    re.DOTALL,
)


@dataclass(slots=True)
class Directive:
    verb: str
    codes: tuple  # () means all
    start: int  # offset of the comment
    end: int
    cover_start: int = 0
    cover_end: int = 0
    used: bool = False
    reason: str = ""


@dataclass(slots=True)
class Suppressions:
    directives: list = field(default_factory=list)

    def covers(self, code: str, family: str, slug: str, offset: int) -> bool:
        hit = False
        for d in self.directives:
            if d.verb == "enable":
                continue
            if d.cover_start <= offset < d.cover_end and _match(d.codes, code, family, slug):
                d.used = True
                hit = True
        return hit


def _match(codes: tuple, code: str, family: str, slug: str) -> bool:
    if not codes:
        return True
    for c in codes:
        cu = c.upper()
        if cu == "ALL" or cu == code or c == slug or (len(cu) < len(code) and code.startswith(cu)):
            return True
    return False


def _next_content(text: str, pos: int) -> tuple[int, int]:
    """The span of the next element (to its end tag when it is a script) or the next non-blank line."""
    m = re.compile(r"\S").search(text, pos)
    if not m:
        return pos, pos
    s = m.start()
    if text.startswith("<script", s) or text.startswith("<SCRIPT", s):
        e = text.lower().find("</script>", s)
        return s, (e + 9 if e >= 0 else len(text))
    nl = text.find("\n", s)
    e = nl if nl >= 0 else len(text)
    if text.startswith("<", s):
        # Cover the element through its end tag when it closes within a few lines.
        tag = re.match(r"<([A-Za-z][\w-]*)", text[s:])
        if tag:
            close = text.find(f"</{tag.group(1)}", s)
            if 0 <= close < s + 20000:
                e = max(e, text.find(">", close) + 1)
    return s, e


def parse(text: str) -> Suppressions:
    sup = Suppressions()
    if "newslint" not in text:
        return sup
    n = len(text)
    open_: dict = {}
    for m in DIRECTIVE.finditer(text):
        verb = m.group("verb")
        codes = tuple(c.strip() for c in (m.group("codes") or "").replace(" ", ",").split(",") if c.strip())
        d = Directive(verb, codes, m.start(), m.end(), reason=(m.group("reason") or "").strip())
        if verb == "disable-file":
            d.cover_start, d.cover_end = 0, n
        elif verb == "disable-next":
            d.cover_start, d.cover_end = _next_content(text, m.end())
        elif verb == "disable":
            d.cover_start, d.cover_end = m.end(), n
            for c in codes or ("ALL",):
                open_[c.upper()] = d
        elif verb == "enable":
            for c in codes or list(open_):
                prev = open_.pop(c.upper(), None)
                if prev is not None:
                    prev.cover_end = m.start()
        sup.directives.append(d)
    return sup
