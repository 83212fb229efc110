"""Who wrote it: markup authors, meta author, rel=author, byline blocks, and the closing line
(``Phương Loan (nbtv.vn)``, ``Theo TTXVN``) common on Vietnamese sites; front matter ``author``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import HTML, MARKDOWN, TEXT
from ..model import Loc

# A closing byline: 2-5 capitalised words, optionally "(source)", alone on its line.
_CLOSING = re.compile(
    r"^(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w'’.-]*\s+){0,4}"
    r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w'’.-]*)"
    r"(?:\s*[(\[](?P<source>[^()\[\]]{2,60})[)\]])?\s*$"
)
_THEO = re.compile(r"^(?:Theo|Nguồn|Source|Via)\s*:?\s+(?P<source>.{2,80}?)\s*\.?$", re.IGNORECASE)


@dataclass(slots=True)
class Author:
    name: str
    source: str  # 'json-ld', 'meta', 'rel-author', 'byline', 'closing-line', 'front-matter'
    url: str | None = None
    kind: str | None = None  # schema.org type ('Person', 'Organization') when from markup
    loc: Loc | None = None


@dataclass(slots=True)
class Byline:
    authors: list = field(default_factory=list)  # Author, every place one was found
    sources: list = field(default_factory=list)  # (source text, Loc) e.g. 'nbtv.vn', 'TTXVN'
    visible: Author | None = None  # the byline a reader sees

    @property
    def has_author(self) -> bool:
        return bool(self.authors or self.sources)


def _markup_authors(article, out: list):
    art = article.markup.article
    if not art:
        return
    val = art.get("author")
    vals = val if isinstance(val, list) else [val]
    for v in vals:
        if isinstance(v, str) and v.strip():
            out.append(Author(v.strip(), "json-ld"))
        elif isinstance(v, dict):
            name = v.get("name")
            if isinstance(name, str) and name.strip():
                t = v.get("@type")
                out.append(Author(name.strip(), "json-ld", v.get("url") if isinstance(v.get("url"), str) else None,
                                  t if isinstance(t, str) else None))


def extract_byline(article) -> Byline:
    by = Byline()
    if article.kind == MARKDOWN:
        fm = article.markdown.front_matter
        for key in ("author", "authors", "byline"):
            v = fm.get(key)
            for name in (v if isinstance(v, list) else [v]):
                if isinstance(name, str) and name.strip():
                    fv = article.markdown.raw_front_matter.get(key)
                    loc = Loc(offset=article.doc.offset(fv.line, fv.column)) if fv else None
                    by.authors.append(Author(name.strip(), "front-matter", loc=loc))
    if article.kind == HTML:
        _markup_authors(article, by.authors)
        m = article.meta.get("author")
        if m and m[0].strip():
            by.authors.append(Author(m[0].strip(), "meta", loc=Loc(element=m[1], attr="content")))
        root = article.tree
        for a in root.iter("a"):
            if "author" in (a.get("rel") or "").lower().split():
                t = " ".join(a.text_content().split())
                if t:
                    by.authors.append(Author(t, "rel-author", a.get("href"), loc=Loc(element=a)))
                    break
    # Closing line of the text: the last short block(s).
    blocks = article.blocks
    for blk in reversed(blocks[-8:]):
        t = blk.text.strip()
        if len(t) > 80:
            continue
        m = _THEO.match(t)
        if m:
            by.sources.append((m.group("source"), Loc(block=blk, start=m.start("source"), end=m.end("source"))))
            break
        m = _CLOSING.match(t)
        if m and m.group("source") and len(t.split()) <= 8:
            a = Author(m.group("name"), "closing-line", loc=Loc(block=blk, start=0, end=len(m.group("name"))))
            by.authors.append(a)
            by.visible = a
            by.sources.append((m.group("source").strip(), Loc(block=blk, start=m.start("source"), end=m.end("source"))))
            break
    if by.visible is None and by.authors:
        by.visible = by.authors[0]
    return by
