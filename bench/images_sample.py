"""A fixed random sample of images flagged by the IM alt-text rules, for a person to judge.

    python bench/images_sample.py [--n 30] [--seed 11] > /tmp/sample.md

Prints one row per flagged image: page, line, rule, src, alt, caption, size and newslint's
content/decoration reason. The judged copy (with a verdict column) is bench/im/sample-verdicts.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.extract.images import image_span  # noqa: E402

SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
ALT_RULES = ["IM001", "IM002", "IM003", "IM004", "IM005", "IM006", "IM007", "IM008", "IM009", "IM010"]


def _cell(s, n=70) -> str:
    s = "" if s is None else " ".join(str(s).split())
    s = s if len(s) <= n else s[: n - 1] + "…"
    return s.replace("|", "\\|")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    linter = Linter(Config.model_validate({"select": ALT_RULES}))
    flagged = []
    for line in open(corpus / "manifest.jsonl", encoding="utf-8"):
        r = json.loads(line)
        p = corpus / r["file"]
        data = gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes()
        doc = Document.from_bytes(data, str(p), url=r.get("url"))
        res = linter.lint(doc)
        if not res.violations:
            continue
        from lint.article import Article

        art = Article(doc, linter.config)
        spans = []
        for img in art.images:
            sp = image_span(art, img) or art.element_span(img.element)
            fig = art.element_span(img.figure) if img.figure is not None else None
            spans.append((img, sp, fig))
        for v in res.violations:
            img = next((i for i, sp, fig in spans if sp[0] <= v.offset < max(sp[1], sp[0] + 1)
                        or (fig and v.code == "IM010" and fig[0] == v.offset)), None)
            if img is not None:
                flagged.append((r["file"], v, img))
    rng = random.Random(args.seed)
    sample = rng.sample(flagged, min(args.n, len(flagged)))
    sample.sort(key=lambda t: (t[0], t[1].line))
    print(f"{len(flagged)} flagged images in {args.corpus}; sample of {len(sample)} (seed {args.seed})\n")
    print("| # | page | line | rule | src | alt | caption | size | newslint: content because |")
    print("| ---: | --- | ---: | --- | --- | --- | --- | --- | --- |")
    for n, (f, v, img) in enumerate(sample, 1):
        size = f"{img.width or '?'}x{img.height or '?'}"
        print(f"| {n} | {_cell(f, 60)} | {v.line} | {v.code} | {_cell((img.src or '')[-60:], 60)} | "
              f"{_cell(img.alt, 50) if img.alt is not None else '(none)'} | {_cell(img.caption, 40)} | {size} | "
              f"{_cell(img.reason, 60)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
