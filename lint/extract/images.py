"""Images of the page: src, alt, caption, size, and whether each is content or decoration.

Content or decoration
---------------------
Every ``<img>`` gets ``content`` (True/False) and a ``reason`` that ``newslint inspect`` prints.
The first test that applies decides:

1. ``role="presentation"``/``"none"`` or ``aria-hidden="true"`` on the image: decoration, as marked;
2. hidden (``hidden``, ``display:none``, ``visibility:hidden`` on it or an ancestor), unless a lazy
   loader (``data-cfsrc``, ``data-src``...) hides it until its script shows it;
3. a ``<noscript>`` copy of an image the page also shows by script: counted once, not twice;
4. no file (no src), or an inline 1x1 ``data:`` placeholder without a caption;
5. 1-2 px wide or high: a tracking pixel or spacer; both sides ≤ 64 px (from ``width``/``height``
   or a ``-120x80.jpg`` size in the file name): an icon; one side 8 times the other: a strip;
6. its src, class or id names a logo, icon, avatar, button, banner, a placeholder-image service
   (``placehold.it``)... (and it has no caption);
   weaker words (share, social, print, ad, author...) count in a class, id or src folder, and in
   the file name only outside the body (a story photo may be named after Facebook);
7. in the page chrome (``header``, ``footer``, ``nav``, ``aside``, a form) outside the body;
8. a linked image in a list (teasers), or in a related-links, share, comment, author, promotion
   box (by class or id; a box that holds the body, or whose class names a body, is layout);
9. in the article body (``article.body``): content;
10. outside the body: content when it is in a ``<figure>`` with a caption and not a link, or it is
    the page's lead image (its file is the ``og:image``/JSON-LD image), or it sits, not as a link,
    in the same ``<article>`` as the body; anything else outside the body is page furniture.

Markup images
-------------
:func:`markup_images` lists the images a search engine takes for the article: the merged article
entity's ``image`` (``article.markup.article``; a URL, an ImageObject with ``url``/``contentUrl``
and ``width``/``height``, or a list of them) and ``og:image`` (``article.markup.opengraph``).
Each :class:`MarkupImage` carries its URL, where it came from, and its size when known, taken,
in this order, from:

- the audit's fetch of the image, handed in as ``article.extra["image_fetch"]``::

      {"https://example.com/a.jpg": {"status": 200, "width": 1200, "height": 800,
                                     "content_type": "image/jpeg", "robots_allowed": true}}

  keyed by the absolute URL as written in the markup; every field is optional (``status`` is the
  final HTTP status after redirects, ``0`` or absent for a network failure; ``width``/``height``
  the decoded image's pixels; ``robots_allowed`` false when robots.txt disallows the URL);
- the ImageObject's own ``width``/``height``;
- the ``<img>`` on the page showing the same file: its ``width``/``height`` attributes or the
  ``srcset`` descriptor of that file;
- a size written in the file name (``photo-1200x800.jpg``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..document import MARKDOWN
from ..memo import NameMemo
from .named import BOX, BOX_KNOWN, CAPTION, CAPTION_KNOWN, LOGO, LOGO_KNOWN, NAMES, named_elements

# An element's attribute read with one method for every element (no bound method made per call) and
# the name as bytes (lxml encodes a str name to UTF-8 on every call): the reads made for every image
# and every element above one.
_get = etree._Element.get

# Words that mark an image as chrome wherever they appear (its src, class or id).
_DECOR_HINT = re.compile(
    r"(?:^|[\W_])(?:logos?|icons?|ico|avatars?|gravatar|sprites?|spacer|pixel|blank|badges?|emoji|emoticons?|"
    r"smiley|buttons?|btn|loader|loading|spinner|placehold(?:er)?|headshot|mugshot|tracking|tracker|adserver|"
    r"doubleclick|captcha|qrcode|arrows?|bullets?|banners?)(?:$|[\W_\d])",
    re.IGNORECASE,
)
# In a class or id, lazy loaders' words (``lazyload-placeholder``, ``loading``) say nothing about the image.
_LAZY_WORDS = re.compile(r"(?:^|[\W_])(?:placeholder|loading|loader|blank|spinner)(?:$|[\W_\d])", re.IGNORECASE)
# Words that mark chrome in a class, an id or a folder of the src, but may name a story's subject
# in a photo's file name (``Facebook-1024.jpg`` on a story about Facebook, ``digital-ad-ux.jpg``).
_DECOR_WEAK = re.compile(
    r"(?:^|[\W_])(?:ads?|advert\w*|banners?|author|authors|profile|facebook|fb|twitter|whatsapp|linkedin|"
    r"pinterest|zalo|share|social|rss|print|mail|e-?mail|flags?|rating|stars?|widget|weather|"
    r"qr)(?:$|[\W_\d])",
    re.IGNORECASE,
)
_LOGO_ALT = re.compile(r"^\s*logo\b|\blogo\s*$", re.IGNORECASE)
_BOX_HINT = re.compile(
    r"(?:^|[\W_])(?:related|relate|raleted|lien-?quan|tin-?khac|more-?news|recommend\w*|"
    r"suggest\w*|teaser|promo|newsletter|subscribe|(?<!no-)(?<!no_)share|sharing|social|comments?|binh-?luan|"
    r"sidebar|side-?bar|outbrain|taboola|sponsor\w*|advert\w*|ads?|trending|popular|most-?read|"
    r"box-?news|other-?news|next-?article|authors?|avatars?|byline|breadcrumbs?|product-?callout|"
    r"affiliate|shop-?box|cptch|captcha|reactions?|footer\w*|toolbar\w*)(?:$|[\W_\d])",
    re.IGNORECASE,
)
_BODY_CLASS = re.compile(r"article[-_]?body|article[-_]?content|entry[-_]content|post[-_]content|main[-_]content|"
                         r"story[-_]body|articlebody", re.IGNORECASE)
# A site's default share image lives with its theme; a story's lead image does not.
_THEME_DIR = re.compile(r"/themes?/", re.IGNORECASE)
_CAPTION_HINT = re.compile(r"caption|chu-?thich|chuthich|legend|desc\b|description|image-?text|photo-?text|"
                           r"pic-?text|img-?text|imgdesc|image_desc|expNoEdit", re.IGNORECASE)
_LOGO_NEAR = re.compile(r"(?:^|[\W_])logo(?:s|type)?(?:$|[\W_\d])", re.IGNORECASE)
# The class/id and src word lists as searched on the hot path: in " " + text.lower(), without
# IGNORECASE and with a plain character class before the word, which lets the regex engine skip
# ahead (several times faster than a case-blind alternation tried at every position). The words
# are ASCII and lower-case, so the answers are the same.
_DECOR_HINT_LC = re.compile(_DECOR_HINT.pattern.replace(r"(?:^|[\W_])", r"[\W_]", 1))
_DECOR_WEAK_LC = re.compile(_DECOR_WEAK.pattern.replace(r"(?:^|[\W_])", r"[\W_]", 1))
# Lower-case piece of a src, class or id (see _decor_bits) -> whether _DECOR_HINT_LC (_HINT) and
# _DECOR_WEAK_LC (_WEAK) find a word in it, for the whole run.
_PIECES = NameMemo(20_000)
_HINT, _WEAK = 1, 2
_BOX_HINT_LC = re.compile(_BOX_HINT.pattern.replace(r"(?:^|[\W_])", r"[\W_]", 1))
_LOGO_NEAR_LC = re.compile(_LOGO_NEAR.pattern.replace(r"(?:^|[\W_])", r"[\W_]", 1))
_BODY_CLASS_LC = re.compile(_BODY_CLASS.pattern)
_CAPTION_HINT_LC = re.compile(_CAPTION_HINT.pattern.replace("expNoEdit", "expnoedit"))
_CHROME = frozenset({"header", "footer", "nav", "aside", "form", "button"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NAME_SIZE = re.compile(r"[-_@](\d{2,4})x(\d{2,4})(?:[-_.@]|$)", re.IGNORECASE)
_HAS_EXT = re.compile(r".\.(?:jpe?g|jfif|png|gif|webp|bmp|svg|avif|tiff?|heic|heif|ico)$", re.IGNORECASE)
_SRCSET_ITEM = re.compile(r"\s*(\S+?)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)")
_DIGITS = re.compile(r"\s*(\d{1,6})\s*(?:px)?\s*$", re.IGNORECASE)
_LAZY_ATTRS = ("data-src", "data-cfsrc", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src",
               "data-srcset", "data-lazy-srcset")
_LAZY_SET = frozenset(_LAZY_ATTRS)
# Attributes that can make an image decorative or hidden before anything else is read.
_MARKING_ATTRS = frozenset(("role", "aria-hidden", "hidden", "style"))


@dataclass(slots=True)
class Image:
    element: object
    src: str | None
    alt: str | None  # None: no alt attribute at all
    caption: str | None = None
    caption_el: object = None
    width: int | None = None
    height: int | None = None
    in_body: bool = False
    content: bool = False
    reason: str = ""
    srcset: str | None = None
    figure: object = None  # the <figure> the image is in, if any
    in_link: bool = False
    ordinal: int = 0  # how many <img> start on the same source line before this one
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class MarkupImage:
    url: str
    source: str  # "json-ld" or "og:image"
    width: int | None = None
    height: int | None = None
    size_from: str = ""  # where the size came from
    status: int | None = None  # from the audit's fetch
    robots_allowed: bool | None = None
    content_type: str | None = None
    element: object = None  # the og:image <meta>, or the JSON-LD <script>
    offset: int | None = None  # absolute offset of the URL in the document text, when found
    on_page: object = None  # the page's Image showing the same file


def dimension(v) -> int | None:
    """A pixel size from an attribute or markup value: ``800``, ``"800"``, ``"800px"``; not ``"100%"``."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return int(v) if 0 <= v < 10**6 else None
    if isinstance(v, dict):  # QuantitativeValue
        return dimension(v.get("value"))
    if isinstance(v, str):
        if len(v) <= 6 and v.isdigit() and v.isascii():  # the usual "800": what _DIGITS reads
            return int(v)
        m = _DIGITS.match(v)
        return int(m.group(1)) if m else None
    return None


