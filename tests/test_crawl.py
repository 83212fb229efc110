"""The crawler on a small site served from 127.0.0.1: sitemap index -> gzipped news sitemap ->
corpus pages; robots.txt disallows a section; a slow page, a 500, a redirect loop, a non-HTML URL,
a server that drips bytes, a gzip bomb and redirects out of scope."""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import require_corpus
from test_audit_site import Site, corpus_pages, gzip_bomb, sitemap_index, urlset


def _records(out):
    return [json.loads(line) for line in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def site():
    require_corpus()
    s = Site().start()
    pages = corpus_pages(6)
    b = s.base
    good = []
    for i, (_, html) in enumerate(pages):
        path = f"/news/{i}.html" if i < 4 else f"/opinion/{i}.html"
        s.add(path, html)
        good.append(path)
    s.add("/slow.html", pages[0][1], delay=0.8)
    good.append("/slow.html")
    s.add("/private/secret.html", pages[1][1])
    s.add("/private/other.html", pages[1][1])
    s.add("/broken.html", b"oops", status=500)
    s.add("/loop-a.html", status=302, headers={"Location": "/loop-b.html"})
    s.add("/loop-b.html", status=302, headers={"Location": "/loop-a.html"})
    s.add("/report.pdf", b"%PDF-1.4 not html", ctype="application/pdf")
    s.add("/drip.html", drip=True)
    s.add("/bomb.html", gzip_bomb(64 << 20), headers={"Content-Encoding": "gzip"})
    s.add("/away.html", status=301, headers={"Location": "http://example.com/elsewhere.html"})
    s.add("/to-file.html", status=302, headers={"Location": "file:///etc/passwd"})
    listed = good + ["/private/secret.html", "/private/other.html", "/broken.html", "/loop-a.html", "/report.pdf",
                     "/drip.html", "/bomb.html", "/away.html", "/to-file.html"]
    s.add("/robots.txt", f"User-agent: *\nDisallow: /private/\nAllow: /private/other.html$\n"
                         f"Sitemap: {b}/sitemap_index.xml\n".encode(), ctype="text/plain")
    s.add("/sitemap_index.xml", sitemap_index([f"{b}/sitemaps/news.xml.gz"]), ctype="application/xml")
    s.add("/sitemaps/news.xml.gz", gzip.compress(urlset([b + p for p in listed])), ctype="application/x-gzip")
    s.good = good
    yield s
    s.stop()


@pytest.fixture(scope="module")
def audited(site, tmp_path_factory):
    from lint.audit.cli import main

    out = tmp_path_factory.mktemp("audit")
    rc = main([f"{site.base}/robots.txt", "-o", str(out), "-j", "2", "--rate", "0", "--timeout", "3",
               "--max-response-bytes", str(4 << 20), "--quiet", "--isolated"])
    assert rc == 0
    return out


@pytest.mark.slow
def test_every_allowed_page_is_linted_and_no_disallowed_one_fetched(site, audited):
    recs = {r["source"]: r for r in _records(audited)}
    for p in site.good:
        r = recs[site.base + p]
        assert r["error"] is None, (p, r["error"])
        assert r["is_article"] is not None and r["status"] == 200
    hit = site.paths_hit()
    assert "/private/secret.html" not in hit
    # robots.txt's longest-match Allow with $ lets one page of the section through
    assert (site.base + "/private/other.html") in recs
    assert not any(p.startswith("/private/") and p != "/private/other.html" for p in hit)
    assert all("newslint" in ua for _, _, ua in site.hits)
    assert hit.count("/robots.txt") == 1


@pytest.mark.slow
def test_each_failure_is_recorded_as_an_error(site, audited):
    recs = {r["source"]: r for r in _records(audited)}
    err = {p: recs[site.base + p]["error"] for p in
           ("/broken.html", "/loop-a.html", "/report.pdf", "/drip.html", "/bomb.html")}
    assert err["/broken.html"].startswith("HTTP 500")
    assert "too many redirects" in err["/loop-a.html"]
    assert "not an HTML page" in err["/report.pdf"] and "application/pdf" in err["/report.pdf"]
    assert "timed out" in err["/drip.html"]
    assert "larger than" in err["/bomb.html"] and "decompression" in err["/bomb.html"]
    assert "refused" in recs[site.base + "/to-file.html"]["error"]


@pytest.mark.slow
def test_no_request_leaves_the_scope(site, audited):
    recs = {r["source"] for r in _records(audited)}
    assert site.base + "/away.html" not in recs  # refused, listed as not fetched
    skipped = [json.loads(x) for x in (audited / "skipped.jsonl").read_text().splitlines()]
    reasons = {s["url"]: s["reason"] for s in skipped}
    assert "out of scope" in reasons[site.base + "/away.html"]
    assert "robots.txt" in reasons[site.base + "/private/secret.html"]


@pytest.mark.slow
def test_report_lists_every_page_and_failure(site, audited):
    html = (audited / "report.html").read_text(encoding="utf-8")
    recs = _records(audited)
    for r in recs:
        assert r["source"] in html
    assert "HTTP 500" in html and "too many redirects" in html
    summary = json.loads((audited / "summary.json").read_text())
    assert summary["pages"] == len(recs) and summary["errors"] == 6
    assert summary["skipped"] == 2
    csv_lines = (audited / "pages.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == len(recs) + 1
    vio = [json.loads(x) for x in (audited / "violations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(vio) == summary["violations"]
    assert all(v["source"].startswith(site.base) and {"code", "line", "column", "message"} <= set(v) for v in vio)


@pytest.mark.slow
def test_start_page_follows_same_site_links_within_depth(tmp_path):
    require_corpus()
    from lint.audit.cli import main

    s = Site().start()
    try:
        page = corpus_pages(1)[0][1]
        s.add("/robots.txt", b"User-agent: *\nDisallow: /nope/\n", ctype="text/plain")
        s.add("/", b'<html><body><a href="/a.html">a</a> <a href="/nope/x.html">x</a> '
                   b'<a href="http://example.com/out.html">out</a> <a href="ftp://127.0.0.1/f">f</a> '
                   b'<a href="/img.png">i</a></body></html>')
        s.add("/a.html", page.replace(b"</body>", b'<a href="/b.html">b</a></body>', 1))
        s.add("/b.html", page.replace(b"</body>", b'<a href="/c.html">c</a></body>', 1))
        s.add("/c.html", page)
        rc = main([s.base + "/", "-o", str(tmp_path), "-j", "1", "--rate", "0", "--max-depth", "2", "--quiet",
                   "--isolated"])
        assert rc == 0
        got = {r["source"].removeprefix(s.base) for r in _records(tmp_path)}
        assert got == {"/", "/a.html", "/b.html"}
        assert "/c.html" not in s.paths_hit() and "/img.png" not in s.paths_hit()
        assert not any(p.startswith("/nope") for p in s.paths_hit())
    finally:
        s.stop()


@pytest.mark.slow
def test_max_pages_caps_the_crawl_and_progress_lines_are_plain(site, tmp_path, capsys):
    from lint.audit.cli import main

    rc = main([f"{site.base}/sitemap_index.xml", "-o", str(tmp_path), "-j", "1", "--rate", "0", "--timeout", "3",
               "--max-pages", "3", "--isolated"])
    assert rc == 0
    assert len(_records(tmp_path)) == 3
    err = capsys.readouterr().err
    assert "newslint audit: 3 pages" in err and "pages/s" in err and "\r" not in err


def test_a_robots_txt_server_error_means_nothing_is_fetched(tmp_path):
    from lint.audit.cli import main

    s = Site().start()
    try:
        s.add("/robots.txt", b"down", status=503)
        s.add("/a.html", b"<html><body><p>Hello.</p></body></html>")
        urls = tmp_path / "urls.txt"
        urls.write_text(s.base + "/a.html\n")
        assert main(["--urls", str(urls), "-o", str(tmp_path / "out"), "--rate", "0", "-j", "1", "--quiet",
                     "--isolated"]) == 0
        assert "/a.html" not in s.paths_hit()
        skipped = [json.loads(x) for x in (tmp_path / "out" / "skipped.jsonl").read_text().splitlines()]
        assert len(skipped) == 1 and "HTTP 503" in skipped[0]["reason"]
        assert (tmp_path / "out" / "pages.jsonl").read_text() == ""
    finally:
        s.stop()
