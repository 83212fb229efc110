"""Which element is the article body, and why.

Order: the site's configured selectors; ``itemprop=articleBody``; well-known body class names;
the ``<article>`` element with the most prose; the element holding the most paragraph text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress, islice, repeat
from operator import and_, itemgetter

from ..document import HTML
from .named import BODY, css_select, named_elements, page_names

_CHROME = re.compile(r"footer|copyright|comment|binh-?luan|sidebar|menu|navbar|breadcrumb|related|tin-?lien-?quan",
                     re.IGNORECASE)
_PROP = itemgetter(2)
_NAME = itemgetter(3)


_MANY_LINKS = 8  # links in a paragraph from which one listing of their texts is cheaper than a call per link


@cache
def _link_xpaths() -> tuple:
    """The texts under an element with a link above them (each once); whether a link holds a link."""
    from lxml import etree

    return etree.XPath("descendant::text()[ancestor::a]", smart_strings=False), etree.XPath("boolean(.//a//a)")


_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form"}


@dataclass(slots=True)
class Body:
    element: object = None
    reason: str = ""
    selector: str = ""
    paragraphs: int = 0
    paragraph_chars: int = 0
    link_density: float = 0.0


def _in_chrome(el, layout=frozenset()) -> bool:
    """The element or an ancestor is page chrome: footer, comments, sidebar, menu, related links.
    ``layout``: the headline's ancestors; a box that holds the headline is page layout, however
    it is named (``panel-two-col-sidebar-right``), and ends the search."""
    while el is not None and el not in layout:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("footer", "nav", "aside", "header"):
            return True
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        if names.strip() and _CHROME.search(names):
            return True
        el = el.getparent()
    return False


class _Paragraphs:
    """The page's ``<p>`` elements, each measured once. The candidates for the body (nested boxes
    whose names say "content", the ``<article>`` elements, the parents the density scan scores) and
    then the body chosen all read the same paragraphs."""

    __slots__ = ("chars", "links")

    def __init__(self):
        self.chars: dict = {}  # <p> -> characters of its text, white space stripped at both ends
        self.links: dict = {}  # <p> of 40 characters or more -> characters of its links' text

    def length(self, p) -> int:
        ln = self.chars.get(p)
        if ln is None:
            ln = self.chars[p] = len(p.text_content().strip())
        return ln

    def prose(self, el) -> tuple[int, int, int]:
        """(paragraph count, characters in paragraphs, characters in links) under ``el``: the
        paragraphs of 40 characters or more.

        A paragraph's link characters are the text of each link in it, read link by link. In a
        paragraph of many links, where no link holds another and the paragraph is in no link, that
        is the length of its texts that have a link above them: listed in one call (one walk of its
        texts) instead of one call per link."""
        n = chars = link = 0
        length, links = self.length, self.links
        nested = link_texts = None
        for p in el.iter("p"):
            ln = length(p)
            if ln >= 40:
                n += 1
                chars += ln
                got = links.get(p)
                if got is None:
                    anchors = list(islice(p.iter("a"), _MANY_LINKS))
                    if len(anchors) == _MANY_LINKS and nested is None:
                        link_texts, nested_link = _link_xpaths()
                        nested = nested_link(el)
                    if len(anchors) < _MANY_LINKS:
                        got = sum(len(a.text_content()) for a in anchors)
                    elif nested or next(p.iterancestors("a"), None) is not None:
                        got = sum(len(a.text_content()) for a in p.iter("a"))
                    else:
                        got = sum(map(len, link_texts(p)))
                    links[p] = got
                link += got
        return n, chars, link


def _describe(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else "?"
    if el.get("id"):
        return f"{tag}#{el.get('id')}"
    cls = (el.get("class") or "").split()
    return tag + "".join("." + c for c in cls[:2])


def _body(el, reason: str, paras: _Paragraphs) -> Body:
    n, chars, link = paras.prose(el)
    return Body(el, reason, _describe(el), n, chars, (link / chars) if chars else 0.0)


def _named_body(named: list, kinds: dict, paras: _Paragraphs) -> Body | None:
    """The body its names give: the first element with ``itemprop=articleBody``, else the element
    with the most paragraph text among those whose class or id names an article body (at least
    200 characters; the first of equals). ``named``: the page's :func:`named_elements`; ``kinds``
    its :func:`page_names`.

    Few elements have an itemprop and few names say "body": the distinct itemprops are judged once
    each, the names' verdicts are the page's shared ones, and the list is filtered in C, so no
    Python code runs per element."""
    props = set(map(_PROP, named))
    props.discard(None)
    marked = {p for p in props if p.lower() == "articlebody"}
    if marked:
        for el, tag, _, _ in compress(named, map(marked.__contains__, map(_PROP, named))):
            if tag not in _SKIP:
                return _body(el, 'has itemprop="articleBody"', paras)
    bodies = set(compress(kinds, map(and_, kinds.values(), repeat(BODY))))
    if not bodies:
        return None
    best = None
    for el, tag, _, cls in compress(named, map(bodies.__contains__, map(_NAME, named))):
        if tag in _SKIP:
            continue
        chars = paras.prose(el)[1]
        if chars >= 200 and (best is None or chars > best[1]):
            best = (el, chars, cls)
    if best is None:
        return None
    el, _, cls = best
    return _body(el, f"its class or id {cls.strip()[:60]!r} names an article body", paras)


def find_body(article) -> Body:
    root = article.tree
    if root is None:
        return Body(None, f"{article.kind} source: the whole document is the body")
    paras = _Paragraphs()
    if article.kind != HTML:
        return _body(root, "the rendered Markdown body", paras)
    cfg = getattr(article, "config", None)
    for sel in (getattr(cfg, "body_selectors", None) or []):
        found = css_select(root, sel)
        if found:
            return _body(found[0], f"matches the configured body selector {sel!r}", paras)
    best = _named_body(named_elements(article), page_names(article), paras)  # shared with dates
    if best is not None:
        return best
    arts = [(a, paras.prose(a)[1]) for a in root.iter("article")]
    arts = [a for a in arts if a[1] >= 200]
    if arts:
        el = max(arts, key=lambda a: a[1])[0]
        return _body(el, "the <article> element with the most prose", paras)
    # Density: the parent that holds the most paragraph text directly.
    scores: dict = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        ln = paras.length(p)
        if ln >= 25:
            scores[parent] = scores.get(parent, 0) + ln
    # A footer or comment box with more prose than the article is not the body...
    h1 = next(root.iter("h1"), None)
    layout = frozenset(h1.iterancestors()) if h1 is not None else frozenset()
    prose = {e: n for e, n in scores.items() if not _in_chrome(e, layout)}
    if prose:
        el = max(prose, key=prose.get)
        return _body(el, "the element holding the most paragraph text", paras)
    if scores:
        # ...but where only chrome holds paragraphs: a little of it (a home page's address block)
        # beats the whole page, whose menus of inline links would read as words run together;
        # a lot of it is an article inside a box its layout names oddly, and the whole page keeps
        # its headline and dateline with it.
        el = max(scores, key=scores.get)
        if scores[el] < 600:
            return _body(el, "the element holding the most paragraph text (all of it page chrome)", paras)
    body = root.find("body")
    return _body(body if body is not None else root, "no better candidate: the whole <body>", paras)
