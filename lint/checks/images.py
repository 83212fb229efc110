"""IM: images and their text alternatives, and the images the markup offers to search engines.

Alt-text rules judge content images only (see :mod:`lint.extract.images` for content versus
decoration); placeholder words and redundant openings come from the ``images`` language packs
(vi and en are both read on every page: a Vietnamese page with ``alt="image"`` is as wrong as an
English one).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from urllib.parse import urlsplit

from ..extract.images import file_key, image_span, markup_images
from ..model import Loc, Problem
from ..packs import load_pack
from ..registry import check

_EXT = r"(?:jpe?g|jfif|png|gif|webp|bmp|svg|avif|tiff?|heic|heif)"
_FILE_EXT = re.compile(r"^[^\s/\\]{1,200}\." + _EXT + r"$", re.IGNORECASE)
_CAMERA = re.compile(r"^(?:img|dsc[nf]?|dcim|pxl|mvimg|gopr|dji|p|w|pic|image|photo|screenshot|screen[ _-]?shot|"
                     r"capture|anh|hinh|untitled)[ _-]?\d[\d_ .-]{2,}\w*$", re.IGNORECASE)
_SLUG = re.compile(r"^[\w.%]+(?:[-_][\w.%]+){2,}$")
_SLUG_DIGITS = re.compile(r"^[\w.%-]*[-_][\w.%-]*\d{3,}[\w.%-]*$")
_URL = re.compile(r"^(?:https?:)?//\S+$|^www\.\S+$|^\S+/\S+\." + _EXT + r"(?:\?\S*)?$", re.IGNORECASE)
_FILE_IN_TEXT = re.compile(r"(?<![\w/.-])[\w-]*[\w](?:[\w.-]*)\." + _EXT + r"(?![\w.])", re.IGNORECASE)
# The end of every _FILE_IN_TEXT match, led by a literal ".": a text without it names no file, which
# this finds at a fraction of the cost of _FILE_IN_TEXT (led by a look-behind, tried at every character).
_EXT_AFTER_DOT = re.compile(r"\." + _EXT + r"(?![\w.])", re.IGNORECASE)
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_TRAIL_NUM = re.compile(r"[\s_-]*\(?\d{1,3}\)?$")


@lru_cache(maxsize=4096)
def norm(s: str | None) -> str:
    """Text for comparing alt, caption and headline: NFC, case-folded, spaces collapsed, edge
    punctuation dropped. Cached: several rules compare the same alt texts of a page."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).casefold()
    return _EDGE.sub("", " ".join(s.split()))


