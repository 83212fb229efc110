"""TX: defects in the article's text.

Every rule reads ``article.blocks`` (the body as a reader sees it, see ``lint/extract/text.py``).
Language-dependent rules take their word lists from the language packs under ``rules/packs/``;
the language-free ones (Unicode, mojibake, entities, markup and templates shown as text) run on
every page. Facts several rules share (widget lines, masked URLs, captions of the page) are
computed once per article and kept in ``_state``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate

from ..catalogue import load_cached
from ..document import HTML, MARKDOWN, TEXT
from ..model import Fix, Loc, Problem
from ..wordset import WordSet
from ..packs import load_pack
from ..registry import check

# ---------------------------------------------------------------------------- shared helpers
_VI_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
# Letters no other Latin-script language uses (a word with one is Vietnamese).
_VI_ONLY = re.compile("[ăằắẳẵặầấẩẫậềếểễệồốổỗộơờớởỡợưừứửữựảạẻẹẽỉịĩỏọủụũỳỷỵỹ]", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SKIP_TOKEN = re.compile(r"[/\\@#_=\d]|www|\.com", re.IGNORECASE)
_MASK = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@#])[@#][^\W_][\w.]*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|gov|edu|info|io|co|uk|de|fr|ru|jp|cn|au|ca|us|tv|me|biz)\b(?:/\S*)?",
    re.IGNORECASE)
# Ranges of Latin letters (ASCII, Latin-1, Latin Extended A and B, and Latin Extended Additional,
# where Vietnamese lives); every character in them is a letter. Where a pattern asks that no letter
# stand next to a match, these ranges ask less (a superset of its matches) in the time of a range
# test, not of the Unicode categories of "[^\W\d_]".
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_SENT_PUNCT = re.compile(r"[.!?…;:]")
_INLINE_CAPTION = {"em", "i", "strong", "b", "span", "small", "font"}
_PROSE_BLOCKS = {"p", "div", "section", "article", "main", "body", "blockquote", "figure", "center", "td"}
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*\s*$")
# Latin, Greek and Cyrillic letters, and their capitals and small letters as regex classes' contents.
_LATINISH_RANGES = [*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)]
_UPPERS = re.escape("".join(chr(i) for i in _LATINISH_RANGES if chr(i).isupper()))
_LOWERS = re.escape("".join(chr(i) for i in _LATINISH_RANGES if chr(i).islower()))


def _body_has(article, *needles: str) -> bool:
    """Whether one of ``needles`` occurs in the body's text (a test of :func:`_joined`, which holds
    every block's text: a block holding one is never missed)."""
    j = _joined(article)
    return any(n in j for n in needles)


# What TX008, TX010, TX011 and TX012 look for in the body, outside the letters of most pages:
# combining marks, Greek and Cyrillic letters, invisible characters, C1 control characters. A
# character class is scanned for at about 3 ns a character, whatever its size: one scan of the
# joined body for all four rules leaves most pages (285 of 300) with no second one.
_UNUSUAL = ("[\u0080-\u009f\u0300-\u04ff\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
            "\ufeff]")


def _unusual(article) -> bool:
    """Whether the body holds one of the characters of ``_UNUSUAL``: when it does not, none of
    ``_COMBINING_ANY``, ``_CYR_GRK``, ``_INVISIBLE`` and ``_C1`` (each a part of it) is in it."""
    st = _state(article)
    found = st.get("unusual")
    if found is None:
        whole = _joined(article)
        found = st["unusual"] = not whole.isascii() and _rx(_UNUSUAL).search(whole) is not None
    return found


@lru_cache(maxsize=None)
def _rx(pattern: str) -> re.Pattern:
    """``pattern`` compiled at its first use (one compiled at import is paid by every start-up)."""
    return re.compile(pattern)


def _state(article) -> dict:
    st = article.__dict__.get("_tx_state")
    if st is None:
        st = article.__dict__["_tx_state"] = {}
    return st


def _joined(article) -> str:
    """All the body's blocks in one string, a line feed between them. A rule whose pattern cannot
    match across a line feed (nor needs a block's start or end) searches this once and leaves a
    page without a candidate before looping over its blocks."""
    st = _state(article)
    j = st.get("joined")
    if j is None:
        from ..extract.text import joined_text

        j, st["starts"] = joined_text(article.blocks)
        st["joined"] = j
    return j


def _blocks_matching(article, pattern):
    """The body's blocks, in order, in which ``pattern`` matches, found by scanning the joined text
    (:func:`_joined`) from one block to the next: each block whose own text holds a match is given,
    and a few others may be (a match that runs on across the line feed after its block).

    Sound for a pattern (anything with ``search(text, pos)``) that matches in the joined text
    wherever it matches in a block's text: it does not need a block's start or end (``^``, ``$``,
    ``\\Z``), and a look-around that reads past a block's edge takes the line feed there as it takes
    the edge.

    A page without a candidate costs one scan in C, not one per block; a page with a few costs the
    blocks that hold them."""
    j = _joined(article)
    starts = _state(article)["starts"]
    blocks = article.blocks
    last = len(blocks) - 1
    search = pattern.search
    m = search(j)
    while m is not None:
        k = bisect_right(starts, m.start()) - 1
        yield blocks[k]
        if k >= last:
            return
        m = search(j, starts[k + 1])


def _pack(article, name: str) -> dict:
    extra = tuple(getattr(article.config, "packs", ()) or ())
    return load_pack(article.lang, name, extra)


# Each of _MASK's forms holds "://", "@", "#" or a "." before "www" or a domain ending: a text with
# none of these has nothing to mask. _MASK itself tries word runs at every letter (its address and
# domain forms open with one), about 15 µs a block; this test is led by the "." (160 -> 10 ms for
# the 10,600 blocks of 300 pages, 2% of which hold a mark).
_MASK_DOT = (r"\.(?:(?i:com|net|org|vn|gov|edu|info|io|co|uk|de|fr|ru|jp|cn|au|ca|us|tv|me|biz)\b"
             r"|(?<=(?i:www)\.))")


def _maskable(text: str) -> bool:
    return "@" in text or "#" in text or "://" in text or _rx(_MASK_DOT).search(text) is not None


def _masks(article, blk) -> list[tuple[int, int]]:
    """Spans of ``blk``'s text that are URLs, e-mail addresses, handles, hashtags or domain names."""
    st = _state(article).setdefault("masks", {})
    key = id(blk)
    m = st.get(key)
    if m is None:
        text = blk.text
        m = st[key] = [(x.start(), x.end()) for x in _MASK.finditer(text)] if _maskable(text) else []
    return m