def _src(el, names=None) -> str | None:
    """The image file a reader sees: a lazy loader's ``data-src`` wins over its placeholder ``src``.
    ``names``: the element's attribute names (``el.keys()``) when the caller has them."""
    if names is None or not _LAZY_SET.isdisjoint(names):
        for attr in _LAZY_ATTRS:
            v = (el.get(attr) or "").strip()
            if v and not v.startswith("data:"):
                return (v.split(",")[0].split() or [v])[0] if "srcset" in attr else v
    src = (_get(el, b"src") or "").strip()
    if not src or src.startswith("data:") or src in ("#", "about:blank"):
        ss = (_get(el, b"srcset") or "").strip()
        if ss and not ss.startswith("data:"):
            return (ss.split(",")[0].split() or [ss])[0]
    return src or None


def srcset_entries(value: str | None) -> list[tuple[str, float | None, str]]:
    """``srcset`` as (url, number, unit) with unit ``w``, ``x`` or ``""``."""
    out = []
    if not value or value.startswith("data:"):
        return out
    for m in _SRCSET_ITEM.finditer(value[:20000]):
        if m.group(1):
            out.append((m.group(1), float(m.group(2)) if m.group(2) else None, m.group(3) or ""))
        if len(out) > 50:
            break
    return out


# The usual shapes of an image URL, whose path is read without urlsplit: an http(s) or
# protocol-relative URL with a plain ASCII host (groups 1 and 2), or a relative URL (group 3).
_PLAIN_URL = re.compile(r"(?:https?:)?//([^/?#\[\]\s]*)(/[^?#\s]*)?|(?!//)([^\x00-\x20:?#][^:?#\s]*)?",
                        re.IGNORECASE)


