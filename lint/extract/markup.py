"""Structured data on the page, read from the one parsed tree, and the merged article entity.

- JSON-LD: each ``<script type="application/ld+json">`` parsed on its own with the strict parser;
  a broken block keeps its error position and a note of what a lenient consumer would repair,
  and never hides the other blocks.
- Microdata (extruct's extractor, imported only when the page has ``itemscope``) and RDFa Lite
  (read here from the same tree, only when the page has ``vocab``/``typeof`` or ``property``/
  ``about``/``resource`` outside the ``<meta>``/``<link>`` tags OpenGraph uses, and an element
  with ``typeof``). One XPath over the tree finds the microdata and ``typeof`` attributes (and
  lxml's walk for one tag the scripts); the source text is searched only on pages where the
  tree has some.
- OpenGraph and Twitter-card ``<meta>`` values.

Arrays and ``@graph`` are flattened, ``@id`` references are resolved across blocks and syntaxes,
``@type`` arrays are read member by member, and every subtype of Article counts as an article.
``Markup.article`` is the merged article entity (JSON-LD first, then microdata, then RDFa fill
what is missing), ``Markup.article_sources`` says where each property came from, and
``Markup.value_loc(prop, *path)`` gives the source location of a value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..document import HTML
from ..limits import LIMITS
from ..model import Loc
from ..native import WALK

SCHEMA_HOSTS = ("schema.org",)
_SCRIPT_OPEN = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script", re.IGNORECASE)
_LD_OPEN = re.compile(r"<script\b[^>]*ld\+json[^>]*>", re.IGNORECASE)
# Plain substring searches: a regular-expression scan of a whole page (alternations, IGNORECASE)
# costs several milliseconds; str.find costs a fraction of one.
# "itemprop" first: a page with microdata nearly always has it, and the search stops there.
_MICRODATA_WORDS = ("itemprop", "itemscope", "ITEMPROP", "ITEMSCOPE")
_RDFA_WORDS = ("vocab=", "typeof=", "property=", "about=", "resource=")
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
# Properties through which an Article-typed node is the page's own article, not a listed one.
_PRIMARY_KEYS = {None, "@graph", "mainEntity", "mainEntityOfPage"}
_DATETIME_PROPS = {"datePublished", "dateModified", "dateCreated", "uploadDate", "startDate", "endDate",
                   "coverageStartTime", "coverageEndTime", "expires", "contentReferenceTime"}


# --------------------------------------------------------------------------- data
@dataclass(slots=True)
class JsonLdBlock:
    element: object
    raw: str  # the script's text exactly as in the source
    offset: int  # absolute offset of raw[0] in the document text (-1 if unknown)
    data: object = None  # parsed value, None when it does not parse
    error: str | None = None
    error_pos: int | None = None  # offset in raw of the parse error
    repair: str | None = None  # what a lenient consumer would silently repair
    index: int = 0
    _pos: object = None  # lazily built position tree of the parsed value

    def positions(self):
        """Where the parsed value and each value in it are written in ``raw`` (see ``_Pos``)."""
        if self._pos is None and self.data is not None:
            raw = self.raw
            try:
                if _lazy_positions(raw):
                    self._pos = _Pos(raw, _skip_ws(raw, 0))
                else:
                    self._pos = _scan(raw, _skip_ws(raw, 0), 0)[0]
            except (ValueError, IndexError, RecursionError):
                self._pos = False
        return self._pos or None


@dataclass(slots=True)
class Origin:
    """Where a node was read: ``syntax`` json-ld (block index + path in its value), microdata or
    rdfa (the element carrying ``itemscope`` / ``typeof``)."""

    syntax: str
    block: int | None = None
    path: tuple = ()
    element: object = None

    def to_dict(self) -> dict:
        d = {"syntax": self.syntax}
        if self.block is not None:
            d["block"] = self.block
            d["path"] = list(self.path)
        return d


@dataclass(slots=True)
class Markup:
    jsonld: list = field(default_factory=list)
    opengraph: dict = field(default_factory=dict)  # og:*, article:*, twitter:* (first value of each)
    microdata: list = field(default_factory=list)  # item nodes (dicts) from microdata
    rdfa: list = field(default_factory=list)  # item nodes (dicts) from RDFa Lite
    nodes: list = field(default_factory=list)  # every typed node, flattened (dicts)
    page_types: set = field(default_factory=set)  # types of the page's own (top-level) nodes
    article: dict | None = None  # the merged article entity, @id references resolved
    article_sources: dict = field(default_factory=dict)  # property -> {"syntax", "block", "path"}
    article_nodes: list = field(default_factory=list)  # every Article-family node the page owns
    by_id: dict = field(default_factory=dict)  # @id -> [nodes]
    origins: dict = field(default_factory=dict)  # id(node) -> Origin
    parents: dict = field(default_factory=dict)  # id(node) -> the key it is the value of (None at top)
    has_microdata: bool = False  # microdata attributes on the page (itemprop/itemscope written in lower or upper case)
    has_rdfa: bool = False  # RDFa Lite items to read (an element with typeof, RDFa attributes outside <meta>/<link>)
    microdata_elements: list = field(default_factory=list)  # elements with itemprop/itemscope/itemref/itemtype
    _doc: object = None
    _primary: object = None
    _article_origin: dict = field(default_factory=dict)  # property -> the node the value was read from

    # ------------------------------------------------------------------
    def origin(self, node) -> Origin | None:
        return self.origins.get(id(node))

    def resolve(self, value, depth: int = 4):
        """``value`` with ``{"@id": …}`` references replaced by the nodes they name (cycle-safe)."""
        return _resolve(value, self.by_id, depth, frozenset())

    def value_loc(self, prop: str, *path) -> Loc | None:
        """Where the article entity's ``prop`` value is written (``path`` goes further in: list
        indexes and keys, through ``@id`` references). ``None`` when the value is not on the page."""
        node = self._article_origin.get(prop)
        if node is None:
            return None
        return self.node_value_loc(node, prop, *path)

    def node_value_loc(self, node, prop: str | None, *path) -> Loc | None:
        """Where ``node[prop]`` (then ``path``) is written; ``prop=None`` points at the node itself."""
        org = self.origins.get(id(node))
        if org is None:
            return None
        if org.syntax == "json-ld":
            return self._jsonld_loc(node, org, ((prop,) if prop is not None else ()) + tuple(path))
        el = org.element
        if prop is None:
            return Loc(element=el) if el is not None else None
        found = _prop_element(el, prop, org.syntax)
        for k in path:  # go into a nested item: author -> name
            if found is None or not isinstance(k, str):
                continue
            deeper = _prop_element(found, k, org.syntax)
            if deeper is None:
                break
            found = deeper
        if found is None:
            found = el
        return self.element_loc(found, _value_attr(found) if found is not el else None)

    def element_loc(self, el, attr: str | None = None) -> Loc | None:
        """An element's exact offset, also when several same-named tags share its line."""
        if el is None:
            return None
        line = getattr(el, "sourceline", None)
        doc = self._doc
        if not line or doc is None or not isinstance(el.tag, str):
            return Loc(element=el, attr=attr)
        nth = 0
        # The parser makes elements in the order it reads them, so a tree's elements come in the
        # order of their lines: the same-named elements of its line that come before it are all
        # below its nearest ancestor that starts on an earlier line, and only that box is walked
        # (a walk from the root reaches every element before it, a cost on a long page).
        top = el.getroottree().getroot()
        for anc in el.iterancestors():
            above = anc.sourceline
            if above is not None and above < line:
                top = anc
                break
        try:
            same = top.iter(el.tag)
        except ValueError:  # a tag name lxml cannot search for (control characters)
            return Loc(element=el, attr=attr)
        for other in same:
            if other is el:
                break
            if getattr(other, "sourceline", None) == line:
                nth += 1
        from ..locate import tag_offset

        text, hint = doc.text, doc.offset(line)
        found = None
        for _ in range(nth + 1):
            found = tag_offset(text, hint, el.tag)
            if found is None:
                return Loc(element=el, attr=attr)
            hint = found[0] + 1
        start = found[0]
        if attr:
            sub = tag_offset(text, start, el.tag, attr)
            if sub:
                return Loc(offset=sub[0], end_offset=sub[1])
        return Loc(offset=start, end_offset=found[1])

    def _jsonld_loc(self, node, org: Origin, steps: tuple) -> Loc | None:
        blk = self.jsonld[org.block]
        pos = blk.positions()
        if pos is None or blk.offset < 0:
            return None
        cur, val = pos, blk.data
        for k in org.path:
            cur, val = _step(cur, val, k)
            if cur is None:
                return None
        hops = 0
        for k in steps:
            nxt, nval = _step(cur, val, k)
            if nxt is None and isinstance(val, dict) and "@id" in val and hops < 8:
                # Follow a reference to the node it names, then continue from there.
                target = self._node_for_ref(val)
                if target is not None and target is not node:
                    hops += 1
                    t_org = self.origins.get(id(target))
                    if t_org is not None and t_org.syntax == "json-ld":
                        return self._jsonld_loc(target, t_org, steps[steps.index(k):])
                    if t_org is not None:
                        return self.node_value_loc(target, k if isinstance(k, str) else None)
                return _span_loc(blk, cur)
            if nxt is None:
                return _span_loc(blk, cur)
            cur, val = nxt, nval
        return _span_loc(blk, cur)

    def _node_for_ref(self, ref: dict):
        nodes = self.by_id.get(ref.get("@id")) if isinstance(ref.get("@id"), str) else None
        if not nodes:
            return None
        # prefer the node that carries properties (not another bare reference)
        return max(nodes, key=lambda n: len(n))


