"""SD: schema.org NewsArticle markup (JSON-LD, microdata, RDFa, OpenGraph).

The rules read ``article.markup`` (lint/extract/markup.py): the JSON-LD blocks, the flattened
nodes of every syntax, and the merged article entity with ``value_loc`` for locations. Dates,
authors and images of the entity are checked by the DT, BY and IM families. Which rules run
depends on the configured ``profile`` (schemas/newsarticle.profile.json, ``x-profiles``).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache

from ..model import Loc, Problem
from ..registry import check

DEFAULT_PROFILE = "google-article"


@lru_cache(maxsize=1)
def profile_schema() -> dict:
    from ..catalogue import data_dir  # beside the package in a checkout, inside it in a wheel

    return json.loads((data_dir("schemas") / "newsarticle.profile.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def profile_rules(name: str) -> frozenset:
    """The rules a profile runs (asked before every SD rule runs, so kept per process)."""
    return frozenset(profile_schema()["x-profiles"].get(name, {}).get("rules", ()))


def _sd(code: str):
    """Register a check that runs only when the configured profile includes the rule."""

    def deco(fn):
        def run(article, options):
            prof = getattr(article.config, "profile", None) or DEFAULT_PROFILE
            if code not in profile_rules(prof):
                return ()
            return fn(article, options) or ()

        run.__name__ = run.__qualname__ = fn.__name__
        run.__doc__ = fn.__doc__
        return check(code)(run)

    return deco


# --------------------------------------------------------------------------- helpers
def _so():
    from .. import schemaorg

    return schemaorg


def _raw_types(node) -> list[str]:
    t = node.get("@type") if isinstance(node, dict) else None
    ts = t if isinstance(t, list) else [t] if t is not None else []
    return [x for x in ts if isinstance(x, str)]


def _schema_term(name: str) -> str | None:
    """The schema.org local name of a type or property term, None for another vocabulary."""
    name = name.strip()
    if "://" in name:
        if "schema.org" not in name.lower():
            return None
        return name.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if ":" in name:
        pre, _, local = name.partition(":")
        return local if pre == "schema" else None
    return name


def _schema_context(ctx) -> bool | None:
    """True: schema.org; False: another vocabulary; None: no @context."""
    if ctx is None:
        return None
    items = ctx if isinstance(ctx, list) else [ctx]
    for c in items:
        if isinstance(c, str) and "schema.org" in c.lower():
            return True
        if isinstance(c, dict):
            v = c.get("@vocab")
            if isinstance(v, str) and "schema.org" in v.lower():
                return True
            if any(isinstance(x, str) and "schema.org" in x.lower() for x in c.values()):
                return True
    return False


def _block_contexts(mk) -> dict:
    """block index -> True when its nodes are schema.org (or there is no @context to say otherwise)."""
    out = {}
    for b in mk.jsonld:
        if b.data is None:
            continue
        tops = b.data if isinstance(b.data, list) else [b.data]
        flags = [_schema_context(t.get("@context")) for t in tops if isinstance(t, dict)]
        out[b.index] = not flags or any(f is not False for f in flags)
    return out


def _vocab_nodes(article) -> list:
    """(node, schema.org type names, syntax, facts) for nodes written in the schema.org vocabulary,
    found once per article (several rules read them); ``facts`` is :func:`_node_facts` of the
    node's types and keys."""
    cached = article.__dict__.get("_sd_vocab_nodes")
    if cached is not None:
        return cached
    mk = article.markup
    ctx = _block_contexts(mk)
    origins = mk.origins  # id(node) -> Origin, as mk.origin reads it
    out = []
    for n in mk.nodes:
        org = origins.get(id(n))
        if org is None:
            continue
        syntax = org.syntax
        if syntax == "json-ld" and not ctx.get(org.block, True):
            continue
        t = n.get("@type")  # _raw_types(n), as a tuple
        raw = (t,) if isinstance(t, str) else tuple(x for x in t if isinstance(x, str)) if isinstance(t, list) else ()
        types = _schema_types(raw)
        if raw and not types:
            continue  # another vocabulary (foaf:Image, data-vocabulary.org...)
        keys = tuple(n)
        out.append((n, types, syntax, _node_facts(types, keys if len(keys) <= 500 else keys[:500])))
    article.__dict__["_sd_vocab_nodes"] = out
    return out


@lru_cache(maxsize=1024)
def _schema_types(raw: tuple) -> tuple:
    """The schema.org names of a node's ``@type`` values (other vocabularies left out)."""
    return tuple(t for t in (_schema_term(x) for x in raw) if t)


_BOOLEAN = frozenset({"Boolean"})


@lru_cache(maxsize=4096)
def _node_facts(types: tuple, keys: tuple) -> tuple[tuple, tuple, tuple]:
    """What the vocabulary says about a node of ``types`` (schema.org names) with ``keys`` (its
    first 500): (the types schema.org does not define, for SD006; the (key, verdict) pairs of
    :func:`_property_verdict` that are defects, for SD007, when every type is known; the keys
    naming a property whose only range is Boolean, for SD021). Kept per process: a site writes
    the same nodes on every page."""
    so = _so()
    unknown = tuple(t for t in types if not so.is_type(t))
    verdicts = ()
    if types and not unknown:
        verdicts = tuple((k, v) for k in keys if isinstance(k, str)
                         for v in (_property_verdict(k, types),) if v is not None)
    booleans = tuple(k for k in keys if isinstance(k, str) and not k.startswith("@")
                     for p in (_schema_term(k),) if p and so.ranges(p) == _BOOLEAN)
    return unknown, verdicts, booleans


def _loc(article, node, prop=None, *path) -> Loc | None:
    mk = article.markup
    return mk.node_value_loc(node, prop, *path) if node is not None else None


def _article_node(mk):
    return mk._primary


def _strings(v) -> list[str]:
    vs = v if isinstance(v, list) else [v]
    return [x for x in vs if isinstance(x, str)]


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=2048)
def _norm(s: str) -> str:
    """Text reduced to its letters and digits, case-folded, for comparing headlines (remembered:
    SD016 compares the markup headline with each of the page's)."""
    s = html.unescape(s)
    s = unicodedata.normalize("NFC", s).casefold()
    return _NOT_WORD.sub("", s)