def url_path(url: str) -> str:
    """``urlsplit(url).path`` (and its ValueError), read straight off the usual URL shapes: no tab
    or line break in the path, no ``[`` or non-ASCII character in the host, and a relative URL
    with no ``:`` anywhere (it could be a scheme); anything else goes to urlsplit itself."""
    m = _PLAIN_URL.match(url)
    if m is not None and (m.end() == len(url) or url[m.end()] in "?#"):
        if m.group(1) is not None:
            if m.group(1).isascii():
                return m.group(2) or ""
        elif ":" not in url:
            return m.group(3) or ""
    return urlsplit(url).path


def file_key(url: str | None) -> str:
    """A URL reduced to its file for comparing images across markup and page: the path's last
    segment without a WordPress size suffix, lower-cased. Remembered for URLs of ordinary length:
    the images view, the markup images and several rules ask for the keys of the same few URLs of
    a page (a long ``data:`` URI is worked out each time rather than kept)."""
    if not url:
        return ""
    return _file_key_kept(url) if len(url) <= 2000 else _file_key(url)


def _file_key(url: str) -> str:
    """:func:`file_key` of a non-empty URL, worked out."""
    try:
        path = url_path(url.strip())
    except ValueError:
        path = url
    name = unquote(path.rsplit("/", 1)[-1]).lower()
    if not _HAS_EXT.search(name):
        # An image service's URL (".../resize/1200x630!/quality/90/?url=..."): only the very URL
        # names the same image.
        return same_file(url).lower()
    return _NAME_SIZE.sub(".", name)


_file_key_kept = lru_cache(maxsize=2048)(_file_key)


def data_uri_size(uri: str) -> tuple[int, int] | None:
    """Pixel size of a base64 GIF or PNG in a ``data:`` URI (read from its header), or None."""
    return _data_uri_size(uri[:200])


@lru_cache(maxsize=256)
def _data_uri_size(start: str) -> tuple[int, int] | None:
    """:func:`data_uri_size` from the URI's first 200 characters, all it reads. Remembered: pages
    and sites use the same few placeholder GIFs and PNGs."""
    import base64
    import binascii

    head, _, payload = start.partition(",")
    if ";base64" not in head or not payload:
        return None
    try:
        raw = base64.b64decode(payload[:32] + "=" * (-len(payload[:32]) % 4), validate=False)
    except (binascii.Error, ValueError):
        return None
    if raw[:4] == b"GIF8" and len(raw) >= 10:
        return int.from_bytes(raw[6:8], "little"), int.from_bytes(raw[8:10], "little")
    if raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) >= 24:
        return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
    return None


def same_file(url: str | None) -> str:
    """A URL's path and query (scheme and host dropped), for telling the very same file."""
    if not url:
        return ""
    try:
        sp = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    return sp.path + ("?" + sp.query if sp.query else "")


def _digit_x_digit(url: str) -> bool:
    """Can ``url`` hold a ``-1200x800`` size? It needs an "x" or "X" between two digits, unless
    the URL holds a tab or line break (which urlsplit drops, joining what is around it)."""
    if "\t" in url or "\n" in url or "\r" in url:
        return True
    for x in ("x", "X"):
        i = url.find(x, 1)
        while i > 0:
            if url[i - 1].isdigit() and url[i + 1:i + 2].isdigit():
                return True
            i = url.find(x, i + 1)
    return False


def name_size(url: str | None) -> tuple[int, int] | None:
    """A ``-1200x800`` size in the URL's file name, or None. A URL without an "x" has none."""
    if not url or not _digit_x_digit(url):
        return None
    try:
        path = url_path(url)
    except ValueError:
        path = url
    m = _NAME_SIZE.search(path.rsplit("/", 1)[-1])
    return (int(m.group(1)), int(m.group(2))) if m else None


def _name_says(name: str, known: int, said: int, judge) -> bool:
    """Does the class or id text ``name`` say what ``judge`` (given it in lower case) looks for?
    The answer is kept in the run's shared memo of names (``named.NAMES``), beside what the other
    views know of it: ``known`` marks the question asked, ``said`` the answer yes."""
    got = NAMES.get(name, 0)
    if not got & known:
        got |= known | (said if judge(name.lower()) else 0)
        NAMES.put(name, got)
    return bool(got & said)