def _masked(spans, s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _loc(blk, s: int, e: int) -> Loc:
    return Loc(block=blk, start=s, end=e)


_ESC = {"<": r"(?:&lt;|&#0*60;|&#[xX]0*3[cC];)", ">": r"(?:&gt;|&#0*62;|&#[xX]0*3[eE];)",
        "&": r"(?:&amp;|&#0*38;|&#[xX]0*26;)", '"': r'(?:"|&quot;|&#0*34;)', "'": r"(?:'|&#0*39;|&apos;)"}


def _escaped_loc(article, blk, s: int, e: int) -> Loc:
    """Where text shown as markup (``<p>`` on screen) stands in an HTML source (``&lt;p&gt;``)."""
    if article.kind != HTML:
        return _loc(blk, s, e)
    needle = blk.text[s:e]
    pat = "".join(_ESC.get(c) or (r"(?:\s|&nbsp;)+" if c.isspace() else re.escape(c)) for c in needle)
    doc = article.doc
    piece = blk.piece_at(s)
    line = getattr(piece.element, "sourceline", None) if piece is not None else None
    hint = doc.offset(line or blk.line)
    m = re.compile(pat).search(doc.text, hint, hint + 200_000)
    if m is None:
        return _loc(blk, s, e)
    return Loc(offset=m.start(), end_offset=m.end())


# ---------------------------------------------------------------------------- shown text
def shown_texts(article, prefilter: re.Pattern | None = None, body: bool = True, needles: bool = False):
    """(text, loc factory) for all text the page shows: the body's blocks and, when ``prefilter``
    finds something in the source, the rest of the page too (blocks outside the article body, the
    ``<title>``, image alt and title attributes). Leftovers in page chrome reach readers as well.

    ``body=False`` leaves the body's blocks out: a caller that has found nothing to look for in
    :func:`_joined` (one substring test instead of one per block) reads only the rest of the page.
    ``needles=True``: the caller looks only at texts holding one of ``_REST_NEEDLES``. Of the rest of
    the page, the blocks holding one are then sure to be given, others may be left out."""
    if body:
        for blk in article.blocks:
            yield blk.text, (lambda s, e, b=blk: _loc(b, s, e)), blk
    if article.kind != HTML or prefilter is None:
        return
    st = _state(article)
    pre = st.setdefault("prefilter", {})
    if prefilter.pattern not in pre:
        pre[prefilter.pattern] = _shown_in_source(article, prefilter)
    if not pre[prefilter.pattern]:
        return
    rest = st.get("page_rest")
    if rest is None and needles:
        rest = st.get("page_rest_holding")
        if rest is None:
            rest = st["page_rest_holding"] = _page_rest(article, _REST_NEEDLES)
    if rest is None:
        rest = st["page_rest"] = _page_rest(article)
    for text, mk, owner in rest:
        yield text, mk, owner


# Source regions a browser never shows: scripts, styles and comments (the parser keeps them raw, so
# nothing inside is rendered, nor an image's alt). Each is matched whole, in one forward pass: a
# closed region ends with an empty group (1 script, 2 style, 4 comment; runs of anything but "<"
# or "-" are taken possessively, so the scan is linear), an empty comment ("<!-->", "<!--->")
# matches group 3, and a region left open matches none. The look-ahead after "<" (every character
# that "(?i:s)" or "!" matches) ends the try at each of the page's other tags at once: 0.114 -> 0.099
# ms a page.
_DEAD = re.compile(
    r"<(?=[sSſ!])(?:(?i:script)(?=[\s>/])(?:[^<]*+(?:<(?!/(?i:script))[^<]*+)*+</(?i:script)())?"
    r"|(?i:style)(?=[\s>/])(?:[^<]*+(?:<(?!/(?i:style))[^<]*+)*+</(?i:style)())?"
    r"|!--(?:(?=-?>)()|[^-]*+(?:-(?!->)[^-]*+)*+-->())?)")
_IN_ATTR = re.compile(r"([\w:.-]+)\s*=\s*[\"']?[^\"'<>]*$")


def _dead_spans(article) -> tuple[list[int], list[int]]:
    st = _state(article)
    sp = st.get("dead")
    if sp is None:
        starts, ends = [], []
        for m in _DEAD.finditer(article.doc.text):
            closed = m.lastindex
            if closed is None:
                break  # a region left open is not taken as dead, nor anything after it
            if closed != 3:  # 3: an empty comment
                starts.append(m.start())
                ends.append(m.end())
        sp = st["dead"] = (starts, ends)
    return sp


class _Earliest:
    """Several patterns searched as one, each match the earliest of theirs.

    A pattern that starts with a literal is searched by the regex engine with a fast scan for that
    character; an alternation of such patterns is tried at every position of the source (0.39 ms
    against about 0.1 ms on a 170 KB page). Matches are remembered per source text, so a caller that
    steps through the source with ``search(text, pos)`` scans it once per pattern.

    A pattern given as (character, pattern), every match of which starts with that character, is
    found with ``str.find`` and tried where the character stands: for a character that is rare in
    the text that scan is about three times as fast as the regex engine's (0.023 -> 0.008 ms a page
    for ``{``)."""

    def __init__(self, *patterns):
        sources = [p if isinstance(p, str) else p[1] for p in patterns]
        self.pattern = "|".join(sources)
        self._parts = [re.compile(p) for p in sources]
        self._leads = [None if isinstance(p, str) else p[0] for p in patterns]
        self._memo: tuple = (None, [])

    def _first(self, i: int, text: str, pos: int):
        part, lead = self._parts[i], self._leads[i]
        if lead is None:
            return part.search(text, pos)
        find, match = text.find, part.match
        at = find(lead, pos)
        while at >= 0:
            m = match(text, at)
            if m is not None:
                return m
            at = find(lead, at + 1)
        return None

    def search(self, text: str, pos: int = 0):
        key, found = self._memo
        if key is not text:
            found = [(len(text) + 1, None)] * len(self._parts)
            self._memo = (text, found)
        best = None
        for i in range(len(self._parts)):
            since, m = found[i]  # the first match at or after ``since`` (None: there is none)
            if pos < since or (m is not None and m.start() < pos):
                m = self._first(i, text, pos)
                found[i] = (pos, m)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best


@lru_cache(maxsize=None)
def _earliest(*patterns: str) -> _Earliest:
    """``patterns`` searched as one (:class:`_Earliest`), compiled at first use. Each should start
    with a character: the engine finds it with a fast scan (under 0.3 ns a character of the text),
    where it tests each character against a leading class (about 3.5 ns, whatever the class) and
    tries a pattern led by an alternation or a look-around at every position: five scans for
    ``[.!?;,]`` cost a third of one."""
    return _Earliest(*patterns)


@lru_cache(maxsize=None)
def _each_of(chars: str, then: str) -> _Earliest:
    """``[chars]then`` as one pattern per character (see :func:`_earliest`)."""
    return _earliest(*(re.escape(c) + then for c in chars))


_LITERAL_GATES = {"[Ðð]": ("Ð", "ð"), "\ufffd": ("\ufffd",)}


def _live_source(article) -> tuple[str, list[int], list[int], list[int]]:
    """The source outside scripts, styles and comments, its stretches joined by NUL characters (no
    trace pattern matches one, nor can a match run from a stretch into a dead region, which opens
    with ``<s`` or ``<!``). Returns (text, each stretch's start in it, its start and end in the
    source). About half a typical page: every trace scan reads only this."""
    st = _state(article)
    live = st.get("live")
    if live is None:
        text = article.doc.text
        starts, ends = _dead_spans(article)
        lstarts, ostarts, oends, parts = [], [], [], []
        pos = at = 0
        for s, e in zip(starts, ends):
            lstarts.append(at)
            ostarts.append(pos)
            oends.append(s)
            parts.append(text[pos:s])
            at += s - pos + 1
            pos = e
        lstarts.append(at)
        ostarts.append(pos)
        oends.append(len(text))
        parts.append(text[pos:])
        live = st["live"] = ("\0".join(parts), lstarts, ostarts, oends)
    return live


def _shown_in_source(article, pattern: re.Pattern) -> bool:
    """True when ``pattern`` occurs in the source where the page may show it: not inside a script,
    a style or a comment, nor in a tag's attribute other than ``alt`` or ``title``. A cheap test
    that spares the page-wide rendering where a match is only a script's ``{{`` or an escaped
    attribute value; in doubt (a stray ``<`` or ``>``) the match counts as shown."""
    text = article.doc.text
    live, lstarts, ostarts, oends = _live_source(article)
    gate = _LITERAL_GATES.get(pattern.pattern)
    if gate is not None and not any(g in live for g in gate):
        return False  # a substring test is far cheaper than a regex scan for a character class
    lead = _LEADS.get(pattern.pattern)
    search = pattern.search if lead is None else _led_search(article, pattern, lead)
    m = search(live)
    while m is not None:
        k = bisect_right(lstarts, m.start()) - 1
        p = ostarts[k] + m.start() - lstarts[k]
        lt = text.rfind("<", 0, p)
        if not (lt > text.rfind(">", 0, p) and text[lt + 1:lt + 2].isalpha()):
            return True
        a = _IN_ATTR.search(text, max(lt, p - 2000), p)
        if a is None or a.group(1).lower() in ("alt", "title"):
            return True
        gt = text.find(">", p)  # an attribute's value: go on after the tag
        nxt = gt if gt > p else p + 1
        k = bisect_right(ostarts, nxt) - 1
        if nxt < oends[k]:
            m = search(live, lstarts[k] + nxt - ostarts[k])
        elif k + 1 < len(lstarts):
            m = search(live, lstarts[k + 1])
        else:
            m = None
    return False


def _led_search(article, pattern: re.Pattern, lead: re.Pattern):
    """``pattern.search`` on the live source for a pattern whose every match starts where ``lead``
    matches: the places ``lead`` finds are scanned for once per page, for all the traces it leads."""
    spots = _state(article).setdefault("lead_spots", {})
    at = spots.get(lead.pattern)
    if at is None:
        at = spots[lead.pattern] = [m.start() for m in lead.finditer(_live_source(article)[0])]

    def search(text: str, pos: int = 0):
        for p in at[bisect_left(at, pos):]:
            m = pattern.match(text, p)
            if m is not None:
                return m
        return None

    return search


# The characters TX010, TX013, TX014 and TX015 look for outside the body (an eth, an entity's "&",
# a tag's "<" or ">", U+FFFD): a block of the page rest holding none of them is of no use to them.
_REST_NEEDLES = ("&", "<", ">", "\ufffd", "Ð", "ð")


def _blocks_holding(root, skip, needles: tuple) -> list | None:
    """The blocks of ``render_blocks(root, skip=skip)`` that hold one of ``needles`` (characters),
    with some others; None when the whole has to be rendered (a needle in ``root``'s own text).

    A block element's rendering starts afresh (the block around it is flushed before it), so its
    blocks are those of the whole page's rendering, but for its own tail, which runs on in the block
    around it. So the elements whose text holds no needle (their text, serialised by libxml2, in C)
    are left out, and of the others only the block children holding one are looked into, unless
    the element's own text (its text, its children's tails, an inline child) holds one: it is then
    rendered whole. On a page whose menu shows an ``&`` only the menu is rendered (0.12 -> 0.06 ms
    a page on 300 pages, 1-4 ms -> 0.1-2 ms on the 23 that need the rest of the page)."""
    from lxml.etree import tostring

    from ..extract.text import INLINE, SKIP, _hidden, render_blocks

    out: list = []

    def holds(s: str) -> bool:
        return any(n in s for n in needles)

    def whole(el, figures: int) -> None:
        blocks = render_blocks(el, skip=skip, figures=figures)
        if blocks and el.tail and blocks[-1].pieces:
            first = blocks[-1].pieces[0]
            if first.element is el and first.tail:
                blocks.pop()  # the element's tail: part of the block around it
        out.extend(blocks)

    def plan(el) -> list | None:
        """``el``'s block children holding a needle; None when its own text holds one."""
        t = el.text
        if t and holds(t):
            return None
        kids = []
        for child in el:
            tail = child.tail
            if tail and holds(tail):
                return None
            tag = child.tag
            if not isinstance(tag, str):
                continue  # a comment: nothing of it is rendered
            tag = tag.lower()
            if child is skip or tag in SKIP or _hidden(child):
                continue
            if not holds(tostring(child, method="text", encoding=str, with_tail=False)):
                continue
            if tag in INLINE or tag in ("br", "img"):
                return None  # its text runs on in ``el``'s own blocks
            kids.append(child)
        return kids

    # Depth first, in document order. Below some depth an element is rendered whole: each level
    # serialises the text below it again, which a deep nest would pay once per level.
    todo = [(root, 0, 0)]
    while todo:
        el, figures, depth = todo.pop()
        kids = plan(el) if depth < 24 else None
        if kids is None:
            if el is root:
                return None
            whole(el, figures)
            continue
        inner = figures + (el.tag.lower() == "figure")
        todo.extend((child, inner, depth + 1) for child in reversed(kids))
    return out


def _few_blocks(article) -> bool:
    """Whether no rendering of the page can stop at ``max_text_blocks`` (then one of its parts
    renders as in the whole). Each element flushes at most two blocks (before it, at its end); each
    comes from a "<" of the source or is one the parser adds (html, head, body, a paragraph around
    stray text: fewer than two per "<"). The elements are counted first: libxml2 counts them in a
    quarter of the time a count of the source's "<" takes (0.014 against 0.052 ms a page)."""
    from ..limits import LIMITS

    limit = LIMITS.max_text_blocks
    if 2 * article.tree.xpath("count(//*)") + 2 <= limit:
        return True
    return 6 * article.doc.text.count("<") + 10 <= limit


def _page_rest(article, needles: tuple | None = None) -> list:
    from ..extract.text import INLINE, render_blocks

    root = article.tree
    out = []
    if root is None:
        return out
    body_el = article.body.element
    page_body = root.find("body")
    if page_body is not None and page_body is not body_el:
        if (body_el is not None and isinstance(body_el.tag, str) and body_el.tag.lower() not in INLINE
                and any(a is page_body for a in body_el.iterancestors())):
            rest = None
            if needles and _few_blocks(article):
                rest = _blocks_holding(page_body, body_el, needles)
            if rest is None:
                rest = render_blocks(page_body, skip=body_el)  # the article body is rendered already
        else:
            inside = set(body_el.iter()) if body_el is not None else set()
            rest = [blk for blk in render_blocks(page_body)
                    if not (blk.element in inside or (blk.pieces and blk.pieces[0].element in inside))]
        for blk in rest:
            out.append((blk.text, (lambda s, e, b=blk: _loc(b, s, e)), blk))
    title = article.page.title_el if hasattr(article.page, "title_el") else None
    if title is not None:
        t = title.text_content() or ""
        if t.strip():
            out.append((t, (lambda s, e, el=title: Loc(element=el)), None))
    for img in root.iter("img"):
        for attr in ("alt", "title"):
            if attr == "title" and (img.get("data-html") or "").lower() == "true":
                continue  # a tooltip script renders this title as HTML
            v = img.get(attr)
            if isinstance(v, str) and v.strip():
                out.append((v, (lambda s, e, el=img, a=attr: Loc(element=el, attr=a)), None))
    return out


# ---------------------------------------------------------------------------- widgets (TX007)
@lru_cache(maxsize=64)
def _compile_phrases(phrases: tuple) -> tuple:
    if not phrases:
        return None, None
    alt = _by_first_letter(phrases)
    # A look-ahead for the phrases' first characters: at a position where no phrase can start the
    # engine stops there instead of trying each phrase (the search for a phrase that ends a line
    # is tried at each of its last characters: 0.126 -> 0.074 ms a page).
    first = _first_class(phrases)
    lead = f"(?={first})" if first else ""
    start = re.compile(rf"{lead}(?:{alt})", re.IGNORECASE)
    end = re.compile(rf"{lead}(?:{alt})\s*$", re.IGNORECASE)
    return start, end


def _by_first_letter(phrases: tuple) -> str:
    """The phrases as one alternation (matched ignoring case), those that open with the same
    letter (a-z, written as such) one branch that reads the letter once: ``r(?:(?:ead more)|(?:elated))``.
    At a position the engine then tries one branch per first letter, not one per phrase.

    Phrases that open with different letters never match at the same position (no character
    matches two of a-z ignoring case), so their order does not matter and one may join a branch
    opened before it; any other phrase keeps its place, and no phrase moves across it. Phrases
    with capturing groups (their numbers would change) stay as written."""
    try:
        from re import _constants as sre
        from re import _parser

        parsed = [_parser.parse(p) for p in phrases]
    except Exception:  # a phrase the parser rejects (it fails later, as before), a parser that changed
        parsed = None
    if parsed is None or any(t.state.groups > 1 for t in parsed):
        return "|".join(f"(?:{p})" for p in phrases)
    branches: list = []  # [letter or None, [phrases or their rests]]
    open_: dict = {}  # letter -> its branch, since the last phrase that keeps its place
    for p, tree in zip(phrases, parsed):
        first = tree.data[0] if len(tree.data) else None
        letter = p[0].lower() if p[:1].isascii() and p[:1].isalpha() else None
        if letter and first is not None and first[0] is sre.LITERAL and chr(first[1]) == p[0]:
            branch = open_.get(letter)
            if branch is None:
                branch = open_[letter] = [letter, []]
                branches.append(branch)
            branch[1].append(p[1:])
        else:
            branches.append([None, [p]])
            open_ = {}
    return "|".join(f"(?:{ps[0]})" if letter is None else
                    f"{letter}(?:" + "|".join(f"(?:{r})" for r in ps) + ")" for letter, ps in branches)


def _first_class(phrases: tuple) -> str | None:
    """A character class holding every character a match of one of ``phrases`` can start with,
    or None when a phrase's start cannot be told (it may be empty, an anchor, a negated class)."""
    try:  # the regular-expression parser's own modules (CPython 3.11 and later)
        from re import _constants as sre
        from re import _parser

        categories = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w",
                      sre.CATEGORY_UNI_DIGIT: r"\d", sre.CATEGORY_UNI_SPACE: r"\s", sre.CATEGORY_UNI_WORD: r"\w"}
    except (ImportError, AttributeError):
        return None

    def first(items) -> str | None:
        if not items:
            return None
        op, av = items[0]
        if op is sre.LITERAL:
            return re.escape(chr(av))
        if op is sre.IN:
            out = []
            for iop, iav in av:
                if iop is sre.LITERAL:
                    out.append(re.escape(chr(iav)))
                elif iop is sre.RANGE:
                    out.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iop is sre.CATEGORY and iav in categories:
                    out.append(categories[iav])
                else:
                    return None  # a negation or a class the look-ahead would not render
            return "".join(out)
        if op is sre.SUBPATTERN:
            return None if av[1] or av[2] else first(list(av[3]))  # no flags changed inside
        if op is sre.BRANCH:
            parts = [first(list(b)) for b in av[1]]
            return None if None in parts else "".join(parts)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            return first(list(av[2]))
        return None

    out = []
    for p in phrases:
        try:
            f = first(list(_parser.parse(p)))
        except Exception:  # a phrase the parser rejects (it fails later, as before), a parser that changed
            return None
        if f is None:
            return None
        out.append(f)
    return "[" + "".join(out) + "]"




def _run_on_ok(rest: str) -> bool:
    """The text after a widget phrase starts a new item: a label mark, a capital or a digit."""
    r = rest.lstrip()
    return not r or r[0] in ":|•·–—-" or r[0].isupper() or r[0].isdigit()


def widget_spans(article) -> list[tuple[object, int, int, str]]:
    """(block, start, end, text) of every widget phrase that stands as its own line or is run onto one."""
    st = _state(article)
    if "widgets" in st:
        return st["widgets"]
    out = []
    st["widgets"] = out
    if article.lang not in ("vi", "en"):
        return out
    start_rx, end_rx = _compile_phrases(tuple(_pack(article, "widgets").get("phrases", ())))
    if start_rx is None:
        return out
    for blk in article.blocks:
        text = blk.text
        pos = 0
        for line in text.split("\n"):
            lstart = pos
            pos += len(line) + 1
            i = len(line) - len(line.lstrip())
            while i < len(line):
                m = start_rx.match(line, i)
                if not m or m.end() == m.start():
                    break
                rest = line[m.end():]
                glued = bool(rest) and not rest[0].isspace() and rest[0].isupper()
                if rest.strip() and not glued:
                    # Run onto other text: only a phrase that ends a label (":" or a count) or is
                    # followed by a new capitalised item is page chrome; "Tin liên quan đến..." is prose.
                    label = m.group(0).rstrip().endswith((":", ")")) or bool(re.search(r"\d", m.group(0)))
                    if not (label or _run_on_ok(rest)):
                        break
                out.append((blk, lstart + m.start(), lstart + m.end(), m.group(0)))
                i = m.end()
                while i < len(line) and line[i].isspace():
                    i += 1
            else:
                continue
            # A phrase run onto the end of a sentence: "…năm 2020. Tin liên quan"
            if i == 0 or i < len(line):
                # Only a phrase of four words or fewer counts, so one starts in the last four words:
                # a search there first (a short one) spares the 90-character search on most lines.
                head = line.rsplit(None, 4)
                tail = len(head[0]) if len(head) == 5 else 0
                if not end_rx.search(line, max(i, len(line) - 90, tail)):
                    continue
                m = end_rx.search(line, max(i, len(line) - 90))
                if m and m.start() > 0:
                    before = line[:m.start()].rstrip()
                    if before and len(m.group(0).split()) <= 4 and (
                            before[-1] in ".!?…\"”)" or not line[m.start() - 1].isspace()):
                        out.append((blk, lstart + m.start(), lstart + m.start() + len(m.group(0).rstrip()),
                                    m.group(0).strip()))
    return out


def _widget_overlap(article, blk, s: int, e: int) -> bool:
    return any(b is blk and a < e and s < z for b, a, z, _ in widget_spans(article))


@check("TX007")
def widget_text(article, options):
    """Comment boxes, view counters, related-link headings left in the article body."""
    for blk, s, e, t in widget_spans(article):
        yield Problem(f"page widget text inside the article body: {t.strip()!r}", _loc(blk, s, e),
                      anchor=t.strip())


# ---------------------------------------------------------------------------- glue evidence
def _captions(article) -> list[str]:
    """Texts the page shows as captions or alt elsewhere: a body phrase equal to one is a caption."""
    st = _state(article)
    if "captions" in st:
        return st["captions"]
    caps = set()
    if article.kind in (HTML, MARKDOWN):
        for b in article.blocks:
            if b.is_caption and 6 <= len(b.text) <= 200:
                caps.add(" ".join(b.text.split()))
        try:
            for img in article.images:
                for t in (img.alt, img.caption, img.element.get("title") if hasattr(img.element, "get") else None):
                    if isinstance(t, str):
                        t = " ".join(t.split())
                        if 6 <= len(t) <= 200 and " " in t:
                            caps.add(t)
        except Exception:
            pass
    st["captions"] = out = sorted(caps, key=len, reverse=True)
    return out


def _inline_edge(blk, pos: int) -> bool:
    """True when an inline element (``<em>caption</em>``) that began the block ends at ``pos``."""
    if not blk.pieces:
        return False
    left = blk.piece_at(pos - 1)
    right = blk.piece_at(pos)
    if left is None or right is None:
        return False
    if left is right:
        # The boundary may fall at the start of the right piece's own text.
        return False
    lin = set(left.inline) & _INLINE_CAPTION
    if not lin or lin <= set(right.inline):
        return False
    # The inline run must begin the block (or follow its images): a caption, not emphasis in prose.
    first = blk.pieces[0]
    return bool(set(first.inline) & lin)


