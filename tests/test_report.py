"""The audit's HTML report: self-contained, charts and tables render, filtering and sorting work,
and nothing a page supplied (headline, alt, JSON-LD, URL, message context) can run as script."""

from __future__ import annotations

import json
import re

import pytest

from conftest import require_chromium

PAYLOADS = {
    "headline": "<script>window.__pwned='headline'</script><img src=x onerror=\"window.__pwned='h-img'\">",
    "jsonld": "</script><script>window.__pwned='jsonld'</script>",
    "alt": "\"><svg onload=\"window.__pwned='alt'\">",
    "url": "https://evil.example/\"><script>window.__pwned='url'</script>",
}


def _page(i: int, headline: str, author_url: str, month: str, extra: str = "") -> bytes:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "datePublished": f"{month}-05T08:00:00+07:00", "dateModified": "2024-06-01T00:00:00Z",
                     "image": "https://cdn.example/a.jpg",
                     "author": {"@type": "Person", "name": "Lan Nguyen " + PAYLOADS["jsonld"], "url": author_url}})
    ld = ld.replace("</", "<\\/")
    # One long line, so that violation contexts carry the payloads too.
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}</title>'
            f'<script type="application/ld+json">{ld}</script></head><body><article>'
            f'<h1>{headline}</h1><p class="byline">By Lan Nguyen</p><time datetime="{month}-05">{month}</time>'
            f'<p>Report number {i} about the city budget.</p><img src="photo{i}.jpg" alt=\'{PAYLOADS["alt"]}\'>'
            f'<img src="chart{i}.png"><p>More text,more text.</p>{extra}</article></body></html>').encode()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from lint.audit.cli import main
    from lint.audit.warc import write_warc

    tmp = tmp_path_factory.mktemp("report")
    pages = []
    months = ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    for i in range(10):
        headline = f"City council budget story {i} " + (PAYLOADS["headline"] if i % 3 == 0 else "")
        url = PAYLOADS["url"] + f"?n={i}" if i == 0 else f"https://news.example/{'city' if i % 2 else 'world'}/{i}"
        pages.append((url, _page(i, headline, f"https://news.example/author/{i % 2}", months[i % 5]),
                      "text/html; charset=utf-8"))
    # The same headline on two URLs (a cross-page finding), and one unique token to filter on.
    pages.append(("https://news.example/city/dupe", _page(99, "City council budget story 1 ", "https://news.example/author/1",
                                                           "2024-01", "<p>zebra-token</p>"), "text/html"))
    warc = tmp / "r.warc.gz"
    write_warc(str(warc), pages)
    out = tmp / "out"
    assert main(["--warc", str(warc), "-o", str(out), "-j", "1", "--quiet", "--isolated", "--select", "ALL"]) == 0
    return out