def _decor_bits(low: str) -> int:
    """Which of ``_DECOR_HINT_LC`` (``_HINT``) and ``_DECOR_WEAK_LC`` (``_WEAK``) find a word in
    ``" " + low`` (a lower-case src, class or id).

    A match is a separator (``[\\W_]``), a word, then the end, a separator or a digit, and every word
    of the two lists is letters only (``advert\\w*`` also matches cut at its first ``_``): no match
    spans a separator. So ``low`` cut at any of its separators says a word exactly when one of its
    pieces does, each asked as ``" " + piece``. It is cut at ``/ - _ .`` and spaces, which leaves
    short pieces (a host's parts, folders, dates, slug words, layout names) that recur across a
    page's images and a site's pages: each piece's answer is kept for the run, and a URL costs a few
    string operations and lookups instead of both lists tried at each of its separators."""
    get = _PIECES.get
    bits = 0
    for piece in low.replace("-", "/").replace("_", "/").replace(".", "/").replace(" ", "/").split("/"):
        got = get(piece)
        if got is None:
            got = _PIECES.put(piece, (_HINT if _DECOR_HINT_LC.search(" " + piece) else 0)
                              | (_WEAK if _DECOR_WEAK_LC.search(" " + piece) else 0))
        bits |= got
    return bits


def _caption_words(low: str) -> bool:
    return _CAPTION_HINT_LC.search(low) is not None


def _box_words(low: str) -> bool:
    return _BOX_HINT_LC.search(" " + low) is not None and not _BODY_CLASS_LC.search(low)


def _logo_words(low: str) -> bool:
    return "logo" in low and _LOGO_NEAR_LC.search(" " + low) is not None


def _class_and_id(el) -> str:
    """The class and the id of ``el`` joined by a space (either alone when the other is missing or
    empty; "" for neither): the text the images view's answers about names are kept under."""
    cls, ident = _get(el, b"class"), _get(el, b"id")
    if cls:
        return cls + " " + ident if ident else cls
    return ident or ""


def _names_caption(el) -> bool:
    """Does the class or id of ``el`` name a caption?"""
    names = _class_and_id(el)
    return bool(names) and _name_says(names, CAPTION_KNOWN, CAPTION, _caption_words)


def _caption_in(cand) -> str | None:
    """The text of ``cand`` when its class or id names a caption and it holds no image (and the
    text is not empty or over 1,000 characters), else None."""
    if _names_caption(cand) and next(cand.iter("img"), None) is None:
        t = " ".join(cand.text_content().split())
        if t and len(t) < 1000:
            return t
    return None


def _caption(el, fig=False):
    """(figure, caption text, caption element): a ``<figcaption>``, else the element right after
    the image (or after its first three ancestors) whose class or id names a caption. ``fig``: the
    image's nearest ``<figure>`` ancestor (None for none) when the caller knows it."""
    if fig is False:
        fig = next((a for a in el.iterancestors() if a.tag == "figure"), None)
    if fig is not None:
        for cap in fig.iter("figcaption"):
            t = " ".join(cap.text_content().split())
            return fig, (t or None), cap
    node = el
    for _ in range(4):
        sib = node.getnext()
        while sib is not None and (not isinstance(sib.tag, str) or sib.tag == "br"):
            sib = sib.getnext()
        if sib is not None:
            t = _caption_in(sib)
            if t is not None:
                return fig, t, sib
            child = next((c for c in sib if isinstance(c.tag, str)), None)  # its first element child
            t = _caption_in(child) if child is not None else None
            if t is not None:
                return fig, t, child
            break
        node = node.getparent()
        if node is None or node.tag in ("body", "article", "main"):
            break
    return fig, None, None


def _hidden(el) -> bool:
    if _get(el, b"hidden") is not None:
        return True
    style = _get(el, b"style")
    return bool(style and _HIDDEN_STYLE.search(style))


_UNKNOWN = object()


def _box_name(el) -> str | None:
    """The class/id (cut to 40 characters) of ``el`` when it names a related-links, share, comment or
    promotion box, else None."""
    ci = _class_and_id(el)
    if not ci:
        return None
    return ci.strip()[:40] if _name_says(ci, BOX_KNOWN, BOX, _box_words) else None


def _logo_box(el) -> bool:
    """Does the class or id of ``el`` name a logo?"""
    for x in (el.get("class"), el.get("id")):
        if x and _name_says(x, LOGO_KNOWN, LOGO, _logo_words):
            return True
    return False


def _names_logo_alt(alt: str) -> bool:
    """Is the alt text just "logo" with a name before or after it (``"Logo VnExpress"``)? Only
    ASCII l/o/g match those letters case-blind, so an alt without "logo" in lower case is not."""
    return "logo" in alt.lower() and _LOGO_ALT.search(alt) is not None


def _drop_lazy_words(attrs: str) -> str:
    """``attrs`` with a lazy loader's words (placeholder, loading...) blanked out. An ASCII text
    without any of them in lower case is returned as it is, without the case-blind regex."""
    if not attrs:
        return attrs
    if attrs.isascii():
        lc = attrs.lower()
        if "placeholder" not in lc and "load" not in lc and "blank" not in lc and "spinner" not in lc:
            return attrs
    return _LAZY_WORDS.sub(" ", attrs)


_LAYOUT = frozenset({"figure", "article", "main", "body", "html"})