_CAPTION_STOP = re.compile(r"[.!?…;]\s|[.!?…;]$")
# Dots inside a caption that end no sentence: an initial ("Robert J. Rosenthal", "E. Lockhart"), a
# short abbreviation ("384 pp.", "Vol. I", "Dr. Ruth"), a list number opening it ("5. Strengthen…");
# a semicolon before a lowercase word ("Knopf, $16.99; ages 8-12").
_CAPTION_DOT = (r"(?:^|[\s(])(?:[A-Z]|pp|p|Vol|No|Nos|Dr|Mr|Mrs|Ms|St|Jr|Sr|Inc|Co|Ltd|Corp|vs|ed|eds|ca|Mt|Ft"
                          r"|Gen|Gov|Sen|Rep|Col|Lt|Capt|Prof|Rev|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec)\.\s"
                          r"|^\d{1,2}\.\s|;\s(?=[^\W\d_A-ZÀ-ÝĐ])")


def _caption_stop(head: str) -> bool:
    """``head`` holds a sentence mark that ends a sentence (see ``_CAPTION_DOT`` for those that do not)."""
    if not _CAPTION_STOP.search(head):
        return False
    return bool(_CAPTION_STOP.search(_rx(_CAPTION_DOT).sub(" ", head)))


def _after_image_phrase(blk, pos: int, max_words: int = 16, loose: bool = False) -> bool:
    """``blk`` starts (after an image) with a short unpunctuated phrase ending at ``pos``. ``loose``
    lets the phrase hold commas, colons and dots inside numbers ("Ảnh: Bùi Ngọc", "Florida, Mỹ")."""
    if not blk.images_before or (loose and len(blk.text) < 100 and not _SENTENCE_END.search(blk.text)):
        # With a space between, a title on its own after an image ("…Poetic with These 10 Works") is
        # no caption run into a paragraph.
        return False
    head = blk.text[:pos]
    if "\n" in head or (_caption_stop(head) if loose else (_SENT_PUNCT.search(head) or "," in head)):
        return False
    n = len(head.split())
    return 1 <= n <= max_words


def _caption_match(article, blk, pos: int) -> bool:
    if blk.is_caption:
        return False
    caps = _captions(article)
    if not caps:
        return False
    # Captions are at most 200 characters: the last 400 of the text decide, unless white space
    # collapsed them below that.
    head = " ".join(blk.text[max(0, pos - 400):pos].split())
    if pos > 400 and len(head) <= 210:
        head = " ".join(blk.text[:pos].split())
    if len(head) < 6:
        return False
    for c in caps:
        if head.endswith(c) and (len(head) == len(c) or not head[-len(c) - 1].isalnum()):
            return True
    return False


def _evidence(article, blk, junction: int, left_end: int, loose: bool = False) -> str | None:
    if _inline_edge(blk, junction) or (left_end != junction and _inline_edge(blk, left_end)):
        return "an inline caption ends here"
    if _after_image_phrase(blk, left_end, loose=loose):
        return "a short phrase right after an image"
    if _caption_match(article, blk, left_end):
        return "the text before is a caption or alt text of this page"
    return None


_SLUG_WORD = re.compile(r"[a-z]+")
_LETTERS_OR_DIGITS = re.compile(r"[^\W_]+")


def _fold(s: str) -> str:
    """Lowercase ASCII letters without marks: "Đỗ Thành Đạt" → "do thanh dat" (file names drop them)."""
    d = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def _image_texts(blk) -> tuple[str, ...]:
    """The alt, the title and the file name ("flooded-streets-old-town-1024x683") of the image
    opening ``blk``, those it has."""
    img = None
    if blk.pieces and blk.pieces[0].tail and getattr(blk.pieces[0].element, "tag", None) == "img":
        img = blk.pieces[0].element
    elif hasattr(blk.element, "iter"):
        img = next(iter(blk.element.iter("img")), None)
    if img is None or not hasattr(img, "get"):
        return ()
    name = (img.get("src") or "").split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return tuple(t for t in (img.get("alt"), img.get("title"), name) if t)


def _image_words(blk) -> frozenset:
    """Words that describe the image opening ``blk``: its alt, its title and the words of its file
    name, folded to plain letters."""
    return frozenset(w for w in _SLUG_WORD.findall(_fold(" ".join(_image_texts(blk)))) if len(w) >= 2)


_SLUG_PART = re.compile(r"[a-z0-9]+")
# What a CMS adds to a file name after its words: a size, a number, "scaled", an edit mark.
_FILE_SUFFIX = re.compile(r"(?:[-_. ]+(?:\d+x\d+|\d+|scaled|e\d{6,}|copy))+$")


def _spelled_by_image(blk) -> int | None:
    """Where the words that open ``blk`` end when they are, all of them and in order, the words of
    the alt, the title or the file name of the image before them (three words or more): the caption
    ends there (``<img src="flooded-streets-in-the-old-town-1024x683.jpg">Flooded streets in the old
    town Residents…``). Letters are compared folded, as a file name writes them."""
    texts = _image_texts(blk)
    if not texts:
        return None
    wanted = []
    for t in texts:  # a file name with and without what a CMS adds ("…-vong-2-1024x683": "2" may be a word)
        for words in {tuple(_SLUG_PART.findall(_fold(v))) for v in (t, _FILE_SUFFIX.sub("", t))}:
            if len(words) >= 3:
                wanted.append(list(words))
    if not wanted:
        return None
    wanted.sort(key=len, reverse=True)  # the longest that matches
    most = len(wanted[0])
    parts: list[tuple[str, int]] = []  # each folded part of the text's words, with its word's end
    for m in _LETTERS_OR_DIGITS.finditer(blk.text):
        parts.extend((p, m.end()) for p in _SLUG_PART.findall(_fold(m.group(0))))
        if len(parts) > most:
            break
    for words in wanted:
        n = len(words)
        if len(parts) > n and parts[n - 1][1] != parts[n][1] and [p for p, _ in parts[:n]] == words:
            return parts[n - 1][1]
    return None


def _described_by_image(blk, end: int, w2: str) -> bool:
    """The phrase that opens ``blk`` up to ``end`` is what the image before it shows: two words or
    more, two thirds of them (and the last) in the image's alt, title or file name, and the next
    word ``w2`` not: the caption ends there ("<img src="kim-kardashian-do-dang.jpg">Kim Kardashian
    đọ dáng với chị gái VN-Index tăng…")."""
    desc = _image_words(blk)
    if not desc:
        return False
    words = [w for w in _SLUG_WORD.findall(_fold(blk.text[:end])) if len(w) >= 2]
    if len(words) < 2 or words[-1] not in desc or _fold(w2) in desc:
        return False
    return 3 * sum(1 for w in words if w in desc) >= 2 * len(words)


_HEAD_STOP = re.compile(r"[.!?…;]\s|[.!?…;]$|\n")


def _heading_then_sentence(blk, end: int, right: int, max_words: int) -> bool:
    """After an image, a title-case or all-capitals heading ends at ``end`` and a sentence in
    ordinary case starts at ``right``: "Moving Out When Fran poked her head out…"."""
    head = blk.text[:end]
    if _HEAD_STOP.search(head):
        return False
    words = _WORD.findall(head)
    if not 2 <= len(words) <= max_words:
        return False
    if not all(w[0].isupper() for w in words if len(w) >= 4) or not any(len(w) >= 4 for w in words):
        return False
    tail = _WORD.findall(blk.text[right:right + 200])
    return len(tail) >= 6 and sum(1 for w in tail[1:6] if w.islower()) >= 2 and bool(_SENTENCE_END.search(blk.text))


# A capitalised word and two more: "Writer Krysta Fauria contributed" is a name going on.
_NAME_GOES_ON = r"[ \u00a0]*[^\W\d_]+(?:[ \u00a0]+[" + _UPPERS + r"][^\W\d_]*){2}"
_INITIAL = r"(?:^|\s)[A-Z]\.\s[A-Z][a-z]"
_RIGHT_START = re.compile(r"[ \u00a0]*(?=[^\W_])")
_CAPTION_END = ")]%\"'”’"
_CLOSERS = re.compile(r"[)\]\"'”’]+$")
# A word (with a contraction or possessive: "It’s", "Can't", "Gmail's"; with a lowercase part after a
# hyphen: "Oil-exporting") or a number, and a comma.
_SENTENCE_START = re.compile(r"[ \u00a0]*(\d[\d.,/:%]*|[^\W\d_]+)(?:-[^\W\d_A-Z]+)?(?:[’'](?:s|t|re|ll|ve|m|d)\b)?"
                             r"(?![\w\-’'])(,?)")
# After a word that opens sentences, a short phrase closed by a comma: "In Washington, the…",
# "In September 2014, India’s…", "On Monday, officials…".
_STARTER_PHRASE = re.compile(r"(?:[ \u00a0]+[^\W_][\w’'.\-]*){1,4},[ \u00a0]+\S")


def _word_end(left: str, nxt: str) -> bool:
    """``left`` ends a word before the character ``nxt``: a space or mark, or a jump in case
    ("streetsResidents")."""
    return not (nxt.isalnum() or nxt == "_") or (nxt.isupper() and not left[-1].isupper())


def _sentence_follows(text: str, pos: int, starts: frozenset | set = frozenset(), loose: bool = False) -> bool:
    """A sentence in ordinary case starts at ``pos``: a capitalised word (or a number) followed by a
    lowercase word or a comma ("However, …"), or a word that opens sentences (``starts``: "The
    Indonesian pilot…", "Ông Hùng khuyên…") with two lowercase words among the next five; not a name
    going on ("Writer Krysta Fauria contributed"). ``loose`` (where the page marks where the caption
    ends) takes any capitalised word with two lowercase words among the next five ("Oscar Isaac has
    had…"). The block goes on for 40 characters and ends in a sentence mark."""
    m = _SENTENCE_START.match(text, pos)
    if m is None or not (m.group(1)[0].isdigit() or _is_cap_word(m.group(1))):
        return False
    if len(text) - pos < 40 or not _SENTENCE_END.search(text):
        return False
    if m.group(2):
        return True
    nxt = _WORD.findall(text, m.end(), m.end() + 80)[:5]
    if nxt and nxt[0].islower() and text[m.end():m.end() + 1] in " \u00a0":
        return True
    if m.group(1) in starts and _STARTER_PHRASE.match(text, m.end()):
        return True
    return (loose or m.group(1) in starts) and sum(1 for w in nxt if w.islower()) >= 2


_STARTS_OF_PACK: dict[int, tuple[dict, frozenset]] = {}  # id(pack) -> (the pack, its sentence starts)


def _sentence_starts(article) -> frozenset:
    """Words of the language pack that open sentences and paragraphs (first words of ``openers``,
    ``starters`` and ``paragraph_starts``). Packs are built once per process and read-only, so
    the set is built once per pack (the pack is kept with it: its id stays its own)."""
    pack = _pack(article, "glue")
    hit = _STARTS_OF_PACK.get(id(pack))
    if hit is None or hit[0] is not pack:
        hit = _STARTS_OF_PACK[id(pack)] = (pack, frozenset(
            o.split()[0] for key in ("openers", "starters", "paragraph_starts")
            for o in pack.get(key, ()) if isinstance(o, str) and o.split()))
    return hit[1]


def evidence_junctions(article) -> list[tuple]:
    """Junctions the page itself shows: (block, left_end, right_start, why).

    An inline caption (``<em>``, ``<strong>``, ``<span>``…) that opens a block and ends without
    punctuation right before a capital letter or digit, a block that starts with the text of a
    caption or alt of the page followed by a capital, or one whose first words are those of the
    image's alt, title or file name before it, followed by a sentence. The junction is where the
    caption ends.
    """
    st = _state(article)
    if "junctions" in st:
        return st["junctions"]
    out = []
    st["junctions"] = out
    if article.kind == TEXT:
        return out
    caps = _captions(article)
    by_start: dict = {}  # the captions by their first character (each is 6 characters or more), in order
    for c in caps:
        by_start.setdefault(c[0], []).append(c)
    starts = _sentence_starts(article)
    open_ends = frozenset(_pack(article, "glue").get("open_ends", ()))
    for blk in article.blocks:
        if blk.is_caption:
            continue
        text = blk.text
        found = None
        # 1. the end of an inline caption run that opens the block
        pieces = blk.pieces
        lin = set()
        # A caption run into a paragraph: the block is prose (a paragraph ending in a sentence mark),
        # not a list item, table cell of links or a reference. Asked only of a block that opens with
        # an inline caption element: _SENTENCE_END is searched for through the whole text.
        if pieces and blk.tag in _PROSE_BLOCKS:
            lin = set(pieces[0].inline) & _INLINE_CAPTION
            if lin and not _SENTENCE_END.search(text):
                lin = set()
            if lin:
                for i, p in enumerate(pieces[1:], 1):
                    if not (set(p.inline) & lin):
                        # The same element again within a few characters is emphasis in prose, not a
                        # caption: "<em>…massive</em> Metroid <em>story.</em>".
                        if not any(set(q.inline) & lin for q in pieces[i + 1:i + 3] if q.start < p.start + 12):
                            found = (p.start, "an inline caption ends here")
                        break
        # 2. the block starts with a caption or alt text of the page (a whole one: a word ends there)
        if found is None and caps:
            head = text[:220]
            for c in by_start.get(head[:1], ()):
                if (head.startswith(c) and len(text) > len(c) + 20 and _word_end(c, text[len(c)])
                        and (len(c) >= 15 and c.count(" ") >= 2 or _sentence_follows(text, len(c), starts)
                             or (" " in c and _sentence_follows(text, len(c), starts, loose=True)
                                 and not _rx(_NAME_GOES_ON).match(text, len(c))))):
                    found = (len(c), "the text before is a caption or alt text of this page")
                    break
        # 3. the block opens with an image whose alt, title or file name spells its first words
        if found is None and blk.images_before and blk.tag in _PROSE_BLOCKS:
            end = _spelled_by_image(blk)
            sp = _RIGHT_START.match(text, end) if end is not None else None
            if sp is not None and sp.end() > end:  # a space, then a word (no space: TX001, TX002)
                r = sp.end()
                w = _SENTENCE_START.match(text, r) if r < len(text) else None
                # A word that opens sentences; after a capitalised word only with its phrase closed
                # by a comma ("…Hà Nội Theo ông, …"): a name may go on with one ("Lâm Tâm Như và…").
                if (w is not None and w.group(1) in starts and _sentence_follows(text, r, starts)
                        and (not text[:end].rsplit(None, 1)[-1][:1].isupper() or w.group(2)
                             or _STARTER_PHRASE.match(text, w.end()))):
                    found = (end, "the image before it has these words for its alt, title or file name")
        if found is None:
            continue
        pos, why = found
        left = text[:pos].rstrip(" \u00a0")
        if (not left or not (left[-1].isalnum() or left[-1] in _CAPTION_END) or len(left) > 200
                or "\n" in left or len(left.split()) > 20):
            continue
        bare = _CLOSERS.sub("", left)
        if not bare or (bare[-1] in ".!?…:;," and bare != left):
            continue  # a quotation that ends its own sentence: “…it keeps.” A very…
        if left.rsplit(None, 1)[-1] in open_ends:
            continue  # "<em>Follow me on</em> Twitter", "…illustrated by</em> Karl Tate": it goes on
        inline = "inline" in why
        if not left[-1].islower() and not left[-1].isdigit() and not (
                _sentence_follows(text, len(left), starts, loose=inline)
                and not (inline and left.isupper() and not blk.images_before
                         and _SENTENCE_START.match(text, len(left)).group(1) not in starts)):
            # A caption ending in a capital ("Photo: AP", "MIDDLE-GRADE BOOKS"), a quote or a bracket:
            # only before a sentence ("Residents were…"), not a name going on ("Press Secretary Josh");
            # a bold lead-in in capitals with no image ("<b>CHEER ON</b> Juniors…") is a style unless
            # a word that opens sentences follows ("<b>NEW BUSINESS</b> The report…").
            continue
        if _widget_overlap(article, blk, 0, pos + 1):
            continue
        if "inline" in why and not blk.images_before and not (lin - {"strong", "b"}):
            # A bold lead-in ("<strong>Step 1</strong> Open the app") is a style: only a phrase of
            # two words or more before a sentence in ordinary case counts.
            if len(left.split()) < 2 or not _sentence_follows(text, len(left), starts, loose=True):
                continue
        m = _RIGHT_START.match(text, len(left))
        if m is None or m.end() >= len(text):
            continue
        r = m.end()
        if not (text[r].isupper() or text[r].isdigit()):
            continue
        if len(text) - r < (20 if blk.images_before else 40):
            continue  # a short tail: a label and its value ("Tác giả Nguyễn A")
        if sum(1 for w in _WORD.findall(left) if len(w) >= 2) < 2 and not _rx(_INITIAL).search(left):
            continue  # "^ a b", a reference mark (but "E. Lockhart" is a name)
        out.append((blk, len(left), r, why))
    return out


