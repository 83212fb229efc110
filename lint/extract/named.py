"""One walk of the page for the views that read every element's names.

The article body (``body.py``), the dates and the byline (``dates.py``) each looked at every element
of the page for its ``itemprop`` and its class (or, without one, its id). A Python loop over a
page's elements costs about as much as a third of its parse, so the walk is done once and kept (in
C when the C walk is built, :mod:`lint.native`):
each element that has an itemprop, a class or an id, and every ``<time>``, ``<a>`` and ``<img>``,
in document order, as ``(element, tag, itemprop, class-or-id)``. The images view reads its
``<img>`` from here too.

What a class or id text names (an article body, a date, a byline, a caption...) is kept for the
whole run in one memo, :data:`NAMES`, as bits of a small int: a site's layout names repeat on every
page, and each view asks its own questions of the same texts. The body, date and byline questions
are answered together, once per new name that holds one of their words (:func:`page_names`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter

from lxml import etree

from ..memo import NameMemo
from ..native import WALK


def named_elements(article) -> list[tuple]:
    """``(element, tag, itemprop or None, class or id or None)``, in document order. Cached."""
    got = article.__dict__.get("_named_elements")
    if got is not None:
        return got
    root = article.tree
    if root is None:
        out = []
    elif WALK is not None:
        out = WALK.named_elements(root)  # the same walk in C (lint/_walk.pyx)
    else:
        out, article.__dict__["_every_element"] = python_named_walk(root)
    article.__dict__["_named_elements"] = out
    return out


def python_named_walk(root) -> tuple[list[tuple], list]:
    """:func:`named_elements` of the tree at ``root`` in Python, and every element of it.

    Every element's Python object is kept while the page is checked: lxml makes one the first time
    an element is reached and drops it when nothing holds it, so the later walks of the images,
    markup and dates views would make most of them again."""
    out: list[tuple] = []
    append = out.append
    get = etree._Element.get  # one method for every element: no bound method made per element
    every = list(root.iter(etree.Element))  # elements only: comments and PIs have no names
    # The attribute names as bytes: lxml encodes a str name to UTF-8 on every call.
    for el in every:
        ip = get(el, b"itemprop")
        c = get(el, b"class") or get(el, b"id")
        if ip or c:
            append((el, el.tag, ip, c))
        else:
            tag = el.tag
            if tag == "time" or tag == "a" or tag == "img":
                append((el, tag, None, None))
    return out, every


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


# ---------------------------------------------------------------------------- what names say
# Bits of a name's record in NAMES. BODY, DATE and BYLINE are judged together (JUDGED set once
# they are), and only for names holding one of their words (a name without is none of the three
# and is not kept for them, see page_names); the images view asks its three questions one at a
# time, each with a bit saying it was asked (CAPTION_KNOWN...) and one for the answer.
DATE = 1  # the name says a date: a dateline's box (dates.py)
BYLINE = 2  # the name says an author or byline (dates.py, byline.py)
BODY = 4  # the name says an article body (body.py)
JUDGED = 8
CAPTION_KNOWN, CAPTION = 16, 32  # images.py: a caption's box
BOX_KNOWN, BOX = 64, 128  # images.py: a related-links, share, comment or promotion box
LOGO_KNOWN, LOGO = 256, 512  # images.py: a logo

# class or id text -> its bits, for every view and every page of a run. One entry per distinct text
# a view asked about (a mixed-site crawl meets about 140 new names a page, a tenth of them with a
# body, date or byline word); emptied when full, so it stays bounded.
NAMES = NameMemo(40_000)

BODY_CLASSES = re.compile(
    r"(?:^|[\s_-])(?:article[-_]?body|article[-_]?content|articlebody|entry[-_]content|post[-_]content|"
    r"post[-_]body|story[-_]body|story[-_]content|content[-_]detail|detail[-_]content|news[-_]content|"
    r"fck_detail|maincontent|main[-_]content|body[-_]text|text[-_]content|article__body|"
    r"article-text|articletext|detail__content|singular-content|the-article-body|cms-body)(?:$|[\s_-])",
    re.IGNORECASE,
)
DATE_CLASS = re.compile(
    r"date|datum|fecha|zeit|time(?!line)|publish|posted|pubdate|dateline|ngay|thoigian|thoi-gian|byline|"
    r"(?:^|[\s_-])(?:meta|info|tagline|post-info|entry-meta|article-meta|post-meta|details?)(?:$|[\s_-])",
    re.IGNORECASE,
)
BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:author|authors|byline|by-line|author-name|article-author|tac-gia|tacgia|writer|"
    r"reporter|post-author|entry-author|author_name|nguoi-viet)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Every word DATE_CLASS and BYLINE_CLASS look for holds one of these (in lower case): a quick no for
# most names. Grouped by first letter, which the regex engine tries faster than flat alternatives.
_DATE_OR_BYLINE_HINT = re.compile(r"d(?:at|etail)|t(?:ime|agline|ac-?gia|hoi)|p(?:ublish|ost)|n(?:gay|guoi)|"
                                  r"by-?line|meta|info|author|writer|reporter|zeit|fecha")
# The three patterns without IGNORECASE, for an ASCII name already in lower case (the same
# matches; the case-blind search costs about three times as much).
_DATE_CLASS_LOWER = re.compile(DATE_CLASS.pattern)
_BYLINE_CLASS_LOWER = re.compile(BYLINE_CLASS.pattern)
_BODY_CLASSES_LOWER = re.compile(BODY_CLASSES.pattern)

_NAME = itemgetter(3)


def page_names(article) -> dict:
    """Every class or id text of the page's walk -> its bits (BODY, DATE, BYLINE known). Cached on
    the article.

    Nine names in ten hold none of the words the three patterns look for (:data:`_HINT_WORDS`):
    one look at all of the page's names at once (:func:`_hinted`) finds the others, and the rest
    say nothing, without a question of their own or a place in the memo. The hinted names met
    before, on this page or an earlier one, are answered by :data:`NAMES`; the new ones are judged
    (:func:`_judge_one`) and kept there."""
    got = article.__dict__.get("_page_names")
    if got is not None:
        return got
    names = set(map(_NAME, named_elements(article)))
    names.discard(None)
    names = list(names)
    kinds = dict.fromkeys(names, JUDGED)
    hinted = _hinted(names)
    if hinted:
        known = dict(zip(hinted, map(NAMES.get, hinted, repeat(0))))
        fresh = {n: k | JUDGED | _judge_one(n) for n, k in known.items() if not k & JUDGED}
        kinds.update(known)
        if fresh:  # each keeps what the images view knows of it
            kinds.update(fresh)
            NAMES.put_all(fresh)
    article.__dict__["_page_names"] = kinds
    return kinds


# Every word BODY_CLASSES, DATE_CLASS and BYLINE_CLASS look for in a lower-case name holds one of
# these words (the alternatives of _DATE_OR_BYLINE_HINT, and those of the words a body name needs),
# grouped by first letter: each pattern is led by one literal character, which a scan finds fast.
# Compiled at first use (:func:`_hint_searches`), not at import.
_HINT_WORDS = ("d(?:at|etail)", "t(?:ime|agline|ac-?gia|hoi|ext)", "p(?:ublish|ost)", "n(?:gay|guoi)",
               "b(?:y-?line|ody)", "meta", "info", "author", "writer", "reporter", "zeit", "fecha", "content")
_SEP = "\0"  # between names in one string: no attribute value holds a NUL (see Document)
_PLUS_ONE = (1).__add__


def _hinted(names: list) -> list:
    """The names that may name a body, a date or a byline: those holding a hint word in lower case,
    and those outside ASCII (judged case-blind, see :func:`_judge_one`); any other name is none of
    the three. The names are joined and lowered once and each group of words (:data:`_HINT_WORDS`)
    is looked for in the whole (one pattern of all the words tries every alternative at every
    character: slower than a question per name)."""
    low = _SEP.join(names).lower()  # lowering maps no other character to the separator
    lows = low.split(_SEP)
    if len(lows) != len(names):  # a name holds the separator
        return names
    # Where each name's successor starts in ``low``: the name a position falls in is the first
    # whose successor starts after it.
    nexts = list(accumulate(map(_PLUS_ONE, map(len, lows))))
    hit = set()
    for search in _hint_searches():
        m = search(low)
        while m is not None:
            i = bisect_right(nexts, m.start())
            hit.add(i)
            m = search(low, nexts[i])  # the next name
    if not low.isascii():
        hit.update(i for i, n in enumerate(names) if not n.isascii())
    return [names[i] for i in sorted(hit)]


@lru_cache(maxsize=1)
def _hint_searches() -> tuple:
    return tuple(re.compile(p).search for p in _HINT_WORDS)


def _judge_one(name: str) -> int:
    """The BODY, DATE and BYLINE bits of one name. Most names hold none of the words the patterns
    need, which a substring test or the hint pattern tells first. An ASCII name is lowered once and
    searched without IGNORECASE (the same matches, a third of the cost); a name outside ASCII keeps
    the case-blind patterns (they also map some non-ASCII letters to ASCII ones)."""
    low = name.lower()
    if name.isascii():
        body, date, byline, text = _BODY_CLASSES_LOWER, _DATE_CLASS_LOWER, _BYLINE_CLASS_LOWER, low
        # Every alternative of BODY_CLASSES holds one of these words.
        maybe_body = "content" in low or "body" in low or "text" in low or "detail" in low
    else:
        body, date, byline, text = BODY_CLASSES, DATE_CLASS, BYLINE_CLASS, name
        maybe_body = True
    k = BODY if maybe_body and body.search(text) else 0
    if _DATE_OR_BYLINE_HINT.search(low):
        k |= (DATE if date.search(text) else 0) | (BYLINE if byline.search(text) else 0)
    return k
