"""The TX rule docs quote rates measured on the corpus: they must match what the bench script
measures now, and every error-level hit on the text corpus must carry a committed verdict."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, require_shared


@pytest.mark.slow
def test_tx_rates_in_docs_and_bench_files_are_current():
    require_shared("corpus/text")
    p = subprocess.run([sys.executable, "bench/text_rates.py", "--check"], cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, "stale (run `python bench/text_rates.py --write-docs`):\n" + p.stdout + p.stderr


def test_every_error_level_text_hit_has_a_verdict_and_none_is_false():
    hits = [json.loads(ln) for ln in (ROOT / "bench" / "tx" / "text-hits.jsonl").read_text(encoding="utf-8").split("\n")
            if ln.strip()]
    assert hits, "the committed hit list is empty"
    assert all(h["verdict"] in ("real", "false") for h in hits), [h for h in hits if h["verdict"] == "unjudged"][:3]
    rates = json.loads((ROOT / "bench" / "tx" / "rates.json").read_text(encoding="utf-8"))
    for code, r in rates["rules"].items():
        if r["severity"] == "error":
            for lang in ("vi", "en"):
                assert r[lang]["false_per_10k"] <= 1.0, (code, lang, r[lang])
