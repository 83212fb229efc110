"""The founding example: the seed text and its HTML rebuild in examples/ get the same findings."""

from __future__ import annotations

import json

from conftest import ROOT, out, require_shared, run_cli


def findings(path, *extra):
    p = run_cli("check", "--isolated", "--format", "json", *extra, path)
    doc = json.loads(out(p))["documents"][0]
    assert doc["error"] is None
    return p.returncode, doc["violations"]


def test_seed_text_glued_caption_on_line_8():
    seed = require_shared("seed/000_30847cd1777efa30.txt")
    rc, v = findings(seed)
    assert rc == 1
    glued = [x for x in v if x["code"] == "TX001"]
    assert [(x["line"], x["column"]) for x in glued] == [(8, 20)]
    assert "nghị" in glued[0]["message"] and "Với" in glued[0]["message"]


def test_examples_seed_rebuild_same_glue_and_images():
    rc, v = findings(ROOT / "examples" / "seed-article.html")
    assert rc == 1
    html = (ROOT / "examples" / "seed-article.html").read_text(encoding="utf-8").splitlines()
    glued = [x for x in v if x["code"] == "TX001"]
    assert len(glued) == 1
    line = html[glued[0]["line"] - 1]
    assert line[glued[0]["column"] - 1:].startswith("Với tinh thần")
    images = [x for x in v if x["code"] == "IM001"]
    assert len(images) == 2
    assert all(html[x["line"] - 1][x["column"] - 1:].startswith("<img") for x in images)
    assert not [x for x in v if x["code"].startswith("BY")], "the byline Phương Loan (nbtv.vn) is correct"


def test_examples_clean_article_is_clean():
    rc, v = findings(ROOT / "examples" / "clean-article.html")
    assert v == [] and rc == 0


def test_readme_first_command_runs_on_examples():
    p = run_cli("check", "examples/", cwd=ROOT)
    assert p.returncode == 1
    assert "examples/seed-article.html" in out(p)
    assert "clean-article.html" not in out(p)
