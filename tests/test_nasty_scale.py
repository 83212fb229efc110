"""Inputs whose size once made a rule quadratic: they finish, with every result located."""

from __future__ import annotations

from lint import lint_html, lint_text


def test_a_long_run_of_spaces_inside_a_line():
    res = lint_text(" " * 40_000 + "x\n" + "dòng cuối \n", config={"select": ["TX"], "language": "vi"})
    assert res.error is None
    trailing = [v for v in res.violations if "trailing" in v.message]
    assert [(v.line, v.column) for v in trailing] == [(2, 10)]


def test_thousands_of_images_on_one_line_are_each_located():
    n = 5_000
    html = ("<html lang='en'><body><article><p>The council met on Monday to approve the budget.</p><p>"
            + "".join(f"<img src='/photos/p{i}.jpg' width='300' height='200'>" for i in range(n))
            + "</p></article></body></html>")
    res = lint_html(html, config={"select": ["IM001"]})
    assert res.error is None
    cols = [v.column for v in res.violations if v.code == "IM001"]
    assert len(cols) == n and len(set(cols)) == n  # each image at its own column
    first = html.index("<img")
    assert cols[0] == first + 1


def test_a_checked_page_leaves_nothing_for_the_cycle_collector():
    """Memory stays flat over thousands of pages only if each page's tree is freed when its check
    ends: nothing of it may wait in a reference cycle for the garbage collector (whose runs are
    rare in a long check, see lint/process.py)."""
    import gc

    page = ("<html lang='en'><head><title>Budget</title><script type='application/ld+json'>"
            '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget"}</script>'
            "</head><body><article itemscope itemtype='https://schema.org/NewsArticle'>"
            "<h1 itemprop='headline'>Budget approved</h1><p itemprop='author' itemscope "
            "itemtype='https://schema.org/Person'><span itemprop='name'>Jane Roe</span></p>"
            "<div vocab='https://schema.org/' typeof='Person'><span property='name'>Ann Lee</span></div>"
            "<p>The council met on Monday to approve the budget. <img src='/p.jpg' alt='p.jpg'></p>"
            "</article></body></html>")
    lint_html(page, config={"select": ["ALL"]})  # imports and caches first
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            res = lint_html(page, config={"select": ["ALL"]})
            assert res.error is None and res.violations
            del res
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
