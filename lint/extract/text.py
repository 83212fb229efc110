"""The body's text as a reader sees it.

Block elements separate, inline elements (``<em>``, ``<span>``, ``<a>``) do not, ``<br>`` breaks
the line, white space collapses and no-break spaces are kept. Code, ``pre``, scripts, styles and
hidden elements are skipped. Every block remembers which element each stretch of its text came
from, so an offset in the text maps back to a line and column in the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from operator import attrgetter

from ..document import HTML, MARKDOWN, TEXT
from ..limits import LIMITS

INLINE = frozenset(
    "a abbr b bdi bdo cite data dfn em font i kbd label mark q s samp small span strong sub sup "
    "time tt u var wbr big strike ins del acronym nobr".split()
)
SKIP = frozenset("script style noscript template code pre kbd samp svg math iframe object embed "
                 "textarea select button input head title meta link".split())
# What the renderer does with an element, by tag: one look-up instead of a test per kind.
_INLINE, _SKIP, _BREAK, _IMAGE, _BLOCK = "inline", "skip", "break", "image", "block"
# The common block tags are there too, so that most tags need no lowering.
_KIND = {**dict.fromkeys("p div li h1 h2 h3 h4 h5 h6 ul ol section article figure figcaption blockquote table "
                         "thead tbody tr td th header footer main aside nav dl dt dd body html".split(), _BLOCK),
         **dict.fromkeys(INLINE, _INLINE), **dict.fromkeys(SKIP, _SKIP), "br": _BREAK, "img": _IMAGE}
_WS_CHARS = " \t\n\r\f\v"
# What collapses to one space: a run of two or more white-space characters, or one that is not a
# space (a lone space needs no replacing, and most texts then come back unchanged, twice as fast).
_WS = re.compile(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


_piece_start = attrgetter("start")


@dataclass(slots=True)
class Piece:
    start: int  # offset in the block's text
    element: object  # the element whose .text or .tail this is
    tail: bool  # True: the text after ``element``'s end tag
    inline: tuple = ()  # tags of the inline elements this text sits in (innermost last)


@dataclass(slots=True)
class TextBlock:
    text: str
    tag: str  # the block element's tag ('p', 'h2', 'figcaption', 'li'...; 'line' in plain text)
    element: object = None
    line: int = 1  # source line of the block's start
    offset: int | None = None  # exact source offset of text[0] (plain text sources)
    pieces: list = field(default_factory=list)
    images_before: int = 0  # images met inside the block before its text (captions run on)
    in_figure: bool = False

    @property
    def is_caption(self) -> bool:
        return self.tag == "figcaption" or self.in_figure

    def piece_at(self, pos: int) -> Piece | None:
        # Pieces are in text order with rising starts: binary search, not a scan of the block.
        i = bisect.bisect_right(self.pieces, pos, key=_piece_start) - 1
        return self.pieces[i] if i >= 0 else None

    def locate(self, article, start: int, end: int) -> tuple[int, int]:
        if self.offset is not None:
            return self.offset + start, self.offset + end
        doc = article.doc
        hint_line = self.line
        piece = self.piece_at(start)
        if piece is not None:
            ln = getattr(piece.element, "sourceline", None)
            if article.kind == MARKDOWN:
                ln = _md_line(piece.element)
            if ln:
                hint_line = ln
        hint = doc.offset(hint_line)
        needle = self.text[start:end] or self.text[start:start + 1]
        before = self.text[max(0, start - 16):start]
        mode = "md" if article.kind == MARKDOWN else "html"
        found = article.find_text(needle, hint, before) if mode == "html" else _md_find(article, needle, hint, before)
        if found is None and hint_line != self.line:
            found = article.find_text(needle, doc.offset(self.line), before)
        if found is None:
            return hint, hint
        s, e = found
        if end == start:
            e = s
        return s, e


def _md_line(el) -> int | None:
    while el is not None:
        v = el.get("data-line") if hasattr(el, "get") else None
        if v is not None:
            return int(v)
        el = el.getparent()
    return None


def _md_find(article, needle, hint, before):
    from ..locate import find

    return find(article.doc.text, needle, hint, before, markup="md")


def _hidden(el) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Builder:
    def __init__(self, kind):
        self.kind = kind
        self.blocks: list[TextBlock] = []
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0
        self.block_el = None
        self.images = 0
        self.figure_depth = 0

    def add(self, s: str, el, tail: bool, inline: tuple):
        if not s:
            return
        length = self.length
        if not s.strip(_WS_CHARS):
            # Mostly the white space between tags: one space, dropped at a block's start or after one.
            if not length or self.parts[-1][-1] in " \n":
                return
            s = " "
        else:
            if "\n" in s or "  " in s or "\t" in s or "\r" in s or "\f" in s or "\v" in s:
                s = _WS.sub(" ", s)  # nine texts in ten have nothing to collapse: tested first, in C
            # Collapsed, ``s`` starts with at most one space and has more than white space.
            if s[0] == " " and (not length or self.parts[-1][-1] in " \n"):
                s = s[1:]
        self.pieces.append(Piece(length, el, tail, inline))
        self.parts.append(s)
        self.length = length + len(s)

    def newline(self):
        if self.length and not self.parts[-1].endswith("\n"):
            if self.parts[-1].endswith(" "):
                self.parts[-1] = self.parts[-1][:-1]
                self.length -= 1
            self.parts.append("\n")
            self.length += 1

    def leave(self, el, tag: str, inline: tuple):
        """The end of an element: a block element closes its block, and the text after the element
        (its tail) follows in the enclosing one."""
        if tag not in INLINE:
            if tag == "figure":
                self.figure_depth -= 1
            if self.parts or self.images:
                self.flush(tag, el)
        tail = el.tail
        if tail:
            self.add(tail, el, True, inline)

    def flush(self, tag: str, el):
        text = "".join(self.parts).rstrip(" \n")
        if text:
            line = getattr(self.pieces[0].element, "sourceline", None) or getattr(el, "sourceline", 1) or 1
            self.blocks.append(TextBlock(text, tag, el, line, None, self.pieces, self.images,
                                         self.figure_depth > 0))
        self.parts, self.pieces, self.length, self.images = [], [], 0, 0


def render_blocks(root, kind=HTML, skip=None, figures: int = 0) -> list[TextBlock]:
    """Render ``root``'s text into blocks. Iterative (no recursion) so deep trees are safe.

    ``skip``: a block element under ``root`` left out with everything inside (its tail is kept),
    as if it rendered nothing: the page around an article body already rendered.
    ``figures``: how many ``<figure>`` elements ``root`` sits in (its blocks are then in a figure,
    as in the rendering of the whole page)."""
    b = _Builder(kind)
    b.figure_depth = figures
    if root is None:
        return b.blocks
    blocks, add, flush, leave = b.blocks, b.add, b.flush, b.leave  # hot loop: bound once
    max_blocks = LIMITS.max_text_blocks
    from lxml import etree  # loaded with the tree already; plain text never comes here

    keys = etree._Element.keys  # one method for every element: no bound method made per element
    kind_of = _KIND.get
    # Depth first, one iterator of children per open element. The element being looked at sits
    # among ``siblings`` (an iterator), inside the inline elements ``inline``, in the block ``owner``
    # (tag ``owner_tag``); its parent is ``parent``. Opening a parent keeps that context on ``stack``
    # and the parent is left when its children run out; an element without children is left at
    # once, here. Empty texts and tails are not handed to ``add`` (it drops them), and a flush with
    # nothing gathered (no text, no image) is skipped.
    siblings, inline, owner, owner_tag, parent, parent_tag = iter((root,)), (), root, _tag(root), None, ""
    stack = []
    while len(blocks) <= max_blocks:
        el = next(siblings, None)
        if el is None:  # the parent's children are done: leave it, in its own context
            if not stack:
                break
            done, done_tag = parent, parent_tag
            siblings, inline, owner, owner_tag, parent, parent_tag = stack.pop()
            leave(done, done_tag, inline)
            continue
        tag = el.tag
        what = kind_of(tag)  # a tag in the table is in lower case already
        if what is None:
            if not isinstance(tag, str):  # comments, processing instructions
                tail = el.tail
                if tail:
                    add(tail, el, True, inline)
                continue
            tag = tag.lower()
            what = kind_of(tag, _BLOCK)
        # One call lists the attribute names; most elements have none of the three that can hide.
        if what is _SKIP or el is skip or ((names := keys(el)) and ("style" in names or "hidden" in names
                                                                   or "aria-hidden" in names) and _hidden(el)):
            if el is skip and (b.parts or b.images):
                flush(owner_tag, owner)  # what came before the skipped block is a block of its own
            tail = el.tail
            if tail:
                add(tail, el, True, inline)
            continue
        if what is _BREAK:
            b.newline()
            tail = el.tail
            if tail:
                add(tail, el, True, inline)
            continue
        if what is _IMAGE:
            if b.length == 0:
                b.images += 1
            tail = el.tail
            if tail:
                add(tail, el, True, inline)
            continue
        if what is _INLINE:
            child_inline, child_owner, child_owner_tag = inline + (tag,), owner, owner_tag
        else:
            if b.parts or b.images:
                flush(owner_tag, owner)
            if tag == "figure":
                b.figure_depth += 1
            child_inline, child_owner, child_owner_tag = (), el, tag
        text = el.text
        if text:
            add(text, el, False, child_inline)
        if len(el):
            stack.append((siblings, inline, owner, owner_tag, parent, parent_tag))
            # a list of the children: cheaper to walk than lxml's live iterator
            siblings, inline, owner, owner_tag, parent, parent_tag = (
                iter(el[:]), child_inline, child_owner, child_owner_tag, el, tag)
            continue
        if len(blocks) > max_blocks:  # over the budget, the loop ends before the element is left
            break
        # An element without children (most of them) is left at once: what ``leave`` does.
        if what is not _INLINE:
            if tag == "figure":
                b.figure_depth -= 1
            if b.parts or b.images:
                flush(tag, el)
        tail = el.tail
        if tail:
            add(tail, el, True, inline)
    if b.parts or b.images:
        flush(_tag(root), root)
    return b.blocks


def _tag(el) -> str:
    t = el.tag
    return t.lower() if isinstance(t, str) else ""


def plain_blocks(text: str) -> list[TextBlock]:
    """Plain text: one block per non-empty line, exact offsets, text as written."""
    blocks = []
    pos = 0
    for i, line in enumerate(text.split("\n"), start=1):
        raw = line[:-1] if line.endswith("\r") else line
        if raw.strip():
            blocks.append(TextBlock(raw, "line", None, i, pos))
        pos += len(line) + 1
    return blocks


def joined_text(blocks: list[TextBlock]) -> tuple[str, list[int]]:
    """The texts of ``blocks`` in one string, a line feed between each two, and where each block's
    text starts in it. A scan of the whole (one call into the regular-expression engine) finds what
    a scan of each block finds, but for what could run across a line feed; the block an offset of
    the whole falls in is the last whose start is at or before it (a block's line feed is its own)."""
    starts = []
    pos = 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    return "\n".join([b.text for b in blocks]), starts


def text_blocks(article) -> list[TextBlock]:
    if article.kind == TEXT:
        return plain_blocks(article.doc.text)
    body = article.body.element
    return render_blocks(body, article.kind)