def _absolute_http(u: str) -> bool:
    return bool(re.match(r"^https?://[^/\s]+", u.strip(), re.IGNORECASE))


def _url_key(u: str) -> str:
    u = u.strip().split("#", 1)[0].split("?", 1)[0]
    u = re.sub(r"^https?://(?:www\.|m\.|amp\.)?", "", u, flags=re.IGNORECASE)
    u = re.sub(r"/amp/?$|\.amp$", "", u)
    return u.rstrip("/").lower()


def _value_of(v):
    """A property value as text: strings, {"@value"}, {"@id"} or {"url"}."""
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        for k in ("@value", "@id", "url"):
            if isinstance(v.get(k), str):
                return v[k]
    return None


# --------------------------------------------------------------------------- rules
@_sd("SD001")
def no_article_markup(article, options):
    """An article page without Article-family markup in any syntax."""
    mk = article.markup
    if mk.article is not None:
        return
    hint = ""
    if any(b.error for b in mk.jsonld):
        hint = " (a JSON-LD block on the page does not parse; fix it first)"
    else:
        so = _so()
        near = {t for n in mk.nodes for t in (_schema_term(x) for x in _raw_types(n)) if t}
        bad = sorted(t for t in near if not so.is_type(t) and (so.suggest_type(t) or "") in so.subtypes("Article"))
        if bad:
            hint = f" ({bad[0]!r} is not a schema.org type; did you mean {so.suggest_type(bad[0])!r}?)"
        elif near & {"WebPage", "ItemPage"}:
            hint = " (the page is typed WebPage; type the article itself as NewsArticle)"
    yield Problem("no schema.org Article or NewsArticle markup on this article page" + hint, None,
                  anchor="no-article-markup")


@_sd("SD002")
def jsonld_syntax(article, options):
    """A JSON-LD block that does not parse as JSON."""
    for blk in article.markup.jsonld:
        if blk.error is None or blk.error == "empty block":
            continue
        if blk.error_pos is not None and blk.offset >= 0:
            off = blk.offset + blk.error_pos
            loc = Loc(offset=off, end_offset=off + 1)
        else:
            loc = Loc(element=blk.element)
        msg = f"JSON-LD block {blk.index + 1} does not parse: {blk.error}"
        if blk.repair:
            msg += f" ({blk.repair}; lenient consumers may repair it, search engines and strict parsers drop the block)"
        yield Problem(msg, loc, anchor=f"{blk.error}|{blk.raw[:60]}",
                      data={"block": blk.index + 1, "repair": blk.repair} if blk.repair else {"block": blk.index + 1})


@_sd("SD003")
def jsonld_empty(article, options):
    """An empty or whitespace-only JSON-LD script."""
    for blk in article.markup.jsonld:
        if blk.error == "empty block":
            loc = Loc(offset=blk.offset, end_offset=blk.offset) if blk.offset >= 0 else Loc(element=blk.element)
            yield Problem(f"JSON-LD block {blk.index + 1} is empty", loc, anchor=f"empty|{blk.index}")


def _top_dicts(blk):
    tops = blk.data if isinstance(blk.data, list) else [blk.data]
    return [(i if isinstance(blk.data, list) else None, t) for i, t in enumerate(tops) if isinstance(t, dict)]


def _block_path_loc(blk, path) -> Loc | None:
    from ..extract.markup import _span_loc, _step

    pos = blk.positions()
    if pos is None or blk.offset < 0:
        return Loc(element=blk.element)
    cur, val = pos, blk.data
    for k in path:
        nxt, nval = _step(cur, val, k)
        if nxt is None:
            break
        cur, val = nxt, nval
    return _span_loc(blk, cur)


@_sd("SD004")
def jsonld_context(article, options):
    """A JSON-LD object with @type or @graph but no schema.org @context."""
    for blk in article.markup.jsonld:
        if blk.data is None:
            continue
        for i, top in _top_dicts(blk):
            if "@type" not in top and "@graph" not in top:
                continue
            path = (i,) if i is not None else ()
            ctx = top.get("@context")
            flag = _schema_context(ctx)
            types = _raw_types(top)
            if flag is None:
                if types and all("schema.org" in t for t in types):
                    continue  # full IRIs need no context
                graph = top.get("@graph")
                if not types and isinstance(graph, list) and graph and all(
                        not isinstance(g, dict) or "@type" not in g or _schema_context(g.get("@context"))
                        for g in graph):
                    continue  # each node of the graph carries its own context
                yield Problem(f"JSON-LD block {blk.index + 1} has no @context: without \"@context\": "
                              "\"https://schema.org\" its types and properties mean nothing",
                              _block_path_loc(blk, path), anchor=f"no-context|{types[:1]}")
            elif flag is False and any(_so().is_type(t) for t in types):
                yield Problem(f"JSON-LD @context {json.dumps(ctx)[:80]} is not schema.org, but the types are "
                              "schema.org's", _block_path_loc(blk, path + ("@context",)), anchor=f"ctx|{ctx!s:.60}")


_HTTP_CONTEXT = re.compile(r"^http://(?:www\.)?schema\.org/?$", re.IGNORECASE)


@_sd("SD005")
def context_http(article, options):
    """@context is http://schema.org rather than https://schema.org."""
    for blk in article.markup.jsonld:
        if blk.data is None:
            continue
        for i, top in _top_dicts(blk):
            ctx = top.get("@context")
            if isinstance(ctx, str) and _HTTP_CONTEXT.match(ctx.strip()):
                path = ((i,) if i is not None else ()) + ("@context",)
                yield Problem("@context uses http://schema.org; schema.org serves https, prefer "
                              "\"https://schema.org\" (both are accepted)", _block_path_loc(blk, path),
                              anchor="http-context")
                return  # once per page: it is one template setting


@_sd("SD006")
def unknown_type(article, options):
    """A @type (or itemtype / typeof) that is not a schema.org type."""
    so = _so()
    for node, _types, _syn, facts in _vocab_nodes(article):
        for t in facts[0]:
            hint = so.suggest_type(t)
            msg = f"{t!r} is not a schema.org type" + (f" (did you mean {hint!r}?)" if hint else "")
            yield Problem(msg, _loc(article, node, "@type"), anchor=f"type|{t}",
                          data={"did_you_mean": hint} if hint else None)