class _Above:
    """What an element and the elements above it say about an image inside it: the nearest
    ``<figure>`` and ``<noscript>``, whether a link, a hidden element, the body or a list item
    (below the body) holds it. Made once per element that holds an image, from its parent's, so a
    page's images cost one step per distinct ancestor rather than one per ancestor per image."""

    __slots__ = ("el", "up", "tag", "stop", "figure", "noscript", "link", "hidden", "in_body", "li", "logo", "box",
                 "verdicts")

    def __init__(self, el, up: _Above | None, body, body_anc: frozenset):
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        self.el, self.up, self.tag = el, up, tag
        # A box that holds the article body (or the body itself) is layout: the search for a
        # related-links box or page chrome around an image stops there.
        self.stop = el is body or el in body_anc
        # What the parent's says, then this element's own part (in locals: one store each).
        if up is None:
            figure = noscript = None
            link = hidden = in_body = li = False
        else:
            figure, noscript, link, hidden, in_body, li = up.figure, up.noscript, up.link, up.hidden, up.in_body, up.li
        if tag == "figure":
            figure = el
        elif tag == "noscript":
            noscript = el
        elif tag == "a" and not link:
            link = bool(_get(el, b"href"))
        if not hidden:  # _hidden(el), inline: it is asked of every element above an image
            if _get(el, b"hidden") is not None:
                hidden = True
            else:
                style = _get(el, b"style")
                hidden = bool(style and _HIDDEN_STYLE.search(style))
        if el is body:
            in_body, li = True, False
        elif tag == "li":
            li = True  # a list item below the body
        self.figure, self.noscript, self.link, self.hidden, self.in_body, self.li = (
            figure, noscript, link, hidden, in_body, li)
        self.logo = None  # whether its class or id names a logo, once asked
        self.box = _UNKNOWN  # its related-links box name (or None), once asked
        self.verdicts = None  # (caption, in body) -> what _chrome_or_box answers

    def names_logo(self) -> bool:
        if self.logo is None:
            self.logo = _logo_box(self.el)
        return self.logo

    def box_name(self) -> str | None:
        if self.box is _UNKNOWN:
            self.box = _box_name(self.el)
        return self.box


def _above(el, memo: dict, body, body_anc: frozenset) -> _Above | None:
    """The :class:`_Above` of ``el`` (None for None), made with any missing ones above it; ``memo``
    (element -> _Above) is shared by a page's images and keeps each element's proxy alive."""
    chain = []
    got = None
    while el is not None:
        got = memo.get(el)
        if got is not None:
            break
        chain.append(el)
        el = el.getparent()
    for e in reversed(chain):
        got = memo[e] = _Above(e, got, body, body_anc)
    return got


def _chrome_or_box(above: _Above | None, caption: bool, in_body: bool) -> tuple[str | None, str | None]:
    """(page-chrome tag, related-links box name) around an image whose parent is ``above``, looking
    up to the body or a box that holds it: the nearest chrome element (``header``, ``footer``,
    ``nav``, ``aside``, a form) decides; else the nearest box that names related links, sharing,
    comments or promotion. A captioned image's ``<header>`` is the article's; in the body, a
    ``<header>`` or ``<footer>`` is the story's own. Answers are kept per element."""
    key = (caption, in_body)
    chain = []
    got = (None, None)
    a = above
    while a is not None and not a.stop:
        if a.verdicts is not None and key in a.verdicts:
            got = a.verdicts[key]
            break
        chain.append(a)
        a = a.up
    for a in reversed(chain):
        tag = a.tag
        if (tag == "header" and caption) or tag in _LAYOUT:
            pass
        elif tag in _CHROME and (not in_body or tag not in ("header", "footer")):
            got = (tag, None)
        elif got[0] is None:
            own = a.box_name()
            if own is not None:
                got = (None, own)
        if a.verdicts is None:
            a.verdicts = {}
        a.verdicts[key] = got
    return got


def _noscript_copy(noscript, cache: dict) -> bool:
    """Does the element holding ``noscript`` also show an image outside it (the scripted copy)?"""
    got = cache.get(noscript)
    if got is None:
        parent = noscript.getparent()
        if parent is None:
            got = False
        else:
            inside = set(noscript.iter("img"))  # found in C, without a walk up from each image
            got = any(i not in inside for i in parent.iter("img"))
        cache[noscript] = got
    return got