@lru_cache(maxsize=4096)
def _fold(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


@lru_cache(maxsize=4096)
def file_name_like(text: str | None) -> str | None:
    """Why ``text`` reads as a file name or URL rather than words, or None. Cached: IM003 and IM009
    ask it of the same alt texts."""
    t = (text or "").strip()
    if not t or len(t) > 300:
        return None
    if _URL.match(t):
        return "a URL"
    if _FILE_EXT.match(t):
        return "a file name"
    if " " in t:
        return None
    if _CAMERA.match(t):
        return "a camera or upload file name"
    if _SLUG.match(t) and (any(c.isdigit() for c in t) or t.count("-") + t.count("_") >= 3):
        return "a file-name slug"
    if _SLUG_DIGITS.match(t):
        return "a file-name slug"
    return None


def _pack_key(article) -> tuple[str, tuple]:
    """What an article's merged pack depends on: its language and the user's pack folders."""
    return article.lang or "", tuple(getattr(article.config, "packs", ()) or ())


@lru_cache(maxsize=64)
def _merged_pack(name: str, lang: str, extra: tuple) -> dict:
    """The lists of pack ``name`` for vi, en and ``lang`` together, built once per process (like
    :func:`lint.packs.load_pack`, whose cached answers it merges): treat it as read-only."""
    out: dict = {}
    for code in ("vi", "en", lang):
        if not code:
            continue
        for k, v in load_pack(code, name, extra).items():
            if isinstance(v, list):
                cur = out.setdefault(k, [])
                cur.extend(x for x in v if x not in cur)
    return out


def _placeholders(article) -> frozenset:
    return _placeholder_words(*_pack_key(article))


@lru_cache(maxsize=64)
def _placeholder_words(lang: str, extra: tuple) -> frozenset:
    return frozenset(norm(str(x)) for x in _merged_pack("images", lang, extra).get("placeholders", []))


@lru_cache(maxsize=64)
def _redundant_prefixes(lang: str, extra: tuple) -> tuple[str, ...]:
    """The pack's redundant openings, folded, longest first (the first that fits is the one named)."""
    pats = [_fold(str(p)) for p in _merged_pack("images", lang, extra).get("redundant_prefixes", [])]
    pats.sort(key=len, reverse=True)
    return tuple(pats)


@lru_cache(maxsize=4096)
def is_placeholder(alt: str, words: frozenset) -> bool:
    """Is ``alt`` one of ``words``, or one followed by a number? Cached: IM004 and IM009 ask it of
    the same alt texts."""
    n = norm(alt)
    if not n:
        return False
    if n in words:
        return True
    stripped = norm(_TRAIL_NUM.sub("", n))
    return bool(stripped) and stripped != n and stripped in words


def _img_loc(article, img, attr: str | None = None) -> Loc:
    span = image_span(article, img, attr)
    if span is None:
        return Loc(element=img.element, attr=attr)
    return Loc(offset=span[0], end_offset=span[1])


def _alt_loc(img, article=None) -> Loc:
    attr = "alt" if img.alt is not None else None
    return _img_loc(article, img, attr) if article is not None else Loc(element=img.element, attr=attr)


def _name(img) -> str:
    if (img.src or "").startswith("data:"):
        return "(an inline data: image)"
    return ((img.src or "").rsplit("/", 1)[-1].split("?")[0][:60]) or "(no src)"


def _content(article) -> list:
    """The page's content images (made once per article; the alt-text rules all read it)."""
    got = article.__dict__.get("_im_content")
    if got is None:
        got = article.__dict__["_im_content"] = [i for i in article.images if i.content]
    return got


@check("IM001")
def alt_missing(article, options):
    """A content image with no ``alt`` attribute at all."""
    for img in _content(article):
        if img.alt is None:
            yield Problem(f"content image {_name(img)!r} has no alt attribute; describe what it shows "
                          f"(or alt=\"\" if it is decoration). Judged content: {img.reason}",
                          _img_loc(article, img), anchor=img.src or "")


@check("IM002")
def alt_empty(article, options):
    """A content image outside a figure with ``alt=""`` and no caption: a reader learns nothing."""
    for img in _content(article):
        if img.alt is not None and not img.alt.strip() and not img.caption and img.figure is None:
            yield Problem(f"content image {_name(img)!r} has an empty alt and no caption; describe what it "
                          f"shows (alt=\"\" is for decoration only). Judged content: {img.reason}",
                          _alt_loc(img, article), anchor=img.src or "")


@check("IM003")
def alt_file_name(article, options):
    """The alt text is a file name or URL."""
    for img in _content(article):
        why = file_name_like(img.alt)
        if why:
            yield Problem(f"alt text {img.alt.strip()[:80]!r} is {why}, not a description of the image",
                          _alt_loc(img, article), anchor=img.alt)


@check("IM004")
def alt_placeholder(article, options):
    """The alt text is a placeholder or a generic word (``image``, ``ảnh``, ``untitled``, ``null``)."""
    words = _placeholders(article)
    extra = options.get("extra-words")
    if extra:
        words = words | frozenset(norm(str(w)) for w in extra)
    for img in _content(article):
        if img.alt and is_placeholder(img.alt, words):
            yield Problem(f"alt text {img.alt.strip()[:60]!r} is a placeholder; describe what the image shows",
                          _alt_loc(img, article), anchor=img.alt)


@check("IM005")
def alt_repeats_caption(article, options):
    """The alt text repeats the caption word for word: a screen reader reads it twice."""
    for img in _content(article):
        if img.alt and img.caption and norm(img.alt) == norm(img.caption) and norm(img.alt):
            yield Problem("alt text repeats the caption word for word; a screen reader reads it twice. Describe "
                          "what the image shows (the caption says what it means)", _alt_loc(img, article), anchor=img.alt)


@check("IM006")
def alt_is_headline(article, options):
    """Several images carry the headline as their alt text."""
    head = norm(article.page.headline)
    if not head:
        return
    same = [i for i in _content(article) if i.alt and norm(i.alt) == head]
    if len(same) >= int(options.get("min-images", 2)):
        for img in same:
            yield Problem(f"alt text repeats the headline on {len(same)} images; describe what each image shows",
                          _alt_loc(img, article), anchor=img.src or img.alt)


@check("IM007")
def alt_redundant_prefix(article, options):
    """The alt text opens with "image of", "photo of", "ảnh chụp": the screen reader already says image."""
    pats = _redundant_prefixes(*_pack_key(article))
    for img in _content(article):
        n = _fold(img.alt)
        if not n.startswith(pats):  # (all the prefixes at once, in C: most alt texts open with none)
            continue
        for p in pats:
            if p and n.startswith(p) and len(n) > len(p) and (not p[-1].isalnum() or not n[len(p)].isalnum()):
                rest = n[len(p):].strip(" :,-–")
                if len(rest) >= 3:
                    yield Problem(f"alt text opens with {img.alt.strip()[:len(p) + 1].strip()!r}: a screen reader "
                                  "already announces an image; start with what it shows", _alt_loc(img, article),
                                  anchor=img.alt)
                break


@check("IM008")
def alt_too_long(article, options):
    """The alt text is far too long for an alternative (the story belongs in the caption or text)."""
    limit = int(options.get("max-length", 250))
    for img in _content(article):
        if img.alt and len(img.alt.strip()) > limit:
            yield Problem(f"alt text is {len(img.alt.strip())} characters (limit {limit}); keep it to what the "
                          "image shows and move the rest to the caption", _alt_loc(img, article), anchor=img.alt[:80])


@check("IM009")
def alt_duplicate(article, options):
    """The same alt text on different images: at most one of them is described."""
    words = _placeholders(article)
    head = norm(article.page.headline)
    groups: dict = defaultdict(list)
    for img in _content(article):
        n = norm(img.alt)
        if n and n != head and not is_placeholder(img.alt, words) and not file_name_like(img.alt):
            groups[n].append(img)
    for imgs in groups.values():
        files = {file_key(i.src) or id(i) for i in imgs}
        if len(files) < 2:
            continue
        seen = set()
        for img in imgs:
            k = file_key(img.src) or id(img)
            if k in seen or not seen:
                seen.add(k)
                continue
            seen.add(k)
            yield Problem(f"the alt text {img.alt.strip()[:60]!r} is on {len(files)} different images; "
                          "describe each one", _alt_loc(img, article), anchor=(img.src or "") + "|" + img.alt)


@check("IM010")
def figure_without_text(article, options):
    """A ``<figure>`` whose image has an empty alt and no caption."""
    for img in _content(article):
        if img.figure is not None and img.alt is not None and not img.alt.strip() and not img.caption:
            yield Problem(f"figure with image {_name(img)!r} has neither a caption nor alt text; a reader who "
                          "cannot see it learns nothing", Loc(element=img.figure), anchor=img.src or "")


@check("IM011")
def caption_file_name(article, options):
    """A visible caption that shows an image file name (``W-20251115_151509.jpg``)."""
    done = set()
    # The caption blocks (TextBlock.is_caption, read in one comprehension rather than a property
    # call for each of the page's blocks).
    for blk in [b for b in article.blocks if b.tag == "figcaption" or b.in_figure]:
        done.add(id(blk.element))
        yield from _caption_names(blk.text, lambda s, e, b=blk: Loc(block=b, start=s, end=e))
    block_of = None  # id(element) -> its first text block (the blocks keep the elements alive)
    for img in article.images:
        el = img.caption_el
        if el is None or id(el) in done or not img.caption:
            continue
        done.add(id(el))
        if block_of is None:
            block_of = {}
            for b in article.blocks:
                if b.element is not None:
                    block_of.setdefault(id(b.element), b)
        blk = block_of.get(id(el))
        if blk is not None:
            yield from _caption_names(blk.text, lambda s, e, b=blk: Loc(block=b, start=s, end=e))
        else:
            yield from _caption_names(img.caption, lambda s, e, x=el: Loc(element=x))


def _caption_names(text: str, loc):
    whole = file_name_like(text)
    if whole and whole != "a URL":
        yield Problem(f"the caption {text.strip()[:80]!r} is {whole}, not words for a reader", loc(0, len(text)),
                      anchor=text)
        return
    if _EXT_AFTER_DOT.search(text) is None:
        return
    for m in _FILE_IN_TEXT.finditer(text):
        tok = m.group(0)
        if file_name_like(tok):
            yield Problem(f"the caption shows the file name {tok[:80]!r}", loc(m.start(), m.end()), anchor=tok)


# ----------------------------------------------------------------------------- markup images
_LOGO_NAME = re.compile(r"(?:^|[\W_])logo(?:s|type)?(?:$|[\W_\d])", re.IGNORECASE)
_SHARE_WORD = re.compile(r"(?:^|[\W_])(?:share|social|fb|facebook|og|opengraph|default|site|brand|header|"
                         r"banner|nameplate|masthead)(?:$|[\W_\d])", re.IGNORECASE)
_SUPPORTED = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg|avif)$", re.IGNORECASE)
_ANY_EXT = re.compile(r"\.([a-z0-9]{2,5})$", re.IGNORECASE)


