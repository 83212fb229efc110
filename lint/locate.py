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


# The tolerant pattern as a list of tokens, each (kind, regex, character): a character of the text,
# the markup that may stand between two characters, a white-space run, and the group around the
# needle. Every token matches in at most one way at a given position (the runs are possessive and
# a character's alternatives begin differently), so a match can be followed token by token.
_CHAR, _GLUE, _SPACE, _OPEN, _CLOSE = range(5)


def _tokens(before: str, needle: str, markup) -> list[tuple[int, str, str]]:
    glue = _MD_TAGS if markup == "md" else _TAGS if markup else ""
    ws = _MD_WS if markup == "md" else _WS if markup else r"\s+"

    def seq(s: str, out: list) -> None:
        # Glue goes between two characters; a white-space run takes the markup around it itself.
        first = True
        prev_ws = False
        for c in s:
            if c.isspace() and c != "\u00a0":
                if prev_ws:
                    continue
                prev_ws = True
                out.append((_SPACE, ws, ""))
                first = False
                continue
            if not first and not prev_ws and glue:
                out.append((_GLUE, glue, ""))
            first = prev_ws = False
            out.append((_CHAR, _char(c) if markup else re.escape(c), c))

    toks: list = []
    if before:
        seq(before, toks)
        if glue:
            toks.append((_GLUE, glue, ""))
    toks.append((_OPEN, "(", ""))
    seq(needle, toks)
    toks.append((_CLOSE, ")", ""))
    return toks


@lru_cache(maxsize=512)
def _pattern(before: str, needle: str, markup) -> re.Pattern:
    """The whole tolerant pattern: ``before`` then ``needle`` in group 1."""
    return re.compile("".join(t[1] for t in _tokens(before, needle, markup)), re.DOTALL)


@lru_cache(maxsize=512)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.DOTALL)


# A pattern is compiled for its first few characters only (compiling costs about 45 µs a character,
# 5 ms for a 100-character PHP warning); each place it matches is checked on from there in Python.
# Over one pass of the corpus three characters cost least: two leave 3x as many places to check,
# four double the compiling.
_HEAD_CHARS = 3


def _search(text: str, before: str, needle: str, markup, pos: int, endpos: int) -> tuple[int, int] | None:
    """``_pattern(before, needle, markup).search(text, pos, endpos)``'s group 1, the same answer for
    less: the pattern's head found by a regular expression, its rest followed token by token.

    An ``&`` in the text (where ``&amp;`` may stand for a literal ``&`` whose first character also
    starts the entity) and plain text (whose white-space runs give characters back) take the whole
    pattern."""
    if not markup or markup not in (True, "md") or "&" in before or "&" in needle:
        m = _pattern(before, needle, markup).search(text, pos, endpos)
        return (m.start(1), m.end(1)) if m else None
    toks = _tokens(before, needle, markup)
    if _never(toks):
        return None
    n = chars = 0
    while n < len(toks) and chars < _HEAD_CHARS:
        if toks[n][0] == _CHAR:  # a white-space run is no filter: "\s" stands at every other word
            chars += 1
        n += 1
    if any(t[0] == _CLOSE for t in toks[:n + 1]) or n >= len(toks) - 1:
        m = _pattern(before, needle, markup).search(text, pos, endpos)
        return (m.start(1), m.end(1)) if m else None
    opened = any(t[0] == _OPEN for t in toks[:n])
    head = _compiled("".join(t[1] for t in toks[:n]) + (")" if opened else ""))
    rest = toks[n:]
    md = markup == "md"
    m = head.search(text, pos, endpos)
    while m is not None:
        found = _follow(text, m.end(), endpos, rest, md)
        if found is not None:
            s, e = found
            return (m.start(1) if opened else s), e
        m = head.search(text, m.start() + 1, endpos)
    return None


def _never(toks: list) -> bool:
    """Whether the pattern can match nowhere: a white-space run (taken whole) followed by a
    no-break space (each of whose forms the run takes), or by markup and a second run (the first
    took the markup as well). Such a pattern fails at every position of the source, slowly where
    long runs of tags stand (30 ms for one on a 200 KB page)."""
    kinds = [(k, c) for k, _, c in toks if k not in (_OPEN, _CLOSE)]
    for i, (k, _) in enumerate(kinds[:-1]):
        if k != _SPACE:
            continue
        nk, nc = kinds[i + 1]
        if (nk == _CHAR and nc == "\u00a0") or (nk == _GLUE and i + 2 < len(kinds) and kinds[i + 2][0] == _SPACE):
            return True
    return False