def classify(img: Image, above: _Above | None, body, lead_keys: frozenset, body_article,
             noscript_cache: dict | None = None, names=None) -> None:
    """Set ``img.content`` and ``img.reason`` (see the module's docstring); ``above`` is the
    :class:`_Above` of the image's parent; ``names`` the image's attribute names when known (an
    image without role, aria-hidden, hidden or style, nearly every one, skips their tests)."""
    el = img.element
    marked = names is None or not _MARKING_ATTRS.isdisjoint(names)
    if marked and ((el.get("role") or "").strip().lower() in ("presentation", "none")
                   or (el.get("aria-hidden") or "").strip().lower() == "true"):
        img.content, img.reason = False, "marked decorative (role or aria-hidden)"
        return
    # A lazy loader (Cloudflare's data-cfsrc...) hides the image itself until its script shows it.
    if (marked and _hidden(el) and not any(el.get(x) for x in _LAZY_ATTRS)) or (above is not None and above.hidden):
        img.content, img.reason = False, "hidden (hidden attribute or display:none)"
        return
    noscript = above.noscript if above is not None else None
    if noscript is not None and _noscript_copy(noscript, {} if noscript_cache is None else noscript_cache):
        img.content, img.reason = False, "a <noscript> copy of an image shown by script"
        return
    if not img.src:
        img.content, img.reason = False, "no image file (no src)"
        return
    if img.src.startswith("data:") and not img.caption:
        ds = data_uri_size(img.src)
        if ds and max(ds) <= 2:
            img.content, img.reason = False, "an inline 1x1 placeholder with no image file"
            return
    w, h = img.width, img.height
    sized = "attributes"
    if w is None and h is None:
        ns = name_size(img.src)
        if ns and (max(ns) >= 100 or ns[0] == ns[1]):  # "_23x15" is more often an aspect ratio
            w, h = ns
            sized = "file name"
    if (w is not None and w <= 2) or (h is not None and h <= 2):
        img.content, img.reason = False, "a tracking pixel or spacer (1-2 px)"
        return
    if (w is not None and h is not None and w <= 64 and h <= 64) or (w is not None and h is None and w <= 32) \
            or (h is not None and w is None and h <= 32):
        img.content, img.reason = False, f"too small for content ({w or '?'}x{h or '?'} px, from its {sized})"
        return
    if w and h and not img.caption and w * h < 10_000:
        img.content, img.reason = False, f"too small for a content photo ({w}x{h} px, from its {sized})"
        return
    if w and h and not img.caption and max(w / h, h / w) >= 8:
        img.content, img.reason = False, f"a thin strip ({w}x{h} px): a divider, button or banner"
        return
    if not img.caption:
        attrs = _class_and_id(el)
        src = (img.src or "")[-300:].split("?", 1)[0]
        # In the body a photo's own class may say "share" (a share-this-image button on it): only
        # the strong words count there, and the weak ones only in the src's folders. (The lists
        # are asked of each part on its own, see _decor_bits: a space is a separator.)
        src_bits = _decor_bits(src.lower())
        if img.in_body:
            weak = _decor_bits((src.rsplit("/", 1)[0] if "/" in src else "").lower())
        else:
            weak = src_bits | (_decor_bits(attrs.lower()) if attrs else 0)
        if (src_bits & _HINT or weak & _WEAK
                or (attrs and _decor_bits(_drop_lazy_words(attrs).lower()) & _HINT)
                or (img.alt and _names_logo_alt(img.alt))):
            img.content, img.reason = False, "its src, class, id or alt names a logo, icon, avatar, ad or button"
            return
    if not img.caption and above is not None and (
            above.names_logo() or (above.up is not None and (
                above.up.names_logo() or (above.up.up is not None and above.up.up.names_logo())))):
        img.content, img.reason = False, "its container's class or id names a logo"
        return
    in_body = img.in_body
    if img.in_link and not img.caption and above is not None and above.li:
        img.content, img.reason = False, "a linked image in a list (a teaser or related link)"
        return
    chrome, boxed = _chrome_or_box(above, bool(img.caption), in_body)
    if chrome is not None:
        img.content, img.reason = False, f"in page chrome (<{chrome}>)" + ("" if in_body else " outside the article body")
        return
    if boxed is not None:
        img.content, img.reason = False, f"in a related-links, share, comment or promotion box ({boxed!r})"
        return
    if in_body:
        img.content, img.reason = True, "in the article body" + (" with a caption" if img.caption else "")
        return
    if img.caption and not img.in_link:
        img.content, img.reason = True, "in a figure with a caption"
        return
    if (lead_keys and _may_show(img.src, _key_stems(lead_keys)) and file_key(img.src) in lead_keys
            and not _THEME_DIR.search(img.src or "")):
        img.content, img.reason = True, "the article's lead image (the same file as the markup image)"
        return
    if body_article is not None and not img.in_link and body_article in el.iterancestors():
        img.content, img.reason = True, "in the same <article> as the body, not a link"
        return
    img.content, img.reason = False, "outside the article body"


def _lead_keys(article) -> frozenset:
    keys = set()
    try:
        for mi in raw_markup_urls(article):
            k = file_key(mi[0])
            if k:
                keys.add(k)
    except Exception:
        pass
    return frozenset(keys)


def extract_images(article) -> list[Image]:
    root = article.tree
    if root is None:
        return []
    body = article.body.element
    md = article.kind == MARKDOWN
    body_article = None
    if body is not None and not md:
        body_article = body if body.tag == "article" else next(
            (a for a in body.iterancestors() if a.tag == "article"), None)
    lead = _lead_keys(article) if not md else frozenset()
    body_anc = frozenset(body.iterancestors()) if body is not None else frozenset()
    out = []
    per_line: dict = {}
    memo: dict = {}  # element -> _Above, shared by the page's images
    noscripts: dict = {}
    for el in [e for e, tag, _, _ in named_elements(article) if tag == "img"]:  # document order
        above = _above(el.getparent(), memo, body, body_anc)
        fig = above.figure if above is not None else None
        fig, cap, cap_el = _caption(el, fig=fig)
        in_body = md or el is body or (above is not None and above.in_body)
        names = el.keys()
        img = Image(el, _src(el, names), _get(el, b"alt"), cap, cap_el, dimension(_get(el, b"width")),
                    dimension(_get(el, b"height")), in_body, srcset=_get(el, b"srcset") or _get(el, b"data-srcset"),
                    figure=fig)
        img.in_link = above is not None and above.link
        line = el.sourceline
        if line:
            img.ordinal = per_line.get(line, 0)
            per_line[line] = img.ordinal + 1
        classify(img, above, body, lead, body_article, noscripts, names)
        out.append(img)
    return out


