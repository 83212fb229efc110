"""IM rules on the development corpus: images seen, content/decoration split, hits per rule.

    python bench/images_counts.py                # prints the table
    python bench/images_counts.py --write        # also rewrites the counts in docs/images.md
    python bench/images_counts.py --hits out.jsonl   # every hit with its image, for review

Reads ``../shared/corpus`` (or ``$NEWSLINT_SHARED``); commits nothing from the corpus.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.article import Article  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402

SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
BEGIN, END = "<!-- counts:begin -->", "<!-- counts:end -->"


def pages():
    for line in open(CORPUS / "manifest.jsonl", encoding="utf-8"):
        r = json.loads(line)
        p = CORPUS / r["file"]
        data = gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes()
        yield r, Document.from_bytes(data, str(p), url=r.get("url"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--hits", metavar="FILE")
    args = ap.parse_args(argv)
    linter = Linter(Config.model_validate({"select": ["IM"]}))
    codes = sorted(a.rule.code for a in linter.active)
    slugs = {a.rule.code: a.rule.slug for a in linter.active}
    hits = collections.Counter()
    hit_pages = collections.defaultdict(set)
    n_pages = n_articles = errors = 0
    imgs = collections.Counter()
    hit_out = open(args.hits, "w", encoding="utf-8") if args.hits else None
    for r, doc in pages():
        n_pages += 1
        res = linter.lint(doc)
        if res.error:
            errors += 1
        n_articles += bool(res.is_article)
        a = Article(doc, linter.config)
        try:
            images = a.images
        except Exception:
            images = []
        for i in images:
            imgs["img"] += 1
            imgs["content" if i.content else "decoration"] += 1
            if i.content and i.alt is None:
                imgs["content, no alt"] += 1
            if i.alt is None:
                imgs["no alt attribute"] += 1
            elif not i.alt.strip():
                imgs["empty alt"] += 1
        for v in res.violations:
            hits[v.code] += 1
            hit_pages[v.code].add(r["file"])
            if hit_out:
                hit_out.write(json.dumps({"file": r["file"], "code": v.code, "line": v.line, "column": v.column,
                                          "message": v.message, "context": v.context[:200]}, ensure_ascii=False)
                              + "\n")
    lines = [f"Corpus: {n_pages} pages ({n_articles} judged articles), {imgs['img']} `<img>` elements: "
             f"{imgs['content']} content, {imgs['decoration']} decoration; {imgs['no alt attribute']} without alt "
             f"({imgs['content, no alt']} of them content), {imgs['empty alt']} with alt=\"\". "
             f"Pages with an error: {errors}.", "",
             "| rule | hits | pages |", "| --- | ---: | ---: |"]
    for c in codes:
        lines.append(f"| {c} {slugs[c]} | {hits[c]} | {len(hit_pages[c])} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        path = ROOT / "docs" / "images.md"
        text = path.read_text(encoding="utf-8")
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), BEGIN + "\n" + table + "\n" + END, text,
                      flags=re.DOTALL)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
