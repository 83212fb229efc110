"""The article model: one parse per document, every view a rule may ask for, computed lazily.

Each view is produced by a module under ``lint/extract/`` (one per family of facts), so rules
read ``article.blocks``, ``article.images``, ``article.dates``, ``article.byline`` or
``article.markup`` and never parse again. ``article.locate(loc)`` turns a problem's location
into offsets in the source the user edits.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from . import locate as _locate
from .document import HTML, MARKDOWN, TEXT, Document, InputError
from .limits import LIMITS
from .model import Loc

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


class Article:
    def __init__(self, doc: Document, config: Any = None, extra: dict | None = None):
        self.doc = doc
        self.kind = doc.kind
        self.config = config
        # Data handed in from outside (an audit's fetched image sizes...): rules do no I/O.
        self.extra = extra or {}

    # ------------------------------------------------------------------ parsing
    @cached_property
    def tree(self):
        """The lxml tree of an HTML page (for Markdown: of its rendered body), or None."""
        if self.kind == HTML:
            return parse_html(self.doc.text, self.doc.raw)
        if self.kind == MARKDOWN:
            return self.markdown.tree
        return None

    @cached_property
    def markdown(self):
        from .extract.markdown import parse_markdown

        return parse_markdown(self.doc.text)

    # ------------------------------------------------------------------ views
    @cached_property
    def lang(self) -> str:
        from .extract.lang import detect_language

        return detect_language(self)

    @cached_property
    def meta(self) -> dict:
        """<meta name|property> values (first of each, lower-cased keys), front matter for Markdown."""
        from .extract.page import page_meta

        return page_meta(self)

    @cached_property
    def page(self):
        """Title, headline (h1), canonical URL, og:type and other page-level facts."""
        from .extract.page import page_facts

        return page_facts(self)

    @cached_property
    def body(self):
        """The element taken as the article body, and why (a :class:`extract.body.Body`)."""
        from .extract.body import find_body

        return find_body(self)

    @cached_property
    def blocks(self):
        """The body's text as a reader sees it: a list of :class:`extract.text.TextBlock`."""
        from .extract.text import text_blocks

        return text_blocks(self)

    @cached_property
    def images(self):
        from .extract.images import extract_images

        return extract_images(self)

    @cached_property
    def markup(self):
        """Structured data: JSON-LD blocks, microdata, RDFa, OpenGraph and the merged article entity."""
        from .extract.markup import extract_markup

        return extract_markup(self)

    @cached_property
    def dates(self):
        from .extract.dates import extract_dates

        return extract_dates(self)

    @cached_property
    def byline(self):
        from .extract.byline import extract_byline

        return extract_byline(self)

    @cached_property
    def article_kind(self) -> tuple[bool, str]:
        """(is this page an article?, the reason)."""
        from .extract.page import decide_article

        return decide_article(self)

    @property
    def is_article(self) -> bool:
        return self.article_kind[0]

    # ------------------------------------------------------------------ locations
    def locate(self, loc: Loc | None) -> tuple[int, int]:
        """Absolute (start, end) character offsets of a location in the document text."""
        if loc is None:
            return 0, 0
        if loc.offset is not None:
            end = loc.end_offset if loc.end_offset is not None else loc.offset
            return loc.offset, max(end, loc.offset)
        if loc.block is not None:
            return loc.block.locate(self, loc.start, loc.end)
        if loc.element is not None:
            return self.element_span(loc.element, loc.attr)
        return 0, 0

    def element_span(self, el, attr: str | None = None) -> tuple[int, int]:
        text = self.doc.text
        line = getattr(el, "sourceline", None)
        src = getattr(el, "src_offset", None)
        if src is not None:  # elements built from Markdown carry their offset
            return src
        if self.kind == MARKDOWN:
            return self._markdown_span(el, attr)
        if not line:
            return 0, 0
        hint = self.doc.offset(line)
        tag = el.tag if isinstance(el.tag, str) else ""
        found = _locate.tag_offset(text, hint, tag, attr) if tag else None
        if found is None:
            return hint, hint
        return found

    def _markdown_span(self, el, attr: str | None) -> tuple[int, int]:
        """Elements rendered from Markdown: find their Markdown syntax from the block's line."""
        from .extract.text import _md_line

        text = self.doc.text
        short = el.get("data-shortcode") if hasattr(el, "get") else None
        line = int(short) if short else (_md_line(el) or 1)
        hint = self.doc.offset(line)
        if short:
            i = text.find("{{<", hint)
            if i >= 0:
                j = text.find(">}}", i)
                return i, (j + 3 if j >= 0 else i + 3)
        if el.tag == "img":
            src = el.get("src") or ""
            m = re.compile(r"!\[[^\]]*\]\(\s*" + re.escape(src)).search(text, hint) if src else None
            if m is None:
                m = re.compile(r"!\[").search(text, hint)
            if m is None:
                m = re.compile(r"<img\b", re.IGNORECASE).search(text, hint)
            if m:
                end = text.find(")", m.start())
                return m.start(), (end + 1 if end >= 0 else m.end())
        return _locate.tag_offset(text, hint, el.tag, attr) or (hint, hint)

    def find_text(self, needle: str, hint: int = 0, before: str = "") -> tuple[int, int] | None:
        return _locate.find(self.doc.text, needle, hint, before, markup=self.kind != TEXT)


