"""The crawler does no harm: safe sitemap parsing, scope and address checks, robots.txt by the
search engines' rules, capped decompression, and image facts handed to the rules as data."""

from __future__ import annotations

import asyncio
import json
import struct
import zlib

import pytest


def test_sitemap_entities_are_not_expanded_and_no_file_is_read(tmp_path):
    from lint.audit.sitemaps import parse_sitemap

    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/&x;</loc></url>'
           '<url><loc>https://a.example/ok</loc></url></urlset>').encode()
    sm = parse_sitemap(xxe)
    assert all("TOPSECRET" not in u for u, _ in sm.pages)
    assert ("https://a.example/ok", None) in sm.pages
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + ']><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/&lol9;'
              '</loc></url></urlset>').encode()
    sm = parse_sitemap(laughs)
    assert sum(len(u) for u, _ in sm.pages) < 1000


def test_sitemap_kinds_and_gzip_cap():
    import gzip

    from lint.audit.sitemaps import SitemapError, parse_sitemap

    idx = parse_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
                        b'<loc> https://a.example/s1.xml.gz </loc></sitemap><sitemap><loc>javascript:x</loc></sitemap>'
                        b'</sitemapindex>')
    assert idx.sitemaps == ["https://a.example/s1.xml.gz"] and not idx.pages
    news = parse_sitemap(gzip.compress(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/'
        b'sitemap-news/0.9"><url><loc>https://a.example/1</loc><n:news><n:publication_date>2024-05-01'
        b'</n:publication_date></n:news></url></urlset>'))
    assert news.pages == [("https://a.example/1", "2024-05-01")]
    assert parse_sitemap(b"https://a.example/x\nnot a url\n").pages == [("https://a.example/x", None)]
    with pytest.raises(SitemapError, match="after decompression"):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>"), cap=1_000_000)
    with pytest.raises(SitemapError):
        parse_sitemap(b"<html><body>not a sitemap</body></html>")


def test_scope_refuses_other_schemes_hosts_and_private_addresses():
    from lint.audit.scope import Scope, normalize

    assert normalize("ftp://a.example/x") is None and normalize("javascript:alert(1)") is None
    assert normalize("file:///etc/passwd") is None
    assert normalize("HTTP://WWW.A.example:80/x/?utm_source=t&b=1#frag") == "http://www.a.example/x/?b=1"
    assert normalize("../y", "https://a.example/x/z.html") == "https://a.example/y"
    public = Scope(["https://www.a.example/"], allow_private=None)
    assert public.in_scope("https://a.example/news/1") and public.in_scope("http://www.a.example/x")
    assert not public.in_scope("https://b.example/") and not public.in_scope("https://a.example.evil.com/")
    assert not public.allow_private
    loop = asyncio.new_event_loop()
    try:
        for u in ("http://127.0.0.1/", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest",
                  "http://localhost:8080/", "http://192.168.0.1/", "http://[::ffff:127.0.0.1]/"):
            assert loop.run_until_complete(public.address_allowed(u, loop)) is False, u
        local = Scope(["http://127.0.0.1:8000/"])
        assert local.allow_private
        assert loop.run_until_complete(local.address_allowed("http://127.0.0.1:8000/a", loop))
    finally:
        loop.close()
    assert not local.in_scope("http://127.0.0.1:9999/")  # another port is another site
    inc = Scope(["https://a.example/"], include=[r"/news/"], exclude=[r"\?print=1"])
    assert inc.wanted("https://a.example/news/1") and not inc.wanted("https://a.example/sport/1")
    assert not inc.wanted("https://a.example/news/1?print=1")


def test_robots_rules_as_search_engines_read_them():
    from lint.audit.robots import Robots

    r = Robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /news/\nAllow: /news/public/\nCrawl-delay: 2\n"
               "Sitemap: https://a.example/sm.xml\n", 200)
    assert not r.allowed("https://a.example/files/a.pdf") and r.allowed("https://a.example/files/a.pdf?x=1")
    assert not r.allowed("https://a.example/news/1") and r.allowed("https://a.example/news/public/1")
    assert r.crawl_delay() == 2.0 and r.sitemaps() == ["https://a.example/sm.xml"]
    named = Robots("User-agent: *\nDisallow: /\n\nUser-agent: newslint\nDisallow: /private/\n", 200)
    assert named.allowed("https://a.example/x") and not named.allowed("https://a.example/private/x")
    assert Robots(None, 404).allowed("https://a.example/anything")
    assert not Robots(None, 503).allowed("https://a.example/anything")