def _follow(text: str, p: int, end: int, toks: list, md: bool) -> tuple[int, int] | None:
    """Match ``toks`` at ``p`` (not past ``end``): (start, end) of the group, or None."""
    gs = ge = -1
    for kind, _, c in toks:
        if kind == _CHAR:
            if p < end and text[p] == c:
                p += 1
                continue
            q = _entity(text, p, end, c)
            if q is None:
                return None
            p = q
        elif kind == _GLUE:
            p = _markup_run(text, p, end, md)
        elif kind == _SPACE:
            q = _space_run(text, p, end, md)
            if q is None:
                return None
            p = q
        elif kind == _OPEN:
            gs = p
        else:
            ge = p
    return gs, ge


_ENT_REFS = {  # character: (its entity name, its decimal reference, its hexadecimal ones)
    "<": ("lt", "60", ("3c", "3C")),
    ">": ("gt", "62", ("3e", "3E")),
    '"': ("quot", "34", ("22",)),
    "'": ("apos", "39", ("27",)),
    "\u00a0": ("nbsp", "160", ("a0", "A0")),
}
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_DIGITS = frozenset("0123456789")


def _entity(text: str, p: int, end: int, c: str) -> int | None:
    """The end of a reference to ``c`` at ``p`` as ``_char(c)`` accepts it, or None."""
    if not text.startswith("&", p, end):
        return None
    refs = _ENT_REFS.get(c)
    if refs is None:
        if ord(c) <= 127:
            return None
        o = ord(c)
        name, dec, hexes = None, str(o), (f"{o:x}", f"{o:X}")
    else:
        name, dec, hexes = refs
    if text.startswith("#", p + 1, end):
        q = p + 2
        hexa = q < end and text[q] in "xX"
        if hexa:
            q += 1
        while q < end and text[q] == "0":
            q += 1
        for digits in (hexes if hexa else (dec,)):
            if text.startswith(digits + ";", q, end):
                return q + len(digits) + 1
        return None
    if name is not None:
        return p + len(name) + 2 if text.startswith(name + ";", p + 1, end) else None
    q = p + 1  # any named reference: &[A-Za-z]+[0-9]*;
    while q < end and text[q] in _ASCII_LETTERS:
        q += 1
    if q == p + 1:
        return None
    while q < end and text[q] in _ASCII_DIGITS:
        q += 1
    return q + 1 if q < end and text[q] == ";" else None


def _nbsp_ref(text: str, p: int, end: int) -> int | None:
    """The end of ``&nbsp;``, ``&#160;`` or ``&#xa0;`` at ``p``, or None."""
    if text.startswith("&nbsp;", p, end):
        return p + 6
    return _entity(text, p, end, "\u00a0") if text.startswith("&#", p, end) else None


def _markup_run(text: str, p: int, end: int, md: bool) -> int:
    """The end of the run of markup at ``p`` (``_TAGS`` or ``_MD_TAGS``, taken whole)."""
    while p < end:
        c = text[p]
        if c == "<":
            if not md and text.startswith("<!--", p, end):
                k = text.find("-->", p + 4, end)
                if k >= 0:
                    p = k + 3
                    continue
            k = text.find(">", p + 1, end)
            if k < 0:
                return p
            p = k + 1
        elif not md:
            return p
        elif c in "*_`~[\\":
            p += 1
        elif c == "]" and text.startswith("(", p + 1, end):
            k = text.find(")", p + 2, end)
            if k < 0:
                return p
            p = k + 1
        else:
            return p
    return p


def _space_run(text: str, p: int, end: int, md: bool) -> int | None:
    """The end of the white-space run at ``p`` (``_WS`` or ``_MD_WS``), None when there is none."""
    start = p
    while p < end:
        c = text[p]
        if c.isspace():
            p += 1
        elif c == "&":
            q = _nbsp_ref(text, p, end)
            if q is None:
                break
            p = q
        elif c == "<" or md:
            q = _markup_run(text, p, end, md)
            if q == p:
                break
            p = q
        else:
            break
    return p if p > start else None


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
            found = _search(text, b, needle[:200], markup, hint, min(len(text), hint + limit))
        except re.error:
            return None
        if found:
            return found
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
