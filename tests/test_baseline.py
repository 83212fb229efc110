"""Baselines: known violations hidden by fingerprint, new ones shown, stale entries reported."""

from __future__ import annotations

import json

from conftest import out, run_cli

PAGE = """<html lang='en'><body><article>
<p>The council met on Monday.</p>
<img src='a.jpg'>
<img src='b.jpg'>
</article></body></html>
"""


def test_baseline_hides_known_and_shows_new(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(PAGE, encoding="utf-8")
    base = tmp_path / "baseline.json"
    p = run_cli("check", "--isolated", "--select", "IM001,NL101", "--baseline", base, "--baseline-write", page)
    assert p.returncode == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 2 and all(e["code"] == "IM001" for e in data["entries"])

    assert run_cli("check", "--isolated", "--select", "IM001,NL101", "--baseline", base, page).returncode == 0

    # Lines shift and a new image without alt appears: only the new one is reported.
    page.write_text(PAGE.replace("<p>", "<p>Updated.</p>\n\n<p>").replace("</article>", "<img src='c.jpg'>\n</article>"),
                    encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001,NL101", "--baseline", base, "--format", "json", page)
    v = json.loads(out(p))["documents"][0]["violations"]
    assert [(x["code"], x["line"]) for x in v] == [("IM001", 7)]
    assert p.returncode == 1


def test_stale_entry_reported(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(PAGE, encoding="utf-8")
    base = tmp_path / "baseline.json"
    run_cli("check", "--isolated", "--select", "IM001", "--baseline", base, "--baseline-write", page)
    page.write_text(PAGE.replace("<img src='b.jpg'>", "<img src='b.jpg' alt='The council chamber'>"), encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001,NL101", "--baseline", base, "--format", "json", page)
    v = json.loads(out(p))["documents"][0]["violations"]
    assert [x["code"] for x in v] == ["NL101"]
    assert "no longer occurs" in v[0]["message"]


def test_baseline_write_keeps_other_documents(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    a.write_text(PAGE, encoding="utf-8")
    b.write_text(PAGE, encoding="utf-8")
    base = tmp_path / "baseline.json"
    run_cli("check", "--isolated", "--select", "IM001", "--baseline", base, "--baseline-write", a)
    run_cli("check", "--isolated", "--select", "IM001", "--baseline", base, "--baseline-write", b)
    sources = {e["source"] for e in json.loads(base.read_text(encoding="utf-8"))["entries"]}
    assert sources == {str(a), str(b)}


def test_fingerprint_ignores_line_numbers():
    from lint import lint_html

    one = lint_html(PAGE, config={"select": ["IM001"]})
    two = lint_html("\n\n\n" + PAGE, config={"select": ["IM001"]})
    assert [v.fingerprint for v in one.violations] == [v.fingerprint for v in two.violations]
    assert [v.line for v in one.violations] != [v.line for v in two.violations]