def test_page_supplied_text_is_escaped_everywhere(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b", html, re.IGNORECASE)
    assert len(scripts) == 1  # only the report's own
    assert "window.__pwned" in html  # the payloads are shown, as text
    assert "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html.lower()


def test_csp_allows_only_the_reports_own_inline_script_and_style(report):
    import base64
    import hashlib

    html = (report / "report.html").read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "http" not in csp
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    for body, directive in ((script, "script-src"), (style, "style-src")):
        h = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{h}'" in csp
    assert ' style="' not in html  # inline style attributes would be blocked by the policy


def test_outputs_and_cross_page_checks(report):
    s = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    assert s["pages"] == 11
    cp = s["cross_page"]
    assert any(h["count"] == 2 for h in cp["same_headline_different_urls"])
    names = [a["name"] for a in cp["same_author_different_urls"]]
    assert len(names) == 1 and names[0].startswith("Lan Nguyen") and len(cp["same_author_different_urls"][0]["urls"]) == 2
    fresh = cp["shared_date_modified"]
    assert fresh["suspicious"] and fresh["pages"] == 11 and fresh["share"] == 1.0
    assert set(s["by_month"]) == {"2023-11", "2023-12", "2024-01", "2024-02", "2024-03"}
    assert {"/city/", "/world/"} <= set(s["by_section"])


@pytest.mark.slow
@pytest.mark.browser
def test_report_renders_filters_sorts_and_runs_no_page_script(report):
    exe = require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        from conftest import _unavailable

        _unavailable("the playwright package is not installed (pip install playwright)")

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=args, headless=True)
        try:
            page = browser.new_page()
            dialogs, requests, errors = [], [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((report / "report.html").as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None
            assert not dialogs and not errors
            assert all(u.startswith("file://") for u in requests), requests
            # charts: bars per rule, per family, per section, per month and the month heatmap
            assert page.locator("svg.chart").count() >= 5
            assert page.locator("#by-month svg rect").count() >= 5
            rows = page.locator("#pages tbody tr")
            assert rows.count() == 11
            assert page.locator("#shown").inner_text() == "11"  # the report's own script ran
            page.fill("#filter", "zebra-token")
            assert page.locator("#pages tbody tr:not([hidden])").count() == 1
            assert page.locator("#shown").inner_text() == "1"
            page.fill("#filter", "")
            code = page.locator("#rule-filter option").nth(1).get_attribute("value")
            page.select_option("#rule-filter", code)
            shown = page.locator("#pages tbody tr:not([hidden])")
            assert 0 < shown.count() <= 11
            for i in range(shown.count()):
                assert code in shown.nth(i).get_attribute("data-rules").split()
            page.select_option("#rule-filter", "")
            th = page.locator("#pages thead th", has_text="violations")
            th.click()
            vals = [int(x) for x in page.locator("#pages tbody tr td:nth-child(5)").all_inner_texts()]
            assert vals == sorted(vals)
            th.click()
            vals = [int(x) for x in page.locator("#pages tbody tr td:nth-child(5)").all_inner_texts()]
            assert vals == sorted(vals, reverse=True)
            # open every details element: the escaped payloads still do not run
            for d in page.locator("details").all():
                d.locator("summary").click()
            assert page.evaluate("window.__pwned") is None and not dialogs
            # the payloads are there, shown as text
            text = page.inner_text("#pages")
            assert "window.__pwned='headline'" in text
            assert "<script>window.__pwned='url'</script>" in text
        finally:
            browser.close()



def test_any_page_supplied_text_stays_text(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from lxml import html as lhtml

    from lint import catalogue
    from lint.audit.report import build

    cat = catalogue.load()
    tokens = list("<>\"'&=/ ;:aeiostx-()") + ["script", "onerror", "javascript:", "</", "<!--", "\u2028", "\x00",
                                                "\ud800"]
    nasty = st.lists(st.sampled_from(tokens), max_size=30).map("".join)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(src=nasty, headline=nasty, message=nasty, context=nasty, author=nasty, err=nasty)
    def check(src, headline, message, context, author, err):
        rec = {"source": "https://a.example/" + src, "url": src, "status": 200, "kind": "html", "is_article": True,
               "error": err or None, "meta": {"headline": headline, "published": "2024-01-02", "modified": src,
                                              "authors": [{"name": author, "url": src}, {"name": author, "url": "x"}]},
               "violations": [{"code": "IM001", "slug": "image-alt-missing", "severity": "warning",
                               "message": message, "line": 1, "column": 1, "end_line": 1, "end_column": 2,
                               "context": context, "fingerprint": "f"}]}
        (tmp_path / "pages.jsonl").write_text(json.dumps(rec) + "\n" + json.dumps({**rec, "source": "b"}) + "\n",
                                              encoding="utf-8")
        build(tmp_path, cat)
        doc = lhtml.fromstring((tmp_path / "report.html").read_bytes())
        assert len(doc.xpath("//script")) == 1
        assert not doc.xpath("//*[@*[starts-with(name(), 'on')]]")
        assert not doc.xpath("//iframe|//object|//embed|//img|//base|//form|//meta[@http-equiv='refresh']")
        assert all(h.startswith(("https://", "http://")) for h in doc.xpath("//a/@href"))

    check()
