"""Sitemaps (urlset, sitemap index, Google News, gzipped, plain text) parsed safely: no entity
expansion, no DTD loading, no network access, and a size cap after decompression."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field


class SitemapError(Exception):
    pass


@dataclass(slots=True)
class Sitemap:
    pages: list = field(default_factory=list)  # (url, lastmod or None)
    sitemaps: list = field(default_factory=list)  # child sitemap URLs (an index)


def gunzip_capped(data: bytes, cap: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, cap + 1)
    except zlib.error as exc:
        raise SitemapError(f"broken gzip data: {exc}") from None
    if len(out) > cap:
        raise SitemapError(f"over the size cap after decompression ({cap:,} bytes)")
    return out


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, cap: int = 50 * 1024 * 1024) -> Sitemap:
    from lxml import etree

    if data[:2] == b"\x1f\x8b":
        data = gunzip_capped(data, cap)
    if len(data) > cap:
        raise SitemapError(f"over the size cap ({cap:,} bytes)")
    sm = Sitemap()
    head = data.lstrip()[:1]
    if head != b"<":
        for line in data.decode("utf-8", "replace").splitlines():
            line = line.strip()
            if line.startswith(("http://", "https://")):
                sm.pages.append((line, None))
        return sm
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, recover=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a sitemap: {exc}") from None
    if root is None:
        raise SitemapError("not a sitemap: empty document")
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap: the root element is <{kind}>")
    for entry in root:
        name = _local(entry.tag)
        if name not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in entry.iter():
            n = _local(child.tag)
            if n == "loc" and loc is None and child.text:
                loc = child.text.strip()
            elif n in ("lastmod", "publication_date") and lastmod is None and child.text:
                lastmod = child.text.strip()[:40]
        if not loc or not loc.startswith(("http://", "https://")):
            continue
        if name == "sitemap":
            sm.sitemaps.append(loc)
        else:
            sm.pages.append((loc, lastmod))
    return sm


def looks_like_sitemap(url: str, content_type: str, body: bytes) -> bool:
    c = (content_type or "").split(";")[0].strip().lower()
    if c in ("application/xml", "text/xml", "application/x-gzip", "application/gzip") or c.endswith("+xml"):
        return c != "application/xhtml+xml"
    head = body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<urlset" in body[:4096].lower() or b"<sitemapindex" in body[:4096].lower())