@_sd("SD007")
def unknown_property(article, options):
    """A property that schema.org does not define, or does not define for the node's type."""
    found: dict = {}  # one finding per defect and page, with the count of repeats
    for node, _types, _syn, facts in _vocab_nodes(article):
        for k, verdict in facts[1]:  # none on a node of unknown types: those are SD006's
            key = verdict[0]
            if key in found:
                found[key][3] += 1
            else:
                found[key] = [verdict[1], node, k, 0, verdict[2]]
    for key, (msg, node, k, more, data) in found.items():
        if more:
            msg += f" ({more} more on the page)"
        yield Problem(msg, _loc(article, node, k), anchor="|".join(map(str, key)),
                      data=dict(data) if data is not None else None)


@lru_cache(maxsize=8192)
def _property_verdict(k: str, types: tuple):
    """(key, message, data) when property ``k`` is a defect on a node of ``types`` (all known
    schema.org types), else None. The same names recur on every page of a site."""
    so = _so()
    if k.startswith("@") or k == "dateline":
        return None
    p = _schema_term(k)
    if p is None or p.startswith(("og:", "fb:")) or p in _EXTENSIONS:
        return None
    info = so.property_info(p)
    if info is not None and info.get("superseded_by") and not so.property_domains(p):
        return (("superseded", p), f"{p!r} is superseded in schema.org by {', '.join(map(repr, info['superseded_by']))}",
                {"superseded_by": info["superseded_by"]})
    if not so.is_property(p):
        hint = so.suggest_property(p, list(types))
        return (("unknown", p), f"{p!r} is not a schema.org property" + (f" (did you mean {hint!r}?)" if hint else ""),
                {"did_you_mean": hint} if hint else None)
    if not so.property_ok(p, types):
        doms = sorted(so.property_domains(p))[:4]
        return (("domain", p, types), (f"{p!r} is not a property of {'/'.join(types)} in schema.org (it is defined on "
                                       f"{', '.join(doms)})"), None)
    return None


# Terms consumers document beside schema.org (Google's sitelinks search box).
_EXTENSIONS = {"query-input"}


def _microdata_elements(article):
    """The page's elements with itemprop, itemscope, itemref or itemtype, in document order
    (found with the structured data, in the same walk)."""
    return article.markup.microdata_elements


_ABSOLUTE_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@_sd("SD008")
def microdata_itemtype(article, options):
    """A microdata itemtype that is not an absolute URL."""
    for el in _microdata_elements(article):
        it = el.get("itemtype")
        if it is None:
            continue
        for tok in it.split():
            if not _ABSOLUTE_URL.match(tok):
                fix = "https://" + tok.lstrip("/") if "schema.org/" in tok else "https://schema.org/" + tok
                yield Problem(f"microdata itemtype {tok!r} is not an absolute URL (write {fix})",
                              article.markup.element_loc(el, "itemtype"), anchor=f"itemtype|{tok}")
        if not it.strip():
            yield Problem("microdata itemtype is empty", article.markup.element_loc(el, "itemtype"),
                          anchor="itemtype|")


@_sd("SD009")
def microdata_itemref(article, options):
    """A microdata itemref naming an id that is not on the page."""
    els = _microdata_elements(article)
    if not any(el.get("itemref") for el in els):
        return
    ids = set(article.tree.xpath("//@id"))
    for el in els:
        if el.get("itemscope") is None:
            continue  # itemref means something only on an item
        for ref in (el.get("itemref") or "").split():
            if ref not in ids:
                yield Problem(f"microdata itemref {ref!r}: no element has id={ref!r}",
                              article.markup.element_loc(el, "itemref"), anchor=f"itemref|{ref}")


def _held_by_item(el, refd: set, held: dict) -> bool:
    """Is ``el`` or an element above it an item (``itemscope``) or an element whose id an
    ``itemref`` names? The answer for each element on the way up is kept in ``held``, so the
    properties of one item, which share their ancestors, walk them once."""
    chain = []
    found = False
    while el is not None:
        got = held.get(el)
        if got is not None:
            found = got
            break
        if el.get("itemscope") is not None or el.get("id") in refd:
            found = True
            break
        chain.append(el)
        el = el.getparent()
    for e in chain:
        held[e] = found
    return found


@_sd("SD010")
def microdata_orphan_itemprop(article, options):
    """An itemprop outside any itemscope (and not pulled in by an itemref)."""
    els = _microdata_elements(article)
    if not els:
        return
    refd = {r for el in els for r in (el.get("itemref") or "").split()}
    orphans = []
    held: dict = {}  # element -> whether it or an element above it is an item or referenced by itemref
    for el in els:
        if el.get("itemprop") is None:
            continue
        if not _held_by_item(el.getparent(), refd, held) and el.get("id") not in refd:
            orphans.append(el)
    if orphans:
        el = orphans[0]
        more = f" ({len(orphans) - 1} more on the page)" if len(orphans) > 1 else ""
        yield Problem(f"itemprop {el.get('itemprop')!r} is outside any microdata item (itemscope), so no "
                      f"consumer reads it{more}", article.markup.element_loc(el, "itemprop"),
                      anchor=f"orphan|{el.get('itemprop')}", data={"count": len(orphans)})


_ISO_START = re.compile(r"^\s*\d{4}-\d{2}(?:-\d{2})?")


