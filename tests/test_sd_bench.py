"""The SD rates table in docs/structured-data.md is produced by bench/sd_rates.py from the
committed measurement, covers every SD rule, and the judged sample of SD errors still holds."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import CORPUS, ROOT, require_corpus

sys.path.insert(0, str(ROOT / "bench"))
import sd_rates  # noqa: E402

RATES = json.loads((ROOT / "bench" / "sd" / "rates.json").read_text(encoding="utf-8"))
SAMPLE = [json.loads(x) for x in (ROOT / "bench" / "sd" / "errors-sample.jsonl").read_text(encoding="utf-8").splitlines()
          if x.strip()]


def test_docs_table_is_current():
    docs = (ROOT / "docs" / "structured-data.md").read_text(encoding="utf-8")
    assert sd_rates.table(RATES) in docs, "docs/structured-data.md is stale: run python bench/sd_rates.py --table"


def test_rates_cover_every_sd_rule():
    from lint import catalogue as cat

    sd = {c: r for c, r in cat.load().items() if r.family == "SD"}
    assert set(RATES["rules"]) == set(sd), "re-run python bench/sd_rates.py after adding or removing an SD rule"
    for code, r in sd.items():
        assert RATES["rules"][code]["severity"] == r.severity, code
        assert "bench/sd_rates.py" in r.false_positives, f"{code}: false_positives should cite the measurement"


def test_error_sample_is_judged():
    assert len(SAMPLE) >= 30
    for s in SAMPLE:
        assert s["verdict"] in ("correct", "wrong", "doubtful") and s["why"].strip(), s
    errors = {(e["file"], e["line"], e["column"], e["code"]) for e in RATES["errors"]}
    assert all((s["file"], s["line"], s["column"], s["code"]) in errors for s in SAMPLE)


@pytest.mark.slow
def test_sampled_errors_still_fire_where_recorded():
    require_corpus()
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    linter = Linter(Config.model_validate({"select": ["SD"]}))
    by_file = {}
    for s in SAMPLE:
        by_file.setdefault(s["file"], []).append(s)
    url = {json.loads(x)["file"]: json.loads(x).get("url") for x in (CORPUS / "manifest.jsonl").read_text().splitlines()}
    for f, items in by_file.items():
        res = linter.lint(Document.from_bytes(sd_rates.read(CORPUS / f), f, url=url.get(f)))
        got = {(v.line, v.column, v.code) for v in res.violations}
        for s in items:
            assert (s["line"], s["column"], s["code"]) in got, s


def test_mutator_makes_and_detects_each_kind(tmp_path):
    import sd_mutate

    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>Bridge opens to traffic</title>'
        '<meta property="og:type" content="article">\n'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",\n'
        ' "headline": "Bridge opens to traffic", "datePublished": "2024-03-05T09:00:00+01:00"}</script>\n'
        '</head><body><article><h1>Bridge opens to traffic</h1><p>The bridge opened on Monday.</p></article>'
        '</body></html>\n', encoding="utf-8")
    res = sd_mutate.run([(str(page), None)])
    assert res["pages"] == 1
    for kind in sd_mutate.KINDS:
        assert (res["kinds"][kind]["mutants"], res["kinds"][kind]["detected"]) == (1, 1), kind


@pytest.mark.slow
def test_committed_rates_match_a_fresh_measurement():
    """The docs table is stale as soon as a rule's behaviour changes: measure again and compare."""
    require_corpus()
    fresh = sd_rates.measure()
    assert fresh["pages"] == RATES["pages"] and fresh["article_pages"] == RATES["article_pages"]
    assert fresh["rules"] == RATES["rules"], "SD rates changed: run python bench/sd_rates.py and commit bench/sd/"