# --------------------------------------------------------------------------- helpers
def _types(node) -> list[str]:
    t = node.get("@type") if isinstance(node, dict) else None
    if t is None:
        return []
    ts = t if isinstance(t, list) else [t]
    out = []
    for x in ts:
        if isinstance(x, str) and x.strip():
            out.append(_short(x))
    return out


def _short(name: str) -> str:
    name = name.strip()
    for sep in ("/", "#"):
        if sep in name:
            name = name.rsplit(sep, 1)[-1]
    if name.startswith("schema:"):
        name = name[7:]
    return name


def node_types(node) -> list[str]:
    """The schema.org type names of a node (``@type`` string or array, IRIs shortened)."""
    return _types(node)


def is_ref(v) -> bool:
    return isinstance(v, dict) and isinstance(v.get("@id"), str) and all(k in ("@id", "@context") for k in v)


def flatten(values, limit: int = LIMITS.max_jsonld_nodes) -> list[dict]:
    """Every dict node with a @type, from arrays, @graph and nested values. Iterative and capped."""
    return [n for n, _p, _k in _walk(values, limit)]


def _walk(values, limit: int = LIMITS.max_jsonld_nodes):
    """(node, path, parent key) for every typed dict, in document order."""
    out = []
    stack = [(v, 0, (i,), None) for i, v in reversed(list(enumerate(values)))]
    seen = 0
    while stack and seen < limit * 4:
        v, depth, path, pkey = stack.pop()
        seen += 1
        if depth > LIMITS.max_depth:
            continue
        if isinstance(v, list):
            stack.extend((x, depth + 1, path + (i,), pkey) for i, x in reversed(list(enumerate(v))))
        elif isinstance(v, dict):
            if "@type" in v:
                out.append((v, path, pkey))
                if len(out) >= limit:
                    break
            items = list(v.items())
            for k, x in reversed(items):
                if k == "@context":
                    continue  # term definitions, not data
                if isinstance(x, (list, dict)):
                    stack.append((x, depth + 1, path + (k,), k))
    return out


