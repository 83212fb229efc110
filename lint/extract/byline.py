"""Who wrote it: markup authors, ``meta name=author``, ``rel=author``, byline blocks (class or
``itemprop`` author/byline, the configured selector), the closing line common on Vietnamese
sites (``Phương Loan (nbtv.vn)``, ``Theo TTXVN``, ``Nguồn: …``, ``MINH ANH``), and front matter
``author``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from ..document import HTML, MARKDOWN
from ..model import Loc, lazy_loc
from .named import house_style_elements

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_WORD = rf"[{_UP}][\w'’.-]*"
# A closing byline: 1-5 capitalised words, optionally "(source)" or "- source", alone on its line.
_CLOSING = re.compile(
    rf"^(?P<name>(?:{_WORD}\s+){{0,4}}{_WORD})"
    r"(?:\s*[(\[](?P<source>[^()\[\]]{2,60})[)\]]|\s+[-–]\s+(?P<source2>[\w.-]+\.[a-z]{2,}))?\s*$"
)
_ALLCAPS = re.compile(rf"^[{_UP}]+(?:\s+[{_UP}]+){{1,4}}$")
_THEO = re.compile(r"^(?:Theo|Nguồn|Source|Via)\s*:?\s+(?P<source>.{2,80}?)\s*\.?$", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|bởi|tác giả|người viết|posted by|written by|words by|story by)"
                        r"\s*:?\s+", re.IGNORECASE)


@dataclass(slots=True)
class Author:
    name: str
    source: str  # 'json-ld', 'microdata', 'meta', 'rel-author', 'byline', 'closing-line', 'front-matter'
    url: str | None = None
    kind: str | None = None  # schema.org type ('Person', 'Organization') when from markup
    _loc: Loc | None = None  # read and set as ``loc``
    text: str | None = None  # the byline's whole text, for a byline block
    _locate: object = None  # a function that gives ``loc``, called when ``loc`` is first read

    loc = lazy_loc("Where the name is (a byline block's name is found in the source when first asked for).")


@dataclass(slots=True)
class Byline:
    authors: list = field(default_factory=list)  # Author, every place one was found
    sources: list = field(default_factory=list)  # (source text, Loc) e.g. 'nbtv.vn', 'TTXVN'
    visible: Author | None = None  # the byline a reader sees
    visible_names: list = field(default_factory=list)  # every name the visible byline gives
    publisher: str | None = None  # the markup's publisher name

    @property
    def has_author(self) -> bool:
        return bool(self.authors or self.sources)

    def markup_authors(self) -> list:
        return [a for a in self.authors if a.source in ("json-ld", "microdata")]


def _jsonld_loc(article, name: str) -> Loc | None:
    for blk in article.markup.jsonld:
        if blk.offset < 0 or blk.data is None:
            continue
        i = blk.raw.find('"author"')
        if i < 0:
            continue
        j = blk.raw.find(name, i)
        if j < 0:
            j = blk.raw.find(name)
        if j >= 0:
            return Loc(offset=blk.offset + j, end_offset=blk.offset + j + len(name))
        return Loc(offset=blk.offset + i, end_offset=blk.offset + i + 8)
    return None


def _markup_authors(article, by: Byline):
    art = article.markup.article
    if not isinstance(art, dict):
        return
    pub = art.get("publisher")
    if isinstance(pub, list):
        pub = pub[0] if pub else None
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        by.publisher = pub["name"].strip()
    elif isinstance(pub, str):
        by.publisher = pub.strip()
    val = art.get("author")
    vals = val if isinstance(val, list) else [val]
    src = "microdata" if (article.markup.article_sources or {}).get("author") == "microdata" else "json-ld"
    for v in vals[:50]:
        if isinstance(v, str) and v.strip():
            by.authors.append(Author(v.strip(), src, _loc=_jsonld_loc(article, v.strip())))
        elif isinstance(v, dict):
            name = v.get("name")
            if isinstance(name, list):
                name = next((x for x in name if isinstance(x, str)), None)
            if isinstance(name, str) and name.strip():
                t = v.get("@type")
                if isinstance(t, list):
                    t = next((x for x in t if isinstance(x, str)), None)
                url = v.get("url")
                by.authors.append(Author(name.strip(), src, url if isinstance(url, str) else None,
                                         t.rsplit("/", 1)[-1] if isinstance(t, str) else None,
                                         _jsonld_loc(article, name.strip())))


_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "dos", "das", "del", "bin", "al", "y", "e"}
_JOIN = re.compile(r"^(?:,|;|&|and|und|và|y|et)$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’.-]+|[,;&]")


def name_like(text: str) -> str | None:
    """The leading run of a byline that reads as one or more names ("Jane Smith and John Doe",
    "Phương Loan"), or None when the text does not start with a name."""
    toks = _TOKEN.findall(text)
    out: list = []
    words = 0
    for t in toks:
        if _JOIN.match(t):
            if not out or _JOIN.match(out[-1]):
                break
            out.append(t)
            words = 0
            continue
        if t[:1].isupper() and not any(c.isdigit() for c in t) or (out and t.lower() in _PARTICLES):
            out.append(t)
            words += 1
            if words > 5:
                return None
            continue
        if t[:1].isalpha() and t[:1].islower():
            return None  # a sentence ("Bitte geben Sie …"), not a byline
        break
    while out and _JOIN.match(out[-1]):
        out.pop()
    # A one-word tail after a comma is a label ("…, Published", "…, Par"), not another person.
    if len(out) >= 3 and _JOIN.match(out[-2]) and not _JOIN.match(out[-1]):
        out = out[:-2]
    if not out:
        return None
    name = " ".join(out).replace(" ,", ",").replace(" ;", ";")
    return name if len(name) >= 3 else None


def clean_name(text: str) -> str:
    """A byline's text without "By", labels and trailing punctuation."""
    t = " ".join(text.split())
    t = _BY_PREFIX.sub("", t)
    return t.strip(" ,;:-–|·")


