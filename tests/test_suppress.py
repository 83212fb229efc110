"""Inline suppressions: disable/enable ranges, disable-next, disable-file, reasons, and NL100."""

from __future__ import annotations

from conftest import lint_snippet

IMG = "<img src='x{}.jpg'>"


def page(*body: str) -> str:
    return "<html lang='en'><body><article>\n" + "\n".join(body) + "\n</article></body></html>\n"


def codes_at(res):
    return sorted((v.code, v.line) for v in res.violations)


def test_disable_next_covers_only_the_next_element():
    res = lint_snippet(page("<!-- newslint: disable-next=IM001 -- supplier photo, alt comes later -->",
                            IMG.format(1), IMG.format(2)), select=["IM001", "NL100"])
    assert codes_at(res) == [("IM001", 4)]


def test_disable_enable_range_and_slug():
    res = lint_snippet(page("<!-- newslint: disable=image-alt-missing -->", IMG.format(1), IMG.format(2),
                            "<!-- newslint: enable=image-alt-missing -->", IMG.format(3)),
                       select=["IM001", "NL100"])
    assert codes_at(res) == [("IM001", 6)]


def test_disable_family_and_all():
    res = lint_snippet(page("<!-- newslint: disable=IM -->", IMG.format(1)), select=["IM001", "NL100"])
    assert codes_at(res) == []
    res = lint_snippet(page("<!-- newslint: disable -->", IMG.format(1)), select=["IM001", "NL100"])
    assert codes_at(res) == []


def test_disable_file():
    res = lint_snippet("<!-- newslint: disable-file=IM001 -->\n" + page(IMG.format(1), IMG.format(2)),
                       select=["IM001", "NL100"])
    assert codes_at(res) == []


def test_unused_suppression_is_reported():
    res = lint_snippet(page("<!-- newslint: disable-next=IM001 -->", "<img src='a.jpg' alt='A bridge'>"),
                       select=["IM001", "NL100"])
    assert [(v.code, v.line, v.column) for v in res.violations] == [("NL100", 2, 1)]
    assert "IM001" in res.violations[0].message


def test_disable_next_before_jsonld_covers_the_whole_block():
    html = ("<html><head>\n<!-- newslint: disable-next=SD002 -- legacy widget -->\n"
            "<script type='application/ld+json'>\n{\"@type\": \"NewsArticle\",\n\"headline\": \"x\",}\n</script>\n"
            "</head><body></body></html>")
    res = lint_snippet(html, select=["SD002", "NL100"])
    assert codes_at(res) == []


def test_suppression_in_markdown():
    md = "---\ntitle: Tin\n---\n\n<!-- newslint: disable-next=TX001 -->\nQuang cảnh hội nghịVới tinh thần.\n\nCác đơn vị ký giao ướcTại hội nghị, khối đã trao cờ.\n"
    res = lint_snippet(md, kind="markdown", select=["TX001", "NL100"], language="vi")
    assert codes_at(res) == [("TX001", 8)]
