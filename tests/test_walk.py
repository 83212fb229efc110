"""The C walk (``lint/_walk.pyx``) gives exactly what the Python walks give.

Where it is not built (no C compiler where newslint was installed) these tests skip with the
reason; CI builds it, so there a skip is a failure. The Python walks are what newslint uses without
it, and what ``NEWSLINT_PURE_PYTHON=1`` selects.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ROOT, _unavailable, run_cli
from lint.extract.markup import python_index
from lint.extract.named import python_named_walk
from lint.native import WALK, WHY


def walk():
    if WALK is None:
        _unavailable(f"the C walk is {WHY}")
    return WALK


def html_tree(text: str):
    from lint.article import parse_html

    return parse_html(text)


def same_walks(root) -> None:
    c = walk()
    named, every = python_named_walk(root)
    assert c.named_elements(root) == named  # the same elements (lxml's proxies), tags and values
    assert c.markup_index(root) == python_index(root)
    assert every  # the Python walk's elements stay alive while the C walk returns them


EDGE_CASES = [
    # empty values: lxml's get gives "", so an empty class falls back to the id, an empty itemprop
    # does not count
    '<div class="" id="x"><p class="a" itemprop="">t</p><span class="" id="">u</span><i itemprop="">v</i></div>',
    # links, images and times without names; names in any case; attributes without a value
    "<p><a href='/x'>a</a><IMG SRC='a.jpg'><time datetime='2021-02-26'>26</time><TIME>x</TIME><div class>z</div></p>",
    # duplicated attributes (the parser keeps the first), names outside ASCII, comments, PIs
    '<div class="a" class="b" id="c" id="d"><!-- c --><?php echo 1; ?><p class="ngày-đăng">x</p></div>',
    # microdata and RDFa attributes, scripts in any case, nested scopes
    '<div itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="headline">H</span>'
    '<div itemprop="author" itemscope itemref="x"><b itemprop="name">N</b></div></div>'
    '<script type="application/ld+json">{}</script><SCRIPT>var a;</SCRIPT><p typeof="Article">t</p>',
    # tags with a prefix (no namespace in HTML), foreign content
    '<o:p class="x">a</o:p><svg><use xlink:href="#a" class="i"/></svg><math><mi id="m">x</mi></math>',
    # nothing at all to find
    "<p>plain</p>",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_c_walk_reads_the_edge_cases_as_the_python_walk_does(text):
    same_walks(html_tree(f"<html><body>{text}</body></html>"))


def test_the_c_walk_reads_namespaces_and_entities_as_lxml_does():
    parser = etree.XMLParser(resolve_entities=False)
    root = etree.fromstring('<!DOCTYPE r [<!ENTITY e "ent">]><r xmlns:x="urn:x"><x:div class="a&e;b" x:id="n"/>'
                            '<div x:class="no" id="q&e;" itemprop="p"/><x:a/><x:script/><x:time itemscope=""/></r>',
                            parser)
    same_walks(root)
    names = [(t, ip, c) for _, t, ip, c in walk().named_elements(root)]
    # an attribute in a namespace is not the plain "class"; a prefixed <a> is not a link
    assert names == [("{urn:x}div", None, "aentb"), ("div", "p", "qent")]


def test_the_c_walk_starts_at_the_element_it_is_given():
    root = html_tree('<html><body><div id="a"><p class="b">x</p></div><p class="c">y</p></body></html>')
    div = root.find(".//div")
    assert [t for _, t, _, _ in walk().named_elements(div)] == ["div", "p"]
    same_walks(div)


def test_the_c_walk_refuses_what_is_not_an_element():
    c = walk()
    for bad in (None, "<p>", 3):
        for fn in (c.named_elements, c.markup_index):
            with pytest.raises(TypeError):
                fn(bad)  # an error, never a read of memory that is not a tree


def test_the_bundled_examples_walk_the_same():
    for path in sorted((ROOT / "examples").glob("*.html")):
        same_walks(html_tree(path.read_text(encoding="utf-8")))


_TAGS = st.sampled_from(["div", "p", "a", "img", "time", "span", "script", "section", "li", "b"])
_ATTRS = st.dictionaries(st.sampled_from(["class", "id", "itemprop", "itemscope", "itemref", "itemtype", "typeof",
                                          "href", "CLASS", "ItemProp"]),
                         st.text(st.sampled_from("ab -đ&;\"'<"), max_size=6), max_size=4)


@st.composite
def _pages(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        tag, attrs = draw(_TAGS), draw(_ATTRS)
        a = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in attrs.items())
        parts.append(f"<{tag}{a}>{draw(_pages(depth + 1))}</{tag}>" + draw(st.sampled_from(["", "t", "<!--c-->"])))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_pages())
def test_generated_pages_walk_the_same(body):
    walk()
    same_walks(html_tree(f"<html><body>{body}</body></html>"))


@pytest.mark.corpus
def test_every_development_page_walks_the_same(corpus):
    from bench.common import pages  # the benchmarks' reader of the corpus

    from lint.article import Article
    from lint.config import Config
    from lint.document import Document

    walk()
    cfg = Config.model_validate({})
    n = 0
    for name, data in pages():
        root = Article(Document.from_bytes(data, name), cfg).tree
        if root is not None:
            same_walks(root)
            n += 1
    assert n > 900


def test_a_check_reports_the_same_with_and_without_the_c_walk():
    walk()
    runs = []
    for env in ({}, {"NEWSLINT_PURE_PYTHON": "1"}):
        p = run_cli("check", "--format", "json", "--select", "ALL", ROOT / "examples", env=env)
        assert p.returncode in (0, 1), p.stderr
        runs.append(json.loads(p.stdout)["documents"])
    assert runs[0] == runs[1]
    assert sum(len(d["violations"]) for d in runs[0]) > 10