# The attribute that holds a microdata property's value on these elements.
_VALUE_ATTRIBUTE = {"meta": "content", "a": "href", "link": "href", "area": "href", "img": "src", "audio": "src",
                    "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}


@_sd("SD011")
def microdata_value_attribute(article, options):
    """A microdata property on an element whose value attribute is missing."""
    for el in _microdata_elements(article):
        prop = el.get("itemprop")
        if prop is None or el.get("itemscope") is not None or not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        need = _VALUE_ATTRIBUTE.get(tag)
        if need and el.get(need) is None:
            yield Problem(f"<{tag} itemprop={prop!r}> has no {need} attribute: its value is empty",
                          article.markup.element_loc(el, "itemprop"), anchor=f"attr|{tag}|{prop}")
        elif tag == "time" and el.get("datetime") is None and not _ISO_START.match(el.text_content() or ""):
            yield Problem(f"<time itemprop={prop!r}> has no datetime attribute and its text is not an ISO 8601 "
                          "date", article.markup.element_loc(el, "itemprop"), anchor=f"time|{prop}")


def _same_instant(a: str, b: str) -> bool:
    """Same moment (or the same day when one side has no time); unreadable values compare as text."""
    from datetime import datetime

    a, b = a.strip(), b.strip()
    if a == b or a[:10] == b[:10] and (len(a) <= 10 or len(b) <= 10):
        return True
    try:
        da, db = datetime.fromisoformat(a.replace("Z", "+00:00")), datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return _norm(a) == _norm(b)
    if (da.tzinfo is None) != (db.tzinfo is None):
        return da.replace(tzinfo=None) == db.replace(tzinfo=None) or a[:10] == b[:10]
    return da == db


@_sd("SD012")
def duplicate_article(article, options):
    """Several Article nodes in one syntax that disagree on headline or datePublished."""
    mk = article.markup
    first = _article_node(mk)
    if first is None:
        return
    forg = mk.origin(first)
    fid = first.get("@id")
    for n in mk.article_nodes:
        if n is first:
            continue
        org = mk.origin(n)
        if org is None or forg is None or org.syntax != forg.syntax:
            continue
        if isinstance(fid, str) and n.get("@id") == fid:
            continue
        diff = []
        if isinstance(first.get("headline"), str) and isinstance(n.get("headline"), str) \
                and not _similar(first["headline"], n["headline"]):
            diff.append("headline")
        if isinstance(first.get("datePublished"), str) and isinstance(n.get("datePublished"), str) \
                and not _same_instant(first["datePublished"], n["datePublished"]):
            diff.append("datePublished")
        if diff:
            yield Problem(f"a second {'/'.join(_raw_types(n)) or 'Article'} node disagrees with the first on "
                          f"{' and '.join(diff)}: search engines cannot tell which describes the page",
                          _loc(article, n, "@type"), anchor=f"dup|{n.get('headline')!s:.60}")


@_sd("SD013")
def generic_article_type(article, options):
    """The article is typed plain Article; NewsArticle (or a subtype) is the specific type."""
    mk = article.markup
    first = _article_node(mk)
    if first is None:
        return
    types = {t for t in (_schema_term(x) for x in _raw_types(first)) if t}
    if types == {"Article"}:
        yield Problem("the article is typed plain Article: use NewsArticle (or BlogPosting, "
                      "ReportageNewsArticle...) for news content", _loc(article, first, "@type"),
                      anchor="generic-type")


@_sd("SD014")
def headline_missing(article, options):
    """The article entity has no headline."""
    mk = article.markup
    if mk.article is None or "headline" in mk.article:
        return
    yield Problem("the article markup has no headline", _loc(article, _article_node(mk), "@type"),
                  anchor="no-headline")


_PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|<\?php|%%?[A-Za-z_]+%%?|\[object Object\]|^(?:undefined|null|none|nan|"
    r"untitled|title|headline|tiêu đề|no title|lorem ipsum.*)$", re.IGNORECASE)


@_sd("SD015")
def headline_invalid(article, options):
    """A headline that is not text, is empty, or is a template placeholder."""
    mk = article.markup
    art = mk.article
    if not art or "headline" not in art:
        return
    h = art["headline"]

    def loc():  # located only when reported
        return mk.value_loc("headline")

    if isinstance(h, list) and len(h) == 1:
        h = h[0]
    if isinstance(h, dict) and isinstance(h.get("@value"), str):
        h = h["@value"]
    if not isinstance(h, str):
        yield Problem(f"headline is {type(h).__name__ if h is not None else 'null'}, not text",
                      loc(), anchor="headline-type")
        return
    if not h.strip():
        yield Problem("headline is empty", loc(), anchor="headline-empty")
        return
    m = _PLACEHOLDER.search(h.strip())
    if m:
        yield Problem(f"headline is a template placeholder: {m.group(0)[:60]!r}", loc(), anchor=f"placeholder|{h[:60]}")


def _headline_text(art):
    h = art.get("headline") if art else None
    if isinstance(h, list) and len(h) == 1:
        h = h[0]
    return h if isinstance(h, str) and h.strip() else None


def _similar(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) >= 12 and na in nb) or (len(nb) >= 12 and nb in na):
        return True
    for tail in ("…", "..."):  # a truncated headline
        if a.rstrip().endswith(tail) and nb.startswith(_norm(a.rstrip()[:-len(tail)])):
            return True
    import difflib

    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.85


@_sd("SD016")
def headline_mismatch(article, options):
    """The markup headline matches none of the page's <h1>, <title> and og:title."""
    mk = article.markup
    h = _headline_text(mk.article)
    if h is None:
        return
    page = article.page
    og = article.meta.get("og:title")
    seen = [x for x in (page.headline, page.title, og[0] if og else None) if x and x.strip()]
    if not seen:
        return
    if any(_similar(h, x) for x in seen):
        return
    shown = page.headline or page.title or (og[0] if og else "")
    yield Problem(f"markup headline {h[:80]!r} matches neither the <h1>, the <title> nor og:title "
                  f"(the page shows {shown[:80]!r})", mk.value_loc("headline"), anchor=f"mismatch|{h[:80]}")


@_sd("SD017")
def headline_long(article, options):
    """A headline over 110 characters (the retired AMP-era limit)."""
    mk = article.markup
    h = _headline_text(mk.article)
    limit = int(options.get("max_length", 110) or 110)
    if h is not None and len(h.strip()) > limit:
        yield Problem(f"headline is {len(h.strip())} characters; the old AMP limit was {limit} and long "
                      "headlines may be truncated in results", mk.value_loc("headline"), anchor=f"long|{h[:60]}")


def _as_list(v):
    return v if isinstance(v, list) else [v]


