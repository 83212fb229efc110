"""The whole development corpus: no crash; an unreadable page is an error entry, every other page is reported."""

from __future__ import annotations

import json

import pytest

from conftest import out, require_corpus, run_cli

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def test_every_corpus_page_is_reported(tmp_path):
    corpus = require_corpus()
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    report = tmp_path / "report.json"
    p = run_cli("check", "--isolated", "--format", "json", "--output", report, corpus, timeout=1200)
    assert p.returncode in (0, 1, 2), p.stderr.decode()
    assert "Traceback" not in p.stderr.decode()
    docs = json.loads(report.read_text(encoding="utf-8"))["documents"]
    seen = {d["source"] for d in docs}
    missing = [m["file"] for m in manifest if str(corpus / m["file"]) not in seen]
    assert missing == []
    internal = [d for d in docs if d["error"] and "internal error" in d["error"]]
    assert internal == [], internal[:5]
    # Errors, if any, say why; they are not rule crashes.
    assert all(isinstance(d["violations"], list) for d in docs)
