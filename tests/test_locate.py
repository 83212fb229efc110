"""Locating rendered text in the source: a violation's text is found where a person edits it,
across inline tags, comments, entities and collapsed white space."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import locate

# Pieces of a source: characters a needle may hold and the markup that may stand between them.
_TEXT = ["a", "b", "e", "é", "ệ", " ", "\n", "\u00a0", "<", ">", '"', "'", "*", "_", "[", "]", "(", ")", "\\", "-"]
_MARKUP = ["<b>", "</b>", "<a href='x'>", "<!-- c -->", "<!-->", "<!-- a > b -->", "&nbsp;", "&#160;",
           "&#xA0;", "&lt;", "&#60;", "&#x3c;", "&gt;", "&quot;", "&apos;", "&#39;", "&eacute;", "&#233;",
           "&#xe9;", "&#xE9;", "&#x1EC7;", "&#7879;", "&amp;", "&", "**", "](u)", "](", "<", "<!--"]
_source = st.lists(st.sampled_from(_TEXT + _MARKUP), max_size=40).map("".join)
_needle = st.lists(st.sampled_from(_TEXT), min_size=1, max_size=12).map("".join)


def _whole(text, before, needle, markup, pos, endpos):
    m = locate._pattern(before, needle, markup).search(text, pos, endpos)
    return (m.start(1), m.end(1)) if m else None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_source, st.sampled_from(["", "a", "b e", "é ", "<b"]), _needle, st.sampled_from([True, "md"]),
       st.integers(0, 8), st.integers(0, 60))
def test_the_split_search_finds_what_the_whole_pattern_finds(text, before, needle, markup, pos, cut):
    text = before + needle + text if cut % 3 == 0 else text + needle  # often, the needle is there
    endpos = max(pos, len(text) - cut % 7)
    assert locate._search(text, before, needle, markup, pos, endpos) == _whole(text, before, needle, markup, pos,
                                                                                endpos)


def test_a_long_text_split_by_tags_and_entities_is_found_where_it_starts():
    warning = ("Warning: Undefined variable $title in /var/www/html/wp-content/themes/news/single.php "
               "on line 42 and the page went on to render its caption café")
    src = ("<html><body><p>Intro.</p>\n<p>" + warning.replace("Undefined", "<b>Undefined</b>")
           .replace("single.php", "single.<!-- x -->php").replace(" on ", "&nbsp;on\n ")
           .replace("é", "&eacute;") + "</p></body></html>")
    start = src.index("Warning")
    found = locate.find(src, warning, 0)
    assert found == (start, src.index("</p></body>"))
    assert found == _whole(src, "", warning, True, 0, len(src))
    assert locate.find(src, warning[:40], 0, before="Intro.\n") == (start, start + 47)


def test_text_that_is_not_in_the_source_is_not_found():
    assert locate.find("<p>Hello <b>world</b></p>", "Hello there world") is None


def test_an_ampersand_is_found_written_as_an_entity():
    src = "<p>Tom &amp; <i>Jerry</i> met</p>"
    assert locate.find(src, "Tom & Jerry met") == (3, src.index("</p>"))
