"""Throughput: CPU time of a full ``newslint check`` per page vs an lxml parse of the same pages,
measured in the same run (this machine is shared and noisy: the ratio is the number to read).

Per page and per pass, interleaved: ``lxml.html.document_fromstring(bytes)`` (the floor for any
tool that builds an lxml tree) and what ``newslint check`` does per file (decode, parse, every
default rule, locate the violations). Pages are in memory before timing starts. Also:

- extruct's default call (all six syntaxes) and its JSON-LD + microdata + OpenGraph call on an
  evenly spread subset, against the parse of the same subset;
- the no-cliff check: per-page check time vs the median (target: none over 20x), with outliers;
- ``--breakdown``: CPU per article view (tree, body, blocks, markup, dates...) and per rule;
- ``--profile FILE``: a pyinstrument profile of one pass (``pip install pyinstrument``).

    python bench/throughput.py [--limit N] [--passes 3] [--extruct 40] [--breakdown] [--profile out.html]
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

VIEWS = ("tree", "meta", "page", "body", "blocks", "lang", "markup", "article_kind", "dates", "byline", "images")


def parse_floor(data: bytes):
    import lxml.html

    try:
        return lxml.html.document_fromstring(data)
    except Exception:  # an empty or broken page costs what it costs
        return None


def time_pages(pages, fn, passes: int) -> list[float]:
    """Minimum CPU seconds per page over ``passes`` passes (the least disturbed measurement)."""
    best = [float("inf")] * len(pages)
    for _ in range(passes):
        for i, (name, data) in enumerate(pages):
            t = common.cpu()
            fn(name, data)
            dt = common.cpu() - t
            if dt < best[i]:
                best[i] = dt
    return best


def interleaved(pages, check, passes: int):
    """(parse seconds, check seconds) per page, minimum over passes, one of each in turn; and the
    totals of the first pass alone (parse, check): what one run over pages never seen pays,
    memos of class names, URLs and locations still empty."""
    parse = [float("inf")] * len(pages)
    full = [float("inf")] * len(pages)
    first = [0.0, 0.0]
    errors = 0
    for p in range(passes):
        for i, (name, data) in enumerate(pages):
            # The young generation's collection that the previous check left pending would land in
            # the parse: run it now, outside both timers.
            gc.collect(0)
            t = common.cpu()
            parse_floor(data)
            t1 = common.cpu()
            r = check(name, data)
            t2 = common.cpu()
            parse[i] = min(parse[i], t1 - t)
            full[i] = min(full[i], t2 - t1)
            if p == 0:
                first[0] += t1 - t
                first[1] += t2 - t1
                errors += bool(r.error)
    return parse, full, errors, first


def extruct_compare(pages, passes: int):
    import extruct

    def default(name, data):
        try:
            extruct.extract(data)
        except Exception:
            pass

    def light(name, data):
        try:
            extruct.extract(parse_floor(data), syntaxes=["json-ld", "microdata", "opengraph"])
        except Exception:
            pass

    parse = time_pages(pages, lambda n, d: parse_floor(d), passes)
    return parse, time_pages(pages, default, 1), time_pages(pages, light, passes)


def breakdown(pages) -> None:
    """CPU per article view (forced in dependency order, each view's own cost) and per rule."""
    from lint.article import Article
    from lint.config import default_settings
    from lint.document import Document
    from lint.engine import Linter
    from lint.registry import function_for

    linter = Linter(default_settings())
    views = {v: 0.0 for v in VIEWS}
    rules = {a.rule.code: 0.0 for a in linter.active}
    decode = 0.0
    n = 0
    for name, data in pages:
        t = common.cpu()
        doc = Document.from_bytes(data, name)
        decode += common.cpu() - t
        art = Article(doc, linter.config)
        try:
            for v in VIEWS:
                t = common.cpu()
                try:
                    getattr(art, v)
                except Exception:
                    pass
                views[v] += common.cpu() - t
        except Exception:
            continue
        n += 1
        for a in linter.active:
            if a.rule.check.get("kind") == "engine" or doc.kind not in a.rule.kinds:
                continue
            t = common.cpu()
            try:
                if (not a.rule.article_only or art.is_article) and a.rule.applies_to_language(art.lang):
                    fn = a.fn or function_for(a.rule)
                    for prob in fn(art, a.options) or ():
                        linter._violation(art, a, prob)
            except Exception:
                pass
            rules[a.rule.code] += common.cpu() - t
    rows = [["decode (Document.from_bytes)", f"{decode / n * 1000:.3f}"]]
    rows += [[f"view {v}", f"{views[v] / n * 1000:.3f}"] for v in VIEWS]
    rows += [[f"rule {c} (+ locating its violations)", f"{s / n * 1000:.3f}"]
             for c, s in sorted(rules.items(), key=lambda kv: -kv[1])]
    print(f"\nbreakdown over {n} pages (one pass, CPU ms per page; a view's cost excludes views forced before it):")
    common.table(rows, ["stage", "ms/page"])


def walks(pages, check, passes: int) -> None:
    """The full check with the C walk and with the Python walks (lint/native.py), one after the other
    on each page in one process (the order turning each page), per-page minimum over passes: the
    machine's drift between two runs is larger than the difference."""
    import lint.extract.markup as markup
    import lint.extract.named as named
    from lint.native import WALK, WHY

    if WALK is None:
        print(f"\n--walks: the C walk is {WHY}: nothing to compare")
        return
    best = {True: [float("inf")] * len(pages), False: [float("inf")] * len(pages)}
    try:
        for p in range(passes):
            for i, (name, data) in enumerate(pages):
                for on in ((True, False) if (i + p) % 2 else (False, True)):
                    named.WALK = markup.WALK = WALK if on else None
                    gc.collect(0)
                    t = common.cpu()
                    check(name, data)
                    dt = common.cpu() - t
                    if dt < best[on][i]:
                        best[on][i] = dt
    finally:
        named.WALK = markup.WALK = WALK
    c, py = sum(best[True]), sum(best[False])
    n = len(pages)
    print(f"\nthe C walk against the Python walks ({n} pages, interleaved in one process):")
    common.table([["newslint check, Python walks", f"{py / n * 1000:.3f}", "1.000"],
                   ["newslint check, C walk", f"{c / n * 1000:.3f}", f"{c / py:.3f}"]],
                  ["method", "mean ms", "vs Python walks"])
    ratios = sorted(a / b for a, b in zip(best[True], best[False]) if b > 0)
    print(f"ratio: C walk / Python walks = {c / py:.3f} (total CPU); per page: median {common.median(ratios):.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="an evenly spread sample of N pages (default: all 942)")
    ap.add_argument("--only", help="a corpus folder, e.g. article-benchmark")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--extruct", type=int, default=40, help="pages in the extruct comparison (0: skip)")
    ap.add_argument("--breakdown", action="store_true")
    ap.add_argument("--walks", action="store_true", help="the check with the C walk against the Python walks")
    ap.add_argument("--profile", metavar="FILE", help="write a pyinstrument profile of one check pass")
    ap.add_argument("--outliers", type=int, default=8)
    args = ap.parse_args(argv)

    common.header("throughput: newslint check vs lxml parse (CPU time per page)")
    pages = common.pages(args.limit, args.only)
    mb = sum(len(d) for _, d in pages) / 1e6
    print(f"pages: {len(pages)} ({mb:.1f} MB uncompressed); passes: {args.passes} (per-page minimum)")

    check = common.lint_callable()
    for name, data in pages[:5]:  # warm-up: imports, catalogue, packs, regex caches
        parse_floor(data)
        check(name, data)

    parse, full, errors, first = interleaved(pages, check, args.passes)
    tp, tf = sum(parse), sum(full)
    n = len(pages)
    rows = [
        ["lxml.html.document_fromstring(bytes)", f"{common.median(parse) * 1000:.2f}", f"{tp / n * 1000:.2f}",
         f"{n / tp:.0f}", "1.00x"],
        ["newslint check (every default rule)", f"{common.median(full) * 1000:.2f}", f"{tf / n * 1000:.2f}",
         f"{n / tf:.0f}", f"{tf / tp:.2f}x"],
    ]
    common.table(rows, ["method", "median ms", "mean ms", "pages/s/core", "vs parse (total CPU)"])
    per_page = sorted(f / p for f, p in zip(full, parse) if p > 0)
    print(f"\nratio: newslint check / lxml parse = {tf / tp:.2f} (total CPU; target <= 4, goal 3); "
          f"per page: median {common.median(per_page):.2f}, p90 {common.pct(per_page, 0.9):.2f}")
    print(f"check throughput: {n / tf:.0f} pages/s per core (goal >= 250); documents with an error: {errors}")
    print(f"first pass alone (memos empty, as in one run over new pages): check {first[1] / n * 1000:.2f} ms, "
          f"parse {first[0] / n * 1000:.2f} ms a page, ratio {first[1] / first[0]:.2f}")

    # No cliff: no page over 20x the median.
    med = common.median(full)
    order = sorted(range(n), key=lambda i: -full[i])
    worst = full[order[0]]
    over = [i for i in order if full[i] > 20 * med]
    print(f"\nno-cliff: median {med * 1000:.2f} ms, max {worst * 1000:.1f} ms = {worst / med:.1f}x the median "
          f"(target <= 20x); pages over 20x: {len(over)}")
    rows = []
    for i in order[:args.outliers]:
        name, data = pages[i]
        rows.append([name[:72], f"{len(data) / 1024:.0f}", f"{full[i] * 1000:.1f}", f"{full[i] / med:.1f}x",
                     f"{parse[i] * 1000:.1f}", f"{full[i] / parse[i]:.1f}x" if parse[i] else "-"])
    common.table(rows, ["slowest pages", "KiB", "check ms", "vs median", "parse ms", "vs its parse"])

    if args.extruct:
        sub = common.pages(args.extruct, args.only)
        try:
            ep, ed, el = extruct_compare(sub, args.passes)
        except ImportError:
            print("\nextruct is not installed: comparison skipped")
        else:
            cp = time_pages(sub, check, args.passes)
            sp = sum(ep)
            print(f"\nextruct on {len(sub)} pages (evenly spread; default call timed once per page):")
            common.table([
                ["lxml parse", f"{sp / len(sub) * 1000:.2f}", "1.00x"],
                ["newslint check", f"{sum(cp) / len(sub) * 1000:.2f}", f"{sum(cp) / sp:.2f}x"],
                ["extruct json-ld+microdata+opengraph (on the parsed tree)", f"{sum(el) / len(sub) * 1000:.2f}",
                 f"{sum(el) / sp:.2f}x"],
                ["extruct.extract(html) default: all six syntaxes", f"{sum(ed) / len(sub) * 1000:.2f}",
                 f"{sum(ed) / sp:.2f}x"],
            ], ["method", "mean ms", "vs parse"])
            print(f"ratio: extruct default / newslint check = {sum(ed) / sum(cp):.1f}")

    if args.walks:
        walks(pages, check, args.passes)
    if args.breakdown:
        breakdown(pages)
    if args.profile:
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("\n--profile needs pyinstrument: pip install pyinstrument")
        else:
            prof = Profiler(interval=0.0005)
            prof.start()
            for name, data in pages:
                check(name, data)
            prof.stop()
            out = Path(args.profile)
            out.write_text(prof.output_html() if out.suffix == ".html" else prof.output_text(unicode=True, show_all=False),
                           encoding="utf-8")
            print(f"\nprofile of one check pass written to {out}")
    print(f"\nload average at end: {common.loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