def _locate_name(doc, find, el, name: str) -> Loc:
    """A byline block's name in the source, from its element's line on (else the element)."""
    span = find(name, doc.offset(getattr(el, "sourceline", 1) or 1))
    return Loc(offset=span[0], end_offset=span[1]) if span else Loc(element=el)


def _byline_blocks(article, by: Byline):
    from .dates import scan, source_finder

    found = house_style_elements(article, "byline_selector")
    if not found:
        found = scan(article).bylines[:6]
    find = source_finder(article)
    for el in found:
        text = " ".join(el.text_content().split())
        if not text or len(text) > 100:
            continue
        # The innermost byline element wins: skip containers of one already taken.
        if any(a.source == "byline" and a.name in text and len(text) > len(a.name) + 30 for a in by.authors):
            continue
        name = clean_name(text)
        m = _CLOSING.match(name)
        source = None
        if m and (m.group("source") or m.group("source2")):
            source = (m.group("source") or m.group("source2")).strip()
            name = m.group("name")
        else:
            name = name_like(name)
        if not name or any(a.source == "byline" and a.name == name for a in by.authors):
            continue
        if source:  # the source is found after the name: both now
            hint = article.doc.offset(getattr(el, "sourceline", 1) or 1)
            span = find(name, hint)
            loc = Loc(offset=span[0], end_offset=span[1]) if span else Loc(element=el)
            by.authors.append(Author(name, "byline", _loc=loc, text=text))
            sp = find(source, span[1] if span else hint)
            by.sources.append((source, Loc(offset=sp[0], end_offset=sp[1]) if sp else loc))
        else:
            by.authors.append(Author(name, "byline", text=text,
                                     _locate=partial(_locate_name, article.doc, find, el, name)))
        if len([a for a in by.authors if a.source == "byline"]) >= 2:
            break


def _closing_line(article, by: Byline) -> Author | None:
    blocks = article.blocks
    for blk in reversed(blocks[-12:]):
        t = blk.text.strip()
        if len(t) > 80 or blk.is_caption:
            continue
        m = _THEO.match(t)
        if m:
            s = m.group("source")
            by.sources.append((s, Loc(block=blk, start=m.start("source"), end=m.end("source"))))
            return None
        m = _CLOSING.match(t)
        if m and (m.group("source") or m.group("source2")) and len(t.split()) <= 9:
            g = "source" if m.group("source") else "source2"
            a = Author(m.group("name"), "closing-line", _loc=Loc(block=blk, start=0, end=len(m.group("name"))))
            if any(x.source == "byline" and x.name == a.name for x in by.authors):
                return None  # the same line, already read as the byline block
            by.authors.append(a)
            by.sources.append((m.group(g).strip(), Loc(block=blk, start=m.start(g), end=m.end(g))))
            return a
        if _ALLCAPS.match(t) and blk is blocks[-1] and article.lang == "vi":
            a = Author(t, "closing-line", _loc=Loc(block=blk, start=0, end=len(t)))
            by.authors.append(a)
            return a
    return None


def split_names(name: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bvà\b|\bund\b|\s-\s|/)\s*", name)
    return [p.strip() for p in parts if p.strip()]


def extract_byline(article) -> Byline:
    by = Byline()
    if article.kind == MARKDOWN:
        fm = article.markdown.front_matter
        for key in ("author", "authors", "byline"):
            v = fm.get(key)
            for name in (v if isinstance(v, list) else [v]):
                if isinstance(name, dict):
                    name = name.get("name")
                if isinstance(name, str) and name.strip():
                    fv = article.markdown.raw_front_matter.get(key)
                    loc = None
                    if fv is not None:
                        start = article.doc.offset(fv.line, fv.column)
                        i = article.doc.text.find(name.strip(), start)
                        loc = Loc(offset=i, end_offset=i + len(name.strip())) if i >= 0 else Loc(offset=start)
                    by.authors.append(Author(name.strip(), "front-matter", _loc=loc))
    if article.kind == HTML:
        _markup_authors(article, by)
        m = article.meta.get("author")
        if m and isinstance(m[0], str) and m[0].strip():
            by.authors.append(Author(m[0].strip(), "meta", _loc=Loc(element=m[1], attr="content")))
        from .dates import scan

        for a in scan(article).rel_authors:
            t = " ".join(a.text_content().split())
            if t and len(t) <= 100:
                by.authors.append(Author(t, "rel-author", a.get("href"), _loc=Loc(element=a)))
                break
        _byline_blocks(article, by)
    closing = _closing_line(article, by)
    shown = [a for a in by.authors if a.source == "byline"]
    if shown:
        by.visible = shown[0]
        by.visible_names = [n for a in shown for n in split_names(a.name)]
    elif closing is not None:
        by.visible = closing
        by.visible_names = split_names(closing.name)
    elif by.authors:
        by.visible = by.authors[0]
    return by
