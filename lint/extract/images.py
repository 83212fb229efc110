"""Images of the page: src, alt, caption, size, and whether each is content or decoration."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import MARKDOWN

_DECOR_HINT = re.compile(r"(?:^|[\W_])(?:logo|icon|avatar|sprite|spacer|pixel|blank|badge|emoji|"
                         r"button|banner|ads?|advert|tracking|placeholder|loading|spinner)(?:$|[\W_])",
                         re.IGNORECASE)
_CHROME = {"header", "footer", "nav", "aside"}


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
    extra: dict = field(default_factory=dict)


def _int(v) -> int | None:
    if v is None:
        return None
    m = re.match(r"\s*(\d+)", str(v))
    return int(m.group(1)) if m else None


def _src(el) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src", "data-srcset"):
        v = el.get(attr)
        if v and not v.startswith("data:image/gif"):
            return v.strip()
    return (el.get("src") or "").strip() or None


def _caption(el):
    fig = next((a for a in el.iterancestors() if a.tag == "figure"), None)
    if fig is not None:
        cap = fig.find(".//figcaption")
        if cap is not None:
            t = " ".join(cap.text_content().split())
            return (t or None), cap
    return None, None


def classify(img: Image, body) -> None:
    el = img.element
    if (el.get("role") or "").lower() in ("presentation", "none") or (el.get("aria-hidden") or "") == "true":
        img.content, img.reason = False, "marked decorative (role or aria-hidden)"
        return
    w, h = img.width, img.height
    if (w is not None and w <= 2) or (h is not None and h <= 2):
        img.content, img.reason = False, "a tracking pixel or spacer (1-2 px)"
        return
    if w is not None and h is not None and w <= 64 and h <= 64:
        img.content, img.reason = False, f"too small for content ({w}x{h})"
        return
    hint = " ".join(filter(None, [img.src or "", el.get("class") or "", el.get("id") or ""]))
    if _DECOR_HINT.search(hint) and not img.caption:
        img.content, img.reason = False, "its src, class or id names a logo, icon, avatar or ad"
        return
    if any(a.tag in _CHROME for a in el.iterancestors()) and not img.in_body:
        img.content, img.reason = False, "in page chrome (header, footer, nav or aside)"
        return
    if img.in_body:
        img.content, img.reason = True, "in the article body" + (" with a caption" if img.caption else "")
    elif img.caption:
        img.content, img.reason = True, "in a figure with a caption"
    else:
        img.content, img.reason = False, "outside the article body"


def extract_images(article) -> list[Image]:
    root = article.tree
    if root is None:
        return []
    body = article.body.element
    body_set = set(body.iter("img")) if body is not None else set()
    out = []
    for el in root.iter("img"):
        cap, cap_el = _caption(el)
        img = Image(el, _src(el), el.get("alt"), cap, cap_el, _int(el.get("width")), _int(el.get("height")),
                    el in body_set or article.kind == MARKDOWN, srcset=el.get("srcset"))
        classify(img, body)
        out.append(img)
    return out
