"""Reports stay valid whatever characters the pages (and their file names) contain.

JSON, JSON Lines, SARIF and GitLab output must parse as JSON; JUnit must parse as XML 1.0; every
format must encode as UTF-8 — with control characters, lone surrogates, ``]]>``, markup
characters and non-UTF-8 file names in sources, messages, contexts, fixes and errors.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from conftest import require_shared, run_cli
from lint import catalogue
from lint.model import DocumentResult, Fix, Violation
from lint.reporters import REPORTERS, render

NASTY = ("a\x00b\x01c\x08\x0b\x0c\x1b\x1f\x7f\x85 \ud800 \udfff \udcff ]]> ]]]]>> <x a='1'> &amp; & \" ' "
         "\ufffe \uffff \U0001F600 \r\n \r e\u0301 \u2028 \u2029 <![CDATA[ x ]]> %0A :: ,")


def _results():
    v = Violation("TX001", "glued-no-space", "warning", "message " + NASTY, 3, 7, 3, 9, NASTY,
                  "0123456789abcdef", Fix(NASTY, 10, 12, NASTY), {"detail": NASTY, "n": [NASTY]})
    return [
        DocumentResult(source="site/\udcff\udcfe-" + NASTY[:12] + ".html", violations=[v], kind="html"),
        DocumentResult(source="site/broken]]>.html", error="cannot read: " + NASTY),
        DocumentResult(source="https://example.org/a?x=<script>&y=\ud800", violations=[v], error=NASTY),
    ]


def _render(fmt: str) -> str:
    buf = io.StringIO()
    render(fmt, _results(), buf, catalogue.load(), selected=["TX001"])
    out = buf.getvalue()
    out.encode("utf-8")  # strict: no lone surrogates reach the stream
    return out


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_encodes_as_utf8(fmt):
    out = _render(fmt)
    assert "TX001" in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_json_formats_parse(fmt):
    json.loads(_render(fmt))


def test_json_keeps_what_can_be_kept_and_replaces_what_cannot():
    data = json.loads(_render("json"))
    v = data["documents"][0]["violations"][0]
    assert "]]>" in v["message"] and "\x01" in v["message"] and "\U0001F600" in v["message"]
    assert "\ud800" not in v["message"] and "\ufffd" in v["message"]
    assert data["documents"][1]["error"].startswith("cannot read: ")
    assert data["summary"]["errors"] == 2


def test_json_lines_is_one_json_value_per_line():
    # JSON Lines separates records by "\n" only (a file read line by line also splits on "\r").
    lines = _render("json-lines").rstrip("\n").split("\n")
    assert "\r" not in "".join(lines)
    assert len(lines) == 4  # 2 violations + 2 errors, one line each
    for ln in lines:
        json.loads(ln)


def test_junit_parses_as_xml_and_keeps_cdata_terminators_as_text():
    out = _render("junit")
    root = ET.fromstring(out.encode("utf-8"))
    failures = root.findall(".//failure")
    errors = root.findall(".//error")
    assert len(failures) == 2 and len(errors) == 2
    assert "]]>" in failures[0].get("message") and "]]>" in failures[0].text
    assert "\x01" not in failures[0].get("message")  # not representable in XML 1.0: replaced
    suites = root.findall("testsuite")
    assert suites[1].get("name") == "site/broken]]>.html"


def test_sarif_is_valid_against_the_sarif_schema():
    import jsonschema

    schema = json.loads(require_shared("external-schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = json.loads(_render("sarif"))
    jsonschema.validate(doc, schema)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("site/%FF%FE-")  # the file name's own bytes, percent-encoded


def test_github_annotations_stay_on_one_line():
    lines = _render("github").rstrip("\n").split("\n")
    assert "\r" not in "".join(lines)
    assert all(ln.startswith("::") for ln in lines) and len(lines) == 4


# ---------------------------------------------------------------- end to end


@pytest.fixture
def nasty_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    body = ("<p>Với tinh thần đó,hội nghị \x01 ]]> đã thành công.Nhiều \x0b người \x7f tham dự hội nghị "
            "này trong ngày hôm nay ở Hà Nội.</p>")
    html = ('<html lang="vi"><head><title>A ]]> \x1b <script>alert(1)</script></title>'
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x\\u0000\\ud800]]>",'
            '"datePublished":"hôm qua \\u0001"}</script></head><body><article>'
            f'<h1>Tin ]]> \x01</h1><img src="a]]>\x01.jpg">{body * 4}</article></body></html>')
    (site / "ok-]]>-page.html").write_text(html, encoding="utf-8")
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(os.fsencode(site), b"latin1-\xe9\xff.html"), "wb") as fh:
        fh.write(html.encode("utf-8"))
    (site / "empty.html").write_bytes(b"")
    return site


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab", "json-lines", "concise", "full", "github"])
def test_cli_output_is_valid_for_nasty_pages_and_file_names(nasty_site, fmt):
    proc = run_cli("check", "--isolated", "--select", "ALL", "--format", fmt, "-j", "1", nasty_site,
                   env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 2, proc.stderr.decode()  # empty.html errored; the run finished
    assert b"Traceback" not in proc.stderr
    text = proc.stdout.decode("utf-8")  # strict
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif fmt == "json-lines":
        for ln in text.rstrip("\n").split("\n"):
            json.loads(ln)
    elif fmt == "junit":
        ET.fromstring(proc.stdout)
    assert "latin1-" in text and "empty.html" in text


# ---------------------------------------------------------------- any characters at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(ANY, ANY, ANY, ANY, ANY)
def test_machine_formats_stay_valid_for_any_characters(source, message, context, error, replacement):
    v = Violation("TX001", "glued-no-space", "error", message, 1, 1, 1, 1, context, "f", Fix(replacement, 0, 0, ""))
    results = [DocumentResult(source=source or "x", violations=[v], error=error or None)]
    cat = catalogue.load()
    for fmt in ("json", "sarif", "gitlab", "json-lines", "junit", "concise", "github"):
        buf = io.StringIO()
        render(fmt, results, buf, cat, selected=["TX001"])
        raw = buf.getvalue().encode("utf-8")
        if fmt == "junit":
            ET.fromstring(raw)
        elif fmt == "json-lines":
            for ln in buf.getvalue().rstrip("\n").split("\n"):
                json.loads(ln)
        elif fmt != "concise" and fmt != "github":
            json.loads(raw)
