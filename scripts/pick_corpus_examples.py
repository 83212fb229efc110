"""Add to each rule's catalogue entry one bad example taken from the development corpus.

For every rule that fires on a real (not synthetic) Vietnamese or English page of the corpus, the
page with the fewest hits of that rule is named in a ``corpus:`` example, with the exact places
where the rule fires; the catalogue test then checks it, like any other example. Entries that
already name a corpus page are left alone. Run it with ``--dry-run`` first, read each picked case
(``newslint check --select CODE <page>``), and pass the rules whose case is a real defect with
``--codes``. The pages stay in the corpus: only their paths are
written.

    python scripts/pick_corpus_examples.py [--corpus ../shared/corpus] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint import catalogue as cat  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--max-hits", type=int, default=6, help="skip pages where the rule fires more often")
    ap.add_argument("--codes", help="only these rules (comma-separated): the ones whose picked case was read "
                                    "and judged a real defect")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    rules = cat.load_specs(cat.rule_files())
    wanted = {c for c, r in rules.items() if not c.startswith("NL")
              and not any("corpus" in ex for kind, ex in r.examples if kind == "bad")}
    if args.codes:
        wanted &= {c.strip().upper() for c in args.codes.split(",")}
    linters = {lang: Linter(Config.model_validate({"select": sorted(wanted), "language": lang}), rules=rules)
               for lang in ("vi", "en")}
    best: dict = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        if m.get("language") not in ("vi", "en") or "synthetic" in (m.get("page_type") or ""):
            continue
        path = corpus / m["file"]
        try:
            doc = Document.from_bytes(path.read_bytes(), str(path), url=m.get("url"))
            res = linters[m["language"]].lint(doc)
        except Exception as exc:  # a page newslint cannot read names no example
            print(f"skip {m['file']}: {exc}", file=sys.stderr)
            continue
        if res.error:
            continue
        hits: dict = {}
        for v in res.violations:
            hits.setdefault(v.code, []).append((v.line, v.column))
        for code, where in hits.items():
            if len(where) > args.max_hits or len(set(where)) != len(where):
                continue
            # Prefer Vietnamese pages, then fewer hits, then the shorter file name.
            key = (m["language"] != "vi", len(where), len(m["file"]))
            if code not in best or key < best[code][0]:
                best[code] = (key, m["file"], m["language"], m.get("url"), sorted(where))
    for code in sorted(best):
        _, file, lang, url, where = best[code]
        rule = rules[code]
        path = Path(rule.path)
        text = path.read_text(encoding="utf-8")
        marker = "\n  good:"
        if marker not in text:
            print(f"{code}: no '  good:' line to insert before; skipped", file=sys.stderr)
            continue
        expect = ", ".join(f"{{line: {ln}, column: {col}}}" for ln, col in where)
        item = (f"\n    - name: natural case from the development corpus\n"
                f"      lang: {lang}\n"
                f"      corpus: {file}\n"
                + (f"      url: {json.dumps(url)}\n" if url else "")
                + f"      expect: [{expect}]")
        print(f"{code}: {file} ({lang}) at {where}")
        if not args.dry_run:
            path.write_text(text.replace(marker, item + marker, 1), encoding="utf-8")
    missing = sorted(wanted - set(best))
    print(f"no natural case with at most {args.max_hits} hits on a real vi/en page: {' '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
