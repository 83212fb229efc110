#!/usr/bin/env python3
"""Rate of each SD rule on the development corpus, and the table in docs/structured-data.md.

    python bench/sd_rates.py            # lint every corpus page with the SD rules, write
                                        # bench/sd/rates.json and the table in the docs
    python bench/sd_rates.py --table    # only rewrite the docs table from bench/sd/rates.json

Each rule's rate is the share of corpus pages on which it reports at least once. Every error
finding is listed in rates.json so that bench/sd/errors-sample.jsonl can hold a judged sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
RATES = ROOT / "bench" / "sd" / "rates.json"
DOCS = ROOT / "docs" / "structured-data.md"
START, END = "<!-- sd-rates:start -->", "<!-- sd-rates:end -->"
COMMAND = "python bench/sd_rates.py"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def manifest() -> list[dict]:
    p = CORPUS / "manifest.jsonl"
    if not p.is_file():
        sys.exit(f"sd_rates: no corpus at {CORPUS} (set NEWSLINT_SHARED)")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def lint_pages(rows, select=("SD",), profile="google-article"):
    from lint import catalogue as cat
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    linter = Linter(Config.model_validate({"select": list(select), "profile": profile}), rules=cat.load())
    for r in rows:
        doc = Document.from_bytes(read(CORPUS / r["file"]), r["file"], url=r.get("url"))
        yield r, linter.lint(doc)


def measure() -> dict:
    from lint import catalogue as cat

    rules = {c: r for c, r in cat.load().items() if r.family == "SD"}
    rows = manifest()
    per = {c: {"slug": r.slug, "severity": r.severity, "findings": 0, "pages": 0, "article_pages": 0}
           for c, r in sorted(rules.items())}
    errors, failures = [], []
    n_articles = 0
    t0 = time.process_time()
    for row, res in lint_pages(rows):
        if res.error:
            failures.append({"file": row["file"], "error": res.error})
        if res.is_article:
            n_articles += 1
        seen = set()
        for v in res.violations:
            if v.code not in per:
                continue
            per[v.code]["findings"] += 1
            if v.code not in seen:
                seen.add(v.code)
                per[v.code]["pages"] += 1
                if res.is_article:
                    per[v.code]["article_pages"] += 1
            if v.severity == "error":
                errors.append({"file": row["file"], "line": v.line, "column": v.column, "code": v.code,
                               "message": v.message})
    n = len(rows)
    for d in per.values():
        d["rate"] = round(d["pages"] / n, 4) if n else 0.0
    return {"command": COMMAND, "pages": n, "article_pages": n_articles, "cpu_seconds": round(time.process_time() - t0, 1),
            "rules": per, "errors": errors, "failures": failures}


def table(rates: dict) -> str:
    n, na = rates["pages"], rates["article_pages"]
    lines = [f"Measured with `{rates['command']}` on {n} corpus pages ({na} judged articles), profile google-article.", "",
             "| rule | severity | pages | rate per page | on article pages | findings |", "|---|---|---|---|---|---|"]
    for code, d in rates["rules"].items():
        lines.append(f"| {code} {d['slug']} | {d['severity']} | {d['pages']} | {100 * d['rate']:.1f}% | "
                     f"{d['article_pages']} | {d['findings']} |")
    return "\n".join(lines)


def write_docs(rates: dict) -> None:
    text = DOCS.read_text(encoding="utf-8")
    i, j = text.index(START) + len(START), text.index(END)
    DOCS.write_text(text[:i] + "\n" + table(rates) + "\n" + text[j:], encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", action="store_true", help="only rewrite the docs table from rates.json")
    a = ap.parse_args(argv)
    if a.table:
        rates = json.loads(RATES.read_text(encoding="utf-8"))
    else:
        rates = measure()
        RATES.write_text(json.dumps(rates, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_docs(rates)
    print(table(rates))
    if rates["failures"]:
        print(f"{len(rates['failures'])} pages with errors:", *[f["file"] + ": " + f["error"] for f in rates["failures"][:10]],
              sep="\n  ", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
