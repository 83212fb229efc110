"""Every output format, checked for content: what a CI system or a person reads from it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, SHARED, out, require_shared, run_cli

GLUED = """<html lang="vi"><body><article>
<p><em>Quang cảnh hội nghị</em>Với tinh thần đoàn kết, thống nhất, các đơn vị đã ký kết giao ước.</p>
<img src="/uploads/hoi-nghi.jpg">
</article></body></html>
"""
CLEAN = """<html lang="vi"><body><article>
<p>Chiều 26/02, các đơn vị đã ký kết giao ước thi đua năm 2021.</p>
</article></body></html>
"""


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "glued.html").write_text(GLUED, encoding="utf-8")
    (tmp_path / "clean.html").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def check(pages, *args):
    return run_cli("check", "--isolated", "--select", "TX001,IM001", *args,
                   pages / "glued.html", pages / "clean.html")


def test_concise(pages):
    p = check(pages, "--format", "concise")
    lines = out(p).splitlines()
    assert p.returncode == 1
    assert f"{pages / 'glued.html'}:2:32: TX001 glued-no-space " in lines[0] + " "
    assert any(line.startswith(f"{pages / 'glued.html'}:3:1: IM001 image-alt-missing ") for line in lines)
    assert not any("clean.html" in line for line in lines)


def test_full_shows_source_line(pages):
    p = check(pages, "--format", "full")
    text = out(p)
    assert "TX001 [error] glued-no-space" in text
    assert "| <p><em>Quang cảnh hội nghị</em>Với tinh thần" in text


def test_json_matches_schema_and_shape(pages):
    import jsonschema

    p = check(pages, "--format", "json")
    doc = json.loads(out(p))
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    by_src = {d["source"]: d for d in doc["documents"]}
    glued = by_src[str(pages / "glued.html")]
    assert glued["error"] is None
    v = next(v for v in glued["violations"] if v["code"] == "TX001")
    assert (v["line"], v["column"], v["slug"], v["severity"]) == (2, 32, "glued-no-space", "error")
    assert by_src[str(pages / "clean.html")]["violations"] == []
    assert doc["summary"]["by_rule"] == {"IM001": 1, "TX001": 1}
    assert doc["summary"]["documents"] == 2


def test_json_lines_one_violation_per_line(pages):
    p = check(pages, "--format", "json-lines")
    rows = [json.loads(line) for line in out(p).splitlines()]
    assert {r["code"] for r in rows} == {"TX001", "IM001"}
    assert all(r["source"].endswith("glued.html") for r in rows)


def test_sarif_validates_and_carries_rule_docs(pages):
    import jsonschema

    schema_path = require_shared("external-schemas/sarif-schema-2.1.0.json")
    p = check(pages, "--format", "sarif")
    doc = json.loads(out(p))
    jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8"))).validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    from lint import catalogue

    assert rules["TX001"]["fullDescription"]["text"] == catalogue.load()["TX001"].why
    assert rules["TX001"]["helpUri"].endswith("#tx001-glued-no-space")
    assert rules["TX001"]["name"] == "glued-no-space"
    res = next(r for r in run["results"] if r["ruleId"] == "TX001")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 32)
    assert run["columnKind"] == "unicodeCodePoints"
    assert res["ruleIndex"] == list(rules).index("TX001")


def test_github_annotations_escape_values(tmp_path):
    page = tmp_path / "a,b:c%.html"
    page.write_text(GLUED, encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001", "--format", "github", page)
    line = out(p).strip().splitlines()[0]
    assert line.startswith("::error file=")
    assert "a%2Cb%3Ac%25.html" in line
    assert ",line=3,col=1," in line
    assert "title=IM001 image-alt-missing::" in line


def test_github_message_escaping():
    from lint.reporters import gh_escape_data, gh_escape_prop

    assert gh_escape_data("50%\nnext\r") == "50%25%0Anext%0D"
    assert gh_escape_prop("a:b,c") == "a%3Ab%2Cc"


def test_gitlab_fingerprints_unique(tmp_path):
    # Two identical defects in one file get two different fingerprints.
    page = tmp_path / "two.html"
    page.write_text("<html><body><article><img src='a.jpg'><img src='a.jpg'></article></body></html>", encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001", "--format", "gitlab", page)
    items = json.loads(out(p))
    assert len(items) == 2
    assert len({i["fingerprint"] for i in items}) == 2
    assert all(i["check_name"] == "IM001" and i["severity"] == "major" for i in items)
    assert items[0]["location"]["path"] == str(page)


def test_junit_passing_case_per_clean_document(pages):
    p = check(pages, "--format", "junit")
    root = ET.fromstring(p.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    clean = suites[str(pages / "clean.html")]
    cases = list(clean.iter("testcase"))
    assert len(cases) == 1 and cases[0].find("failure") is None
    glued = suites[str(pages / "glued.html")]
    failures = [c.find("failure") for c in glued.iter("testcase")]
    assert len(failures) == 2 and all(f is not None for f in failures)
    assert {f.get("type") for f in failures} == {"TX001", "IM001"}


def test_statistics(pages):
    p = check(pages, "--statistics")
    assert "      1  TX001  glued-no-space" in out(p)


def test_output_file(pages, tmp_path):
    target = tmp_path / "report.json"
    p = check(pages, "--format", "json", "--output", target)
    assert p.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["violations"] == 2
