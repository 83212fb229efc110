"""Structured data on the page: JSON-LD blocks (each parsed on its own, with positions),
OpenGraph, and microdata/RDFa (read by extruct only when the page uses them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..document import HTML
from ..limits import LIMITS


@dataclass(slots=True)
class JsonLdBlock:
    element: object
    raw: str  # the script's text as in the source
    offset: int  # absolute offset of raw[0] in the document text (-1 if unknown)
    data: object = None  # parsed value, None when it does not parse
    error: str | None = None
    error_pos: int | None = None  # offset in raw of the parse error


@dataclass(slots=True)
class Markup:
    jsonld: list = field(default_factory=list)
    opengraph: dict = field(default_factory=dict)
    microdata: list = field(default_factory=list)
    rdfa: list = field(default_factory=list)
    nodes: list = field(default_factory=list)  # every typed node, flattened (dicts)
    page_types: set = field(default_factory=set)
    article: dict | None = None  # the merged article entity
    article_sources: dict = field(default_factory=dict)  # property -> where its value came from


def _types(node) -> list[str]:
    t = node.get("@type") if isinstance(node, dict) else None
    if t is None:
        return []
    ts = t if isinstance(t, list) else [t]
    out = []
    for x in ts:
        if isinstance(x, str):
            x = x.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            out.append(x)
    return out


def flatten(values, limit: int = LIMITS.max_jsonld_nodes) -> list[dict]:
    """Every dict node with a @type, from arrays, @graph and nested values. Iterative and capped."""
    out = []
    stack = [(v, 0) for v in reversed(values)]
    seen = 0
    while stack and seen < limit * 4:
        v, depth = stack.pop()
        seen += 1
        if depth > LIMITS.max_depth:
            continue
        if isinstance(v, list):
            stack.extend((x, depth + 1) for x in reversed(v))
        elif isinstance(v, dict):
            if "@type" in v:
                out.append(v)
                if len(out) >= limit:
                    break
            for k, x in v.items():
                if isinstance(x, (list, dict)):
                    stack.append((x, depth + 1))
    return out


def _script_offset(article, el) -> int:
    text = article.doc.text
    line = getattr(el, "sourceline", None)
    if not line:
        return -1
    start = article.doc.offset(line)
    m = re.compile(r"<script\b[^>]*>", re.IGNORECASE).search(text, start)
    return m.end() if m else -1


def extract_markup(article) -> Markup:
    mk = Markup()
    root = article.tree
    if root is None or article.kind != HTML:
        return mk
    # One pass over the tree for scripts and the cheap syntax sniff.
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = el.text or ""
        blk = JsonLdBlock(el, raw, _script_offset(article, el))
        if len(raw) > LIMITS.max_jsonld_bytes:
            blk.error = f"block too large to check ({len(raw):,} characters; limit {LIMITS.max_jsonld_bytes:,})"
        elif not raw.strip():
            blk.error = "empty block"
        else:
            try:
                blk.data = json.loads(raw)
            except json.JSONDecodeError as exc:
                blk.error, blk.error_pos = exc.msg, exc.pos
            except RecursionError:
                blk.error = "nested too deeply to check"
        mk.jsonld.append(blk)
    for key, (value, _el) in article.meta.items():
        if key.startswith(("og:", "article:")):
            mk.opengraph[key] = value
    parsed = [b.data for b in mk.jsonld if b.data is not None]
    mk.nodes = flatten(parsed)
    for n in mk.nodes:
        mk.page_types.update(_types(n))
    from .page import ARTICLE_TYPES

    for n in mk.nodes:
        if set(_types(n)) & ARTICLE_TYPES:
            mk.article = n
            mk.article_sources = {k: "json-ld" for k in n}
            break
    return mk