def _mloc(article, mi) -> Loc | None:
    if mi.offset is not None:
        return Loc(offset=mi.offset, end_offset=mi.offset + len(mi.url))
    if mi.element is not None:
        return Loc(element=mi.element, attr="content" if mi.source == "og:image" else None)
    return None


def _has_markup(article) -> bool:
    mk = article.markup
    return bool(getattr(mk, "article", None)) or bool(getattr(mk, "opengraph", None))


@check("IM020")
def markup_image_missing(article, options):
    """An article whose markup (JSON-LD article or OpenGraph) names no image."""
    if not _has_markup(article) or markup_images(article):
        return
    yield Problem("the article's markup names no image (JSON-LD image or og:image); search engines and "
                  "social networks show it without a picture", None, anchor="markup-image-missing")


@check("IM021")
def markup_image_not_crawlable(article, options):
    """A markup image search engines cannot fetch: a relative, ``data:`` or non-http(s) URL, or (in
    an audit) an HTTP error or a robots.txt block."""
    for mi in markup_images(article):
        u = mi.url
        low = u.lower()
        if mi.robots_allowed is False:
            yield Problem(f"the {mi.source} image is blocked by robots.txt (audit fetch); search engines cannot "
                          "fetch it", _mloc(article, mi), anchor=mi.source + "|robots|" + u[:200])
            continue
        if mi.status is not None and mi.status != 200:
            what = f"HTTP {mi.status}" if mi.status else "no response"
            yield Problem(f"the {mi.source} image answered {what} when the audit fetched it", _mloc(article, mi),
                          anchor=mi.source + "|status|" + u[:200])
            continue
        if low.startswith("data:"):
            why = "is a data: URI; search engines need an image file at an http(s) URL"
        elif low.startswith(("http://", "https://")):
            continue
        elif low.startswith("//"):
            why = "is protocol-relative; write the full https:// URL"
        elif re.match(r"^[a-z][a-z0-9+.-]*:", low):
            why = f"uses the {low.split(':', 1)[0]}: scheme; search engines fetch only http(s) images"
        else:
            why = "is relative; JSON-LD and OpenGraph consumers do not resolve it against the page" \
                if mi.source == "json-ld" else "is relative; OpenGraph needs an absolute URL"
        shown = u[:60] + ("…" if len(u) > 60 else "")
        yield Problem(f"the {mi.source} image {shown!r} {why}", _mloc(article, mi), anchor=mi.source + "|" + u[:200])