def test_decompression_stops_at_the_cap():
    from lint.audit.crawl import _Decoder

    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = c.compress(b"\0" * (50 << 20)) + c.flush()
    assert len(bomb) < 100_000
    d = _Decoder("gzip")
    out = d.feed(bomb, 1_000_000)
    assert 1_000_000 < len(out) <= 1_000_001


def _png(w, h):
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", w, h) + b"\x08\x02\0\0\0"


def test_image_sizes_from_first_bytes():
    from lint.audit.images import image_size, markup_image_urls

    assert image_size(_png(1200, 800)) == (1200, 800)
    assert image_size(b"GIF89a" + struct.pack("<HH", 40, 30)) == (40, 30)
    jpeg = b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9 + b"\xff\xc0" + struct.pack(
        ">HBHH", 17, 8, 675, 1200) + b"\0" * 10
    assert image_size(jpeg) == (1200, 675)
    assert image_size(b"not an image") is None and image_size(b"\xff\xd8\xff") is None
    html = (b'<meta property="og:image" content="https://c.example/og.jpg"><script type="application/ld+json">'
            b'{"@graph":[{"@type":"NewsArticle","image":{"@type":"ImageObject","url":"/ld.png"}}]}</script>')
    assert markup_image_urls(html) == ["/ld.png", "https://c.example/og.jpg"]


@pytest.mark.slow
def test_check_images_hands_status_and_real_size_to_the_image_rules(tmp_path):
    from lint.audit.cli import main
    from test_audit_site import Site

    s = Site().start()
    try:
        def page(img):
            ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A headline here",
                             "image": img, "datePublished": "2024-01-01"})
            return (f'<html lang="en"><head><script type="application/ld+json">{ld}</script></head><body><article>'
                    f'<h1>A headline here</h1><p>Some text of the article.</p></article></body></html>').encode()

        s.add("/robots.txt", b"User-agent: *\nDisallow: /blocked/\n", ctype="text/plain")
        s.add("/ok.html", page(s.base + "/img/big.png"))
        s.add("/missing.html", page(s.base + "/img/gone.jpg"))
        s.add("/tiny.html", page(s.base + "/img/tiny.png"))
        s.add("/blocked.html", page(s.base + "/blocked/a.png"))
        s.add("/img/big.png", _png(1600, 900) + b"\0" * 100_000, ctype="image/png")
        s.add("/img/tiny.png", _png(40, 30), ctype="image/png")
        s.add("/blocked/a.png", _png(1600, 900), ctype="image/png")
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(s.base + p for p in ("/ok.html", "/missing.html", "/tiny.html", "/blocked.html")))
        out = tmp_path / "out"
        assert main(["--urls", str(urls), "-o", str(out), "--check-images", "--rate", "0", "-j", "1", "--quiet",
                     "--isolated", "--select", "IM021,IM022"]) == 0
        recs = {json.loads(x)["source"].removeprefix(s.base): json.loads(x)
                for x in (out / "pages.jsonl").read_text().splitlines()}
        codes = {k: sorted(v["code"] for v in r["violations"]) for k, r in recs.items()}
        assert codes["/ok.html"] == []
        assert codes["/missing.html"] == ["IM021"] and "404" in recs["/missing.html"]["violations"][0]["message"]
        assert codes["/tiny.html"] == ["IM022"]
        assert codes["/blocked.html"] == ["IM021"] and "robots" in recs["/blocked.html"]["violations"][0]["message"]
        hit = s.paths_hit()
        assert "/blocked/a.png" not in hit
        assert ("HEAD", "/img/big.png") in {(m, p) for m, p, _ in s.hits}
    finally:
        s.stop()


def test_connect_time_resolver_drops_private_addresses():
    from lint.audit.crawl import _safe_resolver

    async def go():
        strict, lax = _safe_resolver(False), _safe_resolver(True)
        with pytest.raises(OSError, match="private or loopback"):
            await strict.resolve("localhost", 80)
        assert await lax.resolve("localhost", 80)

    asyncio.run(go())
