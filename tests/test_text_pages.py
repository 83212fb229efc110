"""Real defects of the development pages are reported by the language-free TX rules, and those
rules stay quiet on clean pages in other languages (bench/text_pages.py measures all 942 pages;
these are the pages judged in bench/tx/NOTES.md)."""

from __future__ import annotations

import gzip

import pytest

from conftest import require_corpus

from lint.config import Config
from lint.document import Document
from lint.engine import Linter

FREE = ["TX008", "TX010", "TX011", "TX012", "TX013", "TX014", "TX015", "TX016"]

DEFECTS = [
    ("TX012", "htmldate/test_set/1484494308.html.gz", "Ã¥bner"),
    ("TX012", "htmldate/test_set/1544178583.html.gz", "inddÃ¦mningsstrategi"),
    ("TX012", "htmldate/test_set/1808293409.html.gz", "fÃ¼r"),
    ("TX015", "htmldate/test_set/1720539463.html.gz", "\ufffd"),
    ("TX015", "htmldate/test_set/1777898598.html.gz", "S\ufffdnchez"),
    ("TX015", "htmldate/test_set/1627298010.html.gz", "Krabi \ufffd"),
    ("TX016", "htmldate/eval/bundesrat.de-erinnerungen.html.gz", "{{ headline }}"),
    ("TX016", "htmldate/eval/hackernoon.com.scrape.html.gz", "{{category.text}}"),
    ("TX016", "htmldate/test_set/1647262025.html.gz", "{{dayPoint.date"),
    ("TX016", "htmldate/eval/sac-cas.ch-schneesport.html.gz", "[object Object]"),
    ("TX016", "htmldate/eval/geschichtedergegenwart.ch.foucault.html.gz", "Warning: Use of undefined constant"),
    ("TX014", "readability/pages/cnet.html.gz", "<span class=firstTabBranding>"),
    ("TX013", "readability/pages/spiceworks.html.gz", "&percnt;"),
    ("TX010", "vietnamese/myfeed/ngoisao1.html.gz", "Ðặt"),
]

CLEAN = [
    "htmldate/eval/jungle.world-Imperialismus-Phantom.html.gz",  # German soft hyphen after ß
    "htmldate/test_set/1759902081.html.gz",  # French « … » with no-break spaces
    "readability/pages/lemonde-1.html.gz",
    "readability/pages/aclu.html.gz",  # "Allowed HTML tags: <em> <strong> …" is help text
    "readability/pages/002.html.gz",  # "an <img> tag" named in prose
]


def _lint(rel: str):
    corpus = require_corpus()
    data = (corpus / rel).read_bytes()
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
    res = Linter(Config.model_validate({"select": FREE})).lint(Document.from_bytes(data, rel))
    assert res.error is None, res.error
    return res.violations


@pytest.mark.parametrize("code,rel,shown", DEFECTS, ids=[f"{c}-{r.rsplit('/', 1)[-1]}" for c, r, _ in DEFECTS])
def test_real_defects_of_development_pages_are_reported(code, rel, shown):
    vs = [v for v in _lint(rel) if v.code == code]
    assert vs, f"{code} missed on {rel}"
    assert any(shown in v.message or shown in v.context for v in vs), [v.message for v in vs][:3]


@pytest.mark.parametrize("rel", CLEAN, ids=[r.rsplit("/", 1)[-1] for r in CLEAN])
def test_language_free_rules_stay_quiet_on_clean_pages(rel):
    assert [f"{v.code} {v.message}" for v in _lint(rel)] == []