_LOOKUP = None


def _html_lookup():
    """lxml.html's element classes, chosen in C. ``lxml.html.HTMLParser`` asks a Python method for
    the class of every element the moment a view first touches it (~4% of a check); the only
    difference is that form, input, select, textarea and label elements are plain ``HtmlElement``
    (no form-filling helpers, which no rule uses)."""
    global _LOOKUP
    if _LOOKUP is None:
        import lxml.html
        from lxml import etree

        _LOOKUP = etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)
    return _LOOKUP


def parse_html(text: str, raw: bytes | None = None):
    """Parse once, within the budgets of :mod:`lint.limits`.

    ``huge_tree`` lifts libxml2's 10 MB cap on one text node (a big JSON-LD block is then judged
    by the JSON-LD budget, not silently cut with the rest of the page); libxml2 still stops at
    2,048 levels of nesting, which is reported as the depth budget rather than linting half a page.
    """
    import lxml.html
    from lxml import etree

    if len(text) > LIMITS.max_bytes:
        raise InputError(f"over the size budget: {len(text):,} characters (limit {LIMITS.max_bytes:,}; "
                         "raise it with --max-bytes)")
    m = _XML_DECL.match(text)
    if m:  # lxml refuses str input with an encoding declaration; keep offsets and lines
        text = " " * m.end() + text[m.end():]
    if not text or text.isspace():  # (not ``text.strip()``, which copies the whole page)
        raise InputError("empty document")
    # ``raw``: the same text as UTF-8 bytes (see Document.raw), read without re-encoding.
    parser = etree.HTMLParser(recover=True, remove_comments=False, huge_tree=True,
                              encoding="utf-8" if raw is not None else None)
    parser.set_element_class_lookup(_html_lookup())
    try:
        root = lxml.html.document_fromstring(raw if raw is not None else text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}") from None
    last = parser.error_log.last_error
    if last is not None and "depth" in last.message and "xcessive" in last.message:
        raise InputError(f"over the depth budget: elements nested more than {LIMITS.max_depth:,} levels deep "
                         f"(line {last.line})")
    if root is None:
        raise InputError("cannot parse HTML: no document element")
    if len(text) > 3 * LIMITS.max_elements:  # every element takes at least three characters
        n = int(root.xpath("count(//*)"))
        if n > LIMITS.max_elements:
            raise InputError(f"over the element budget: {n:,} elements (limit {LIMITS.max_elements:,})")
    return root
