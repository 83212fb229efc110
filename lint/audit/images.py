"""``--check-images``: find a page's markup image URL cheaply, and read an image's real size from
the first bytes of the file (PNG, GIF, JPEG, WebP), so the image rules get data, not I/O."""

from __future__ import annotations

import json
import re
import struct

_OG_IMAGE = re.compile(r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:og:image|og:image:url|twitter:image)["'][^>]*>""",
                       re.IGNORECASE)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LD = re.compile(r"""<script[^>]+application/ld\+json[^>]*>(.*?)</script>""", re.IGNORECASE | re.DOTALL)


def _ld_image(node, depth=0):
    if depth > 8:
        return None
    if isinstance(node, list):
        for n in node:
            r = _ld_image(n, depth + 1)
            if r:
                return r
        return None
    if not isinstance(node, dict):
        return None
    img = node.get("image")
    if isinstance(img, str):
        return img
    if isinstance(img, dict) and isinstance(img.get("url"), str):
        return img["url"]
    if isinstance(img, list) and img:
        first = img[0]
        if isinstance(first, str):
            return first
        if isinstance(first, dict) and isinstance(first.get("url"), str):
            return first["url"]
    return _ld_image(node.get("@graph"), depth + 1)


def markup_image_urls(html: bytes, limit: int = 3) -> list[str]:
    """The JSON-LD ``image`` of the page and its ``og:image`` (first of each), as written."""
    text = html[:2_000_000].decode("utf-8", "replace")
    out = []
    for m in _LD.finditer(text):
        try:
            u = _ld_image(json.loads(m.group(1)[:1_000_000]))
        except (ValueError, RecursionError):
            continue
        if u:
            out.append(u.strip())
            break
    m = _OG_IMAGE.search(text)
    if m:
        c = _CONTENT.search(m.group(0))
        if c:
            out.append((c.group(1) or c.group(2) or "").strip())
    seen = []
    for u in out:
        if u and u not in seen:
            seen.append(u)
    return seen[:limit]


def image_size(head: bytes) -> tuple[int, int] | None:
    """(width, height) from the first bytes of an image file, or None."""
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
            return struct.unpack(">II", head[16:24])
        if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
            return struct.unpack("<HH", head[6:10])
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            chunk = head[12:16]
            if chunk == b"VP8X" and len(head) >= 30:
                w = int.from_bytes(head[24:27], "little") + 1
                h = int.from_bytes(head[27:30], "little") + 1
                return w, h
            if chunk == b"VP8 " and len(head) >= 30:
                w, h = struct.unpack("<HH", head[26:30])
                return w & 0x3FFF, h & 0x3FFF
            if chunk == b"VP8L" and len(head) >= 25:
                b = head[21:25]
                w = 1 + (((b[1] & 0x3F) << 8) | b[0])
                h = 1 + (((b[3] & 0xF) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
                return w, h
        if head[:2] == b"\xff\xd8":
            i = 2
            while i + 9 < len(head):
                if head[i] != 0xFF:
                    i += 1
                    continue
                marker = head[i + 1]
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                    i += 2
                    continue
                seg = struct.unpack(">H", head[i + 2:i + 4])[0]
                if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                    h, w = struct.unpack(">HH", head[i + 5:i + 9])
                    return w, h
                i += 2 + seg
    except (struct.error, IndexError):
        return None
    return None
