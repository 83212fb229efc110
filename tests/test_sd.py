"""SD family: the page-wide graph, located JSON diagnostics, the merged article entity and the
rules on the hand-written edge cases and the schema.org examples."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, ROOT, lint_snippet, require_corpus, require_shared

from lint.article import Article
from lint.config import Config
from lint.document import Document
from lint.engine import Linter


def _lint_file(path, select=("SD",), **cfg):
    linter = Linter(Config.model_validate({"select": list(select), **cfg}))
    res = linter.lint(Document.from_bytes(path.read_bytes(), str(path)))
    assert res.error is None, res.error
    return res


def _at(res, code):
    return sorted((v.line, v.column) for v in res.violations if v.code == code)


def _article(html: str) -> Article:
    return Article(Document.from_text(html, "page.html"))


# ---------------------------------------------------------------- edge cases
def test_invalid_json_each_block_reported_and_valid_block_kept():
    path = require_shared("corpus/edge-cases/edge-invalid-json.html")
    res = _lint_file(path)
    assert [ln for ln, _ in _at(res, "SD002")] == [2, 4, 7, 10]
    assert _at(res, "SD003") == [(12, 36)]
    msgs = " ".join(v.message for v in res.violations if v.code == "SD002")
    for repair in ("trailing comma", "comment", "HTML-comment or CDATA wrapper", "raw line break"):
        assert repair in msgs
    art = Article(Document.from_bytes(path.read_bytes(), str(path)))
    valid = [b for b in art.markup.jsonld if b.data is not None]
    assert len(valid) == 1 and valid[0].data["name"] == "Valid block after broken ones"
    assert not [v for v in res.violations if v.code == "SD002" and v.line == 13]


def test_graph_page_is_one_article_with_references_resolved():
    path = require_shared("corpus/edge-cases/edge-graph.html")
    res = _lint_file(path)
    assert "SD001" not in {v.code for v in res.violations}
    assert [v for v in res.violations if v.severity == "error"] == []
    art = Article(Document.from_bytes(path.read_bytes(), str(path)))
    mk = art.markup
    assert mk.article["author"]["name"] == "Jane Roe"
    assert mk.article["image"]["width"] == 1600
    assert mk.article_sources["headline"]["syntax"] == "json-ld"
    # a value reached through an @id reference is located where it is written: the Person node
    line, _ = art.doc.position(art.locate(mk.value_loc("author", "name"))[0])
    assert line == 10
    line, _ = art.doc.position(art.locate(mk.value_loc("datePublished"))[0])
    assert line == 7


def test_bad_values_page_defects_at_their_lines():
    res = _lint_file(require_shared("corpus/edge-cases/edge-bad-values.html"))
    lines = {v.code: v.line for v in res.violations}
    assert lines["SD006"] == 10  # NewsArtcle, with a did-you-mean
    assert lines["SD007"] == 6  # datePublised
    assert lines["SD021"] == 9  # "False"
    assert lines["SD016"] == 5  # headline differs from h1, title and og:title
    assert lines["SD017"] == 5
    dym = {v.code: (v.data or {}).get("did_you_mean") for v in res.violations if v.code in ("SD006", "SD007")}
    assert dym == {"SD006": "NewsArticle", "SD007": "datePublished"}


def test_multiblock_duplicate_article():
    res = _lint_file(require_shared("corpus/edge-cases/edge-multiblock.html"))
    assert [ln for ln, _ in _at(res, "SD012")] == [4]


@pytest.mark.parametrize("name,syntax", [("edge-microdata-nested.html", "microdata"), ("edge-rdfa.html", "rdfa")])
def test_microdata_and_rdfa_build_the_article(name, syntax):
    path = require_shared("corpus/edge-cases/" + name)
    art = Article(Document.from_bytes(path.read_bytes(), str(path)))
    mk = art.markup
    assert mk.article is not None and mk.article_sources["headline"]["syntax"] == syntax
    assert mk.article["datePublished"].startswith("2024-")  # <time datetime>, not its text
    assert isinstance(mk.article["author"], dict) and mk.article["author"]["name"]
    line, _ = art.doc.position(art.locate(mk.value_loc("datePublished"))[0])
    assert line == 5
    res = _lint_file(path)
    assert [v for v in res.violations if v.severity == "error"] == []


def test_schemaorg_examples_raise_no_error():
    folder = require_shared("corpus/schemaorg-examples")
    pages = sorted(folder.glob("*.html"))
    assert len(pages) >= 10
    for p in pages:
        res = _lint_file(p)
        assert [f"{v.code} {v.line}:{v.column} {v.message}" for v in res.violations if v.severity == "error"] == [], p.name


# ---------------------------------------------------------------- JSON diagnostics
@pytest.mark.parametrize("raw,repair", [
    ('\ufeff{"@type": "NewsArticle"}', "byte-order mark"),
    ('{"@type": "NewsArticle"};', "trailing semicolon"),
    ('{"@type": "NewsArticle"}{"@type": "Person"}', "run together"),
    ('{"@type": "NewsArticle"}}', "extra closing bracket"),
    ("{'@type': 'NewsArticle'}", "single quotes"),
    ('<![CDATA[{"@type": "NewsArticle"}]]>', "CDATA"),
])
def test_lenient_repairs_are_named(raw, repair):
    html = f'<html><head>\n<script type="application/ld+json">{raw}</script></head><body></body></html>'
    res = lint_snippet(html, select=["SD002"])
    msgs = [v for v in res.violations if v.code == "SD002"]
    assert len(msgs) == 1 and repair in msgs[0].message
    assert msgs[0].line == 2


def test_two_scripts_on_one_line_are_located_separately():
    html = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"A",}</script>'
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"A",}</script></head></html>')
    res = lint_snippet(html, select=["SD002"])
    cols = [v.column for v in res.violations if v.code == "SD002"]
    assert len(cols) == 2 and cols[0] < cols[1]
    assert html[cols[1] - 1] == "}" and html[cols[0] - 1] == "}"


# ---------------------------------------------------------------- the graph
def test_type_arrays_subtypes_and_listed_articles():
    art = _article('<html><head><script type="application/ld+json">'
                   '{"@context":"https://schema.org","@type":"CollectionPage","mainEntity":{"@type":"ItemList",'
                   '"itemListElement":[{"@type":"NewsArticle","headline":"Listed"}]}}</script></head></html>')
    assert art.markup.article is None  # an article listed on a section page is not the page's article
    art = _article('<html><head><script type="application/ld+json">'
                   '{"@context":"https://schema.org","@type":["WebPage","OpinionNewsArticle"],"headline":"Op"}'
                   '</script></head></html>')
    assert art.markup.article["headline"] == "Op"


def test_reference_cycles_and_odd_values_do_not_crash():
    odd = [
        '{"@context":"https://schema.org","@type":"NewsArticle","@id":"#a","isPartOf":{"@id":"#a"},"author":{"@id":"#a"}}',
        '{"@type":5,"headline":{"x":[1,2]},"publisher":[null,7,"x"],"hasPart":"x","speakable":[3]}',
        '{"@graph":"x"}', '[[[[]]]]', '"just a string"', 'null',
        '{"@type":"NewsArticle","headline":["a","b"],"isAccessibleForFree":false,"hasPart":[{"isAccessibleForFree":false,"cssSelector":5}],'
        '"inLanguage":{"@type":"Language"},"url":{"x":1},"mainEntityOfPage":[],"wordCount":{"n":1}}',
        '{"@type":"NewsArticle","speakable":{"cssSelector":["[[[", ".a .b > p"],"xpath":["/html/(("]}}',
    ]
    for raw in odd:
        res = lint_snippet(f'<html><head><script type="application/ld+json">{raw}</script></head>'
                           '<body><h1>x</h1></body></html>', select=["SD"])
        assert res.error is None, (raw, res.error)


def test_profiles_select_rules():
    html = ('<html lang="en"><head><title>Other</title><script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"NewsArticle","headline":"Bridge opens"}</script></head><body><h1>Other</h1></body></html>')
    assert "SD016" in {v.code for v in lint_snippet(html, select=["SD"]).violations}
    vocab = {v.code for v in lint_snippet(html, select=["SD"], profile="schema.org").violations}
    assert "SD016" not in vocab and "SD030" not in vocab
    social = {v.code for v in lint_snippet(html, select=["SD"], profile="social").violations}
    assert social == {"SD030"}


def test_profile_rules_exist_in_the_catalogue():
    from lint import catalogue as cat
    from lint.checks.structured import profile_schema

    codes = set(cat.load())
    prof = profile_schema()
    for name in ("schema.org", "google-article", "google-news-paywall", "social"):
        assert set(prof["x-profiles"][name]["rules"]) <= codes, name
    for prop, sub in prof["properties"].items():
        rule = sub.get("x-rule")
        assert rule in codes or rule in ("DT", "BY", "IM"), prop


def test_heavy_imports_only_when_needed():
    code = (
        "import sys\n"
        "from lint import Config\nfrom lint.document import Document\nfrom lint.engine import Linter\n"
        "l = Linter(Config.model_validate({'select': ['SD']}))\n"
        "html = '<html><head><meta property=\"og:title\" content=\"x\"><script type=\"application/ld+json\">"
        "{\"@type\": \"WebPage\"}</script></head><body><p property=\"x\">x</p></body></html>'\n"
        "r = l.lint(Document.from_text(html, 'a.html'))\n"
        "assert r.error is None, r.error\n"
        "print('extruct' in sys.modules, 'jsonschema' in sys.modules)\n"
        "l.lint(Document.from_text('<html><body><div itemscope itemtype=\"https://schema.org/Thing\"></div></body></html>', 'b.html'))\n"
        "print('extruct' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False", "True"]


def test_inspect_shows_entity_and_sources():
    from lint.inspect import inspect_article

    html = ('<html><head>\n<script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"NewsArticle","headline":"Bridge opens"}</script></head><body></body></html>')
    out = inspect_article(Document.from_text(html, "a.html"))
    json.dumps(out, default=str)
    assert out["markup"]["article"]["headline"] == "Bridge opens"
    src = out["markup"]["article_sources"]["headline"]
    assert src["syntax"] == "json-ld" and src["line"] == 2


def test_control_character_in_a_tag_name_does_not_crash_locations():
    from lint import lint_html

    res = lint_html("<body>{{<a\x01<img class=x itemprop=x></body>", config={"select": ["SD010"]})
    assert res.error is None
    assert [v.code for v in res.violations] == ["SD010"]


def test_profile_type_fast_path_agrees_with_jsonschema():
    from lint.checks.structured import _fits_profile_types, _profile_errors

    cases = [
        {"headline": "x", "wordCount": 12, "isAccessibleForFree": True, "keywords": ["a", {"@type": "DefinedTerm"}]},
        {"wordCount": "12"}, {"wordCount": "twelve"}, {"wordCount": -1}, {"wordCount": True},
        {"description": ["a", "b"]}, {"description": ["a", 3]}, {"description": None},
        {"isAccessibleForFree": "false"}, {"isAccessibleForFree": 1}, {"hasPart": [{"@type": "WebPageElement"}]},
        {"hasPart": "x"}, {"inLanguage": {"@type": "Language"}}, {"inLanguage": ["vi"]}, {"url": ["a", "b"]},
        {"mainEntityOfPage": True}, {"speakable": [1]}, {"articleSection": {"a": 1}},
    ]
    for inst in cases:
        assert _fits_profile_types(inst) == (list(_profile_errors(inst, "SD029")) == []), inst


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-2, 2) | st.sampled_from(["", "12", "x"]),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "@type"]), inner,
                                                                                  max_size=2), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(value=_JSON)
def test_a_type_that_always_fits_the_profile_fits_it(value):
    """The per-type shortcut of SD029 never says "fits" where the full reading would not."""
    from lint.checks.structured import _fits, _sd029_schemas

    for sub, always in _sd029_schemas().values():
        if type(value) in always:
            assert _fits(value, sub) is True, (value, sub)


def test_microdata_text_values_are_extruct_values():
    """Property text as extruct's extractor gives it: whitespace collapsed, block layout kept,
    script, style and comments left out, however the element is built."""
    from extruct.w3cmicrodata import MicrodataExtractor

    html = (
        "<html><body><article itemscope itemtype='https://schema.org/NewsArticle'>"
        "<h1 itemprop='headline'>  Lũ lớn\n  ở   miền Trung </h1>"
        "<span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
        "<b itemprop='name'>An <!-- hidden -->Nguyễn</b></span>"
        "<div itemprop='articleBody'><p>First ( paragraph ) .</p><script>var x = 1;</script>"
        "<p>Second<br>line</p><style>p{}</style></div>"
        "<div itemprop='description'><p>One</p><ul><li>two</li><li>three</li></ul></div>"
        "<span itemprop='keywords'>   </span>"
        "</article></body></html>"
    )
    art = _article(html)
    ours = art.markup.microdata
    theirs = MicrodataExtractor().extract_items(_article(html).tree, "")

    def values(item):
        props = item.get("properties", item)
        return {k: values(v) if isinstance(v, dict) else v for k, v in props.items()
                if k not in ("@type", "type", "htmlNode")}

    assert values(ours[0]) == values(theirs[0])
    assert ours[0]["headline"] == "Lũ lớn ở miền Trung"
    assert ours[0]["author"]["name"] == "An Nguyễn"
    assert "var x" not in ours[0]["articleBody"] and "Second\nline" in ours[0]["articleBody"]


def test_microdata_items_without_properties():
    """An item with no properties of its own: a typed one is read by its type (however much text
    its element holds: here the whole page), an untyped one given as a property's value keeps
    its text, as extruct gives it."""
    html = ("<html><body itemscope itemtype='https://schema.org/WebPage'>"
            "<article itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>H</h1>"
            "<div itemprop='publisher' itemscope>  ACME <b>News</b> </div>"
            "<div itemprop='about' itemscope itemtype='https://schema.org/Place'>Rivers</div></article>"
            "<p>The rest of the page.</p></body></html>")
    ours = _article(html).markup.microdata
    assert ours[0] == {"@type": "WebPage"}
    assert ours[1]["headline"] == "H"
    assert ours[1]["publisher"]["value"] == "ACME News"
    assert ours[1]["about"] == {"@type": "Place"}


def test_microdata_and_rdfa_read_only_from_attributes_on_the_page():
    """The words in a script or in text are not markup; the attributes in the tree are."""
    words = _article("<html><body><script>var s = 'itemscope itemprop typeof= property=';</script>"
                     "<p>about= vocab=</p></body></html>").markup
    assert not words.has_microdata and not words.has_rdfa and words.microdata_elements == []
    md = _article("<html><body><div itemscope itemtype='https://schema.org/Thing'>"
                  "<span itemprop='name'>x</span></div><p itemref='a'>y</p></body></html>").markup
    assert md.has_microdata and [e.tag for e in md.microdata_elements] == ["div", "span", "p"]
    assert md.microdata[0]["name"] == "x"
    rdfa = _article("<html><body><div vocab='https://schema.org/' typeof='NewsArticle'>"
                    "<h1 property='headline'>H</h1></div></body></html>").markup
    assert rdfa.has_rdfa and rdfa.rdfa[0]["headline"] == "H"


def test_jsonld_value_locations_are_exact_spans():
    """A value's location is the exact text of that value in the file, through repeated keys
    (the last one counts, as for a JSON parser), arrays, escapes and non-ASCII text."""
    block = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "draft",\n'
             ' "image": [{"@type": "ImageObject", "url": "a.jpg"}, {"url": "b\\u00e9 \\"q\\".jpg", "width": 1.5e3}],\n'
             ' "author": [[], {"name": "Nguyễn Văn A", "sameAs": [true, null]}], "headline": "Cầu mới"}')
    html = f'<html><head><script type="application/ld+json">\n{block}\n</script></head><body></body></html>'
    art = _article(html)
    mk = art.markup

    def text(*path):
        start, end = art.locate(mk.value_loc(*path))
        return art.doc.text[start:end]

    assert text("headline") == '"Cầu mới"'
    assert text("image", 1, "url") == '"b\\u00e9 \\"q\\".jpg"'
    assert text("image", 1, "width") == "1.5e3"
    assert text("author", 1, "name") == '"Nguyễn Văn A"'
    # an object or array is pointed at by its opening bracket
    assert art.locate(mk.value_loc("image", 0))[0] == art.doc.text.index('{"@type": "ImageObject"')


@pytest.mark.parametrize("sel", [
    ".paywall", ".lead", "p.lead", "div.lead", ".lead.story", ".story#s1", "p.story#s2", "*.lead",
    ".a-b", ".paywall, .lead", "div.lead, .x", ".Lead", ".le", ".tab", ".ff", "P.lead",
])
def test_class_selectors_find_what_their_xpath_finds(sel):
    """A speakable or paywall class selector finds the elements its XPath finds, in document
    order, whether read from the page's named elements or by the XPath: class names are split at
    spaces, tabs and line breaks only, names and tags match exactly."""
    from lint.checks.structured import _class_selector_elements, _css_to_xpath, _selector_elements

    html = ("<html><body><div class='lead'><p class='lead story' id='s1'>a</p>"
            "<p class=' story\tlead\n' id='s2'>b</p><p class='leader'>c</p><p id='lead'>d</p>"
            "<span class='a-b paywall'>e</span><span class='tab\x0cff'>f</span>"
            "<p class='Lead'>g</p><section class='x'>h</section></div></body></html>")
    walked = _article(html)
    walked.body  # the page's walk of named elements is made
    assert _class_selector_elements(walked, sel) is not None  # read from the named elements
    got = _selector_elements(walked, sel)
    xp = _article(html)
    want = xp.tree.xpath(_css_to_xpath(sel))
    assert [(e.tag, e.text) for e in got] == [(e.tag, e.text) for e in want]


def test_element_locations_when_same_named_tags_share_a_line():
    """A microdata element is located at its own start tag, also when same-named tags before it
    share its line inside other boxes, and when its box starts on that line too."""
    html = ("<html>\n<body>\n<div id='a'>\n<p><span>one</span><b><span>two</span></b></p><p><span>three</span></p>\n"
            "</div><div><span>four</span><i><span>five</span></i></div>\n</body></html>")
    art = _article(html)
    mk = art.markup
    for el in art.tree.iter("span"):
        start, end = art.locate(mk.element_loc(el))
        assert art.doc.text[start:end] == "<span>"
        assert art.doc.text[end:].startswith(el.text + "</span>")
