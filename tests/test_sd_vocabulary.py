"""The schema.org table: derived by the kept script from the release, and what the rules rely on."""

from __future__ import annotations

import json
import sys

from conftest import ROOT, require_shared

from lint import schemaorg as so


def test_table_is_derived_from_the_release(tmp_path):
    src = require_shared("external-schemas/schemaorg-current-https.jsonld")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_schemaorg_table as b
    finally:
        sys.path.pop(0)
    out = tmp_path / "table.json"
    b.main([str(src), "--release", so.release(), "-o", str(out)])
    assert json.loads(out.read_text()) == so.table()
    assert so.release() == "30.0"


def test_article_types_are_the_schemaorg_subtypes():
    from lint.extract.page import ARTICLE_TYPES

    assert ARTICLE_TYPES == set(so.subtypes("Article"))


def test_hierarchy_properties_and_suggestions():
    assert so.is_a("ReportageNewsArticle", "Article") and not so.is_a("WebPage", "Article")
    assert so.property_ok("dateline", ["ReportageNewsArticle"]) and not so.property_ok("dateline", ["BlogPosting"])
    assert so.property_ok("headline", ["NewsArticle"]) and so.property_ok("name", ["NewsArticle"])
    assert so.suggest_type("NewsArtcle") == "NewsArticle" and so.suggest_type("person") == "Person"
    assert so.suggest_property("datePublised", ["NewsArticle"]) == "datePublished"
    assert so.suggest_type("Qwertyuiop") is None
    assert so.property_info("backstory").get("pending") is True
    assert "Text" in so.ranges("dateline")
