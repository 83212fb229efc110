"""Bylines: found in markup, meta, byline blocks and closing lines; names judged; sources read."""

from __future__ import annotations

import pytest

from lint.article import Article
from lint.checks.byline import not_a_name, _pack
from lint.document import Document
from lint.extract.byline import name_like

from conftest import ROOT, lint_snippet, require_shared


def _by(text: str, kind: str = "text"):
    name = {"text": "x.txt", "html": "x.html", "markdown": "x.md"}[kind]
    return Article(Document.from_text(text, name, kind=kind)).byline


BODY = "Tiêu đề bài\n\nChiều 26/02, Văn phòng Tỉnh ủy chủ trì hội nghị ký kết giao ước thi đua năm 2021.\n\n"


def test_seed_byline_and_source():
    seed = next(require_shared("seed").glob("*.txt"))
    doc = Document.from_bytes(seed.read_bytes(), str(seed))
    by = Article(doc).byline
    assert by.visible.name == "Phương Loan"
    assert [s for s, _ in by.sources] == ["nbtv.vn"]
    from lint import Config
    from lint.engine import Linter

    res = Linter(Config.model_validate({"select": ["BY"]})).lint(doc)
    assert [v.code for v in res.violations] == []


def test_seed_html_rebuild():
    text = (ROOT / "examples" / "seed-article.html").read_text(encoding="utf-8")
    by = _by(text, "html")
    assert by.visible.name == "Phương Loan" and [s for s, _ in by.sources] == ["nbtv.vn"]
    assert lint_snippet(text, "html", select=["BY"]).violations == []


@pytest.mark.parametrize("closing,name,source", [
    ("Phương Loan (nbtv.vn)", "Phương Loan", "nbtv.vn"),
    ("Minh Anh (baobinhduong.vn)", "Minh Anh", "baobinhduong.vn"),
    ("Trần Văn Hùng [TTXVN]", "Trần Văn Hùng", "TTXVN"),
    ("Theo TTXVN", None, "TTXVN"),
    ("Nguồn: VnExpress", None, "VnExpress"),
])
def test_closing_lines(closing, name, source):
    by = _by(BODY + closing + "\n")
    assert (by.visible.name if by.visible else None) == name
    assert [s for s, _ in by.sources] == [source]


def test_closing_line_in_capitals():
    by = _by(BODY + "MINH ANH\n")
    assert by.visible.name == "MINH ANH" and by.has_author


def test_a_sentence_is_not_a_byline():
    by = _by(BODY + "Hội nghị kết thúc lúc 17 giờ cùng ngày.\n")
    assert not by.has_author


@pytest.mark.parametrize("text,name", [
    ("Jane Smith and John Doe 2019-11-18T20:51:19Z Health", "Jane Smith and John Doe"),
    ("Mike Wall 2019-11-18 Science & Astronomy", "Mike Wall"),
    ("Bitte geben Sie hier Ihren Namen ein", None),
    ("Phương Loan", "Phương Loan"),
    ("Ludwig van Beethoven | 3 min read", "Ludwig van Beethoven"),
])
def test_names_read_from_a_byline_block(text, name):
    assert name_like(text) == name


@pytest.mark.parametrize("name,why", [
    ("admin", "generic"), ("Webmaster", "generic"), ("By Jane Smith", "starts with"),
    ("jane@example.com", "e-mail"), ("https://example.com/jane", "URL"), ("Staff Writer", "job title"),
    ("Jane Smith and John Doe", "several"), ("Jane Smith, John Doe", "several"), ("Phương Loan và Minh Anh", "several"),
    ("Jane Smith", None), ("Phương Loan", None), ("Nguyễn Thị Minh Khai", None),
])
def test_plausible_names(name, why):
    class A:
        lang = "vi" if any(c in name for c in "ươ") else "en"
        config = None

    got = not_a_name(name, _pack(A()))
    assert (got is None) if why is None else (why in got), got


def test_markup_authors_with_odd_values_never_crash():
    for author in ['5', '[null, {"name": 7}, {"name": ["Jane Smith"]}]', '{"@type": ["Person"], "name": "Jane Smith"}',
                   '"' + "x" * 10000 + '"', '[' + ",".join(['{"name": "A B"}'] * 500) + ']']:
        html = ('<html lang="en"><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
                + author + '}</script></head><body><p class="author"></p><a rel="author"></a></body></html>')
        assert lint_snippet(html, "html", select=["BY"]).error is None


def test_front_matter_author_location():
    md = "---\ntitle: Bridge opens\nauthor: admin\n---\nThe bridge opened.\n"
    res = lint_snippet(md, "markdown", select=["BY002"])
    assert [(v.line, v.column) for v in res.violations] == [(3, 9)]


def test_known_sources_accept_the_configured_ones():
    text = BODY + "Phương Loan (TTXVN)\n"
    assert lint_snippet(text, "text", select=["BY004"], **{"house-style": {"known-sources": ["TTXVN"]}}).violations == []
    res = lint_snippet(text, "text", select=["BY004"], **{"house-style": {"site-domain": "https://www.nbtv.vn/"}})
    assert [(v.line, v.column) for v in res.violations] == [(5, 14)]
