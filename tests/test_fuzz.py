"""Property-based fuzzing of the single-document path: HTML, JSON-LD, Markdown and raw bytes.

The property: whatever the input, linting returns a result — violations located inside the
document and/or an input or budget error — and never raises or reports an ``internal error``.

CI runs a short, derandomized campaign (the same examples every run). A long campaign:
``NEWSLINT_FUZZ_EXAMPLES=20000 python -m pytest -q tests/test_fuzz.py`` (random, examples per test).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import Config
from lint.document import Document, InputError
from lint.engine import Linter

LONG = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=LONG or 40,
    derandomize=not LONG,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
_LINTER = None


def linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(Config.model_validate({"select": ["ALL"]}))
    return _LINTER


def check(data, kind: str, name: str):
    try:
        doc = (Document.from_bytes(data, name, kind=kind) if isinstance(data, bytes)
               else Document.from_text(data, name, kind=kind))
    except InputError:
        return None
    res = linter().lint(doc)
    assert "internal error" not in (res.error or ""), res.error
    lines = len(doc.line_starts)
    for v in res.violations:
        assert 1 <= v.line <= lines and 1 <= v.end_line <= lines, (v.code, v.line, v.end_line, lines)
        assert v.column >= 1 and v.end_column >= 1, (v.code, v.column)
    return res


# ---------------------------------------------------------------- strategies

ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    + list(" .,;:!?-–—()[]{}\"'“”‘’…/\\<>&=#%@*_|~^`+") + ["\n", "\t", "\r", "\xa0", "\u200b", "\ufeff", "\x00",
                                                          "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\u2028",
                                                          "\ud800", "\U0001F600", "e\u0301", "]]>", "-->",
                                                          "</script>", "<!--", "{{<", ">}}", "{%", "%}"])
TEXT = st.lists(ALPHABET, max_size=60).map("".join)
WORDS = st.lists(st.sampled_from(["Hà Nội", "hôm nay", "Theo", "Nguyễn Văn A", "ảnh:", "Ảnh: TTXVN", "đã",
                                  "2/1/2024", "02-01-2024 10:30", "2024-01-02T03:04:05+07:00", "Thứ Hai,",
                                  "by John Smith", "Jan. 2, 2024", "photo.jpg", "IMG_0001.JPG", "bài viết",
                                  "hội nghị.Nhiều", "tham dự,nhiều", "iPhone", "TP.HCM", "lượt xem", "(Ảnh minh họa)"]),
                 max_size=12).map(" ".join)
PROSE = st.one_of(TEXT, WORDS)

TAGS = ["p", "div", "span", "a", "em", "strong", "h1", "h2", "article", "section", "figure", "figcaption",
        "time", "li", "ul", "table", "td", "tr", "header", "footer", "nav", "aside", "main", "blockquote",
        "pre", "code", "noscript", "template", "svg", "b", "i", "sup", "font", "center"]
ATTRS = ["class", "id", "itemprop", "itemscope", "itemtype", "datetime", "src", "alt", "title", "href",
         "rel", "content", "property", "name", "hidden", "style", "width", "height", "lang", "data-src",
         "aria-hidden", "srcset", "loading", "role"]
ATTR_VALUES = st.one_of(PROSE, st.sampled_from([
    "", "author", "byline", "articleBody", "headline", "datePublished", "https://schema.org/NewsArticle",
    "article-body", "display:none", "true", "0", "-1", "99999999999999999999", "a.jpg", "data:image/gif;base64,R0lG",
    "2024-13-45", "og:image", "article:published_time", "canonical", "javascript:alert(1)", "x" * 300]))


@st.composite
def attributes(draw):
    out = []
    for name in draw(st.lists(st.sampled_from(ATTRS), max_size=4)):
        v = draw(ATTR_VALUES).replace('"', "&quot;")
        out.append(f' {name}="{v}"' if draw(st.booleans()) else f" {name}={v.split(' ')[0] or 'x'}")
    return "".join(out)


JSON_KEYS = st.sampled_from(["@type", "@id", "@graph", "@context", "@value", "@list", "headline", "name", "author",
                             "datePublished", "dateModified", "image", "url", "publisher", "logo", "mainEntityOfPage",
                             "isPartOf", "about", "articleBody", "width", "height", "inLanguage", "description",
                             "creator", "contentUrl", "itemListElement", "sameAs"])
JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), PROSE,
    st.sampled_from(["NewsArticle", "Article", "Person", "Organization", "ImageObject", "WebPage", "BreadcrumbList",
                     "https://schema.org/NewsArticle", "#a", "#b", "#c", "2024-01-02", "2024-01-02T03:04:05+07:00",
                     "https://e.vn/a.jpg", "https://schema.org", "http://schema.org/"]),
    st.sampled_from(["#a", "#b", "#c"]).map(lambda i: {"@id": i}),
)
JSON_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(JSON_KEYS, inner, max_size=5)), max_leaves=25)


@st.composite
def jsonld_block(draw):
    value = draw(JSON_VALUES)
    raw = json.dumps(value, ensure_ascii=draw(st.booleans()), allow_nan=True)
    how = draw(st.integers(0, 9))
    if how == 0 and raw:  # broken JSON: cut it somewhere
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif how == 1:
        raw = raw.replace('"', "'", 1)
    elif how == 2:
        raw = "\ufeff" + raw + ","
    return f'<script type="application/ld+json">{raw}</script>'


@st.composite
def html_tree(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 1))):
        kind = draw(st.integers(0, 9))
        if kind <= 2:
            parts.append(draw(PROSE).replace("<", "&lt;") if kind else draw(PROSE))
        elif kind == 3:
            parts.append(f"<img{draw(attributes())}>")
        elif kind == 4:
            parts.append("<br>" if draw(st.booleans()) else f"<!--{draw(PROSE)}-->")
        elif kind == 5:
            parts.append(draw(jsonld_block()))
        else:
            tag = draw(st.sampled_from(TAGS))
            inner = draw(html_tree(depth + 1)) if depth < 5 else ""
            close = f"</{tag}>" if draw(st.integers(0, 5)) else ""  # sometimes unclosed
            parts.append(f"<{tag}{draw(attributes())}>{inner}{close}")
    return "".join(parts)


@st.composite
def html_page(draw):
    head = "".join(draw(st.lists(st.one_of(
        st.builds(lambda a: f"<meta{a}>", attributes()), jsonld_block(),
        st.builds(lambda t: f"<title>{t}</title>", PROSE),
        st.builds(lambda a: f"<link{a}>", attributes())), max_size=5)))
    lang = draw(st.sampled_from(["vi", "en", "", "vi-VN", "x" * 50, "<"]))
    page = f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{draw(html_tree())}</body></html>'
    if draw(st.integers(0, 7)) == 0:
        page = page[: draw(st.integers(0, len(page)))]
    return page


FM_VALUES = st.one_of(PROSE.map(json.dumps), PROSE, st.sampled_from([
    "2024-01-02", "2024-13-45", "2024-02-30 10:00:00", "hôm qua", "[a, b", "{a: 1}", "&a [x]", "*a", "!!binary aGk=",
    "!!python/object:os.system x", "|\n  x\n  y", "- a\n- b", "1e999", "null", "~", "yes", "0x1F", ":", "'unclosed",
    "[" * 50, "{{< figure >}}"]))


@st.composite
def markdown_doc(draw):
    fence = draw(st.sampled_from(["---", "+++", "---", ""]))
    fm = "".join(f"{k}: {v}\n" for k, v in draw(st.lists(st.tuples(
        st.sampled_from(["title", "date", "lastmod", "author", "authors", "image", "images", "description",
                         "draft", "tags", "categories", "slug", "url", "canonical", "type", "x"]), FM_VALUES),
        max_size=6)))
    body = "\n\n".join(draw(st.lists(st.one_of(
        PROSE, PROSE.map(lambda t: "# " + t), PROSE.map(lambda t: f"![{t}]({t or 'a.jpg'})"),
        st.builds(lambda a, c: f'{{{{< figure src="{a}" caption="{c}" >}}}}', PROSE, PROSE),
        PROSE.map(lambda t: f"> {t}"), PROSE.map(lambda t: f"* {t}\n* {t}"), st.just("```\ncode\n"),
        st.just("{% raw %}x"), html_tree()), max_size=6)))
    head = f"{fence}\n{fm}{fence}\n\n" if fence else ""
    if draw(st.integers(0, 6)) == 0:
        head = head[: len(head) // 2]
    return head + body


# ---------------------------------------------------------------- properties


@FUZZ
@given(html_page())
def test_any_html_page(page):
    check(page, "html", "fuzz.html")


@FUZZ
@given(html_page(), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1258", "cp1252", "cp1251", "latin-1"]))
def test_any_html_page_in_any_encoding(page, enc):
    check(page.encode(enc, errors="replace"), "html", "fuzz.html")


@FUZZ
@given(st.lists(jsonld_block(), min_size=1, max_size=3), PROSE)
def test_any_json_ld(blocks, text):
    check(f"<html><head>{''.join(blocks)}</head><body><article><h1>{text}</h1><p>{text}</p></article></body></html>",
          "html", "fuzz.html")


@FUZZ
@given(markdown_doc())
def test_any_markdown(md):
    check(md, "markdown", "fuzz.md")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["html", "markdown", "text"]))
def test_any_bytes(data, kind):
    check(data, kind, "fuzz." + {"html": "html", "markdown": "md", "text": "txt"}[kind])


@FUZZ
@given(st.text(max_size=500), st.sampled_from(["html", "markdown", "text"]))
def test_any_text(text, kind):
    check(text, kind, "fuzz")