_IMG_TAG = re.compile(r"<img(?=[\s/>])", re.IGNORECASE)
# The rest of a start tag after its name, with its closing ">": a quoted value is skipped whole (a
# quote that is never closed is an ordinary character); the text's end when no ">" comes.
_TAG_REST = re.compile(r"""(?:[^"'>]+|"[^"]*"|'[^']*'|["'])*+>?""")


def _tag_end(text: str, i: int) -> int:
    """Offset just past the ``>`` closing the start tag whose name ends at ``i`` (quotes respected)."""
    return _TAG_REST.match(text, i).end()


def image_span(article, img, attr: str | None = None) -> tuple[int, int] | None:
    """Offsets of the image's start tag (or of one of its attributes) in the document text.

    lxml gives an element the line on which its start tag *ends*, and minified pages put many
    images on one line: the image is the ``ordinal``-th ``<img`` tag whose ``>`` is on that line.
    None when no such tag is found (the caller falls back to the element)."""
    if article.kind == MARKDOWN:
        return None
    line = getattr(img.element, "sourceline", None)
    if not line:
        return None
    doc = article.doc
    text = doc.text
    tags = _img_tags_on_line(article, line)
    found = tags[img.ordinal] if img.ordinal < len(tags) else None
    if found is None:
        return None
    start, end = found
    if attr:
        a = re.compile(r"\s(" + re.escape(attr) + r")(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?",
                       re.IGNORECASE).search(text, start + 4, end)
        if a:
            return a.start(1), a.end()
    return start, end


def _img_tags_on_line(article, line: int) -> list | tuple:
    """The ``<img`` start tags of the page whose ``>`` is on ``line``, as (start, end) offsets in
    the order they come. One scan per page, so locating n images is linear; it goes only as far
    as the lines asked for so far (the images that need locating are often not the page's last)."""
    scan = article.__dict__.get("_img_tag_scan")
    if scan is None:
        scan = article.__dict__["_img_tag_scan"] = _ImgTagScan(article.doc)
    return scan.on_line(line)


class _ImgTagScan:
    """Every ``<img`` start tag of a page, grouped by the line on which the tag ends (where lxml
    puts the element), found by one scan of the text that stops at the end of the furthest line
    asked for and resumes from there. A tag that ends on a line starts before that line's end,
    so the lines up to the furthest asked for have all their tags."""

    __slots__ = ("doc", "matches", "pending", "upto", "by_line")

    def __init__(self, doc):
        self.doc = doc
        self.matches = _IMG_TAG.finditer(doc.text)
        self.pending = None  # the first match at or past ``upto``, not yet grouped
        self.upto = 0  # every tag starting before this offset is grouped
        self.by_line: dict = {}

    def on_line(self, line: int) -> list | tuple:
        doc = self.doc
        text = doc.text
        nl = text.find("\n", doc.offset(line))
        bound = len(text) if nl < 0 else nl + 1
        if bound > self.upto:
            line_of = doc.line_of
            by_line = self.by_line
            m = self.pending
            while True:
                if m is None:
                    m = next(self.matches, None)
                    if m is None:
                        break
                start = m.start()
                if start >= bound:
                    break
                end = _tag_end(text, m.end())
                by_line.setdefault(line_of(max(start, end - 1)), []).append((start, end))
                m = None
            self.pending = m
            self.upto = bound
        return self.by_line.get(line, ())


# ---------------------------------------------------------------------------- markup images
def _as_list(v) -> list:
    if v is None:
        return []
    return v[:20] if isinstance(v, list) else [v]


def raw_markup_urls(article) -> list[tuple[str, str, object, object, object]]:
    """(url, source, width, height, element) for each image named in the markup (cached on the
    article: the images view and :func:`markup_images` both read it)."""
    cache = article.__dict__.get("_raw_markup_urls")
    if cache is None:
        cache = article.__dict__["_raw_markup_urls"] = _raw_markup_urls(article)
    return cache


def _raw_markup_urls(article) -> list[tuple[str, str, object, object, object]]:
    out = []
    mk = article.markup
    ent = getattr(mk, "article", None)
    if isinstance(ent, dict):
        for v in _as_list(ent.get("image")):
            if isinstance(v, str) and v.strip():
                out.append((v.strip(), "json-ld", None, None, None))
            elif isinstance(v, dict):
                u = v.get("url") or v.get("contentUrl") or v.get("@id")
                if isinstance(u, list):
                    u = next((x for x in u if isinstance(x, str)), None)
                if isinstance(u, str) and u.strip():
                    out.append((u.strip(), "json-ld", v.get("width"), v.get("height"), None))
    og = getattr(mk, "opengraph", None) or {}
    meta = article.meta
    for key in ("og:image", "og:image:url", "og:image:secure_url"):
        v = og.get(key) if isinstance(og, dict) else None
        if v is None and key in meta:
            v = meta[key][0]
        if isinstance(v, list):
            v = next((x for x in v if isinstance(x, str)), None)
        if isinstance(v, str) and v.strip():
            el = meta.get(key, (None, None))[1]
            w = meta.get("og:image:width", (None, None))[0]
            h = meta.get("og:image:height", (None, None))[0]
            out.append((v.strip(), "og:image", w, h, el))
            break
    return out