@_sd("SD018")
def publisher_invalid(article, options):
    """A publisher that is not an Organization with a name, or whose logo is not an absolute URL."""
    so = _so()
    mk = article.markup
    art = mk.article
    if not art or "publisher" not in art:
        return
    for i, pub in enumerate(_as_list(art["publisher"])[:20]):
        path = (i,) if isinstance(art["publisher"], list) else ()

        def loc(path=path):  # located only when reported
            return mk.value_loc("publisher", *path)

        if isinstance(pub, str):
            yield Problem(f"publisher is the text {pub[:60]!r}: give an Organization with a name (and a logo)",
                          loc(), anchor=f"pub-text|{pub[:60]}")
            continue
        if not isinstance(pub, dict):
            continue
        types = [t for t in (_schema_term(x) for x in _raw_types(pub)) if t]
        known = [t for t in types if so.is_type(t)]
        if known and not any(so.is_a(t, "Organization") for t in known):
            yield Problem(f"publisher is a {'/'.join(known)}, not an Organization (NewsMediaOrganization): "
                          "a news site publishes, not a person", mk.value_loc("publisher", *path, "@type") or loc(),
                          anchor=f"pub-type|{known[0]}")
            continue
        name = pub.get("name")
        if not (isinstance(name, str) and name.strip()) and set(pub) - {"@id", "@context"}:
            yield Problem("publisher has no name", loc(), anchor="pub-noname")
        logo = pub.get("logo")
        for j, lg in enumerate(_as_list(logo)[:5] if logo is not None else []):
            u = lg if isinstance(lg, str) else (lg.get("url") or lg.get("contentUrl")) if isinstance(lg, dict) else None
            u = u[0] if isinstance(u, list) and u else u
            if isinstance(u, str) and not _absolute_http(u):
                yield Problem(f"publisher logo URL {u[:80]!r} is not an absolute http(s) URL",
                              mk.value_loc("publisher", *path, "logo") or loc(), anchor=f"pub-logo|{u[:60]}")


@_sd("SD019")
def publisher_logo_missing(article, options):
    """No publisher, or a publisher without a logo (an AMP-era requirement, now optional)."""
    mk = article.markup
    art = mk.article
    if not art:
        return
    pub = art.get("publisher")
    if pub is None:
        yield Problem("no publisher in the article markup (once required for AMP articles; now optional)",
                      _loc(article, _article_node(mk), "@type"), anchor="no-publisher")
        return
    pubs = [p for p in _as_list(pub) if isinstance(p, dict)]
    if pubs and not any(p.get("logo") for p in pubs):
        yield Problem("publisher has no logo (once required for AMP articles; now optional)",
                      mk.value_loc("publisher"), anchor="no-logo")


@_sd("SD020")
def url_canonical_mismatch(article, options):
    """The article's url / mainEntityOfPage is relative or disagrees with <link rel=canonical>."""
    mk = article.markup
    art = mk.article
    if not art:
        return
    canonical = article.page.canonical
    for prop in ("url", "mainEntityOfPage"):
        v = art.get(prop)
        u = _value_of(v[0] if isinstance(v, list) and v else v)
        if not isinstance(u, str) or not u.strip():
            continue
        u = u.strip()
        if u.startswith("#"):
            continue

        def loc(prop=prop):  # located only when reported
            return mk.value_loc(prop)

        if not _absolute_http(u):
            yield Problem(f"{prop} {u[:80]!r} is not an absolute http(s) URL", loc(), anchor=f"rel|{prop}|{u[:60]}")
            continue
        if canonical and _absolute_http(canonical) and _url_key(u) != _url_key(canonical):
            yield Problem(f"{prop} {u[:80]!r} differs from the canonical URL {canonical[:80]!r}", loc(),
                          anchor=f"canon|{prop}|{u[:60]}")


@_sd("SD021")
def boolean_as_string(article, options):
    """A Boolean property (isAccessibleForFree...) given as the string "true"/"false" in JSON-LD."""
    for node, _types, syn, facts in _vocab_nodes(article):
        if syn != "json-ld":
            continue
        for k in facts[2]:  # the keys of Boolean properties
            v = node[k]
            if not isinstance(v, str):
                continue
            p = _schema_term(k)
            if v.strip().lower() in ("true", "false", "yes", "no"):
                yield Problem(f"{p} is the string {v!r}; JSON-LD wants the boolean {v.strip().lower() in ('true', 'yes')!s}"
                              .replace("True", "true").replace("False", "false"),
                              _loc(article, node, k), anchor=f"bool|{p}|{v}")


def _false(v) -> bool:
    return v is False or isinstance(v, str) and v.strip().lower() == "false"


def _paywall_parts(art) -> list:
    parts = []
    for p in _as_list(art.get("hasPart")) if art.get("hasPart") is not None else []:
        if isinstance(p, dict) and _false(p.get("isAccessibleForFree")):
            parts.append(p)
    return parts


@_sd("SD022")
def paywall_incomplete(article, options):
    """isAccessibleForFree false without a hasPart section whose cssSelector is a class selector."""
    mk = article.markup
    art = mk.article
    if not art or not _false(art.get("isAccessibleForFree")):
        return
    parts = _paywall_parts(art)
    if not parts:
        yield Problem("isAccessibleForFree is false but no hasPart WebPageElement (isAccessibleForFree false, "
                      "cssSelector) marks the paywalled section", mk.value_loc("isAccessibleForFree"),
                      anchor="paywall-nopart")
        return
    matched = []
    for i, p in enumerate(parts):
        sel = p.get("cssSelector")
        if not isinstance(sel, str) or not sel.strip():
            yield Problem("the paywalled hasPart section has no cssSelector", mk.value_loc("hasPart"),
                          anchor="paywall-nosel")
        elif not all(re.fullmatch(r"\s*\.[A-Za-z_-][\w-]*\s*", s) for s in sel.split(",")):
            yield Problem(f"paywall cssSelector {sel[:60]!r} is not a class selector (Google reads only .class "
                          "selectors)", mk.value_loc("hasPart"), anchor=f"paywall-class|{sel[:60]}")
        elif article.tree is not None:
            matched += (_selector_elements(article, sel) or [])[:200]
    ids = {id(e) for e in matched}
    for el in matched:
        if any(id(a) in ids for a in el.iterancestors()):
            yield Problem("paywalled sections are nested: one cssSelector section lies inside another (Google asks "
                          "for sections side by side)", mk.value_loc("hasPart"), anchor="paywall-nested")
            break


_SIMPLE = re.compile(r"^([A-Za-z][\w-]*|\*)?((?:[.#][A-Za-z_-][\w-]*)*)$")


