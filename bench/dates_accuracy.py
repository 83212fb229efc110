"""How often the extracted publication date matches the human-annotated one.

Runs over every page of the development corpus whose manifest entry has an
``expected_publication_date`` (htmldate's annotations, Readability's ``publishedTime``, the
VnExpress page) and compares ``article.dates.published()`` with it: same calendar day, in the
page's own time zone (the offset its dates are written in; the site zone when a value is in UTC).

    python bench/dates_accuracy.py [--corpus ../shared/corpus] [--misses N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.article import Article  # noqa: E402
from lint.document import Document  # noqa: E402


def local_day(dates, value):
    if value.tzinfo is not None:
        off = value.utcoffset()
        if not off and dates.site_tz is not None:  # written in UTC: the site's day
            value = value.astimezone(dates.site_tz)
    return value.date().isoformat()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    ap.add_argument("--json", help="write per-page results here")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    rows = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if isinstance(r.get("expected_publication_date"), str)]
    hits, found, errors = 0, 0, 0
    by_source: Counter = Counter()
    by_source_hit: Counter = Counter()
    misses, out = [], []
    t0 = time.perf_counter()
    for r in rows:
        path = corpus / r["file"]
        want = r["expected_publication_date"][:10]
        try:
            doc = Document.from_bytes(path.read_bytes(), str(path), url=r.get("url"))
            a = Article(doc)
            value, where = a.dates.published()
            got = local_day(a.dates, value) if value is not None else None
        except Exception as exc:  # reported, counted as a miss
            errors += 1
            got, where = None, f"error: {type(exc).__name__}: {exc}"
        src = where.split(" (")[0] if where else "none"
        by_source[src] += 1
        if got is not None:
            found += 1
        ok = got == want
        hits += ok
        by_source_hit[src] += ok
        out.append({"file": r["file"], "want": want, "got": got, "from": where, "ok": ok})
        if not ok:
            misses.append((r["file"], want, got, where))
    dt = time.perf_counter() - t0
    n = len(rows)
    print(f"pages with an annotated date: {n}")
    print(f"a published date extracted:   {found} ({found / n:.3f})")
    print(f"same day as the annotation:   {hits} ({hits / n:.3f})")
    print(f"errors: {errors}; {dt:.1f} s")
    print("by where the date came from (pages, same day):")
    for src, k in by_source.most_common():
        print(f"  {src:32} {k:4}  {by_source_hit[src] / k:.3f}")
    for f, want, got, where in misses[: args.misses]:
        print(f"MISS {f}: want {want}, got {got} from {where}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
