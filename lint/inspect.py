"""``newslint inspect``: the article model as JSON, so a user can see why a rule fired or did not."""

from __future__ import annotations

from .article import Article


def _where(article, el) -> dict | None:
    if el is None:
        return None
    s, _ = article.element_span(el)
    line, col = article.doc.position(s)
    return {"line": line, "column": col}


def _loc(article, loc) -> dict | None:
    if loc is None:
        return None
    s, _ = article.locate(loc)
    line, col = article.doc.position(s)
    return {"line": line, "column": col}


def _describe(el) -> str | None:
    if el is None:
        return None
    from .extract.body import _describe as d

    return d(el)


def inspect_article(doc, config=None) -> dict:
    a = Article(doc, config)
    is_article, why = a.article_kind
    out: dict = {
        "source": doc.source,
        "kind": doc.kind,
        "url": doc.url,
        "encoding": {"name": doc.encoding, "decided_by": doc.encoding_how},
        "language": a.lang,
        "is_article": is_article,
        "is_article_reason": why,
    }
    page = a.page
    out["headline"] = {"text": page.headline, "at": _where(a, page.headline_el)}
    out["title"] = page.title
    out["canonical"] = page.canonical
    body = a.body
    out["body"] = {"element": _describe(body.element), "reason": body.reason, "at": _where(a, body.element),
                   "paragraphs": body.paragraphs, "characters": body.paragraph_chars}
    out["blocks"] = [{"tag": b.tag, "line": b.line, "caption": b.is_caption, "text": b.text[:300]}
                     for b in a.blocks[:200]]
    dates = a.dates
    out["dates"] = {
        "visible": [{"text": v.text, "value": v.value, "at": _loc(a, v.loc), **(getattr(v, "extra", None) or {})}
                    for v in dates.visible],
        "machine": [{"source": m.source, "property": m.prop, "role": m.role, "value": m.raw, "at": _loc(a, m.loc)}
                    for m in dates.machine],
    }
    by = a.byline
    out["byline"] = {
        "visible": ({"name": by.visible.name, "found_in": by.visible.source, "at": _loc(a, by.visible.loc)}
                    if by.visible else None),
        "authors": [{"name": x.name, "found_in": x.source, "url": x.url, "type": x.kind, "at": _loc(a, x.loc)}
                    for x in by.authors],
        "sources": [{"source": s, "at": _loc(a, loc)} for s, loc in by.sources],
    }
    out["images"] = [{"src": i.src, "alt": i.alt, "caption": i.caption, "width": i.width, "height": i.height,
                      "content": i.content, "reason": i.reason, "at": _where(a, i.element)} for i in a.images]
    mk = a.markup
    out["markup"] = {
        "json_ld": [{"at": _where(a, b.element), "parses": b.error is None, "error": b.error,
                     "types": sorted({t for n in _nodes(b.data) for t in _types(n)})} for b in mk.jsonld],
        "opengraph": mk.opengraph,
        "microdata": len(mk.microdata),
        "rdfa": len(mk.rdfa),
        "page_types": sorted(mk.page_types),
        "article": mk.article,
        "article_sources": {k: {**src, **(_loc(a, mk.value_loc(k)) or {})} for k, src in mk.article_sources.items()},
    }
    return out


def _nodes(data):
    from .extract.markup import flatten

    return flatten([data]) if data is not None else []


def _types(n):
    from .extract.markup import _types as t

    return t(n)