# ---------------------------------------------------------------------------- TX001 / TX002
# A case jump: a lower-case letter, then an upper-case one. The scan is led by the upper-case letter
# with the lower-case one checked behind it: a pattern led by a class is scanned for in C, and a
# text's letters are mostly lower-case, so one led by _LOWERS would enter the matcher at nearly
# every letter (0.025 -> 0.009 ms a page on the joined body). A match is the upper-case letter.
_CASE_JUMP = f"[{_UPPERS}](?<=[{_LOWERS}].)"


_NON_WORD = re.compile(r"[^\w]")


def _glue_point(tok: str) -> int | None:
    for i in range(1, len(tok)):
        if tok[i].isupper() and tok[i - 1].islower():
            return i
    return None


# A caption that ends in a number, a closing mark or capitals, glued to a capitalised word:
# "ages 4-8Edelstein", "Paris 2017Một", "Richard Vogel/APBoth", "NO FOUL PLAY SEENSharks".
_CLOSED_JUNCTION = f"(?:\\d|[)\\]%”\"]|[{_UPPERS}]{{2}})(?=[{_UPPERS}][{_LOWERS}])"


def _token_counts(article) -> Counter:
    """How often each white-space-delimited token occurs in the body (no token spans two blocks):
    a glued token that recurs is a name or a brand. ``str.split()`` gives the tokens ``_TOKEN``
    finds (both split at the same white space) in less than half the time."""
    st = _state(article)
    counts = st.get("token_counts")
    if counts is None:
        counts = st["token_counts"] = Counter(_joined(article).split())
    return counts


def _image_phrase_junctions(article, done: set, skip: set):
    """(block, position) where a short phrase right after an image, ending in a digit, a closing
    mark or capitals, runs with no space into a sentence. A case jump after a lowercase letter is
    the token scan's; this is the junction it cannot see. Only the first junction of a block
    counts, and only where an ordinary sentence starts there (a capitalised word, then lowercase
    words) and the glued token occurs once in the document (``3Com``, ``OKCupid`` recur)."""
    if article.kind == TEXT:
        return
    starts = None
    for blk in article.blocks:
        if not blk.images_before or blk.is_caption:
            continue
        text = blk.text
        for m in _rx(_CLOSED_JUNCTION).finditer(text, 0, 240):
            p = m.end()
            if (id(blk), p) in done:
                break
            if not _after_image_phrase(blk, p, loose=True):
                break  # the phrase after the image ended before this point
            if text[p - 1] == '"' and not text[p - 2:p - 1].isalnum():
                continue  # an opening quote: 'he added: "The worst…'
            rword = _WORD.match(text, p).group(0)
            if not rword[1:].islower() or rword in skip:
                continue
            if starts is None:
                starts = _sentence_starts(article)
            if len(rword) < 3 and rword not in starts:
                continue  # "URLs", "GCSEs", "11Kb": a plural or a unit, not a word
            if sum(1 for w in _WORD.findall(text, 0, p) if len(w) >= 2) < 2:
                continue
            if text[p - 1].isalpha() and rword not in starts:
                continue  # capitals and a word: a name ("HDBank", "MBBank mang lại…") unless it opens sentences
            if not _sentence_follows(text, p, starts, loose=True):
                continue
            s = _token_start(text, p)
            e = p + len(rword)
            if _masked(_masks(article, blk), s, e) or _widget_overlap(article, blk, s, e):
                continue
            raw = _TOKEN.match(text, s).group(0)
            if _token_counts(article)[raw] >= 2:
                continue  # a recurring token is a name or brand
            yield blk, p
            break


_PLAIN_GOES_ON = r" (?:[^\W\d_A-ZÀ-ÝĐ]+ ){2}"


def _plain_sentence_after(text: str, pos: int) -> bool:
    """Two lowercase words, separated by single spaces, follow ``pos``: "Such| systems are mainly"."""
    return _rx(_PLAIN_GOES_ON).match(text, pos) is not None and text[pos + 1:pos + 2].islower()


def _run_together(blk, start: int, why: str) -> Problem:
    """A junction the page shows (a caption's end, a credit's end) with no space at ``start`` of
    ``blk``'s text, and the fix of a space."""
    t = blk.text
    return Problem(
        f"text run together with no space: {t[max(0, start - 20):start]!r} + {t[start:start + 20]!r} ({why})",
        Loc(block=blk, start=start, end=start + 1), anchor=f"{t[max(0, start - 12):start]}|{t[start:start + 12]}",
        fix=Fix(replacement=" " + t[start], description="insert a space (or restore the block break)"))


def _glued(article, options):
    lang = article.lang
    pack = _pack(article, "glue")
    brands = {b.lower() for b in pack.get("brands", [])}
    units = set(pack.get("units", []))
    prefixes = set(pack.get("prefixes", []))
    starters = set(pack.get("starters", []))
    min_left = int(options.get("min-left", 2))
    done = set()
    for blk, le, rs, why in evidence_junctions(article):
        if le == rs:
            done.add((id(blk), rs))
            yield _run_together(blk, rs, f"a caption glued to the next sentence; {why}")
    for blk, start in _image_phrase_junctions(article, done, units | set(pack.get("brands", []))):
        done.add((id(blk), start))
        yield _run_together(blk, start, "a caption glued to the next sentence; a short phrase right after an image")
    for blk, start, spaced in _credit_junctions(article):
        if spaced or (id(blk), start) in done:
            continue
        done.add((id(blk), start))
        yield _run_together(blk, start, "a photo credit glued to the next sentence")
    # The blocks with a case jump, found by one scan of the joined body (a jump is two letters: it
    # never runs across the line feed between blocks), not by one search per block.
    for blk in _blocks_matching(article, _rx(_CASE_JUMP)):
        masks = None
        for m in _TOKEN.finditer(blk.text):
            raw = m.group(0)
            if raw[1:].islower() or raw.isupper():
                continue  # no upper-case letter after a lower-case one: no junction (tested in C)
            tok = _EDGE.sub("", raw)
            if len(tok) < 4 or tok.lower() in brands or tok in units:
                continue
            i = _glue_point(tok)
            if i is None:
                continue
            if _SKIP_TOKEN.search(tok):
                continue
            if masks is None:
                masks = _masks(article, blk)
            if _masked(masks, m.start(), m.end()):
                continue
            left, right = tok[:i], tok[i:]
            lword = _NON_WORD.split(left)[-1]
            if len(lword) < min_left or lword in prefixes or not lword[1:].islower():
                continue
            if len(right) < 2 or not right[1].islower():
                continue
            rword = _NON_WORD.split(right)[0]
            if rword.lower() in brands or (lword + rword).lower() in brands:
                continue
            start = m.start() + raw.find(tok) + i
            if (id(blk), start) in done or _widget_overlap(article, blk, start - 1, start + 1):
                continue
            why = _evidence(article, blk, start, start)
            if why is None and (lword[0].islower() or (
                    len(lword) >= 3 and raw[0].isalpha() and _plain_sentence_after(blk.text, start + len(rword)))):
                # After an image, a phrase with commas or a colon ("Missing: profile of airline boss Tony
                # FernandesSuch systems are…"). Capitalised halves are also the shape of brands
                # ("SpaceNews, dedicated to…", "RiRi rocked", '"EastEnders has'): then the token starts with a
                # word of three letters or more and a sentence in lowercase words goes on.
                why = _evidence(article, blk, start, start, loose=True)
            if why is None:
                if _token_counts(article)[raw] >= 2:
                    continue  # a recurring token is a name or brand
                if lang == "vi":
                    if not (_VI_LETTER.search(lword) or _VI_LETTER.search(rword)):
                        continue
                elif rword not in starters or len(lword) < 3:
                    continue
            yield Problem(
                f"text run together with no space: {left[-20:]!r} + {right[:20]!r} (a caption, heading or "
                "byline glued to the next sentence?)" + (f"; {why}" if why else ""),
                Loc(block=blk, start=start, end=start + 1),
                anchor=f"{left[-12:]}|{right[:12]}",
                fix=Fix(replacement=" " + tok[i], description="insert a space (or restore the block break)")
                if why else None,
            )


@check("TX001")
def glued_no_space(article, options):
    """Two fragments run together with no space: ``hội nghịVới`` (Vietnamese)."""
    if article.lang == "vi":
        yield from _glued(article, options)


@check("TX002")
def glued_no_space_en(article, options):
    """The same in English text: ``Monday morningThe crowd``."""
    if article.lang == "en":
        yield from _glued(article, options)


# ---------------------------------------------------------------------------- TX003
_WS_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|\s+")


def _ws_words(text: str) -> list[tuple[str, int]]:
    """(token, start) for each match of ``_WS_WORD`` in ``text``. The tokens are taken in C
    (``findall``) and their starts summed from their lengths, not read from one match object each:
    sound when they tile the text, which their lengths tell (they miss a "_" or a number that is
    not a digit, such as "²": then the match objects are read)."""
    words = _WS_WORD.findall(text)
    starts = list(accumulate(map(len, words), initial=0))
    if starts[-1] == len(text):
        return list(zip(words, starts))
    return [(m.group(0), m.start()) for m in _WS_WORD.finditer(text)]


def _is_lower_word(w: str) -> bool:
    return w.isalpha() and w.islower()


def _is_cap_word(w: str) -> bool:
    return w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _word_stats(article) -> tuple[Counter, Counter]:
    """(lowercase word counts, counts of capitalised words right after a lowercase word) of the body."""
    st = _state(article)
    ws = st.get("word_stats")
    if ws is None:
        lower, midcap = Counter(), Counter()
        for b in article.blocks:
            prev = ""
            for w in _WORD.findall(b.text):
                if w.islower():
                    lower[w] += 1
                elif prev.islower() and w[0].isupper():
                    midcap[w] += 1
                prev = w
        ws = st["word_stats"] = (lower, midcap)
    return ws


def _common_word(article, w: str) -> bool:
    lower, midcap = _word_stats(article)
    return lower[w.lower()] >= 1 and midcap[w] <= 1


# A paragraph of plain text that opens with a short phrase of words (the first capitalised, no mark)
# and then a capitalised word: a caption or heading may have lost its line break there.
_OPENING_PHRASE = re.compile(r"[^\W_][\w’'\-]*(?:[ ]+[\w’'\-]+){1,11}")
_OPENING_JUNCTION = re.compile(r"[^\W_][\w’'\-]*(?:[ ]+[\w’'\-]+){1,11}?[ \u00a0]+[^\W\d_](?=[^\W\d_A-ZĐ])")


def _name_run(toks: list, k: int) -> int:
    """How many capitalised words end at token ``k`` (``Lâm Tâm`` before ``Như``: a name may go on)."""
    n = 0
    while k >= 0 and toks[k][0][:1].isupper() and toks[k][0].isalpha():
        n += 1
        if k == 0 or not toks[k - 1][0].isspace():
            break
        k -= 2
    return n


# Vietnamese: a capitalised word, perhaps one lowercase word, then a demonstrative ("Điều này",
# "Thời điểm đó"): a common noun phrase, which a name never is.
_DEMONSTRATIVE = re.compile(r"(?:[ \u00a0]+((?!(?:này|đó|ấy|kia)\b)[^\W\d_]+))?[ \u00a0]+(?:này|đó|ấy|kia)\b")


def _demonstrative(text: str, s2: int, w2: str) -> bool:
    """``w2`` at ``s2`` heads a noun phrase closed by a demonstrative. ``w2`` (with the word between,
    if any) must be a word of the Vietnamese dictionary ("Điều này", "Thời điểm đó"), or the
    demonstrative belongs to the word between or to a name ("Obama sau đó", "Wisconsin lần này",
    "van Gogh đó là"). Needs the optional ``underthesea`` word list."""
    m = _DEMONSTRATIVE.match(text, s2 + len(w2))
    if m is None:
        return False
    mid = m.group(1)
    if mid is not None and not mid.islower():
        return False
    dic = vietnamese_dictionary()
    if dic is None:
        return False
    return (f"{w2} {mid}" if mid else w2).lower() in dic


# Vietnamese: a time word, a date or a number and a comma open a sentence ("Ngày 29/9, …", "Chiều ngày
# 18/12, …", "Đầu tháng 9, …", "Từ năm 2013, …"); mid-sentence these words are written in lowercase.
_DATED_OPENER = re.compile(
    r"(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm|Đầu|Cuối|Giữa|Từ|Đến|Hôm|Năm|Tháng|Khoảng|Lúc|Vào)"
    r"(?:[ \u00a0]+(?:ngày|tháng|năm|nay|qua|sáng|chiều|tối|trưa|đêm|hôm))*[ \u00a0]+\d[\d/:h.]*"
    r"(?:[ \u00a0]+(?:ngày|tháng|năm)[ \u00a0]+\d[\d/:h.]*)*,")
_DATED_GATE = re.compile(r"[^\W\d_][ \u00a0]+(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm|Đầu|Cuối|Giữa|Từ|Đến|Hôm|Năm|Tháng"
                         r"|Khoảng|Lúc|Vào)[ \u00a0]+[\dnts]")