@check("IM022")
def markup_image_small(article, options):
    """A markup image smaller than search engines want (width × height below 50,000 px)."""
    need = int(options.get("min-pixels", 50000))
    for mi in markup_images(article):
        if mi.width and mi.height and mi.width * mi.height < need:
            yield Problem(f"the {mi.source} image is {mi.width}x{mi.height} = {mi.width * mi.height:,} pixels "
                          f"(from {mi.size_from}); search engines want at least {need:,}",
                          _mloc(article, mi), anchor=mi.source + "|" + mi.url[:200])


def _logo_urls(article) -> set:
    ent = getattr(article.markup, "article", None)
    out = set()
    pubs = ent.get("publisher") if isinstance(ent, dict) else None
    for pub in (pubs if isinstance(pubs, list) else [pubs]):
        if not isinstance(pub, dict):
            continue
        logo = pub.get("logo")
        for lg in (logo if isinstance(logo, list) else [logo]):
            if isinstance(lg, str):
                out.add(lg.strip())
            elif isinstance(lg, dict):
                u = lg.get("url") or lg.get("contentUrl")
                if isinstance(u, str):
                    out.add(u.strip())
    return {u for u in out if u}


def _site_logo_url(url: str) -> bool:
    """A URL that names the site's logo, not a story photo of some logo (``alibaba-logo-getty.jpg``):
    "logo" in a folder, a file named just "logo", or "logo" beside a sharing or default word."""
    if "logo" not in url.lower() and "\t" not in url and "\r" not in url and "\n" not in url:
        return False  # (each test needs "logo" in the path, which urlsplit takes as written but for these)
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    folders, _, name = path.rpartition("/")
    stem = name.rsplit(".", 1)[0].lower()
    if _LOGO_NAME.search(folders):
        return True
    if stem in ("logo", "logos", "site-logo", "site_logo"):
        return True
    return bool(_LOGO_NAME.search(stem) and _SHARE_WORD.search(stem))