def _resolve(value, by_id: dict, depth: int, seen: frozenset):
    if depth < 0:
        return value
    if isinstance(value, list):
        return [_resolve(v, by_id, depth, seen) for v in value[:1000]]
    if not isinstance(value, dict):
        return value
    i = value.get("@id")
    if is_ref(value) and i in by_id and i not in seen:
        target = _merged(by_id[i])
        if target is not None:
            return _resolve(target, by_id, depth - 1, seen | {i})
    out = {}
    for k, v in value.items():
        out[k] = _resolve(v, by_id, depth - 1, seen | ({i} if isinstance(i, str) else frozenset())) \
            if isinstance(v, (dict, list)) else v
    return out


def _merged(nodes: list):
    full = [n for n in nodes if not is_ref(n)]
    if not full:
        return None
    if len(full) == 1:
        return full[0]
    out: dict = {}
    for n in full:
        for k, v in n.items():
            out.setdefault(k, v)
    return out


def _skip_ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in " \t\r\n":
        i += 1
    return i


_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _scan(s: str, i: int, depth: int):
    """Position tree of the JSON value at ``s[i]``: ("o", start, end, {key: (key_start, child)}),
    ("a", start, end, [child...]) or ("s", start, end). Only run on text that parsed."""
    if depth > 400:
        raise ValueError("too deep")
    c = s[i]
    if c == "{":
        start, i, keys = i, _skip_ws(s, i + 1), {}
        if s[i] == "}":
            return ("o", start, i + 1, keys), i + 1
        while True:
            kstart = i
            key, i = json.decoder.scanstring(s, i + 1)
            i = _skip_ws(s, i)
            i = _skip_ws(s, i + 1)  # the colon
            child, i = _scan(s, i, depth + 1)
            keys[key] = (kstart, child)
            i = _skip_ws(s, i)
            if s[i] == ",":
                i = _skip_ws(s, i + 1)
                continue
            return ("o", start, i + 1, keys), i + 1
    if c == "[":
        start, i, items = i, _skip_ws(s, i + 1), []
        if s[i] == "]":
            return ("a", start, i + 1, items), i + 1
        while True:
            child, i = _scan(s, i, depth + 1)
            items.append(child)
            i = _skip_ws(s, i)
            if s[i] == ",":
                i = _skip_ws(s, i + 1)
                continue
            return ("a", start, i + 1, items), i + 1
    if c == '"':
        _v, j = json.decoder.scanstring(s, i + 1)
        return ("s", i, j), j
    for lit in ("true", "false", "null"):
        if s.startswith(lit, i):
            return ("s", i, i + len(lit)), i + len(lit)
    m = _NUMBER.match(s, i)
    if not m:
        raise ValueError("bad JSON")
    return ("s", i, m.end()), m.end()