# Words that go on a sentence's subject ("Bệnh viện vẫn phải…", "Cơ quan này đã…"): after a word
# that heads names, they show that no name follows it.
_SUBJECT_GOES_ON = frozenset(("đã", "đang", "sẽ", "vẫn", "cũng", "không", "chưa", "phải", "cần", "này", "đó"))


def _compound_opens(text: str, toks: list, j: int, names: frozenset = frozenset(),
                    heads: frozenset | set = frozenset()) -> bool:
    """Vietnamese: the capitalised word at token ``j`` and the lowercase word after it make one word
    of the dictionary ("Công nghệ", "Bác sĩ", "Cơ quan"), and two lowercase words go on after it: a
    common word written with a capital, which only a sentence's start does. A name goes on with a
    capital or a number ("Bệnh viện Bạch Mai", "Tổng thống Trump", "ngành Giáo dục 2020"). Needs the
    optional word list."""
    if j + 6 >= len(toks) or any(toks[i][0] != " " for i in (j + 1, j + 3, j + 5)):
        return False
    if not all(_is_lower_word(toks[i][0]) for i in (j + 2, j + 4, j + 6)):
        return False  # "ngành Giáo dục 2020", "giúp Dự phòng và Hỗ trợ": a name
    nxt = toks[j + 2][0]
    if toks[j][0] in heads and toks[j + 4][0] not in _SUBJECT_GOES_ON:
        return False  # "Bộ Giáo dục", "Bệnh viện Bạch Mai": a word that heads names
    word = f"{toks[j][0]} {nxt}".lower()
    if word in names:  # "đảng Dân chủ", "tìm kiếm Trái đất": a common word that also names one thing
        return False
    dic = vietnamese_dictionary()
    return dic is not None and word in dic


def _opener_len(openers: dict, toks: list, j: int) -> int:
    """Words in the opener phrase that starts at token ``j`` ("Tuy nhiên": 2), or 0."""
    n = len(toks)
    for parts in openers.get(toks[j][0], ()):
        i = j
        for p in parts[1:]:
            if i + 2 < n and toks[i + 1][0].isspace() and toks[i + 2][0] == p:
                i += 2
            else:
                break
        else:
            return len(parts)
    return 0


