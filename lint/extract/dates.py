"""Dates of the page: machine dates (JSON-LD, meta, <time>, front matter) and the visible dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import HTML, MARKDOWN, TEXT
from ..model import Loc

_META_DATES = {
    "article:published_time": "published",
    "article:modified_time": "modified",
    "og:published_time": "published",
    "og:updated_time": "modified",
    "date": "published",
    "pubdate": "published",
    "dc.date.issued": "published",
    "dcterms.created": "published",
    "dcterms.modified": "modified",
}


@dataclass(slots=True)
class MachineDate:
    source: str  # 'json-ld', 'meta', 'time', 'front-matter'
    prop: str  # 'datePublished', 'article:published_time', 'datetime', 'date'...
    role: str  # 'published' | 'modified' | 'other'
    raw: str
    loc: Loc | None = None


@dataclass(slots=True)
class VisibleDate:
    text: str
    loc: Loc | None = None
    value: object = None  # a datetime when parsed


@dataclass(slots=True)
class Dates:
    machine: list = field(default_factory=list)
    visible: list = field(default_factory=list)


_VISIBLE = re.compile(
    r"(?:(?:Thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s*nhật|CN)\s*,?\s*)?"
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?",
    re.IGNORECASE,
)


def _jsonld_value_loc(article, prop: str, raw: str) -> Loc | None:
    for blk in article.markup.jsonld:
        if blk.offset < 0 or blk.data is None:
            continue
        i = blk.raw.find(f'"{prop}"')
        if i >= 0:
            j = blk.raw.find(raw, i) if isinstance(raw, str) else -1
            if j >= 0:
                return Loc(offset=blk.offset + j, end_offset=blk.offset + j + len(raw))
            return Loc(offset=blk.offset + i, end_offset=blk.offset + i + len(prop) + 2)
    return None


def extract_dates(article) -> Dates:
    d = Dates()
    if article.kind == MARKDOWN:
        for key in ("date", "publishdate", "lastmod", "modified", "updated"):
            fv = article.markdown.raw_front_matter.get(key)
            if fv is not None:
                role = "published" if key in ("date", "publishdate") else "modified"
                d.machine.append(MachineDate("front-matter", fv.key, role, fv.raw.strip("\"'"),
                                             Loc(offset=article.doc.offset(fv.line, fv.column),
                                                 end_offset=article.doc.offset(fv.line, fv.column) + len(fv.raw))))
    if article.kind == HTML:
        art = article.markup.article
        if art:
            for prop, role in (("datePublished", "published"), ("dateModified", "modified"), ("dateCreated", "other")):
                v = art.get(prop)
                if isinstance(v, str):
                    d.machine.append(MachineDate("json-ld", prop, role, v, _jsonld_value_loc(article, prop, v)))
        for key, (value, el) in article.meta.items():
            role = _META_DATES.get(key)
            if role and value:
                d.machine.append(MachineDate("meta", key, role, value.strip(), Loc(element=el, attr="content")))
        root = article.tree
        for t in root.iter("time"):
            dt = t.get("datetime")
            if dt:
                d.machine.append(MachineDate("time", "datetime", "other", dt.strip(), Loc(element=t, attr="datetime")))
    # Visible dateline: the first date-shaped text near the top of the article.
    if article.kind == TEXT:
        for blk in article.blocks[:8]:
            m = _VISIBLE.search(blk.text)
            if m:
                d.visible.append(VisibleDate(m.group(0), Loc(block=blk, start=m.start(), end=m.end())))
                break
    return d