def _lazy_positions(raw: str) -> bool:
    """Can the positions of ``raw`` be read lazily with the same answers as ``_scan``? Not when
    ``_scan`` gives up on the block: NaN or Infinity (which json.loads accepts) or nesting
    deeper than 400 (impossible with at most 400 brackets)."""
    return "NaN" not in raw and "Infinity" not in raw and raw.count("{") + raw.count("[") <= 400


_decode = json.JSONDecoder().raw_decode


class _Pos:
    """Where one JSON value is written in a block's text, read from the text as it is asked for:
    the same answers as the tuple ``_scan`` builds (``pos[0]`` the kind, "o", "a" or "s";
    ``pos[1]`` the start; ``pos[2]`` the end; ``pos[3]`` the children, ``{key: (key start,
    child)}`` or ``[child...]``), but a container's children are found only when a location
    goes into it, each value it passes over skipped by the C decoder. A location then costs a
    few keys of the path instead of a Python pass over every value of the block."""

    __slots__ = ("_s", "_start", "_end", "_kind", "_kids")

    def __init__(self, s: str, start: int, end: int | None = None):
        self._s, self._start, self._end, self._kids = s, start, end, None
        c = s[start]
        self._kind = "o" if c == "{" else "a" if c == "[" else "s"

    def __getitem__(self, i):
        if i == 0:
            return self._kind
        if i == 1:
            return self._start
        if i == 2:
            if self._end is None:
                self._end = _decode(self._s, self._start)[1]
            return self._end
        if i == 3:
            if self._kids is None:
                self._kids = self._children()
            return self._kids
        raise IndexError(i)

    def _children(self):
        s, kind = self._s, self._kind
        if kind == "s":
            return None
        i = _skip_ws(s, self._start + 1)
        kids: dict | list = {} if kind == "o" else []
        if s[i] in "}]":
            self._end = i + 1
            return kids
        while True:
            if kind == "o":
                kstart = i
                key, i = json.decoder.scanstring(s, i + 1)
                i = _skip_ws(s, _skip_ws(s, i) + 1)  # past the colon
            end = _decode(s, i)[1]
            if kind == "o":
                kids[key] = (kstart, _Pos(s, i, end))  # a repeated key: the last one, as json.loads
            else:
                kids.append(_Pos(s, i, end))
            i = _skip_ws(s, end)
            if s[i] != ",":
                self._end = i + 1
                return kids
            i = _skip_ws(s, i + 1)


def _step(pos, val, k):
    if pos is None:
        return None, None
    if isinstance(k, int):
        if pos[0] == "a" and isinstance(val, list) and 0 <= k < len(pos[3]):
            return pos[3][k], val[k]
        if k == 0 and not isinstance(val, list):
            return pos, val  # a single value read as a one-element list
        return None, None
    if pos[0] == "o" and isinstance(val, dict) and k in pos[3]:
        return pos[3][k][1], val[k]
    return None, None


def _span_loc(blk: JsonLdBlock, pos) -> Loc:
    end = pos[2] if pos[0] == "s" else pos[1] + 1
    return Loc(offset=blk.offset + pos[1], end_offset=blk.offset + end)


def _value_attr(el) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    for attr in ("content", "datetime", "href", "src", "resource", "data", "value"):
        if el.get(attr) is not None:
            if attr == "datetime" and tag != "time":
                continue
            return attr
    return None


def _prop_element(item_el, prop: str, syntax: str):
    """The element under ``item_el`` carrying ``itemprop``/``property`` = prop, not inside a nested item."""
    if item_el is None:
        return None
    attr, scope = ("itemprop", "itemscope") if syntax == "microdata" else ("property", "typeof")
    # The elements carrying the attribute, in document order (one XPath instead of a Python walk
    # of the whole item); the first that names the property and is not inside a nested item.
    for el in item_el.xpath(f"descendant::*[@{attr}]"):
        if prop not in [_short(x) for x in el.get(attr).split()]:
            continue
        parent = el.getparent()
        while parent is not None and parent is not item_el and parent.get(scope) is None:
            parent = parent.getparent()
        if parent is item_el:
            return el
    return None


