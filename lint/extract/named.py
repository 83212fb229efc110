"""One walk of the page for the views that read every element's names.

The article body (``body.py``), the dates and the byline (``dates.py``) each looked at every element
of the page for its ``itemprop`` and its class (or, without one, its id). A Python loop over a
page's elements costs about as much as a third of its parse, so the walk is done once and kept:
each element that has an itemprop, a class or an id, and every ``<time>``, ``<a>`` and ``<img>``,
in document order, as ``(element, tag, itemprop, class-or-id)``. The images view reads its
``<img>`` from here too.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree


def named_elements(article) -> list[tuple]:
    """``(element, tag, itemprop or None, class or id or None)``, in document order. Cached."""
    got = article.__dict__.get("_named_elements")
    if got is not None:
        return got
    out: list[tuple] = []
    root = article.tree
    if root is not None:
        append = out.append
        get = etree._Element.get  # one method for every element: no bound method made per element
        for el in root.iter(etree.Element):  # elements only: comments and PIs have no names
            ip = get(el, "itemprop")
            c = get(el, "class") or get(el, "id")
            if ip or c:
                append((el, el.tag, ip, c))
            else:
                tag = el.tag
                if tag == "time" or tag == "a" or tag == "img":
                    append((el, tag, None, None))
    article.__dict__["_named_elements"] = out
    return out


def house_style_elements(article, key: str, limit: int = 3) -> list:
    """The first elements the house style's ``key`` selector (``date_selector``,
    ``byline_selector``) matches; none without a selector or with one that is not valid CSS."""
    hs = getattr(getattr(article, "config", None), "house_style", None)
    sel = getattr(hs, key, None) if hs is not None else None
    return css_select(article.tree, sel)[:limit] if sel else []


def css_select(root, sel: str) -> list:
    """The elements under ``root`` that the CSS selector ``sel`` matches, in document order; none
    for a selector that is not valid CSS. Selectors come from the configuration, so each is compiled
    once per process (lxml's cssselect, which the ``cssselect`` package translates to XPath)."""
    if root is None:
        return []
    xp = _compiled_selector(sel)
    return xp(root) if xp is not None else []


@lru_cache(maxsize=64)
def _compiled_selector(sel: str):
    from lxml.cssselect import CSSSelector  # imported only when a site configures a selector

    try:
        return CSSSelector(sel)
    except Exception:  # cssselect's SelectorError and its subclasses: not valid CSS
        return None