def _css_to_xpath(sel: str) -> str | None:
    """XPath for a selector list of tag/.class/#id compounds joined by descendant or child
    combinators; None for anything else (then nothing is reported)."""
    alts = []
    for part in sel.split(","):
        toks = part.replace(">", " > ").split()
        if not toks:
            return None
        xp, axis = "", "//"
        for t in toks:
            if t == ">":
                axis = "/"
                continue
            m = _SIMPLE.match(t)
            if not m or not (m.group(1) or m.group(2)):
                return None
            conds = []
            for kind, name in re.findall(r"([.#])([\w-]+)", m.group(2)):
                if kind == ".":
                    conds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
                else:
                    conds.append(f"@id='{name}'")
            xp += axis + (m.group(1) or "*") + "".join(f"[{c}]" for c in conds)
            axis = "//"
        alts.append(xp)
    return " | ".join(alts)


def _selector_elements(article, sel: str) -> list | None:
    """The elements a selector matches (None: a selector this check does not read). Evaluated
    once per selector and article: SD022, SD023 and SD025 ask about the same selectors."""
    cache = article.__dict__.setdefault("_sd_selector_elements", {})
    if sel not in cache:
        xp = _css_to_xpath(sel)
        if xp and _classes_absent(article, sel):
            cache[sel] = []  # what the XPath, a walk of every element, would find
            return cache[sel]
        found = _class_selector_elements(article, sel) if xp else None
        if found is not None:
            cache[sel] = found
            return found
        try:
            cache[sel] = article.tree.xpath(xp) if xp else None
        except Exception:
            cache[sel] = None
    return cache[sel]


def _class_selector_elements(article, sel: str) -> list | None:
    """What the XPath of a selector list whose every alternative is one compound with a class
    (``.paywall``, ``div.story.lead``, ``.a#b``) finds, read from the page's walk of named
    elements when a view has already made it: an element with a class is there with its class
    value, so only the elements whose class holds the first class name of an alternative are
    looked at. None for any other selector, or without the walk (then the XPath decides)."""
    named = article.__dict__.get("_named_elements")
    if named is None:
        return None
    alts = []
    for part in sel.split(","):
        toks = part.split()
        m = _SIMPLE.match(toks[0]) if len(toks) == 1 and ">" not in part else None
        if m is None:
            return None
        names = re.findall(r"([.#])([\w-]+)", m.group(2))
        classes = [n for kind, n in names if kind == "."]
        if not classes:
            return None
        tag = m.group(1) if m.group(1) not in (None, "*") else None
        alts.append((tag, classes, [n for kind, n in names if kind == "#"]))
    firsts = list(dict.fromkeys(a[1][0] for a in alts))
    if len(firsts) == 1:  # (one comprehension, without a generator per element)
        first = firsts[0]
        candidates = [(el, tag) for el, tag, _ip, c in named if c and first in c]
    else:
        candidates = [(el, tag) for el, tag, _ip, c in named if c and any(f in c for f in firsts)]
    out = []
    for el, tag in candidates:
        tokens = _class_tokens(el.get("class"))
        for want_tag, classes, ids in alts:
            if ((want_tag is None or tag == want_tag) and all(n in tokens for n in classes)
                    and all(el.get("id") == n for n in ids)):
                out.append(el)
                break
    return out


def _class_tokens(cls: str | None) -> set:
    """The class names of a class attribute as XPath's ``normalize-space(@class)`` separates
    them: at spaces, tabs and line breaks only."""
    if not cls:
        return set()
    return set(cls.replace("\t", " ").replace("\n", " ").replace("\r", " ").split(" "))


def _classes_absent(article, sel: str) -> bool:
    """True when every alternative of the selector names a class that no element's class
    attribute contains, so the selector matches nothing. Decided from the page's walk of named
    elements when a view has already made it (each element with a class is there with its class
    value); without it, False and the XPath decides."""
    named = article.__dict__.get("_named_elements")
    if named is None:
        return False
    blob = article.__dict__.get("_sd_class_blob")
    if blob is None:  # the class (or id) values, one string: a name is searched once, in C
        blob = article.__dict__["_sd_class_blob"] = "\x00".join(c for _el, _tag, _ip, c in named if c)
    for part in sel.split(","):
        names = re.findall(r"\.([\w-]+)", part)
        if not names or all(n in blob for n in names):
            return False  # this alternative may match: ask the XPath
    return True


def _matches(article, sel: str) -> bool | None:
    """Does the selector match an element (None: a selector this check does not read)?"""
    els = _selector_elements(article, sel)
    return None if els is None else bool(els)


def _mentioned(article, sel: str) -> bool:
    """Is a class or id of the selector named anywhere outside the JSON-LD (a stylesheet or a
    script that may insert the element)? Then a static page cannot prove the selector wrong."""
    names = re.findall(r"[.#]([\w-]+)", sel)
    if not names:
        return False
    text = article.doc.text
    ld = sum(b.raw.count(n) for b in article.markup.jsonld for n in names)
    # Whole-word occurrences are some of the plain ones, which str.count finds without a regex.
    if sum(text.count(n) for n in names) <= ld:
        return False
    return sum(_word_count(text, n) for n in names) > ld


def _word_count(text: str, name: str) -> int:
    """Occurrences of ``name`` not inside a longer word or hyphenated name (the count of
    ``(?<![\\w-])name(?![\\w-])`` matches, found with str.find)."""
    count, i, n = 0, text.find(name), len(name)
    while i >= 0:
        before = text[i - 1] if i else ""
        after = text[i + n:i + n + 1]
        if not _wordish(before) and not _wordish(after):
            count += 1
        i = text.find(name, i + 1)
    return count


def _wordish(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in "_-")


@_sd("SD023")
def paywall_selector_unmatched(article, options):
    """A paywall hasPart cssSelector that matches no element of the page."""
    mk = article.markup
    art = mk.article
    if not art or article.tree is None:
        return
    for p in _paywall_parts(art):
        sel = p.get("cssSelector")
        for s in _strings(sel):
            if _matches(article, s) is False and not _mentioned(article, s):
                yield Problem(f"paywall cssSelector {s[:60]!r} matches no element on the page", mk.value_loc("hasPart"),
                              anchor=f"paywall-unmatched|{s[:60]}")