@lru_cache(maxsize=16)
def _opener_gate(items: tuple):
    words = sorted({o.split()[0] for o in items}, key=len, reverse=True)
    return re.compile(r"[^\W\d_][ \u00a0]+(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None


@lru_cache(maxsize=16)
def _openers(items: tuple) -> tuple:
    first = {}
    for o in items:
        parts = o.split()
        first.setdefault(parts[0], []).append(parts)
    for v in first.values():
        v.sort(key=len, reverse=True)
    return first


# A heading in capitals, two words or more ("NO FOUL PLAY SEEN", "CLUES WHEN THINGS GO WRONG"): the
# first word that is not in capitals starts what follows it, whatever that word is.
_CAPS_HEAD = f"[{_UPPERS}]{{2,}}(?:[ \\-&']+[{_UPPERS}]+)+"
_CONTRACTED = frozenset(("s", "t", "re", "ll", "ve", "m", "d"))
# The last token of a caption that may end in a number, a credit or a price per unit: "8-12",
# "$17.99", "Vogel/AP", "2 triệu đồng/kg".
_CAPTION_TAIL = r"[$€£¥]?\d[\d.,\-–/:]*|[^\W\d_][\w.'’\-]*/[A-Z]{2,}|[^\W\d_A-ZĐ]+/[^\W\d_A-ZĐ]+"


def _token_start(text: str, pos: int) -> int:
    """Start of the white-space-delimited token that holds ``pos``."""
    return max(text.rfind(" ", 0, pos), text.rfind("\u00a0", 0, pos), text.rfind("\n", 0, pos)) + 1


@lru_cache(maxsize=16)
def _credit_label(labels: tuple):
    """A photo credit's label and its colon ("Ảnh:", "Photo credit :"), longest label first."""
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(f"(?:{alts})[ \u00a0]*:[ \u00a0]*") if alts else None


def _credit_junctions(article) -> list[tuple]:
    """(block, position of the sentence's first word, a space before it) where a photo credit runs
    into a sentence: the pack's label ("Ảnh:", "Photo:"), a name in capitals or capitalised words
    ("Thanh Hà", "TTXVN", "Getty Images"), perhaps a closing bracket, then a sentence with no full
    stop before it ("Ảnh: Thanh Hà Với tinh thần…", "(Ảnh: TTXVN)Theo kế hoạch…"). Inside the name,
    only a word that opens sentences counts (:func:`_opens_after_credit`): a name may go on with any
    capitalised word. Cached per article."""
    st = _state(article)
    out = st.get("credit_junctions")
    if out is not None:
        return out
    out = st["credit_junctions"] = []
    pack = _pack(article, "glue")
    rx = _credit_label(tuple(pack.get("credit_labels", ())))
    if rx is None:
        return out
    for blk in article.blocks:
        text = blk.text
        if blk.is_caption or ":" not in text:
            continue
        for m in rx.finditer(text):
            if m.start() > 0 and text[m.start() - 1] not in " \u00a0(":
                continue  # inside a word
            toks = [(t.group(0), t.start()) for t in _WS_WORD.finditer(text, m.end(), m.end() + 160)]
            words = 0
            for i, (w, at) in enumerate(toks):
                if w.isspace():
                    if "\n" in w:
                        break
                    continue
                if _is_cap_word(w) or (len(w) >= 2 and w.isalpha() and w.isupper()):
                    if words and toks[i - 1][0].isspace() and _is_cap_word(w) and \
                            _opens_after_credit(article, text, toks, i):
                        out.append((blk, at, True))
                        break
                    words += 1
                elif words and w in "/&-.":
                    continue
                elif words and w == ")":
                    k = i + 1 + (i + 1 < len(toks) and toks[i + 1][0] == " ")
                    if k < len(toks) and _is_cap_word(toks[k][0]) and \
                            _opens_after_credit(article, text, toks, k, closed=True):
                        out.append((blk, toks[k][1], k > i + 1))
                    break
                else:
                    break
    return out


def _opens_after_credit(article, text: str, tk: list, i: int, closed: bool = False) -> bool:
    """The capitalised word at ``tk[i]`` opens an ordinary sentence after a photo credit: after a
    closing bracket any word does; inside the credit's name, only an opener, a paragraph start or
    (Vietnamese) a common word of the dictionary, with a lowercase word after it ("Với tinh thần…",
    "The president said…"; not "Ảnh: Nguyễn Thế Anh Tuấn cho biết…")."""
    w, at = tk[i]
    if not _sentence_follows(text, at, _sentence_starts(article), loose=closed):
        return False
    if closed:
        return True
    pack = _pack(article, "glue")
    openers = _openers(tuple(pack.get("openers", ())))
    if _opener_len(openers, tk, i) >= 2:
        return True  # "Tuy nhiên, …"
    if not (i + 2 < len(tk) and tk[i + 1][0] == " " and _is_lower_word(tk[i + 2][0])):
        return False  # a name goes on
    if w in pack.get("paragraph_starts", ()) or w in pack.get("starters", ()) or _opener_len(openers, tk, i) > 0:
        return True
    if article.lang != "vi":
        return False
    heads = frozenset(pack.get("name_heads", ()))
    names = frozenset(x.lower() for x in pack.get("name_compounds", ()))
    return w not in heads and _compound_opens(text, tk, i, names, heads)


_WS_RUN = re.compile(r"\s*")


def _may_join_without_image(article, blk, openers: dict) -> bool:
    """Whether TX003 may report a junction in ``blk``, a block with no image before it, in text
    that is not Vietnamese (it reads such a block for its no-break space). There, only three of its
    reasons can hold, each of which needs something this tests first: an inline caption ending at
    the junction (the block's first piece sits in an inline caption element), a caption or alt of
    the page right before it (the caption stands in the block's text, its white space collapsed as
    :func:`_caption_match` collapses a part of it), or a no-break space joining a word to an opener
    phrase (two no-break spaces at most, and the word after one of them opens such a phrase)."""
    pieces = blk.pieces
    if pieces and not _INLINE_CAPTION.isdisjoint(pieces[0].inline):
        return True
    text = blk.text
    caps = _captions(article)
    if caps:
        flat = " ".join(text.split())
        if any(c in flat for c in caps):
            return True
    if text.count("\u00a0") > 2:
        return False
    i = text.find("\u00a0")
    while i >= 0:
        j = _WS_RUN.match(text, i).end()  # the white space the no-break space is part of
        w = _WS_WORD.search(text, j)  # the word after it (what no alternative matches, such as "_", is passed)
        if w is not None and w.group(0) in openers:
            return True
        i = text.find("\u00a0", j)
    return False


@check("TX003")
def glued_with_space(article, options):
    """A caption or heading run into the next sentence with only a space between: ``thi đua Tại hội nghị``."""
    lang = article.lang
    pack = _pack(article, "glue")
    openers = _openers(tuple(pack.get("openers", ())))
    heads = set(pack.get("name_heads", ()))
    name_compounds = frozenset(w.lower() for w in pack.get("name_compounds", ()))
    starts = set(pack.get("paragraph_starts", ())) | set(pack.get("starters", ()))
    max_words = int(options.get("max-caption-words", 16))
    function_words = set(_pack(article, "words").get("function", ()))
    open_ends = set(pack.get("open_ends", ()))
    sentence_starts = _sentence_starts(article)
    done = set()
    for blk, le, rs, why in evidence_junctions(article):
        done.add(id(blk))
        if le != rs:
            t = blk.text
            yield Problem(
                f"a caption seems run into the next sentence: {t[max(0, le - 30):le]!r} + {t[rs:rs + 15]!r} with "
                f"no full stop ({why})", _loc(blk, rs, rs + 1),
                anchor=f"{t[max(0, le - 12):le]}|{t[rs:rs + 20]}")
    for blk, at, spaced in _credit_junctions(article):
        if not spaced or id(blk) in done:
            continue
        done.add(id(blk))
        t = blk.text
        w2 = _WORD.match(t, at).group(0)
        if _masked(_masks(article, blk), at, at + len(w2)) or _widget_overlap(article, blk, at, at + len(w2)):
            continue
        yield Problem(
            f"a photo credit seems run into the next sentence: {t[max(0, at - 30):at].rstrip()!r} + {w2!r} with no "
            "full stop", _loc(blk, at, at + len(w2)), anchor=f"{t[max(0, at - 12):at]}|{t[at:at + 20]}")
    gate = _opener_gate(tuple(pack.get("openers", ()))) if lang == "vi" else None
    plain = article.kind == TEXT and lang == "vi"
    for blk in article.blocks:
        if blk.is_caption or id(blk) in done:
            continue
        text = blk.text
        # Only a block with page evidence, a no-break space or (Vietnamese) an opener can have a junction.
        if not (blk.images_before or "\u00a0" in text or (gate is not None and gate.search(text))
                or (plain and _OPENING_JUNCTION.match(text)) or (lang == "vi" and _DATED_GATE.search(text))):
            continue
        if lang != "vi" and not blk.images_before and not _may_join_without_image(article, blk, openers):
            continue
        toks = _ws_words(text)
        masks = None
        n = len(toks)
        seen_caption_junction = False
        for k in range(n - 2):
            w1, s1 = toks[k]
            relaxed = False
            if not _is_lower_word(w1):
                relaxed = True
                # After an image a caption may end in a name ("…sân Lạch Tray"): a word that ends in
                # a lowercase letter will do there. A lone no-break space in Vietnamese text is CMS
                # glue whatever the caption ends with.
                if lang == "vi" and toks[k + 1][0] == "\u00a0" and w1[-1].isalnum():
                    relaxed = "nbsp"
                elif (lang == "vi" and (_is_cap_word(w1) or (w1.isupper() and len(w1) >= 2)) and toks[k + 1][0] == " "
                        and _is_cap_word(toks[k + 2][0])
                        and (_opener_len(openers, toks, k + 2) >= 2 or _DATED_OPENER.match(text, toks[k + 2][1]))):
                    # Vietnamese: a caption ending in a name or an abbreviation, then an opener of two
                    # words or a date ("…tại Hội An Tuy nhiên, …", "…Song Joong Ki Đầu tháng 9, …",
                    # "…báo cáo ĐTM Hơn nữa, …"): a name never goes on with these.
                    relaxed = "name"
                elif blk.images_before and not seen_caption_junction and w1.isalpha() and w1.isupper():
                    relaxed = "heading"  # "NEW BUSINESS The report…": only a heading will do, below
                elif not (blk.images_before and not seen_caption_junction
                        and ((w1.isalpha() and w1[-1].islower()) or w1.isdigit())
                        and _after_image_phrase(blk, s1 + len(w1), loose=True)):
                    continue
            sep, ssep = toks[k + 1]
            if not sep.isspace() or "\n" in sep:
                continue
            w2, s2 = toks[k + 2]
            if not _is_cap_word(w2):
                continue
            # The word before must be a whole word (not the tail of "TP.HCM" or a name "Văn Để"), or a
            # whole number ("ages 8-12", "$17.99") or agency ("Richard Vogel/AP") after an image.
            # (A word that is not lowercase comes this far only as the first junction after an image.)
            if k > 0 and not toks[k - 1][0].isspace() and not (
                    not isinstance(relaxed, str) and blk.images_before and not seen_caption_junction
                    and _rx(_CAPTION_TAIL).fullmatch(text, _token_start(text, s1), s1 + len(w1))):
                continue
            # The opener phrase starting at w2, and the word after it.
            phrase_len = _opener_len(openers, toks, k + 2)
            is_opener = phrase_len > 0
            phrase_len = phrase_len or 1
            if relaxed == "name" and phrase_len < 2 and not _DATED_OPENER.match(text, s2):
                continue
            dated = (_DATED_OPENER.match(text, s2) if lang == "vi" and not is_opener
                     and w1 not in ("niệm", "mừng", "dịp") else None)  # "kỷ niệm Ngày 20/11": a holiday
            if dated:
                is_opener = True  # "Ngày 29/9, …": the comma ends the phrase, as after "Tuy nhiên"
            j = k + 2 + 2 * (phrase_len - 1)
            if (j + 3 < n and toks[j + 1][0] in ("'", "’") and toks[j + 2][0] in _CONTRACTED
                    and (toks[j + 2][0] != "s" or w2 in starts)):
                # "That’s a terrible…", "There’s been…", "Can't get…": the word goes on ("Joseph’s
                # insistence" is a name's possessive: an "s" only after a word that opens sentences).
                j += 2
            nxt = toks[j + 2][0] if j + 2 < n and toks[j + 1][0].isspace() else None
            nxt_ok = bool(dated) or (nxt is not None and (nxt[0].isdigit() or (nxt[0].isalpha() and nxt[0].islower())))
            if not nxt_ok and is_opener and j + 1 < n and toks[j + 1][0] == ",":
                nxt_ok = True  # "Tuy nhiên, …"
            first_after_image = blk.images_before and not seen_caption_junction
            demonstrative_any = lang == "vi" and not relaxed and _demonstrative(text, s2, w2)
            demonstrative = first_after_image and demonstrative_any
            nxt_lower = nxt is not None and nxt.isalpha() and nxt.islower()
            if (not nxt_ok and first_after_image and lang == "vi" and (is_opener or w2 in starts)
                    and w2 not in heads and w1.lower() not in function_words and "," not in text[:s1]
                    and _sentence_follows(text, s2, sentence_starts)):
                # After an image, a Vietnamese opener or title before a name: "…sông Hoài Ông Ca cho
                # biết…", "Theo TS Thái Văn Tài, …" (not in English: "deputies were at The London").
                nxt_ok = True
            if (not nxt_ok and first_after_image and lang != "vi" and (is_opener or w2 in starts)
                    and w1.lower() not in function_words and w1 not in open_ends
                    and _STARTER_PHRASE.match(text, s2 + len(w2)) and _sentence_follows(text, s2, sentence_starts)):
                # English after an image: an opener, a name or date and a comma ("…brown sugar In
                # Washington, the…", "…In September 2014, India’s…"); a name never goes on so.
                nxt_ok = True
            if demonstrative:
                nxt_ok = True  # "Điều này đã…", "Tuyên bố này…": a common noun, not a name
            heading = (blk.images_before and not seen_caption_junction
                       and ((is_opener and (relaxed == "heading" or not nxt_ok or relaxed))
                            or (relaxed == "heading" and nxt_lower and _rx(_CAPS_HEAD).fullmatch(text, 0, s1 + len(w1))))
                       and _heading_then_sentence(blk, s1 + len(w1), s2, max_words))
            if relaxed == "heading" and not heading:
                continue
            if not nxt_ok and not heading:
                continue
            nbsp = "\u00a0" in sep
            why = None
            if heading:
                why = "a heading right after an image"
                seen_caption_junction = True
            elif not seen_caption_junction and w1 not in open_ends and any(
                    len(w) >= 2 for w in _WORD.findall(text, 0, s1 + len(w1))):
                # A phrase ending in "with" or "by" goes on; "^ a b" is a reference mark.
                why = _evidence(article, blk, s2, s1 + len(w1), loose=True)
                if why and "after an image" in why and not is_opener and not demonstrative and (
                        w2 in heads or (relaxed and w2 not in starts)
                        or (lang == "vi" and relaxed is True and nxt_lower and _name_run(toks, k) >= 2)
                        or (lang == "vi" and w1 in function_words)
                        or not (w2 in starts or (lang != "vi" and _common_word(article, w2)))):
                    # Where the caption ends is not marked: prose after an inline image has names
                    # after lowercase words ("thủ đô Mỹ", "said Wednesday"). Only an opener, or a word
                    # this document writes in lowercase and never capitalises mid-sentence, counts;
                    # or the image's own alt, title or file name describes the phrase up to here.
                    why = None
                    if (nxt_lower and len(w2) > 1 and w1.lower() not in function_words and w1 not in heads
                            and not re.search(r"[,:;()]", text[:s1]) and _name_run(toks, k) <= 1
                            and _described_by_image(blk, s1 + len(w1), w2)
                            and _sentence_follows(text, s2, sentence_starts, loose=True)):
                        # Not after a function word ("in a Jeep"), a comma ("Theo kế hoạch, …") or
                        # inside a name ("Song Hye Kyo đã", "hãng xe Trung Quốc"); a one-letter "I"
                        # is no sentence start.
                        why = "a short phrase right after an image that its alt, title or file name describes"
                    elif (lang == "vi" and not relaxed and nxt_lower and w1.lower() not in function_words
                            and not re.search(r"[,:;()]", text[:s1])
                            and not (k >= 4 and toks[k - 2][0][:1].isupper())  # a name (not the block's first word)
                            and _compound_opens(text, toks, k + 2, name_compounds, heads)
                            and _sentence_follows(text, s2, sentence_starts)):
                        why = "a common word opens a sentence right after an image"
                if why and "after an image" in why:
                    seen_caption_junction = True  # only the first junction of a caption line
            if (why is None and (plain or (lang == "vi" and blk.images_before)) and not relaxed
                    and not seen_caption_junction and w2 not in heads
                    and "\u00a0" not in sep and _OPENING_PHRASE.fullmatch(text, 0, s1 + len(w1))
                    and w1 not in function_words and not (k >= 4 and toks[k - 2][0][:1].isupper())
                    and (demonstrative_any or ((w2.lower() in function_words or (w2 in starts and k >= 4))
                                               and nxt_lower and _sentence_follows(text, s2, sentence_starts)))):
                # Plain text: a paragraph opens with a short phrase and no mark, then a capitalised
                # function word or a noun with a demonstrative: "Lo nhất là mặt bằng Một điểm đáng chú
                # ý…", "…phỏng vấn Điều này…", or after three words a paragraph opener ("…đánh nhau
                # Nhiều người…"; two words and a capital may be a name: "Tinh vân Đầu lâu"); not after
                # a function word, nor inside a name.
                why = "a short phrase opens the paragraph"
                seen_caption_junction = True
            if why is None and relaxed and relaxed not in ("nbsp", "name"):
                continue
            if why is None and nbsp and text.count("\u00a0") <= 2 and (
                    is_opener or (lang == "vi" and w2 not in heads)
                    or (blk.images_before and not seen_caption_junction and not relaxed
                        and w1 not in function_words and _after_image_phrase(blk, s1 + len(w1))
                        and _sentence_follows(text, s2, sentence_starts))):
                # English: only in the short phrase right after an image, after a word that is not a
                # function word, and before an ordinary sentence. Prose has no-break spaces too
                # ("federal court\u00a0Tuesday", "told\u00a0<em>Billboard</em>").
                why = "a no-break space joins them"
            if why is None and is_opener and lang == "vi":
                why = f"{dated.group(0) if dated else w2!r} opens a sentence"
            if why is None:
                continue
            if masks is None:
                masks = _masks(article, blk)
            if _masked(masks, s1, s2 + len(w2)) or _widget_overlap(article, blk, s1, s2 + len(w2)):
                continue
            if "after an image" in why and len(text[:s1].split()) + 1 > max_words:
                continue
            yield Problem(
                f"a caption or heading seems run into the next sentence: {text[max(0, s1 - 30):s1 + len(w1)]!r} "
                f"+ {w2!r} with no full stop ({why})",
                _loc(blk, s2, s2 + len(w2)),
                anchor=f"{w1}|{w2}|{text[s2:s2 + 20]}",
            )


# ---------------------------------------------------------------------------- punctuation
# The two lower-case letters before the mark are checked in Python: a pattern that opens with a
# look-behind is tried at every position, one that opens with the mark is found by a fast scan.
_TWO_LETTERS = r"(?=[^\W\d_]{2})"
_MISSING_SPACE = re.compile(r"([.!?;,])" + _TWO_LETTERS)


@check("TX004")
def missing_space_after_punct(article, options):
    """``tội phạm.Ủy ban``: a sentence mark with no space before the next capitalised word."""
    # A match needs two letters after the mark: never across a line feed.
    for blk in _blocks_matching(article, _each_of(".!?;,", _TWO_LETTERS)):
        text = blk.text
        for m in _MISSING_SPACE.finditer(text):
            i = m.start()
            if i < 2 or not (text[i - 1].islower() and text[i - 2].islower() and text[i + 1].isupper()
                    and text[i + 2].islower()):
                continue
            if _masked(_masks(article, blk), i, i + 1):
                continue
            # A whole token such as "Node.Js" or a file name "report.Docx" is not prose.
            ts = text.rfind(" ", 0, i) + 1
            te = text.find(" ", i)
            tok = text[ts:te if te >= 0 else len(text)]
            if tok.count(".") + tok.count(",") > 1 or "/" in tok or "\\" in tok:
                continue
            yield Problem(f"no space after {m.group(1)!r} before {text[i + 1:i + 12].split()[0]!r}",
                          _loc(blk, i, i + 1), anchor=text[max(0, i - 8):i + 8],
                          fix=Fix(replacement=m.group(1) + " ", description="insert a space"))


# The letter or digit before the spaces is checked in Python (see _MISSING_SPACE).
_WORD_CHAR = re.compile(r"[^\W_]")
_SPACE_BEFORE = re.compile(r"([ \u00a0]+)([,.;:!?])(?=\s|$)")
# The same test led by each mark, found by a fast scan (a pattern led by a space is tried at every
# space, a class of marks is tested at every character): this follows the mark.
_SPACE_BEFORE_ANY = r"(?<=[ \u00a0].)(?=\s|$)"


@check("TX005")
def space_before_punct(article, options):
    """``với cách thức này ,``: white space before a comma or full stop."""
    # Found at the mark, which stands in the block of the spaces before it; a block's end is a line
    # feed in the join: white space, as its end is to ``(?=\s|$)``.
    for blk in _blocks_matching(article, _each_of(",.;:!?", _SPACE_BEFORE_ANY)):
        text = blk.text
        for m in _SPACE_BEFORE.finditer(text):
            s = m.start(1)
            if not s or not _WORD_CHAR.match(text, s - 1):
                continue
            # Spaced ellipses ". . ." and units "36 m 2 ," are written this way on purpose.
            if text[m.start(2):m.start(2) + 3] in (". .",) or text[max(0, s - 2):s + 4].count(".") > 1:
                continue
            if s >= 2 and text[s - 1].isdigit() and text[s - 2] == " ":
                continue
            if _widget_overlap(article, blk, s, m.end()):
                continue
            yield Problem(f"white space before {m.group(2)!r}", _loc(blk, s, m.end(1)),
                          anchor=text[max(0, s - 12):m.end()],
                          fix=Fix(replacement="", description="remove the space"))


_EMPTY = re.compile(r"\(\s*\)|\[\s*\]")
_WORD_OR_CLOSE = re.compile(r"[\w)\]]")


@check("TX006")
def empty_brackets(article, options):
    """``()`` or ``[]`` with nothing inside: a count or link the template did not fill."""
    for blk in _blocks_matching(article, _earliest(r"\(\s*\)", r"\[\s*\]")):
        for m in _EMPTY.finditer(blk.text):
            if m.start() and _WORD_OR_CLOSE.match(blk.text, m.start() - 1):
                continue  # "f()", "a[]", "(x)()": code or a call, not an empty slot
            if _widget_overlap(article, blk, m.start(), m.end()):
                continue
            if blk.pieces and blk.piece_at(m.start()) is not blk.piece_at(m.end() - 1):
                continue  # the brackets held an element not rendered as text ("(<code>~/src</code>)")
            yield Problem(f"empty brackets {m.group(0)!r}: a value the template did not fill?",
                          _loc(blk, m.start(), m.end()), anchor=blk.text[max(0, m.start() - 20):m.end()])


# ---------------------------------------------------------------------------- Unicode
_COMBINING = re.compile(r"(.?)([\u0300-\u036f]+)", re.DOTALL)
_COMBINING_ANY = re.compile("[\u0300-\u036f]")  # the same test, found by a fast scan
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@check("TX008")
def not_nfc(article, options):
    """Decomposed letters (NFD) or a combining mark standing where no letter takes it."""
    whole = _joined(article)
    if whole.isascii() or (unicodedata.is_normalized("NFC", whole)
                           and not (_unusual(article) and _COMBINING_ANY.search(whole))):
        return  # a line feed composes with nothing: the blocks are NFC when their join is
    vi = article.lang == "vi"
    for blk in article.blocks:
        text = blk.text
        if text.isascii() or (unicodedata.is_normalized("NFC", text) and not _COMBINING_ANY.search(text)):
            continue
        done_words = set()
        for m in _COMBINING.finditer(text):
            base, marks = m.group(1), m.group(2)
            comp = unicodedata.normalize("NFC", base + marks)
            if base and base.isalpha() and len(comp) == 1:
                # One report per word, with the whole word in NFC as the fix.
                ws, we = m.start(), m.end()
                while ws > 0 and (text[ws - 1].isalpha() or unicodedata.combining(text[ws - 1])):
                    ws -= 1
                while we < len(text) and (text[we].isalpha() or unicodedata.combining(text[we])):
                    we += 1
                if ws in done_words:
                    continue
                done_words.add(ws)
                word = text[ws:we]
                fixed = unicodedata.normalize("NFC", word)
                yield Problem(f"decomposed letters (not NFC) in {fixed!r}", _loc(blk, ws, we),
                              anchor=f"nfd|{text[max(0, ws - 10):we + 10]}",
                              fix=Fix(replacement=fixed, description="normalise to NFC"))
                continue
            stray = not base or not base.isalpha()
            if not stray and vi:
                base_marks = set(unicodedata.normalize("NFD", base)[1:])
                stray = bool(base_marks & _TONES) and bool(set(marks) & _TONES)
            if stray:
                yield Problem(f"stray combining mark U+{ord(marks[0]):04X} after {base!r}",
                              _loc(blk, m.start(2), m.end(2)), anchor=f"stray|{text[max(0, m.start() - 10):m.end() + 10]}")


_OLD_TONE = re.compile(r"(?i)(?<!q)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![^\W\d_])")
_NEW_TONE = re.compile(r"(?i)(?<!q)([òóỏõọ]a|[òóỏõọ]e|[ùúủũụ]y)(?![^\W\d_])")
# Each looked for first by a pattern led by a class of its first letters in both cases (a pattern
# led by a look-behind is tried at every position: 30 ns a character of Vietnamese text, 4 times
# the cost), that matches wherever it does (a non-letter is none of _LATIN_LETTERS).
_OLD_TONE_ANY = rf"[oOuU](?i:[àáảãạèéẻẽẹỳýỷỹỵ])(?![{_LATIN_LETTERS}])"
_NEW_TONE_FIRST = "òóỏõọùúủũụ"
_NEW_TONE_ANY = rf"[{_NEW_TONE_FIRST}{_NEW_TONE_FIRST.upper()}](?i:[aey])(?![{_LATIN_LETTERS}])"


def _found_via(quick: str, exact: re.Pattern, text: str) -> bool:
    """Whether ``exact`` matches in ``text``, tried only where ``quick`` (a pattern that matches
    wherever it does, found by a faster scan) matches; no match of ``quick`` hides the start of
    another, for neither tone pattern starts on the letter its pair ends with."""
    match = exact.match
    return any(match(text, m.start()) for m in _rx(quick).finditer(text))


def _move_tone(pair: str, to_first: bool) -> str:
    a, b = pair[0], pair[1]
    da, db = unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b)
    if to_first:  # "oà" -> "òa"
        tone = db[1:]
        return unicodedata.normalize("NFC", da + tone) + db[0]
    tone = da[1:]
    return da[0] + unicodedata.normalize("NFC", db + tone)