# --------------------------------------------------------------------------- JSON-LD
_BOM = "\ufeff"
_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[)", re.IGNORECASE)
_COMMENT = re.compile(r'^\s*(?://|/\*)|[,{\[]\s*(?://|/\*)', re.MULTILINE)
_TRAILING_COMMA = re.compile(r",\s*[}\]]")


def _repair_note(raw: str, exc: json.JSONDecodeError | None) -> str | None:
    """What a lenient consumer (browsers' JSON.parse does not; extruct, Google do some) would repair."""
    s = raw.strip()
    if s.startswith(_BOM) or raw.startswith(_BOM):
        return "a byte-order mark before the JSON"
    if _WRAPPER.match(s):
        return "an HTML-comment or CDATA wrapper around the JSON"
    if exc is not None:
        pos = exc.pos
        head = raw[pos:pos + 2]
        if exc.msg.startswith("Expecting property name") or exc.msg.startswith("Expecting value"):
            before = raw[:pos].rstrip()
            if before.endswith(",") and raw[pos:].lstrip()[:1] in ("}", "]"):
                return "a trailing comma"
            if head in ("//", "/*"):
                return "a comment (JSON has none)"
            if raw[pos:pos + 1] == "'":
                return "single quotes (JSON strings use double quotes)"
        if head in ("//", "/*"):
            return "a comment (JSON has none)"
        if exc.msg.startswith("Invalid control character"):
            return "a raw line break or control character inside a string"
        if exc.msg == "Extra data":
            rest = raw[pos:].strip()
            if rest in (";",) or rest.startswith(";") and not rest[1:].strip():
                return "a trailing semicolon"
            if rest.startswith(("}", "]")):
                return "an extra closing bracket"
            if rest.startswith(("{", "[")):
                return "several JSON values run together (wrap them in an array)"
            if rest.startswith(","):
                return "text after the end of the JSON value (a bracket closed too early, or values listed without [ ])"
            if rest.startswith(("//", "/*", "-->", "]]>")):
                return "a comment or wrapper after the JSON"
    return None


def _nl(s: str) -> str:
    """Line breaks as the HTML parser reports them."""
    return s.replace("\r\n", "\n").replace("\r", "\n") if "\r" in s else s


def _read_jsonld(article, scripts, mk: Markup) -> None:
    text = article.doc.text
    cursor = 0  # end of the previous JSON-LD script in the source
    for el in scripts:
        typ = (el.get("type") or "").strip().lower()
        if typ.split(";")[0].strip() != "application/ld+json":
            continue
        raw = el.text or ""
        line = getattr(el, "sourceline", None)
        hint = max(cursor, article.doc.offset(line)) if line else cursor
        offset = -1
        m = _LD_OPEN.search(text, hint)
        if m:
            close = _SCRIPT_CLOSE.search(text, m.end())
            src = text[m.end():close.start() if close else len(text)]
            if src == raw or src.strip() == raw.strip() or _nl(src).strip() == _nl(raw).strip():
                raw, offset = src, m.end()
                cursor = close.end() if close else m.end()
        if offset < 0 and raw.strip():
            j = text.find(raw, article.doc.offset(line) if line else cursor)
            if j >= 0:
                offset = j
                cursor = j + len(raw)
        blk = JsonLdBlock(el, raw, offset, index=len(mk.jsonld))
        if len(raw) > LIMITS.max_jsonld_bytes:
            blk.error = f"block too large to check ({len(raw):,} characters; limit {LIMITS.max_jsonld_bytes:,})"
        elif not raw.strip():
            blk.error = "empty block"
        else:
            try:
                blk.data = json.loads(raw)
            except json.JSONDecodeError as exc:
                blk.error, blk.error_pos = exc.msg, exc.pos
                blk.repair = _repair_note(raw, exc)
                if blk.repair and "byte-order mark" in blk.repair:
                    blk.error_pos = raw.find(_BOM) if _BOM in raw else exc.pos
            except RecursionError:
                blk.error = "nested too deeply to check"
            except ValueError as exc:  # a number over Python's 4,300-digit budget
                blk.error = f"a value cannot be read: {str(exc).split(';')[0]}"
        mk.jsonld.append(blk)