@_sd("SD024")
def dateline_misplaced(article, options):
    """dateline on a type other than NewsArticle, or not text."""
    so = _so()
    for node, types, _syn, _facts in _vocab_nodes(article):
        if "dateline" not in node:
            continue
        v = node["dateline"]
        known = [t for t in types if so.is_type(t)]
        if known and not any(so.is_a(t, "NewsArticle") for t in known):
            yield Problem(f"dateline is a NewsArticle property; this node is {'/'.join(known)}",
                          _loc(article, node, "dateline"), anchor=f"dateline-type|{known[0]}")
        elif not isinstance(v, str):
            yield Problem("dateline should be text (\"PARIS\", \"HÀ NỘI, 5/3\")", _loc(article, node, "dateline"),
                          anchor="dateline-text")


@_sd("SD025")
def speakable_selector_unmatched(article, options):
    """A speakable cssSelector or xpath that matches no element of the page."""
    mk = article.markup
    if article.tree is None:
        return
    for node in mk.nodes:
        sp = node.get("speakable")
        if sp is None:
            continue
        for j, spec in enumerate(_as_list(sp)[:10]):
            if not isinstance(spec, dict):
                continue
            for s in _strings(spec.get("cssSelector")):
                if _matches(article, s) is False and not _mentioned(article, s):
                    yield Problem(f"speakable cssSelector {s[:60]!r} matches no element on the page",
                                  _loc(article, node, "speakable"), anchor=f"speak-css|{s[:60]}")
            for x in _strings(spec.get("xpath")):
                try:
                    hit = article.tree.xpath(x)
                except Exception:
                    hit = None
                if hit is not None and not hit:
                    yield Problem(f"speakable xpath {x[:60]!r} matches nothing on the page",
                                  _loc(article, node, "speakable"), anchor=f"speak-xp|{x[:60]}")


_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@_sd("SD026")
def inlanguage_mismatch(article, options):
    """inLanguage is not a BCP 47 tag, or disagrees with <html lang>."""
    mk = article.markup
    art = mk.article
    if not art or "inLanguage" not in art:
        return
    v = art["inLanguage"]
    v = v[0] if isinstance(v, list) and v else v
    if isinstance(v, dict):
        v = v.get("alternateName") if isinstance(v.get("alternateName"), str) else None
    if not isinstance(v, str):
        return

    def loc():  # located only when reported
        return mk.value_loc("inLanguage")

    tag = v.strip().replace("_", "-")
    if not _BCP47.match(tag):
        yield Problem(f"inLanguage {v[:40]!r} is not a BCP 47 language tag (vi, en-US...)", loc(), anchor=f"lang|{v[:40]}")
        return
    page = (article.page.html_lang or "").strip().replace("_", "-")
    if page and _BCP47.match(page) and page.split("-")[0].lower() != tag.split("-")[0].lower():
        yield Problem(f"inLanguage {v!r} disagrees with <html lang={page!r}>", loc(), anchor=f"lang-mismatch|{v}|{page}")


@_sd("SD027")
def cross_syntax_mismatch(article, options):
    """JSON-LD, microdata, RDFa and OpenGraph disagree on the article's headline or type."""
    mk = article.markup
    first = _article_node(mk)
    if first is None:
        return
    forg = mk.origin(first)
    fh = first.get("headline") if isinstance(first.get("headline"), str) else None
    done = set()
    for n in mk.article_nodes:
        org = mk.origin(n)
        if n is first or org is None or forg is None or org.syntax == forg.syntax or org.syntax in done:
            continue
        h = n.get("headline")
        if fh and isinstance(h, str) and h.strip() and not _similar(fh, h):
            done.add(org.syntax)
            yield Problem(f"{org.syntax} headline {h[:60]!r} differs from the {forg.syntax} headline {fh[:60]!r}",
                          _loc(article, n, "headline"), anchor=f"x-headline|{org.syntax}|{h[:60]}")
    og = article.meta.get("og:type")
    if og and og[0].strip() and og[0].strip().lower() != "article":
        yield Problem(f"og:type is {og[0].strip()!r} but the markup declares an article "
                      f"({'/'.join(_raw_types(first))}); use og:type article", Loc(element=og[1], attr="content"),
                      anchor=f"x-ogtype|{og[0].strip()}")


_TAG = re.compile(r"</?(?:p|br|div|span|a|b|i|em|strong|h[1-6]|img|ul|li|figure|script)\b[^>]*>", re.IGNORECASE)
_DOUBLE_ESC = re.compile(r"&amp;(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});", re.IGNORECASE)
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Ä[\u0080-\u00bf]|Æ°|á»|áº|â€[\u0080-\u00bf™œ\u009d\u201c\u201d\u2122\u0153]|\ufffd")
_TEXT_PROPS = ("headline", "alternativeHeadline", "description", "articleSection", "keywords", "name", "abstract")


@_sd("SD028")
def text_hygiene(article, options):
    """Text values of the article markup with leftover HTML, escaped entities or mojibake."""
    mk = article.markup
    art = mk.article
    if not art:
        return
    for prop in _TEXT_PROPS:
        vals = art.get(prop)
        if vals is None:
            continue
        for i, v in enumerate(_as_list(vals)[:50]):
            if not isinstance(v, str):
                continue
            what = None
            if _MOJIBAKE.search(v):
                what = "mojibake (text decoded with the wrong encoding): " + repr(_MOJIBAKE.search(v).group(0))
            elif _DOUBLE_ESC.search(v):
                what = "a double-escaped entity " + repr(_DOUBLE_ESC.search(v).group(0))
            elif _TAG.search(v):
                what = "leftover HTML " + repr(_TAG.search(v).group(0)[:30])
            elif _ENTITY.search(v) and html.unescape(_ENTITY.search(v).group(0)) != _ENTITY.search(v).group(0):
                what = "an HTML entity " + repr(_ENTITY.search(v).group(0)) + " (JSON-LD text is not HTML)"
            if what:
                path = (i,) if isinstance(vals, list) else ()
                yield Problem(f"{prop} has {what}", mk.value_loc(prop, *path), anchor=f"hyg|{prop}|{v[:60]}")


