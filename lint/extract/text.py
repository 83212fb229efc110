"""The body's text as a reader sees it.

Block elements separate, inline elements (``<em>``, ``<span>``, ``<a>``) do not, ``<br>`` breaks
the line, white space collapses and no-break spaces are kept. Code, ``pre``, scripts, styles and
hidden elements are skipped. Every block remembers which element each stretch of its text came
from, so an offset in the text maps back to a line and column in the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
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
_SPACES = re.compile("  +")
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
    pieces: list = field(default_factory=list)  # rendered blocks: a Pieces, each piece made when read
    images_before: int = 0  # images met inside the block before its text (captions run on)
    in_figure: bool = False

    @property
    def is_caption(self) -> bool:
        return self.tag == "figcaption" or self.in_figure

    def piece_at(self, pos: int) -> Piece | None:
        # Pieces are in text order with rising starts: binary search, not a scan of the block.
        pieces = self.pieces
        if isinstance(pieces, Pieces):
            return pieces.at(pos)
        i = bisect.bisect_right(pieces, pos, key=_piece_start) - 1
        return pieces[i] if i >= 0 else None

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


# A ``<br>`` among the recorded texts: the line break it makes, not a text of its own.
_BR = object()


class Pieces(Sequence):
    """The pieces of a rendered block, each made when first read.

    A block's text is its recorded texts joined, their white space collapsed in one call; which
    element each stretch came from is only needed where a rule reads an inline element or places a
    violation. So where each piece starts is worked out, text by text from the same records, when a
    piece past the first is asked for, and a piece is made when read: finding the piece at an offset
    makes that one alone. The first piece is the block's first record (it holds text and starts
    the block) and needs no working out. A piece read twice is the same object."""

    __slots__ = ("_records", "_first", "_end", "_starts", "_at", "_made")

    def __init__(self, records: tuple, first: int, end: int):
        self._records, self._first, self._end = records, first, end
        self._starts = self._at = None  # where each piece starts; the record it shows
        self._made: dict = {}  # piece number -> the piece

    def _map(self) -> list[int]:
        if self._starts is None:
            self._starts, self._at, _ = _collapse(self._records, self._first, self._end)
        return self._starts

    def _piece(self, k: int) -> Piece:
        p = self._made.get(k)
        if p is None:
            if k == 0:
                start, i = 0, self._first
            else:
                start, i = self._starts[k], self._at[k]
            _, els, tails, root = self._records
            el, tail = els[i], tails[i]
            p = self._made[k] = Piece(start, el, tail, _inline_of(el, tail, root))
        return p

    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        return len(self._map())

    def __getitem__(self, k):
        if k == 0:
            return self._piece(0)
        n = len(self._map())
        if isinstance(k, slice):
            return [self._piece(j) for j in range(*k.indices(n))]
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("piece index out of range")
        return self._piece(k)

    def __iter__(self):
        return iter(self.list())

    def __eq__(self, other) -> bool:
        if isinstance(other, Pieces):
            other = other.list()
        return isinstance(other, list) and self.list() == other

    __hash__ = None

    def __repr__(self) -> str:
        return repr(self.list())

    def list(self) -> list[Piece]:
        """Every piece, in text order."""
        return [self._piece(k) for k in range(len(self._map()))]

    def at(self, pos: int) -> Piece | None:
        """The piece the text at offset ``pos`` comes from (None before the first)."""
        k = bisect.bisect_right(self._map(), pos) - 1
        return self._piece(k) if k >= 0 else None


def render_blocks(root, kind=HTML, skip=None, figures: int = 0) -> list[TextBlock]:
    """Render ``root``'s text into blocks. Iterative (no recursion) so deep trees are safe.

    ``skip``: a block element under ``root`` left out with everything inside (its tail is kept),
    as if it rendered nothing: the page around an article body already rendered.
    ``figures``: how many ``<figure>`` elements ``root`` sits in (its blocks are then in a figure,
    as in the rendering of the whole page).

    The walk only records every text and tail as written, with its element and whether it is the
    element's tail, in flat lists for the whole tree, and each block as the range of records it
    holds. White space that opens a block is not recorded, so a block's first record holds text and
    a range with records is a block with text. :func:`_make_block` then joins and collapses a
    block's texts in one go; the inline elements a text sits in are read from the tree when its
    piece is made (:class:`Pieces`)."""
    if root is None:
        return []
    texts: list[str] = []
    els: list = []  # the element of each text
    tails: list[bool] = []  # whether it is the element's tail
    text_add, el_add, tail_add = texts.append, els.append, tails.append
    spans: list[tuple] = []  # (first record, end, tag, element, images before its text, in a figure, breaks)
    mark = 0  # where the open block's records start
    has = False  # the open block has records (``len(texts) > mark``)
    images = 0  # images met in the open block before its text
    broken = False  # a <br> is among the open block's records
    depth = figures  # <figure> elements open
    max_blocks = LIMITS.max_text_blocks
    over = False  # more blocks than ``max_blocks``: the walk stops

    def flush(tag: str, el) -> None:
        """Close the open block (called when it has records or images)."""
        nonlocal mark, has, images, broken, over
        if has:
            end = len(texts)
            spans.append((mark, end, tag, el, images, depth > 0, broken))
            mark, has, broken = end, False, False
            over = len(spans) > max_blocks
        images = 0

    from lxml import etree  # loaded with the tree already; plain text never comes here

    keys = etree._Element.keys  # one method for every element: no bound method made per element
    kind_of = _KIND.get
    ws = _WS_CHARS
    # Depth first, one iterator of children per open element. The element being looked at sits
    # among ``siblings`` (an iterator), in the block ``owner`` (tag ``owner_tag``); its parent is
    # ``parent``. Opening a parent keeps that context on ``stack``
    # and walks its children; the parent is left when they run out. An element without children is
    # left at once. A text or tail is recorded where it comes, unless it is empty or white space
    # opening a block.
    siblings, owner, owner_tag, parent, parent_tag = iter((root,)), root, _tag(root), None, ""
    stack = []
    while not over:
        for el in siblings:
            tag = el.tag
            what = kind_of(tag)  # a tag in the table is in lower case already
            if what is None:
                if not isinstance(tag, str):  # comments, processing instructions
                    tail = el.tail
                    if tail and (has or tail.strip(ws)):
                        text_add(tail)
                        el_add(el)
                        tail_add(True)
                        has = True
                    continue
                tag = tag.lower()
                what = kind_of(tag, _BLOCK)
            # One call lists the attribute names; most elements have none of the three that can hide.
            if what is _SKIP or el is skip or ((names := keys(el)) and ("style" in names or "hidden" in names
                                                                       or "aria-hidden" in names) and _hidden(el)):
                if el is skip and (has or images):
                    flush(owner_tag, owner)  # what came before the skipped block is a block of its own
            elif what is _INLINE:
                text = el.text
                if text and (has or text.strip(ws)):
                    text_add(text)
                    el_add(el)
                    tail_add(False)
                    has = True
                if len(el):
                    stack.append((siblings, owner, owner_tag, parent, parent_tag))
                    # a list of the children: cheaper to walk than lxml's live iterator
                    siblings, parent, parent_tag = iter(el[:]), el, tag
                    break
            elif what is _BLOCK:
                if has or images:
                    flush(owner_tag, owner)
                if tag == "figure":
                    depth += 1
                text = el.text
                if text and text.strip(ws):  # the block is empty: white space opening it is dropped
                    text_add(text)
                    el_add(el)
                    tail_add(False)
                    has = True
                if len(el):
                    stack.append((siblings, owner, owner_tag, parent, parent_tag))
                    siblings, owner, owner_tag, parent, parent_tag = iter(el[:]), el, tag, el, tag
                    break
                if over:  # over the budget, the walk ends before the element is left
                    break
                # An element without children (most of them) is left at once.
                if tag == "figure":
                    depth -= 1
                if has or images:
                    flush(tag, el)
            elif what is _BREAK:
                if has:  # a break opening a block breaks nothing
                    text_add("\n")
                    el_add(_BR)
                    tail_add(False)
                    broken = True
            elif not has:  # an image before the block's text
                images += 1
            tail = el.tail
            if tail and (has or tail.strip(ws)):
                text_add(tail)
                el_add(el)
                tail_add(True)
                has = True
            if over:
                break
        else:  # the parent's children are done: leave it, in its own context
            if not stack:
                break
            el, tag = parent, parent_tag
            siblings, owner, owner_tag, parent, parent_tag = stack.pop()
            if tag not in INLINE:  # a block element closes its block
                if tag == "figure":
                    depth -= 1
                if has or images:
                    flush(tag, el)
            tail = el.tail
            if tail and (has or tail.strip(ws)):
                text_add(tail)
                el_add(el)
                tail_add(True)
                has = True
    if has or images:
        flush(_tag(root), root)
    records = (texts, els, tails, root)
    return [_make_block(records, *span) for span in spans]


def _make_block(records, first, end, tag, el, images, in_figure, broken) -> TextBlock:
    """The block of records ``first`` to ``end`` (see :func:`render_blocks`). Without a break, its
    text is its texts joined, each run of white space one space (no-break spaces kept), and no
    space at either end: what collapsing text by text gives (:func:`_collapse`), in one call."""
    if broken:
        starts, at, text = _collapse(records, first, end)
        _, els, tails, root = records
        pieces = [Piece(start, els[i], tails[i], _inline_of(els[i], tails[i], root)) for start, i in zip(starts, at)]
    else:
        # Every white-space character a space, then each run of spaces one: two literal-led scans
        # of the text, where one regular expression led by a class costs twice as much.
        text = "".join(records[0][first:end])
        if "\n" in text:
            text = text.replace("\n", " ")
        if "\t" in text or "\r" in text or "\f" in text or "\v" in text:
            text = text.replace("\t", " ").replace("\r", " ").replace("\f", " ").replace("\v", " ")
        if "  " in text:
            text = _SPACES.sub(" ", text)
        text = text.strip(" ")
        pieces = Pieces(records, first, end)
    line = getattr(records[1][first], "sourceline", None) or getattr(el, "sourceline", 1) or 1
    return TextBlock(text, tag, el, line, None, pieces, images, in_figure)


def _collapse(records, first, end) -> tuple[list[int], list[int], str]:
    """Records ``first`` to ``end`` collapsed text by text: where each piece starts, the record
    each piece shows, and the text. Each text's runs of white space become one space; a space after
    a space or a line feed is dropped, and so is a text of white space alone there (it makes no
    piece); a break drops the space before it. No space or line feed ends the text."""
    texts, els = records[0], records[1]
    parts: list[str] = []
    starts: list[int] = []
    at: list[int] = []
    length = 0
    last = ""  # the last character so far
    for i in range(first, end):
        s = texts[i]
        if els[i] is _BR:
            if length and last != "\n":
                if last == " ":
                    parts[-1] = parts[-1][:-1]
                    length -= 1
                parts.append("\n")
                length += 1
                last = "\n"
            continue
        if not s.strip(_WS_CHARS):
            if not length or last == " " or last == "\n":
                continue
            s = " "
        else:
            if "\n" in s or "  " in s or "\t" in s or "\r" in s or "\f" in s or "\v" in s:
                s = _WS.sub(" ", s)
            if s[0] == " " and (not length or last == " " or last == "\n"):
                s = s[1:]
        starts.append(length)
        at.append(i)
        parts.append(s)
        length += len(s)
        last = s[-1]
    return starts, at, "".join(parts).rstrip(" \n")


def _inline_of(el, tail: bool, root) -> tuple:
    """The tags of the inline elements a text of ``el`` sits in, innermost last: for its text, ``el``
    and the inline elements around it, for its tail those around it; up to the block element that
    holds them, or ``root`` (the element rendered). What the walk of :func:`render_blocks` has
    around that text: it opens only elements neither skipped nor hidden."""
    if tail:
        if el is root:
            return ()
        el = el.getparent()
    tags = []
    while el is not None:
        tag = el.tag
        what = _KIND.get(tag)
        if what is None:
            tag = tag.lower()
            what = _KIND.get(tag, _BLOCK)
        if what is not _INLINE:
            break
        tags.append(tag)
        if el is root:
            break
        el = el.getparent()
    tags.reverse()
    return tuple(tags)


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