# --------------------------------------------------------------------------- microdata
def _read_microdata(article, root, mk: Markup, itemscopes: list, md_elements: list) -> None:
    """Microdata items by extruct's extractor. ``itemscopes`` (every element with ``itemscope``, in
    document order) is what its own XPath would find from the root, and each item's properties
    (the ``itemprop`` elements whose nearest enclosing ``itemscope`` it is) what its per-item XPath
    would find; handing them over saves the extractor walks of the whole tree."""
    try:
        from extruct.w3cmicrodata import MicrodataExtractor
    except ImportError:  # extruct missing: microdata is not read
        return
    base = article.doc.url or article.page.canonical or ""
    extractor = MicrodataExtractor(add_html_node=True)
    find_items = getattr(MicrodataExtractor, "_xp_item", None)
    if callable(find_items):
        extractor._xp_item = lambda node: list(itemscopes) if node is root else find_items(node)
    find_props = getattr(MicrodataExtractor, "_xp_prop", None)
    if callable(find_props):
        props = _item_properties(itemscopes, md_elements)
        extractor._xp_prop = lambda node: list(props[node]) if node in props else find_props(node)
    text_content = getattr(MicrodataExtractor, "_extract_textContent", None)
    if callable(text_content):
        extractor._extract_textContent = lambda node: _md_text(node, extractor, text_content)
    try:
        items = extractor.extract_items(root, base)
    except Exception:
        return
    finally:
        # The lambdas above hold the extractor and the tree: without this reference cycle the
        # page's tree is freed when the page is done, not at the collector's next full pass.
        extractor.__dict__.clear()
    for it in items[:LIMITS.max_jsonld_nodes]:
        mk.microdata.append(_md_node(it, mk, 0))


def _item_properties(itemscopes: list, md_elements: list) -> dict:
    """item element -> its property elements in document order: the ``itemprop`` elements below
    it with no other ``itemscope`` element in between."""
    props: dict = {el: [] for el in itemscopes}
    for el in md_elements:
        if el.get("itemprop") is None:
            continue
        anc = el.getparent()
        while anc is not None and anc.get("itemscope") is None:
            anc = anc.getparent()
        if anc is not None:
            props[anc].append(el)
    return props


# What the extractor's cleaner removes before it takes an element's text: these elements, comments
# and processing instructions. An element without them is taken as it is, without the copy.
_CLEANED_TAGS = ("script", "style", "link", "meta")
_WS = re.compile(r"\s+")


def _md_text(node, extractor, text_content) -> str:
    """The text value of a microdata property, as extruct gives it: its cleaner on a copy of the
    element, then html_text. An element with nothing to clean is read as it is; otherwise the
    copy loses what the cleaner would remove (each dropped the same way, in document order)
    without the cleaner's Python pass over every element."""
    from lxml import etree

    if not isinstance(node.tag, str):
        return text_content(extractor, node)
    if node.get("itemscope") is not None and node.get("itemtype", "").split():
        # A typed item without properties (``<body itemscope itemtype=".../WebPage">``): the
        # extractor takes the text of all of it as the item's value, which the markup never
        # keeps (a typed item is read by its type, id and properties, see _md_node), so that
        # text, often the whole page's, is not worked out. Only such an item's own element
        # reaches here with ``itemscope``.
        return ""
    cleaned = (*_CLEANED_TAGS, etree.Comment, etree.ProcessingInstruction)
    first = next(node.iter(*cleaned), None)
    if first is node:  # the cleaner empties the element itself: leave that to it
        return text_content(extractor, node)
    import html_text

    if first is None:
        if len(node) == 0:  # one text node: html_text collapses its whitespace
            return _WS.sub(" ", node.text.strip()) if node.text else ""
        return html_text.etree_to_text(node)
    import copy

    clean = copy.deepcopy(node)
    for el in list(clean.iter(*cleaned)):
        el.drop_tree()
    return html_text.etree_to_text(clean)


def _md_node(item: dict, mk: Markup, depth: int) -> dict:
    node: dict = {}
    t = item.get("type")
    if t:
        # schema.org types by their short name; other vocabularies keep their IRI
        node["@type"] = [_short(x) if "schema.org" in x.lower() else x
                         for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]
        if len(node["@type"]) == 1:
            node["@type"] = node["@type"][0]
    if isinstance(item.get("id"), str):
        node["@id"] = item["id"]
    for k, v in (item.get("properties") or {}).items():
        node[k] = _md_value(v, mk, depth + 1)
    mk.origins[id(node)] = Origin("microdata", element=item.get("htmlNode"))
    return node


def _md_value(v, mk, depth):
    if depth > 50:
        return None
    if isinstance(v, list):
        return [_md_value(x, mk, depth + 1) for x in v]
    if isinstance(v, dict) and ("properties" in v or "type" in v):
        return _md_node(v, mk, depth)
    return v


# --------------------------------------------------------------------------- RDFa Lite
_RDFA_XPATH = "|".join(f"//*/@{a}" for a in ("vocab", "prefix", "property", "typeof"))