@_sd("SD029")
def value_type(article, options):
    """A property of the JSON-LD article with the wrong JSON type for the NewsArticle profile."""
    mk = article.markup
    first = _article_node(mk)
    if first is None:
        return
    org = mk.origin(first)
    if org is None or org.syntax != "json-ld":
        return
    ent, sources = mk.article, mk.article_sources
    for k, (sub, always) in _sd029_schemas().items():
        if k in ent and sources.get(k, {}).get("syntax") == "json-ld":
            v = ent[k]
            if type(v) not in always and _fits(v, sub) is not True:
                break
    else:
        return  # the common case, decided without importing jsonschema
    art = {k: v for k, v in ent.items() if sources.get(k, {}).get("syntax") == "json-ld"}
    for path, msg in _profile_errors(art, "SD029"):
        yield Problem(msg, mk.value_loc(*path) if path else mk.value_loc("@type"), anchor=f"type|{'.'.join(map(str, path))}")


_JSON_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool}


def _fits(value, schema: dict) -> bool | None:
    """Whether ``value`` meets ``schema``, for the small subset SD029's constraints use (type,
    anyOf, items, minimum, pattern); None when the schema uses anything else."""
    keys = set(schema) - {"x-rule", "description"}
    if not keys <= {"type", "anyOf", "items", "minimum", "pattern"}:
        return None
    if "anyOf" in schema:
        results = [_fits(value, sub) for sub in schema["anyOf"]]
        if any(r is None for r in results):
            return None
        if not any(results):
            return False
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = False
        for t in types:
            if t == "integer":
                ok = ok or (isinstance(value, int) and not isinstance(value, bool))
            elif t == "number":
                ok = ok or (isinstance(value, (int, float)) and not isinstance(value, bool))
            elif t in _JSON_TYPES:
                ok = ok or isinstance(value, _JSON_TYPES[t])
            else:
                return None
        if not ok:
            return False
    if "items" in schema and isinstance(value, list):
        for item in value:
            r = _fits(item, schema["items"])
            if r is not True:
                return r
    if "minimum" in schema and isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema["minimum"]:
            return False
    if "pattern" in schema and isinstance(value, str):
        if not re.search(schema["pattern"], value):
            return False
    return True


def _fits_profile_types(instance: dict) -> bool:
    """True when every property the profile types (SD029) fits; False or unsure: ask jsonschema."""
    schemas = _sd029_schemas()
    for k, v in instance.items():
        got = schemas.get(k)
        if got is not None and type(v) not in got[1] and _fits(v, got[0]) is not True:
            return False
    return True


@lru_cache(maxsize=1)
def _sd029_schemas() -> dict:
    """property -> (its schema, :func:`_always_fits` of it) for the properties the profile types
    for SD029, in the profile's order."""
    props = profile_schema().get("properties", {})
    return {k: (sub, _always_fits(sub)) for k, sub in props.items()
            if isinstance(sub, dict) and sub.get("x-rule") == "SD029"}


_PY_TYPES = {"string": (str,), "object": (dict,), "array": (list,), "boolean": (bool,), "integer": (int,),
             "number": (int, float)}
_FITS_KEYS = frozenset({"type", "anyOf", "items", "minimum", "pattern"})


def _always_fits(schema: dict) -> frozenset:
    """The Python types (exactly, not subclasses) every value of which :func:`_fits` ``schema``,
    read from the schema alone: a string for ``{"type": "string"}``, but not for a ``pattern``;
    a list never when ``items`` constrains it. Empty when :func:`_fits` may be unsure (a keyword
    or type name it does not read anywhere in the schema)."""
    if _unsure(schema):
        return frozenset()
    out = {str, dict, list, bool, int, float, type(None)}
    if "anyOf" in schema:
        out &= set().union(*(_always_fits(sub) for sub in schema["anyOf"]))
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        out &= {t for name in names for t in _PY_TYPES[name]}
    if "items" in schema:
        out.discard(list)
    if "minimum" in schema:
        out -= {int, float}
    if "pattern" in schema:
        out.discard(str)
    return frozenset(out)


def _unsure(schema) -> bool:
    """Can :func:`_fits` answer None for ``schema`` (a keyword or type name it does not read)?"""
    if not isinstance(schema, dict) or not set(schema) - {"x-rule", "description"} <= _FITS_KEYS:
        return True
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if any(name not in _PY_TYPES for name in names):
            return True
    return any(_unsure(sub) for sub in schema.get("anyOf", ())) or ("items" in schema and _unsure(schema["items"]))


@lru_cache(maxsize=1)
def _profile_validator():
    import jsonschema

    return _validator_cls(jsonschema)(profile_schema())


def _profile_errors(instance: dict, code: str):
    """(path, message) for each violation of the profile annotated with ``code`` (jsonschema, lazily)."""
    schema = profile_schema()
    for err in _profile_validator().iter_errors(instance):
        rule = None
        sub = schema
        for k in err.schema_path:
            if isinstance(sub, dict) and "x-rule" in sub:
                rule = sub["x-rule"]
            sub = sub[k] if isinstance(sub, (dict, list)) and (isinstance(sub, dict) and k in sub or
                                                              isinstance(sub, list) and isinstance(k, int)) else None
        if isinstance(sub, dict) and "x-rule" in sub:
            rule = sub["x-rule"]
        if rule != code:
            continue
        path = [p for p in err.absolute_path]
        prop = path[0] if path else None
        val = json.dumps(err.instance, ensure_ascii=False)[:60]
        yield path, f"{prop or 'article'} is {val}, expected {_expected(err)}"


def _validator_cls(jsonschema):
    return jsonschema.Draft202012Validator


def _expected(err) -> str:
    s = err.schema
    if isinstance(s, dict) and s.get("description"):
        return s["description"]
    return err.message


@_sd("SD030")
def opengraph_incomplete(article, options):
    """OpenGraph / Twitter-card tags that link previews need are missing (the social profile)."""
    meta = article.meta
    missing = [k for k in ("og:title", "og:type", "og:image", "og:url", "twitter:card") if not (meta.get(k) or ("", ""))[0].strip()]
    if missing:
        yield Problem("link previews need " + ", ".join(missing) + ": missing on this page", None,
                      anchor="og|" + ",".join(missing))