@check("TX009")
def tone_style_mixed(article, options):
    """Old (``hoà``, ``thuỷ``) and new (``hòa``, ``thủy``) tone placement mixed in one document."""
    whole = _joined(article)
    if whole.isascii() or not _found_via(_OLD_TONE_ANY, _OLD_TONE, whole) or not _found_via(
            _NEW_TONE_ANY, _NEW_TONE, whole):
        return
    old, new = [], []
    for blk in article.blocks:
        for m in _OLD_TONE.finditer(blk.text):
            old.append((blk, m))
        for m in _NEW_TONE.finditer(blk.text):
            new.append((blk, m))
    if not old or not new:
        return
    minority, to_first = (old, True) if len(old) <= len(new) else (new, False)
    style = "new (hòa, thủy)" if to_first else "old (hoà, thuỷ)"
    for blk, m in minority:
        pair = m.group(1)
        fixed = _move_tone(pair, to_first)
        yield Problem(f"tone mark placed in the other style from the rest of the document: "
                      f"{_word_at(blk.text, m.start(1))!r}; "
                      f"the document mostly uses the {style} style", _loc(blk, m.start(1), m.end(1)),
                      anchor=_word_at(blk.text, m.start(1)), fix=Fix(replacement=fixed, description=f"use the {style} style"))


_CYR_TO_LAT = dict(zip("аеорсухіјѕԁӏАВЕКМНОРСТХУІЈЅ", "aeopcyxijsdlABEKMHOPCTXYIJS"))
_GRK_TO_LAT = dict(zip("ονρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ovpABEZHIKMNOPTYX"))
_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items() if k not in "ԁӏ"}
_MIXED = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff][\u0370-\u03ff\u0400-\u04ff]|[\u0370-\u03ff\u0400-\u04ff][A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CYR_GRK = re.compile("[\u0370-\u03ff\u0400-\u04ff]")  # needed by _MIXED, found by a fast scan
_ETH = re.compile("[Ðð]")
_LOOKALIKE_PREFILTER = _ETH  # mixed alphabets are looked for in the body only: cheap on Cyrillic pages


def _script(c: str) -> str:
    o = ord(c)
    if 0x0400 <= o <= 0x04FF:
        return "cyr"
    if 0x0370 <= o <= 0x03FF:
        return "grk"
    return "lat"


@check("TX010")
def lookalike_letters(article, options):
    """Letters from another alphabet that look the same: ``Ðảng`` (Icelandic eth), Latin mixed with Cyrillic.

    The whole page is read when the source holds such a letter: a menu's ``Ðặt làm trang chủ`` reaches
    readers as surely as the article's text."""
    vi = article.lang == "vi"
    # The body's blocks are read for an eth or for a Cyrillic or Greek letter (mixed alphabets):
    # tested once on the joined text, the blocks of a body holding neither are not looped over.
    whole = _joined(article)
    mixed = _unusual(article) and _CYR_GRK.search(whole) is not None
    body = {id(b) for b in article.blocks} if mixed else ()  # mixed alphabets: in the body only
    in_body = mixed or _body_has(article, "Ð", "ð")
    for text, mk, owner in shown_texts(article, _LOOKALIKE_PREFILTER, in_body, needles=True):
        if text.isascii():
            continue
        if "Ð" in text or "ð" in text:  # what _ETH finds (two substring tests, not a regex scan)
            for m in _ETH.finditer(text):
                w = _word_at(text, m.start())
                if not vi and not _VI_ONLY.search(w):
                    continue
                rep = "Đ" if m.group(0) == "Ð" else "đ"
                yield Problem(f"Icelandic {m.group(0)!r} (U+{ord(m.group(0)):04X}) where Vietnamese {rep!r} is meant, "
                              f"in {w!r}", mk(m.start(), m.end()), anchor=f"eth|{w}",
                              fix=Fix(replacement=rep, description=f"use {rep!r} (U+{ord(rep):04X})"))
        if not mixed or id(owner) not in body or not _CYR_GRK.search(text) or not _MIXED.search(text):
            continue
        for m in _WORD.finditer(text):
            w = m.group(0)
            if not _MIXED.search(w):
                continue
            scripts = Counter(_script(c) for c in w)
            major = scripts.most_common(1)[0][0]
            if major == "lat":
                table = {**_CYR_TO_LAT, **_GRK_TO_LAT}
            elif major == "cyr":
                table = _LAT_TO_CYR
            else:
                continue
            odd = [c for c in w if _script(c) != major]
            if not odd or any(c not in table for c in odd):
                continue
            fixed = "".join(table.get(c, c) if _script(c) != major else c for c in w)
            names = {"lat": "Latin", "cyr": "Cyrillic", "grk": "Greek"}
            others = sorted({names[_script(c)] for c in odd})
            yield Problem(f"{'/'.join(others)} lookalike letter in the {names[major]} word {w!r} "
                          f"(should be {fixed!r})", mk(m.start(), m.end()), anchor=f"mixed|{w}",
                          fix=Fix(replacement=fixed, description="use the letters of one alphabet"))


def _word_at(text: str, i: int) -> str:
    s = i
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    e = i
    while e < len(text) and text[e].isalpha():
        e += 1
    return text[s:e]


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e]")
_NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
          "\u2060": "word joiner", "\ufeff": "byte-order mark", "\u00ad": "soft hyphen",
          "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u180e": "Mongolian vowel separator"}
_LATINISH = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff0-9 ,.;:!?'\"()\-]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@check("TX011")
def invisible_characters(article, options):
    """Zero-width, soft-hyphen and bidi control characters inside Latin-script words."""
    if not _unusual(article):
        return
    lang = article.lang
    for blk in _blocks_matching(article, _INVISIBLE):
        text = blk.text
        rtl = bool(_RTL.search(text))
        for m in _INVISIBLE.finditer(text):
            c, i = m.group(0), m.start()
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if c in "\u00ad\u2060\u200e\u200f" and lang != "vi":
                continue  # hyphenation hints, word joiners and direction marks are used on purpose elsewhere
            if c == "\ufeff" and not (prev.isalpha() and nxt.isalpha()):
                continue  # a separator some sites put between numbers (coordinates)
            if not text.replace(c, "").strip():
                continue  # a paragraph holding only the character: an editor's spacer
            if c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" and rtl:
                continue  # bidi controls belong to right-to-left text
            if c in "\u200c\u200d\u200b" and not (_LATINISH.match(prev) and _LATINISH.match(nxt)):
                continue  # joiners and word separators of Indic, Persian, Thai, Khmer text or emoji
            name = _NAMES.get(c, f"bidi control U+{ord(c):04X}")
            certain = c in "\u200b\ufeff\u2060\u00ad"
            yield Problem(f"invisible character in the text: {name} (U+{ord(c):04X}) in "
                          f"{text[max(0, i - 15):i + 15].replace(c, '')!r}", _loc(blk, i, i + 1),
                          anchor=f"inv|{text[max(0, i - 12):i + 12]}",
                          fix=Fix(replacement="", description=f"remove the {name}") if certain else None)


# Mojibake: UTF-8 bytes read as Windows-1252 (or Latin-1): a lead byte's character followed by the
# right number of continuation-byte characters. Precise: "está»." or "NÃO" do not match.
_CP1252_CONT = "".join(bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0xC0)).replace("\ufffd", "") + \
    "".join(chr(b) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
_C = "[" + re.escape(_CP1252_CONT) + "]"
_MOJI = re.compile(rf"(?:[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}})+")
_C1 = re.compile("[\u0080-\u009f]")
# A fast superset: a lead character followed by a possible continuation character, or a C1 control.
_MOJI_LEAD = "[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]"


def _moji_any(text: str) -> bool:
    """The superset's two forms searched apart: each is led by a character class the engine scans
    for, their alternation is tried at every position (0.034 -> 0.022 ms a page)."""
    return _C1.search(text) is not None or _rx(_MOJI_LEAD).search(text) is not None


def _unmojibake(s: str) -> str | None:
    for enc in ("cp1252", "latin-1"):
        try:
            return s.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    b = bytearray()
    for ch in s:  # cp1252 with the five undefined bytes passed through
        try:
            b += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                b.append(ord(ch))
            else:
                return None
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return None


@check("TX012")
def mojibake(article, options):
    """UTF-8 text decoded with the wrong charset: ``Quang cáº£nh há»™i nghá»‹``."""
    whole = _joined(article)
    # _moji_any, its C1 control characters looked for only where _UNUSUAL found something.
    if whole.isascii() or not ((_unusual(article) and _C1.search(whole)) or _rx(_MOJI_LEAD).search(whole)):
        return
    wide = article.lang in ("zh", "ja", "ko")
    for text, mk, _ in shown_texts(article, None):  # the body's text: mojibake there is what readers see
        if text.isascii() or not _moji_any(text):
            continue
        hits = []
        for m in _MOJI.finditer(text):
            seq = m.group(0)
            if len(seq) == 2 and seq[1] in "\u00a0 ":
                continue
            fixed = _unmojibake(seq)
            if fixed is None or fixed == seq or not all(_plausible(c, wide) for c in fixed):
                continue
            hits.append((m.start(), m.end(), seq, fixed))
        for m in _C1.finditer(text):
            if not any(a <= m.start() < b for a, b, _, _ in hits):
                hits.append((m.start(), m.end(), m.group(0), None))
        if not hits:
            continue
        hits.sort()
        # One report per word, with the repaired word.
        done = set()
        for s, e, seq, fixed in hits:
            ws, we = s, e
            while ws > 0 and not text[ws - 1].isspace():
                ws -= 1
            while we < len(text) and not text[we].isspace():
                we += 1
            if ws in done:
                continue
            done.add(ws)
            word = text[ws:we]
            repaired = _repair(word)
            msg = (f"mojibake (UTF-8 read as Windows-1252): {word!r}" + (f", meant {repaired!r}" if repaired else "")
                   if fixed is not None else f"control character U+{ord(seq[0]):04X} in {word!r} (text decoded as Latin-1?)")
            yield Problem(msg, mk(ws, we), anchor=f"moji|{word}",
                          fix=Fix(replacement=repaired, description="re-decode as UTF-8") if repaired else None)


def _plausible(c: str, wide: bool) -> bool:
    """Is ``c`` a character that mojibake plausibly stood for? (Not "é" + NBSP + "»" read as 頻.)"""
    o = ord(c)
    if o < 0x80:
        return False
    if o < 0x0590:
        return True
    return (0x1E00 <= o <= 0x1EFF or 0x2000 <= o <= 0x22FF or 0x20A0 <= o <= 0x20CF or o == 0xFEFF
            or (wide and 0x2E80 <= o <= 0xFFEF))


def _repair(word: str) -> str | None:
    try:
        import ftfy

        out = ftfy.fix_text(word, normalization="NFC")
    except Exception:  # ftfy missing or failing: the direct re-decoding
        out = None
    if not out or out == word:
        out = _unmojibake(word)
    return out if out and out != word else None


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENTITY_SRC = re.compile(r"&amp;(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@check("TX013")
def entity_shown(article, options):
    """An HTML entity shown as text (``&amp;nbsp;`` in the source, ``&nbsp;`` on screen)."""
    from html.entities import html5

    for text, mk, blk in shown_texts(article, _ENTITY_SRC, _body_has(article, "&"), needles=True):
        if "&" not in text:
            continue
        masks = _masks(article, blk) if blk is not None else ()
        for m in _ENTITY.finditer(text):
            ent = m.group(0)
            if not (ent[1] == "#" or ent[1:] in html5):
                continue
            if _masked(masks, m.start(), m.end()):
                continue
            shown = html.unescape(ent)
            fix = None
            if article.kind == TEXT:
                fix = Fix(replacement=shown, description="write the character itself")
            yield Problem(f"HTML entity shown as text: {ent!r} (escaped twice? meant {shown!r})",
                          _escaped_loc(article, blk, m.start(), m.end()) if blk is not None else mk(m.start(), m.end()), anchor=f"ent|{ent}|{text[max(0, m.start() - 10):m.start()]}",
                          fix=fix)


_TAGS = ("p|div|span|br|img|a|strong|em|b|i|u|h[1-6]|ul|ol|li|table|tbody|thead|tr|td|th|iframe|script|style|"
         "figure|figcaption|font|section|article|header|footer|blockquote|center|input|meta|link|source|video|"
         "audio|picture|noscript|label|button|form|sup|sub|small|hr|col|caption")
_MARKUP = re.compile(
    rf"</?(?:{_TAGS})(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*\s*/?>"
    r"|\b(?:style|class|href|src|width|height|alt|title|align|border|target|rel|data-[\w-]+)=\"[^\"]{0,200}\"\s*/?>"
    r"|\b(?:margin|padding|font-size|font-family|font-weight|text-align|line-height|border|width|height|color|"
    r"background|display|float)(?:-[a-z]+)?\s*:\s*[^;\"<>]{1,40};\s*\"\s*/?>",
    re.IGNORECASE)
_MENTION = re.compile(r"\s*(?:tags?|elements?|thẻ|markup)\b", re.IGNORECASE)
_BARE = re.compile(r"</?[a-z0-9]+\s*/?>", re.IGNORECASE)
_MARKUP_SRC = re.compile(rf"&lt;/?(?:{_TAGS})\b", re.IGNORECASE)
# The entity and markup traces both open with "&amp;" or "&lt;" (in any case): one scan finds where.
_AMP_LEAD = re.compile(r"&(?:amp;|(?i:lt;))")
_LEADS = {_ENTITY_SRC.pattern: _AMP_LEAD, _MARKUP_SRC.pattern: _AMP_LEAD}


_CODE_LIKE = re.compile(r"\{[^{}\n]{0,200};[^{}\n]{0,200}\}|</?(?:html|head|body)\b[^<>]*>|<\?php|\bfunction\s*\(|=>",
                        re.IGNORECASE)


def _technical(article) -> bool:
    """A plain-text source that lists code (CSS rules, whole HTML documents): a programming article
    whose code lost its markup. Its tags and placeholders are examples, not leftovers."""
    st = _state(article)
    if "technical" not in st:
        st["technical"] = article.kind == TEXT and any(_CODE_LIKE.search(b.text) for b in article.blocks)
    return st["technical"]


@check("TX014")
def markup_shown(article, options):
    """Tags, attributes or CSS shown as text: ``<p>``, ``margin: 15px auto;" />``."""
    if _technical(article):
        return
    for text, mk, blk in shown_texts(article, _MARKUP_SRC, _body_has(article, "<", ">"), needles=True):
        if ("<" not in text and ">" not in text) or _CODE_LIKE.search(text):
            continue
        ms = list(_MARKUP.finditer(text))
        for k, m in enumerate(ms):
            if _MENTION.match(text, m.end()):
                continue  # "an <img> tag": a tag named in prose
            bare = _BARE.fullmatch(m.group(0))
            if bare and any(0 <= j < len(ms) and _BARE.fullmatch(ms[j].group(0)) and not text[
                    min(m.end(), ms[j].end()):max(m.start(), ms[j].start())].strip(" ,;/|")
                    for j in (k - 1, k + 1)):
                continue  # a list of tag names: "Allowed HTML tags: <em> <strong> <p>"
            yield Problem(f"markup shown as text: {m.group(0)[:60]!r}",
                          _escaped_loc(article, blk, m.start(), m.end()) if blk is not None else mk(m.start(), m.end()),
                          anchor=f"tag|{m.group(0)[:40]}")


_FFFD = re.compile("\ufffd")


@check("TX015")
def replacement_character(article, options):
    """U+FFFD: bytes lost in a bad decoding."""
    for text, mk, _ in shown_texts(article, _FFFD, _body_has(article, "\ufffd"), needles=True):
        i = text.find("\ufffd")
        while i >= 0:
            j = i
            while j < len(text) and text[j] == "\ufffd":
                j += 1
            w = text[max(0, i - 15):j + 15]
            yield Problem(f"replacement character U+FFFD (lost bytes) in {w!r}", mk(i, j),
                          anchor=f"fffd|{w}")
            i = text.find("\ufffd", j)


_TEMPLATE = re.compile(
    r"\{\{[^{}\n]{0,80}\}\}|\{%[^\n]{0,80}?%\}|\$\{[^{}\n]{1,80}\}|\[object Object\]|\bLorem ipsum\b"
    r"|\b(?:Warning|Notice|Fatal error|Deprecated|Parse error)\s*:\s+[^\n]{1,300}?\bin\s+\S+\.php\s+on\s+line\s+\d+"
    r"|(?:(?<=^)|(?<=[:=(\[]\s)|(?<=[:=(\[]))(?:undefined|NaN|null)(?=\s*$|\s*[)\],;]|\s*$)", re.IGNORECASE | re.MULTILINE)
# "{", "$" and "[" are rare outside scripts and styles, "." is not (about 1,700 a page).
_TEMPLATE_SRC = _Earliest(("{", r"\{[{%]"), ("$", r"\$\{"), ("[", r"\[(?i:object object)\]"),
                          r"\.(?i:php(?:</b>)? on line)")
_NULLISH = re.compile(r"^(?:undefined|NaN|null)$", re.IGNORECASE)
# A text is searched for placeholders only when it holds one of these.
_TEMPLATE_NEEDLES = ("{", "[object", "orem ipsum", ".php", "undefined", "NaN", "null")


@check("TX016")
def template_leftover(article, options):
    """``{{ title }}``, ``${name}``, ``[object Object]``, ``Lorem ipsum``, a bare ``undefined`` value."""
    if _technical(article):
        return
    for text, mk, _ in shown_texts(article, _TEMPLATE_SRC, _body_has(article, *_TEMPLATE_NEEDLES)):
        if not any(n in text for n in _TEMPLATE_NEEDLES) or _CODE_LIKE.search(text):
            continue
        for m in _TEMPLATE.finditer(text):
            t = m.group(0)
            if t.lower() in ("undefined", "nan", "null") and t not in ("undefined", "NaN", "null"):
                continue
            yield Problem(f"template placeholder left in the text: {t[:80]!r}", mk(m.start(), m.end()),
                          anchor=f"tpl|{t}|{text[max(0, m.start() - 10):m.start()]}")


# ---------------------------------------------------------------------------- repeated words
# Possessive runs: a word is only ever doubled whole, so giving back letters or spaces never
# leads to a match (and the engine no longer tries it at every word: 0.16 -> 0.12 ms a page).
_REPEAT = re.compile(r"(?<![^\W\d_])([^\W\d_]++)([ \u00a0]++)(\1)(?![^\W\d_])")


# Quick scans for _REPEAT. For a text of ASCII characters only a letter is one of [A-Za-z]: a range
# is tested in half the time of the Unicode categories "[^\W\d_]" asks for. For other text, a
# pattern that matches wherever _REPEAT does and tests cheaper classes: a word character (one
# category) for a letter, and _LATIN_LETTERS for what may not stand next to the word. _REPEAT's
# word is the run of word characters there (a space follows it), and a character that is not a
# letter is in none of the ranges. It also matches a few doubled numbers, or a word after a letter
# outside the ranges: the blocks it finds are read with _REPEAT itself.
# Each is led by the character before the word, not by a look-behind: a pattern that opens with a
# class is scanned for (the engine passes over the letters of a word in C), one that opens with a
# look-behind is tried at every position (0.078 -> 0.060 ms a page for the wide scan). The word is
# group 1; a word with nothing before it is found by scanning the text after a line feed.
_REPEAT_ASCII_AFTER = r"[^A-Za-z]([A-Za-z]++)[ \u00a0]++\1(?![A-Za-z])"
_REPEAT_WIDE_AFTER = rf"[^{_LATIN_LETTERS}](\w++)[ \u00a0]++\1(?![{_LATIN_LETTERS}])"


def _matches_after(quick: re.Pattern, exact: re.Pattern, text: str) -> list:
    """What ``exact.finditer(text)`` gives, ``exact`` tried only where group 1 of ``quick`` starts
    in ``"\n" + text`` (``quick``: a character, then a group that starts wherever ``exact`` matches
    after that character). Each such place is tried in turn, from the end of the last match, as the
    engine would try every place: a match of ``exact`` never starts where the last one ends (it
    needs a non-letter before it), so the next starts at the earliest one character further on."""
    out = []
    padded = "\n" + text  # index i of text is index i + 1 of padded
    search, match = quick.search, exact.match
    q = search(padded)
    while q is not None:
        m = match(text, q.start(1) - 1)
        if m is not None:
            out.append(m)
            q = search(padded, m.end() + 1)
        else:
            q = search(padded, q.start() + 1)
    return out


def _repeats(article) -> list:
    """(block, its matches of ``_REPEAT``) for the body's blocks that have a word typed twice (TX017
    and TX018 both ask). ``_REPEAT`` reads neither a line feed nor past one (a block's edge is a
    non-letter as the line feed is). The joined body is scanned once with the quick pattern, after
    a line feed put before it as between its blocks; the block a match is in is where its word
    (group 1) starts."""
    st = _state(article)
    found = st.get("repeat")
    if found is None:
        joined = _joined(article)
        quick = _rx(_REPEAT_ASCII_AFTER if joined.isascii() else _REPEAT_WIDE_AFTER)
        starts, blocks = st["starts"], article.blocks
        found = st["repeat"] = []
        padded = "\n" + joined  # index i of the joined body is index i + 1 here
        q = quick.search(padded)
        while q is not None:
            k = bisect_right(starts, q.start(1) - 1) - 1
            found.append((blocks[k], _matches_after(quick, _REPEAT, blocks[k].text)))
            if k + 1 >= len(blocks):
                break
            q = quick.search(padded, starts[k + 1])  # from the line feed before the next block
    return found


@check("TX017")
def repeated_function_word(article, options):
    """``các các``, ``the the``: a function word typed twice."""
    repeats = _repeats(article)
    if not repeats:
        return
    pack = _pack(article, "words")
    words = set(pack.get("function", ()))
    allowed = set(pack.get("allowed_repeats", ()))
    for blk, matches in repeats:
        for m in matches:
            w = m.group(1)
            if w in words and f"{w} {w}" not in allowed:
                yield Problem(f"word repeated: {m.group(0)!r}", _loc(blk, m.start(), m.end()),
                              anchor=f"rep|{blk.text[max(0, m.start() - 15):m.end() + 15]}",
                              fix=Fix(replacement=w, description=f"remove the second {w!r}"))


@lru_cache(maxsize=1)
def vietnamese_dictionary() -> WordSet | None:
    """The Viet74K word list shipped by the ``underthesea`` package (optional), or None. Held as a
    :class:`~lint.wordset.WordSet` (0.6 MB instead of 8.6 MB as a set of strings, in every worker)."""
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("underthesea")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "corpus" / "data" / "Viet74K.txt"
        if p.is_file():
            # Read once (0.2 s), then from newslint's compiled cache (under 1 ms).
            return load_cached(str(p), _read_word_list, "wordset")
    return None


def _read_word_list(path: str) -> WordSet:
    with open(path, encoding="utf-8") as fh:
        return WordSet(unicodedata.normalize("NFC", ln.strip()).lower() for ln in fh if ln.strip())


def _strip_tones(s: str) -> str:
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))