def _read_rdfa(article, root, mk: Markup) -> None:
    """RDFa Lite 1.1 (vocab, typeof, property, resource, prefix) read on the parsed tree.
    Only schema.org terms are kept; ``<time datetime>`` gives its ``datetime``."""
    base = article.doc.url or article.page.canonical or ""
    count = 0
    # Only elements with vocab, prefix, property or typeof change or read the state; each starts
    # from the state its nearest such ancestor hands down (vocab, current item or None, prefixes).
    start = (None, None, {"schema": "https://schema.org/"})
    handed: dict = {}  # id(element) -> the state its children start from
    kept = []  # those elements, alive while their ids are keys of ``handed``
    for hit in root.xpath(_RDFA_XPATH):
        el = hit.getparent()
        if id(el) in handed:
            continue  # another of the same element's attributes
        anc = el.getparent()
        while anc is not None and id(anc) not in handed:
            anc = anc.getparent()
        vocab, item, prefixes = handed[id(anc)] if anc is not None else start
        v = el.get("vocab")
        if v is not None:
            vocab = v.strip() or None
        pfx = el.get("prefix")
        if pfx:
            prefixes = dict(prefixes)
            parts = pfx.split()
            for i in range(0, len(parts) - 1, 2):
                if parts[i].endswith(":"):
                    prefixes[parts[i][:-1]] = parts[i + 1]
        props = [p for p in (_rdfa_term(x, vocab, prefixes) for x in (el.get("property") or "").split()) if p]
        typeof = el.get("typeof")
        new_item = None
        if typeof is not None:
            types = [t for t in (_rdfa_term(x, vocab, prefixes) for x in typeof.split()) if t]
            new_item = {}
            if types:
                new_item["@type"] = types[0] if len(types) == 1 else types
            rid = el.get("resource") or el.get("about")
            if rid:
                new_item["@id"] = _absolute(rid.strip(), base)
            mk.origins[id(new_item)] = Origin("rdfa", element=el)
            count += 1
            if count > LIMITS.max_jsonld_nodes:
                break
            if not props or item is None:
                if types:
                    mk.rdfa.append(new_item)
        if props and item is not None:
            value = new_item if new_item is not None else _rdfa_value(el, base)
            for p in props:
                old = item.get(p)
                if old is None:
                    item[p] = value
                elif isinstance(old, list):
                    old.append(value)
                else:
                    item[p] = [old, value]
        elif props and item is None and new_item is not None:
            pass
        handed[id(el)] = (vocab, new_item if new_item is not None else item, prefixes)
        kept.append(el)


def _rdfa_term(term: str, vocab: str | None, prefixes: dict) -> str | None:
    term = term.strip()
    if not term:
        return None
    if ":" in term:
        pre, _, local = term.partition(":")
        if pre in ("http", "https"):
            return _short(term) if "schema.org" in term else None
        iri = prefixes.get(pre)
        return local if iri and "schema.org" in iri else None
    if vocab and "schema.org" in vocab:
        return term
    return None


def _rdfa_value(el, base: str):
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if el.get("content") is not None:
        return el.get("content")
    if tag == "time" and el.get("datetime"):
        return el.get("datetime").strip()
    for attr in ("resource", "href", "src"):
        if el.get(attr):
            return _absolute(el.get(attr).strip(), base)
    return " ".join(el.text_content().split())


def _absolute(url: str, base: str) -> str:
    if not base or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("_:"):
        return url
    from urllib.parse import urljoin

    return urljoin(base, url)


