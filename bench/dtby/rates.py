"""DT and BY rules on the development corpus: how often each fires, and how often wrongly.

For every page of ``shared/corpus/manifest.jsonl`` (and the seed text) the DT and BY rules run
alone, with an isolated config. Per rule it prints the pages checked, the pages it fires on and,
from the reviewed verdicts in ``bench/dtby/verdicts.jsonl`` (one JSON object a line: file, code,
line, verdict "true" or "false", note), the false-positive rate among reviewed hits.

    python bench/dtby/rates.py                 # print the table
    python bench/dtby/rates.py --write         # also rewrite false_positives in rules/DT, rules/BY
    python bench/dtby/rates.py --hits out.jsonl   # every hit, to review
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lint import Config  # noqa: E402
from lint import catalogue as cat  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402

COMMAND = "python bench/dtby/rates.py --write"


_M = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]
_D = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
      "Dezember"]


def date_shown(doc, want: str) -> bool:
    """Does the page's text show the annotated date in a common shape? (DT002's misses)"""
    from lint.article import Article

    y, m, d = map(int, want[:10].split("-"))
    a = Article(doc)
    body = a.tree.find("body") if a.tree is not None else None
    t = " ".join((body if body is not None else a.tree).text_content().split()) if a.tree is not None else doc.text
    pats = [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{m}/{d}/{y}",
            f"{y}-{m:02d}-{d:02d}", f"{_M[m - 1]} {d}, {y}", f"{d} {_M[m - 1]} {y}", f"{d}. {_D[m - 1]} {y}",
            f"{_M[m - 1][:3]} {d}, {y}"]
    return any(p in t for p in pats)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--hits")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    rows = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    files = [(corpus / r["file"], r.get("url")) for r in rows]
    annotated = {str(corpus / r["file"]): r["expected_publication_date"] for r in rows
                 if isinstance(r.get("expected_publication_date"), str)}
    dt002 = [0, 0]  # DT002 hits on annotated pages: [checked, the date is in the page's text]
    # Readability's expected byline per page: BY001 hits where a byline exists.
    bylines = {}
    meta_dir = corpus / "readability" / "expected-metadata"
    for r in rows:
        if r["file"].startswith("readability/pages/"):
            name = Path(r["file"]).name.split(".html")[0]
            mp = meta_dir / f"{name}.json"
            if mp.is_file():
                bylines[str(corpus / r["file"])] = json.loads(mp.read_text(encoding="utf-8")).get("byline")
    by001 = [0, 0]  # BY001 hits on Readability pages: [checked, Readability found a byline]
    seed = sorted((corpus.parent / "seed").glob("*.txt"))
    files += [(p, None) for p in seed]
    rules = cat.load()
    codes = sorted(c for c in rules if c[:2] in ("DT", "BY"))
    linter = Linter(Config.model_validate({"select": codes}), rules=rules)
    checked: Counter = Counter()
    fired: Counter = Counter()
    hits = []
    errors = 0
    t0 = time.perf_counter()
    for path, url in files:
        doc = Document.from_bytes(path.read_bytes(), str(path), url=url)
        res = linter.lint(doc)
        if res.error:
            errors += 1
            print(f"error {path}: {res.error}", file=sys.stderr)
        for code in codes:
            r = rules[code]
            if doc.kind in r.kinds and (not r.article_only or res.is_article):
                checked[code] += 1
        rel = str(path.relative_to(corpus)) if path.is_relative_to(corpus) else "../seed/" + path.name
        seen = set()
        for v in res.violations:
            hits.append({"file": rel, "code": v.code, "line": v.line, "column": v.column, "message": v.message})
            if v.code not in seen:
                fired[v.code] += 1
                seen.add(v.code)
                if v.code == "BY001" and str(path) in bylines:
                    by001[0] += 1
                    by001[1] += bool(bylines[str(path)])
                if v.code == "DT002" and str(path) in annotated:
                    dt002[0] += 1
                    dt002[1] += date_shown(doc, annotated[str(path)])
    dt = time.perf_counter() - t0
    verdicts = defaultdict(lambda: Counter())
    vfile = Path(__file__).with_name("verdicts.jsonl")
    if vfile.is_file():
        for line in vfile.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                verdicts[v["code"]][v["verdict"]] += 1
    print(f"{len(files)} documents, {errors} with errors, {dt:.1f} s")
    print(f"{'rule':6} {'checked':>8} {'fired':>6} {'rate':>6}  reviewed  false")
    lines = {}
    for code in codes:
        n, k = checked[code], fired[code]
        rv = verdicts[code]
        reviewed = rv["true"] + rv["false"]
        print(f"{code:6} {n:8} {k:6} {k / n if n else 0:6.3f}  {reviewed:8}  {rv['false']:5}")
        text = f"Fires on {k} of {n} pages of the development corpus it applies to ({k / n if n else 0:.1%})"
        if reviewed:
            text += (f"; of {reviewed} hits reviewed by hand (bench/dtby/verdicts.jsonl), {rv['false']} were "
                     f"false ({rv['false'] / reviewed:.0%})")
        elif code == "DT002" and dt002[0]:
            text += (f"; on the {dt002[0]} annotated pages among them the annotated date appears in the page's "
                     f"text on {dt002[1]} ({dt002[1] / dt002[0]:.0%}, an upper bound of the false hits: some of "
                     "those dates stand in lists or footers)")
        elif code == "BY001" and by001[0]:
            text += (f"; on the {by001[0]} Readability pages among them Readability's expected metadata has a "
                     f"byline on {by001[1]} ({by001[1] / by001[0]:.0%}, an upper bound of the false hits: some are "
                     "a site name or a date)")
        elif k:
            text += "; hits not yet reviewed"
        lines[code] = text + f". Measured with `{COMMAND}`."
    if args.hits:
        Path(args.hits).write_text("".join(json.dumps(h, ensure_ascii=False) + "\n" for h in hits), encoding="utf-8")
    if args.write:
        for code, text in lines.items():
            path = Path(rules[code].path)
            src = path.read_text(encoding="utf-8")
            if "by construction" in src:
                continue
            new = re.sub(r"^false_positives:.*$", "false_positives: " + json.dumps(text, ensure_ascii=False),
                         src, count=1, flags=re.MULTILINE)
            path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