@check("IM023")
def markup_image_is_logo(article, options):
    """The markup image is the publisher's logo, not a picture of the story."""
    logos = _logo_urls(article)
    keys = {file_key(u) for u in logos} - {""}
    for mi in markup_images(article):
        on_logo = mi.url in logos or (file_key(mi.url) in keys) or _site_logo_url(mi.url)
        if not on_logo and mi.on_page is not None and not mi.on_page.content:
            el = mi.on_page.element
            hint = " ".join(filter(None, [el.get("class"), el.get("id"), mi.on_page.alt]))
            on_logo = bool(_LOGO_NAME.search(hint))
        if on_logo:
            yield Problem(f"the {mi.source} image is the site's logo; use a picture of the story",
                          _mloc(article, mi), anchor=mi.source + "|" + mi.url[:200])


@check("IM024")
def markup_image_format(article, options):
    """The markup image's file type is not one image search supports."""
    for mi in markup_images(article):
        if mi.content_type:
            ct = mi.content_type.split(";")[0].strip().lower()
            if ct.startswith("image/") and ct not in ("image/tiff", "image/heic", "image/heif", "image/x-icon",
                                                      "image/vnd.microsoft.icon", "image/jp2"):
                continue
            if ct.startswith("image/") or ct:
                yield Problem(f"the {mi.source} image is served as {ct!r}; use JPEG, PNG, WebP, GIF, AVIF, "
                              "BMP or SVG", _mloc(article, mi), anchor=mi.source + "|" + mi.url[:200])
            continue
        path = mi.url.split("?", 1)[0].split("#", 1)[0]
        if mi.url.lower().startswith("data:") or _SUPPORTED.search(path):
            continue
        m = _ANY_EXT.search(path.rsplit("/", 1)[-1])
        if m and m.group(1).lower() in ("tif", "tiff", "heic", "heif", "ico", "jp2", "psd", "pdf", "raw", "cr2", "nef"):
            yield Problem(f"the {mi.source} image is a .{m.group(1)} file; use JPEG, PNG, WebP, GIF, AVIF, BMP "
                          "or SVG", _mloc(article, mi), anchor=mi.source + "|" + mi.url[:200])
