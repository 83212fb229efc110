"""The catalogue is the spec: every bad example fires its rule exactly where it says, every good
example stays silent, and every Python check is bound both ways."""

from __future__ import annotations

import gzip

import pytest

from lint import catalogue as cat
from lint.config import Config
from lint.document import Document
from lint.engine import Linter
from lint.registry import CHECKS, function_for

from conftest import CORPUS, ROOT, require_corpus

RULES = cat.load_specs(cat.rule_files())
EXAMPLES = [(code, kind, ex) for code, r in sorted(RULES.items()) for kind, ex in r.examples]


def _run(code: str, ex: dict):
    cfg = {"select": [code], "language": ex["lang"], **ex.get("config", {})}
    if ex.get("options"):
        cfg.setdefault("rules", {})[code] = ex["options"]
    linter = Linter(Config.model_validate(cfg), rules=RULES)
    if "corpus" in ex:
        require_corpus()
        path = CORPUS / ex["corpus"]
        data = path.read_bytes()
        doc = Document.from_bytes(data, str(path), url=ex.get("url"))
    else:
        name = {"html": "example.html", "markdown": "example.md", "text": "example.txt"}[ex.get("kind", "html")]
        doc = Document.from_text(ex["input"], name, kind=ex.get("kind", "html"), url=ex.get("url"))
    res = linter.lint(doc)
    assert res.error is None, res.error
    return [v for v in res.violations if v.code == code]


@pytest.mark.parametrize("code,kind,ex", EXAMPLES, ids=[f"{c}-{k}-{e['name']}" for c, k, e in EXAMPLES])
def test_example(code, kind, ex):
    got = _run(code, ex)
    where = sorted((v.line, v.column) for v in got)
    if kind == "bad":
        want = sorted((e["line"], e["column"]) for e in ex["expect"])
        assert where == want, [f"{v.line}:{v.column} {v.message}" for v in got]
    else:
        assert got == [], [f"{v.line}:{v.column} {v.message}" for v in got]


def test_every_rule_has_bad_and_good_examples():
    for code, r in RULES.items():
        if r.check.get("kind") == "engine" and code == "NL101":
            continue  # exercised by tests/test_baseline.py: it needs a baseline file
        kinds = {k for k, _ in r.examples}
        assert kinds == {"bad", "good"}, f"{code} needs bad and good examples"


def test_python_checks_bound_both_ways():
    for code, r in RULES.items():
        if "python" in r.check:
            assert callable(function_for(r)), code
    for code in CHECKS:
        assert code in RULES, f"{code} is registered in Python but has no catalogue entry"
        assert RULES[code].check.get("python"), f"{code} is registered in Python but its entry is declarative"


def test_rule_docs_are_current():
    from lint.docs import rules_markdown

    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(RULES), \
        "docs/rules.md is stale: run `newslint rules --format markdown > docs/rules.md`"


def test_schema_files_are_current():
    import json

    from lint.schemas import exported

    for name, schema in exported().items():
        path = ROOT / "schemas" / name
        assert json.loads(path.read_text(encoding="utf-8")) == schema, \
            f"schemas/{name} is stale: run `python -m lint.schemas`"


def _scalars(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _scalars(v, (*path, str(k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _scalars(v, (*path, str(i)))
    else:
        yield path, node


def test_language_pack_lists_hold_only_words():
    """A bare ``on``, ``no`` or ``null`` in a pack is read by YAML as a boolean or None, and the
    rule silently loses that word: every list entry of every pack must be a string."""
    import yaml

    from lint.catalogue import data_dir

    odd = []
    for p in sorted(data_dir("rules").glob("packs/*/*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        for path, value in _scalars(data):
            if len(path) >= 2 and path[-1].isdigit() and not isinstance(value, str):
                odd.append(f"{p.parent.name}/{p.name}: {'/'.join(path)} = {value!r}")
    assert not odd, odd
