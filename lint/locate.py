"""Map rendered text back to the source a person edits.

Rendered text differs from the source: entities are decoded, white space collapses, and inline
tags (``<em>``, ``<a>``) may stand between two characters. A needle from rendered text is turned
into a regular expression that tolerates exactly these differences and is searched from a hint
offset (the line where the block's element starts). Only violations are located, so clean pages
never pay for this.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Possessive (``*+``, ``++``): markup between two characters is taken whole and never given back,
# so a needle that is not in the source fails in linear time instead of trying every way to split
# a run of tags and comments (which never ended on some real pages).
_TAGS = r"(?:<!--.*?-->|<[^>]*>)*+"
_MD_TAGS = r"(?:<[^>]*>|[*_`~]|\[|\]\([^)]*\)|\\)*+"
_WS = r"(?:\s|&nbsp;|&#0*160;|&#[xX]0*[aA]0;|<!--.*?-->|<[^>]*>)++"
_MD_WS = r"(?:\s|&nbsp;|&#0*160;|&#[xX]0*[aA]0;|<[^>]*>|[*_`~]|\[|\]\([^)]*\)|\\)++"
_ENT = {
    "&": r"(?:&|&amp;|&#0*38;|&#[xX]0*26;)",
    "<": r"(?:<|&lt;|&#0*60;|&#[xX]0*3[cC];)",
    ">": r"(?:>|&gt;|&#0*62;|&#[xX]0*3[eE];)",
    '"': r'(?:"|&quot;|&#0*34;|&#[xX]0*22;)',
    "'": r"(?:'|&#0*39;|&apos;|&#[xX]0*27;)",
    "\u00a0": r"(?:\u00a0|&nbsp;|&#0*160;|&#[xX]0*[aA]0;)",
}


def _char(c: str) -> str:
    if c in _ENT:
        return _ENT[c]
    if c.isspace():
        return _WS
    if ord(c) > 127:
        return f"(?:{re.escape(c)}|&#0*{ord(c)};|&#[xX]0*{ord(c):x};|&#[xX]0*{ord(c):X};|&[A-Za-z]+[0-9]*;)"
    return re.escape(c)


@lru_cache(maxsize=512)
def _pattern(before: str, needle: str, markup) -> re.Pattern:
    glue = _MD_TAGS if markup == "md" else _TAGS if markup else ""
    ws = _MD_WS if markup == "md" else _WS if markup else r"\s+"

    def seq(s: str) -> str:
        # Glue goes between two characters; a white-space run takes the markup around it itself.
        out = []
        prev_ws = False
        for c in s:
            if c.isspace() and c != "\u00a0":
                if prev_ws:
                    continue
                prev_ws = True
                out.append(ws)
                continue
            if out and not prev_ws:
                out.append(glue)
            prev_ws = False
            out.append(_char(c) if markup else re.escape(c))
        return "".join(out)

    pat = (seq(before) + glue if before else "") + "(" + seq(needle) + ")"
    return re.compile(pat, re.DOTALL)


def find(text: str, needle: str, hint: int = 0, before: str = "", markup: bool | str = True,
         limit: int = 200_000) -> tuple[int, int] | None:
    """Find ``needle`` (optionally preceded by ``before``) in ``text`` at or after ``hint``.

    ``markup`` is True for HTML, "md" for Markdown (emphasis and link syntax may interrupt the
    text) and False for plain text. Returns the absolute (start, end) of the needle, or None.
    """
    if not needle:
        return None
    # Fast path: the literal text is in the source as is.
    probe = before + needle
    i = text.find(probe, hint, hint + limit + len(probe))
    if i >= 0:
        s = i + len(before)
        return s, s + len(needle)
    for b in (before[-24:], before[-8:], ""):
        try:
            m = _pattern(b, needle[:200], markup).search(text, hint, min(len(text), hint + limit))
        except re.error:
            return None
        if m:
            return m.start(1), m.end(1)
    return None


def tag_offset(text: str, hint: int, tag: str, attr: str | None = None) -> tuple[int, int] | None:
    """Offset of ``<tag`` at or after ``hint`` (and of ``attr=`` inside it when asked)."""
    m = re.compile(r"<" + re.escape(tag) + r"(?=[\s/>])", re.IGNORECASE).search(text, hint)
    if not m:
        return None
    start = m.start()
    end_tag = text.find(">", m.end())
    end_tag = len(text) if end_tag < 0 else end_tag + 1
    if attr:
        a = re.compile(r"\s(" + re.escape(attr) + r")(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?",
                       re.IGNORECASE).search(text, m.end(), end_tag)
        if a:
            return a.start(1), a.end()
    return start, end_tag