def _retoned(word: str) -> set[str]:
    """Every spelling of ``word`` (one syllable, tone marks removed) with at most one tone mark,
    placed on any of its vowels: the letters stay, only the tone changes."""
    d = unicodedata.normalize("NFD", word)
    out = {word}
    for i, c in enumerate(d):
        if c.lower() in "aeiouy":  # a vowel (its shape marks, as in ê or ơ, follow it in NFD)
            j = i + 1
            while j < len(d) and unicodedata.combining(d[j]) and d[j] not in _TONES:
                j += 1
            for t in _TONES:
                out.add(unicodedata.normalize("NFC", d[:j] + t + d[j:]))
    return out


def _tone_variants(pair: str, dic) -> list[str]:
    """The dictionary's two-word entries spelt like ``pair`` but for their tone marks
    (``tiến tiến`` -> ``tiên tiến``): each syllable's tones tried in turn, about 250 lookups, instead
    of an index of the whole dictionary built once (0.2 s, 9 MB)."""
    a, b = _strip_tones(pair).split(" ", 1)
    return [f"{x} {y}" for x in _retoned(a) for y in _retoned(b) if f"{x} {y}" in dic]


@check("TX018")
def repeated_word(article, options):
    """``tiến tiến`` (for ``tiên tiến``): a doubled word the dictionary does not know."""
    if article.lang != "vi":
        return
    repeats = _repeats(article)
    if not repeats:
        return
    pack = _pack(article, "words")
    words = set(pack.get("function", ())) | set(pack.get("reduplicated", ()))
    dic = vietnamese_dictionary()
    if dic is None:
        return
    for blk, matches in repeats:
        text = blk.text
        for m in matches:
            w = m.group(1)
            if w in words or not w.islower():
                continue
            pair = f"{w} {w}".lower()
            if pair in dic:
                continue
            # Compound overlap: "học sinh sinh viên" = "học sinh" + "sinh viên".
            before = re.search(r"([^\W\d_]+)[ \u00a0]+$", text[:m.start()])
            after = re.match(r"[ \u00a0]+([^\W\d_]+)", text[m.end():])
            if before and f"{before.group(1)} {w}".lower() in dic:
                continue
            if after and f"{w} {after.group(1)}".lower() in dic:
                continue
            sugg = sorted((c for c in _tone_variants(pair, dic) if c != pair),
                          key=lambda c: (sum(a != b for a, b in zip(c, pair)),
                                         sum(ch in _TONES for ch in unicodedata.normalize("NFD", c))))
            hint = f" (did you mean {sugg[0]!r}?)" if sugg else ""
            yield Problem(f"doubled word {m.group(0)!r} is not in the dictionary{hint}",
                          _loc(blk, m.start(), m.end()), anchor=f"rep2|{text[max(0, m.start() - 15):m.end() + 15]}",
                          data={"suggestions": sugg[:3]} if sugg else None)


# ---------------------------------------------------------------------------- source lines
_FENCE = re.compile(r"^\s*(```|~~~)")


@check("TX019")
def trailing_whitespace(article, options):
    """Spaces or no-break spaces at the end of a line of a text or Markdown source."""
    if article.kind not in (TEXT, MARKDOWN):
        return
    text = article.doc.text
    pos = 0
    fence = False
    md = article.kind == MARKDOWN
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        raw = line[:-1] if line.endswith("\r") else line
        if md and _FENCE.match(raw):
            fence = not fence
            continue
        if fence:
            continue
        kept = raw.rstrip(" \t\u00a0")  # linear, unlike a regex search for a run at the end
        if len(kept) == len(raw):
            continue
        ws = raw[len(kept):]
        if md and raw.strip() and "\u00a0" not in ws and ws == "  " * (len(ws) // 2) and len(ws) >= 2:
            continue  # two spaces: a Markdown hard line break
        what = "no-break space" if "\u00a0" in ws else "white space"
        yield Problem(f"trailing {what} at the end of the line",
                      Loc(offset=start + len(kept), end_offset=start + len(raw)),
                      anchor=f"trail|{raw.strip()[-30:]}",
                      fix=Fix(replacement="", description="remove the trailing white space"))


# ---------------------------------------------------------------------------- datelines (TX020)
_VI_DATELINE_FORMS = (
    r"(?:Thứ\s*(?:[2-7]|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s*nhật)\s*,?\s*(?:ngày\s*)?\d{1,2}[./-]\d{1,2}[./-]\d{4}"
    r"(?:\s*[|,\-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:AM|PM))?(?:\s*\(?GMT\s*\+\s*7\)?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4}\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM))?(?:\s*\(?GMT\s*\+\s*7\)?)?"
    r"|\d{1,2}:\d{2}\s*[|,-]?\s*(?:ngày\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*\(?GMT\s*\+\s*7\)?)?"
    r"|(?:Cập nhật|Đăng lúc|Ngày đăng|Đăng ngày)\s*:?\s*\d{1,2}[:/.-]\d{1,2}[^\n]{0,30}?\d{4}(?:\s+\d{1,2}:\d{2})?")
_VI_DATELINE = re.compile(rf"^(?:{_VI_DATELINE_FORMS})", re.IGNORECASE)
_EN_DATELINE_FORMS = (
    r"(?:(?:Published|Updated|Posted|Last updated)\s*(?:on|at)?\s*:?\s*)"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?")
_EN_DATELINE = re.compile("^" + _EN_DATELINE_FORMS, re.IGNORECASE)
_PROSE = re.compile(r"[.!?…][\"”')]?\s*$|[.!?]\s")


@check("TX020")
def dateline_in_body(article, options):
    """A dateline (``Thứ 6, 26.02.2021 | 16:38:45``) left inside the text, after the article began."""
    vi = article.lang == "vi"
    rx = _VI_DATELINE if vi else _EN_DATELINE
    blocks = article.blocks
    # The first line of prose: the article has begun after it.
    begun = None
    for k, blk in enumerate(blocks):
        pos = 0
        for line in blk.text.split("\n"):
            pos += len(line) + 1
            s = line.strip()
            if len(s) >= 80 and _PROSE.search(s):
                begun = (k, pos - 1)  # the line's end in its block
                break
        if begun is not None:
            break
    if begun is None:
        return
    # The lines after it that open (past white space) as a dateline does, found by one scan of the
    # joined body led by the line feed before each line; each is then read as a line of its block.
    j = _joined(article)
    starts = _state(article)["starts"]
    opens = _rx(r"(?i)\n[^\S\n]*+(?:" + (_VI_DATELINE_FORMS if vi else _EN_DATELINE_FORMS) + ")")
    k, end = begun
    found = opens.search(j, starts[k] + end)
    while found is not None:
        at = found.start() + 1
        k = bisect_right(starts, at) - 1
        blk = blocks[k]
        text = blk.text
        lstart = at - starts[k]
        end = text.find("\n", lstart)
        if end < 0:
            end = len(text)
        line = text[lstart:end]
        s = line.strip()
        m = rx.match(s) if s else None
        if m:
            rest = s[m.end():]
            if not rest.strip() or rest[:1].isspace() or rest[:1] in "|-–—":
                off = lstart + (len(line) - len(line.lstrip()))
                if not _widget_overlap(article, blk, off, off + m.end()):
                    yield Problem(f"dateline inside the article text: {m.group(0).strip()!r}",
                                  _loc(blk, off, off + m.end()), anchor=f"dl|{m.group(0)}")
        found = opens.search(j, starts[k] + end)