# --------------------------------------------------------------------------- the graph
def extract_markup(article) -> Markup:
    from .page import ARTICLE_TYPES

    mk = Markup()
    mk._doc = article.doc
    root = article.tree
    if root is None or article.kind != HTML:
        return mk
    scripts, md_elements, itemscopes, has_typeof = _index(root)
    _read_jsonld(article, scripts, mk)
    for key, (value, _el) in article.meta.items():
        if key.startswith(("og:", "article:", "twitter:")):
            mk.opengraph[key] = value
    text = article.doc.text
    # The source text decides, as it always has; it is searched only when the tree holds
    # something to read (most pages have neither microdata nor typeof).
    mk.has_microdata = bool(md_elements) and _uses_microdata(text)
    mk.has_rdfa = has_typeof and _uses_rdfa(text)
    if mk.has_microdata:
        mk.microdata_elements = md_elements
        if itemscopes:
            _read_microdata(article, root, mk, itemscopes, md_elements)
    if mk.has_rdfa:
        _read_rdfa(article, root, mk)

    order = 0
    for blk in mk.jsonld:
        if blk.data is None:
            continue
        for node, path, pkey in _walk([blk.data]):
            mk.origins[id(node)] = Origin("json-ld", blk.index, path[1:])
            mk.parents[id(node)] = pkey
            mk.nodes.append(node)
            order += 1
            if pkey in _PRIMARY_KEYS:
                mk.page_types.update(_types(node))
    for syntax, items in (("microdata", mk.microdata), ("rdfa", mk.rdfa)):
        for node, _path, pkey in _walk(items):
            mk.parents[id(node)] = pkey
            mk.nodes.append(node)
            if pkey in _PRIMARY_KEYS:
                mk.page_types.update(_types(node))
    for n in mk.nodes:
        i = n.get("@id")
        if isinstance(i, str) and len(mk.by_id) < LIMITS.max_id_refs:
            mk.by_id.setdefault(i, []).append(n)
    for n in mk.nodes:
        if set(_types(n)) & ARTICLE_TYPES and mk.parents.get(id(n)) in _PRIMARY_KEYS:
            mk.article_nodes.append(n)
    if not mk.article_nodes:
        return mk
    canonical = article.page.canonical or article.doc.url

    def rank(n):
        org = mk.origins.get(id(n))
        syn = {"json-ld": 0, "microdata": 1, "rdfa": 2}.get(org.syntax if org else "", 3)
        ids = [x for x in (n.get("@id"), n.get("url"), n.get("mainEntityOfPage")) if isinstance(x, str)]
        same = bool(canonical) and any(_same_url(x, canonical) for x in ids)
        return (syn, not same, "headline" not in n)

    ranked = sorted(mk.article_nodes, key=rank)  # stable: document order breaks ties
    first = ranked[0]
    mk._primary = first
    merged: dict = {}
    sources: dict = {}
    fill = [first]
    # nodes that describe the same thing: same @id, or the best node of each other syntax
    fid = first.get("@id")
    if isinstance(fid, str):
        fill += [n for n in mk.by_id.get(fid, []) if n is not first]
    seen_syntax = {mk.origins[id(first)].syntax}
    for n in ranked[1:]:
        syn = mk.origins[id(n)].syntax if id(n) in mk.origins else None
        if syn and syn not in seen_syntax:
            seen_syntax.add(syn)
            fill.append(n)
    for n in fill:
        org = mk.origins.get(id(n))
        for k, v in n.items():
            if k in merged:
                continue
            merged[k] = mk.resolve(v)
            mk._article_origin[k] = n
            src = org.to_dict() if org else {"syntax": "unknown"}
            if org and org.syntax == "json-ld":
                src["path"] = list(org.path) + [k]
            sources[k] = src
    mk.article = merged
    mk.article_sources = sources
    return mk


_MD_ATTRS = ("itemprop", "itemscope", "itemref", "itemtype")
_INDEX_XPATH = "|".join(f"//*/@{a}" for a in _MD_ATTRS + ("typeof",))
_index_xpath = None


def _index(root) -> tuple[list, list, list, bool]:
    """:func:`python_index`, in C when the C walk is built (lint/_walk.pyx)."""
    return WALK.markup_index(root) if WALK is not None else python_index(root)


def python_index(root) -> tuple[list, list, list, bool]:
    """The tree's <script> elements, the elements with a microdata attribute, those with
    ``itemscope`` (each in document order) and whether any element has ``typeof``. The scripts
    come from lxml's walk of the tree for one tag, the attributes from one XPath: one XPath for
    both costs more, as libxml2 puts a union of elements and attributes in document order by
    comparing their positions in the tree."""
    global _index_xpath
    if _index_xpath is None:
        from lxml import etree

        _index_xpath = etree.XPath(_INDEX_XPATH)
    scripts = list(root.iter("script"))
    md, scopes, has_typeof = [], [], False
    seen = set()
    for hit in _index_xpath(root):
        name = hit.attrname
        if name == "typeof":
            has_typeof = True
            continue
        el = hit.getparent()
        if id(el) not in seen:
            seen.add(id(el))
            md.append(el)
        if name == "itemscope":
            scopes.append(el)
    return scripts, md, scopes, has_typeof


def _uses_microdata(text: str) -> bool:
    return any(w in text for w in _MICRODATA_WORDS)


def _uses_rdfa(text: str) -> bool:
    """RDFa attributes on an element other than the <meta>/<link> tags OpenGraph uses."""
    for word in _RDFA_WORDS:
        i = text.find(word)
        while i >= 0:
            if i > 0 and text[i - 1] in " \t\r\n":
                lt = text.rfind("<", 0, i)
                t = _TAG_NAME.match(text, lt) if lt >= 0 else None
                if t is not None and t.group(1).lower() not in ("meta", "link") and text.find(">", lt, i) < 0:
                    return True
            i = text.find(word, i + len(word))
    return False


def _same_url(a: str, b: str) -> bool:
    def norm(u: str) -> str:
        u = u.strip().split("#", 1)[0]
        u = re.sub(r"^https?://(www\.)?", "", u, flags=re.IGNORECASE)
        return u.rstrip("/").lower()

    return norm(a) == norm(b)
