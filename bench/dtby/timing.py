"""Time of the DT and BY views (article.dates, article.byline) against the lxml parse, per page.

    python bench/dtby/timing.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lint.article import Article  # noqa: E402
from lint.document import Document  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    rows = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    parse, views, slow = [], [], []
    for r in rows:
        path = corpus / r["file"]
        doc = Document.from_bytes(path.read_bytes(), str(path), url=r.get("url"))
        a = Article(doc)
        t0 = time.perf_counter()
        try:
            a.tree
        except Exception:
            continue
        t1 = time.perf_counter()
        a.markup, a.body, a.blocks, a.page, a.lang  # shared views, paid by other families too
        t2 = time.perf_counter()
        a.dates, a.byline
        t3 = time.perf_counter()
        parse.append(t1 - t0)
        views.append(t3 - t2)
        if t3 - t2 > 0.05:
            slow.append((t3 - t2, r["file"]))
    print(f"{len(parse)} pages: lxml parse median {statistics.median(parse) * 1000:.2f} ms, "
          f"dates+byline median {statistics.median(views) * 1000:.2f} ms, mean {statistics.mean(views) * 1000:.2f} ms; "
          f"total {sum(views):.1f} s vs parse {sum(parse):.1f} s")
    for t, f in sorted(slow, reverse=True)[:5]:
        print(f"  slow: {t * 1000:.0f} ms {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