def _find_in_jsonld(article, url: str) -> tuple[object, int | None]:
    """The JSON-LD <script> holding ``url`` and the URL's absolute offset in the document."""
    forms = [url, url.replace("/", "\\/")]
    for blk in getattr(article.markup, "jsonld", None) or []:
        raw = getattr(blk, "raw", "") or ""
        for f in forms:
            i = raw.find(f)
            if i >= 0:
                off = getattr(blk, "offset", -1)
                if isinstance(off, int) and off >= 0 and article.doc.text[off + i:off + i + len(f)] == f:
                    return blk.element, off + i
                return getattr(blk, "element", None), None
    return None, None


_KEY_SEPARATORS = re.compile(r"[-_@.]")


def _may_show(text: str, stems: frozenset) -> bool:
    """Can a URL in ``text`` (a src or srcset) have a file key whose stem is one of ``stems``?

    A file key is the URL's file name, lower-cased, with size suffixes (``-300x200``) turned into
    ``.``, or, for a URL without an image file name, its path and query, lower-cased. So each run
    of the key between ``-``, ``_``, ``@`` and ``.`` is in the lower-cased URL, and so is a whole
    key with a ``/`` in it (a plain URL's file name has none): the stem is that key, or its longest
    run. This holds for plain ASCII text (no ``%`` escape, tab or line break); for any other text
    the answer is yes."""
    if not text.isascii() or "%" in text or "\t" in text or "\r" in text or "\n" in text:
        return True
    low = text.lower()
    return any(s in low for s in stems)


@lru_cache(maxsize=64)
def _key_stems(keys: frozenset) -> frozenset:
    """The stems (see :func:`_may_show`) of a set of file keys."""
    return frozenset(k if "/" in k else max(_KEY_SEPARATORS.split(k), key=len) for k in keys)


def _images_by_key(images, wanted: set) -> dict:
    """For each file key in ``wanted``, the first image of the page showing that file in its src or
    among its srcset's width renditions; the scan stops once every key is found."""
    found: dict = {}
    if not wanted:
        return found
    stems = _key_stems(frozenset(wanted))
    for img in images:
        if img.src and _may_show(img.src, stems):
            k = file_key(img.src)
            if k in wanted:
                found.setdefault(k, img)
                if len(found) == len(wanted):
                    break  # its srcset can find no more
        if img.srcset and _may_show(img.srcset, stems):
            for u, _n, unit in srcset_entries(img.srcset):
                if unit == "w":
                    k = file_key(u)
                    if k in wanted:
                        found.setdefault(k, img)
        if len(found) == len(wanted):
            break
    return found


def markup_images(article) -> list[MarkupImage]:
    """The markup's images with their size when known (cached on the article)."""
    cache = article.__dict__.get("_markup_images")
    if cache is not None:
        return cache
    out: list[MarkupImage] = []
    fetched = article.extra.get("image_fetch") if isinstance(article.extra, dict) else None
    fetched = fetched if isinstance(fetched, dict) else {}
    raw = raw_markup_urls(article)
    by_key = _images_by_key(article.images, {file_key(r[0]) for r in raw} - {""}) if raw else {}
    seen = set()
    for url, source, w, h, el in raw:
        if (url, source) in seen:
            continue
        seen.add((url, source))
        mi = MarkupImage(url, source, element=el)
        if source == "json-ld":
            mi.element, mi.offset = _find_in_jsonld(article, url)
        key = file_key(url)
        mi.on_page = by_key.get(key) if key else None
        f = fetched.get(url)
        if isinstance(f, dict):
            st = f.get("status")
            mi.status = st if isinstance(st, int) and not isinstance(st, bool) else None
            ra = f.get("robots_allowed")
            mi.robots_allowed = ra if isinstance(ra, bool) else None
            ct = f.get("content_type")
            mi.content_type = ct if isinstance(ct, str) else None
            fw, fh = dimension(f.get("width")), dimension(f.get("height"))
            if fw and fh:
                mi.width, mi.height, mi.size_from = fw, fh, "the fetched image"
        if mi.size_from == "":
            dw, dh = dimension(w), dimension(h)
            if dw and dh:
                mi.width, mi.height = dw, dh
                mi.size_from = "the ImageObject's width and height" if source == "json-ld" \
                    else "og:image:width and og:image:height"
        if mi.size_from == "" and mi.on_page is not None:
            # Only the very file: a page often shows a smaller rendition of the markup image.
            img = mi.on_page
            want = same_file(url)
            sw = None
            for u, n, unit in srcset_entries(img.srcset):
                if unit == "w" and n and same_file(u) == want:
                    sw = int(n) if sw is None else max(sw, int(n))
            if same_file(img.src) == want and img.width and img.height:
                mi.width, mi.height, mi.size_from = img.width, img.height, "the page's <img> width and height"
            elif sw and img.width and img.height:
                mi.width, mi.height = sw, round(sw * img.height / img.width)
                mi.size_from = "the page's srcset descriptor (height from the <img>'s aspect ratio)"
            elif sw:
                mi.width, mi.size_from = sw, "the page's srcset descriptor"
        if mi.size_from == "":
            ns = name_size(url)
            if ns:
                mi.width, mi.height = ns
                mi.size_from = "the size in the file name"
        out.append(mi)
    article.__dict__["_markup_images"] = out
    return out
