"""``newslint audit``: the command line.

    newslint audit https://example.com/sitemap.xml        # a sitemap (index, gzipped, news)
    newslint audit https://example.com/robots.txt          # its Sitemap: lines
    newslint audit https://example.com/                    # a start page: follow same-site links
    newslint audit --urls list.txt                         # one URL a line
    newslint audit --warc crawl-*.warc.gz [--engine dask]  # web archives
    newslint audit ./site-export/                          # a local folder

Everything goes to ``--output-dir`` (default ``newslint-audit/``): ``pages.jsonl`` (streamed,
used by ``--resume``), ``report.html``, ``summary.json``, ``pages.csv``, ``violations.jsonl``.
Exit codes: 0 the audit ran (whatever it found), 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 2


def _csv(s: str) -> list[str]:
    return [x.strip() for x in s.split(",") if x.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newslint audit", description="Audit a whole site and write a report.")
    p.add_argument("sources", nargs="*", metavar="URL|PATH",
                   help="sitemap, robots.txt or start-page URLs; local folders or files; .warc(.gz) files")
    p.add_argument("--warc", nargs="+", default=[], metavar="FILE", help="read pages from WARC files")
    p.add_argument("--urls", metavar="FILE", help="a file of URLs to audit, one a line (no link following)")
    p.add_argument("--output-dir", "-o", default="newslint-audit", metavar="DIR")
    p.add_argument("--resume", action="store_true", help="keep the results in DIR and do only what is left")
    p.add_argument("--jobs", "-j", type=int, help="lint processes (default: all cores)")
    p.add_argument("--engine", choices=("process", "dask"), default="process",
                   help="process pool (default) or Dask over WARC files")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    crawl = p.add_argument_group("crawling")
    crawl.add_argument("--max-pages", type=int, help="stop after this many pages (any source; --resume continues)")
    crawl.add_argument("--max-depth", type=int, default=3, help="link depth from a start page (default 3)")
    crawl.add_argument("--concurrency", type=int, default=8, help="requests in flight in all (default 8)")
    crawl.add_argument("--per-host", type=int, default=4, help="requests in flight to one host (default 4)")
    crawl.add_argument("--rate", type=float, default=4.0,
                       help="requests per second to one host (default 4; robots.txt Crawl-delay can lower it; "
                            "0: no limit)")
    crawl.add_argument("--timeout", type=float, default=20.0, help="seconds for one request (default 20)")
    crawl.add_argument("--max-response-bytes", type=int, default=16 * 1024 * 1024,
                       help="size cap of one response after decompression (default 16 MiB)")
    crawl.add_argument("--max-redirects", type=int, default=5)
    crawl.add_argument("--include", action="append", default=[], metavar="REGEX", help="audit only matching URLs")
    crawl.add_argument("--exclude-url", action="append", default=[], metavar="REGEX", help="skip matching URLs")
    crawl.add_argument("--host", action="append", default=[], help="another host in scope (repeatable)")
    crawl.add_argument("--no-follow", action="store_true", help="do not follow links from a start page")
    crawl.add_argument("--check-images", action="store_true",
                       help="fetch each page's markup image (HEAD and a ranged GET) for the image rules")
    crawl.add_argument("--allow-private", action="store_true",
                       help="allow private and loopback addresses even when the start URL is public")
    p.add_argument("--page-timeout", type=float, help="seconds to lint one page before its worker is replaced")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    p.add_argument("--report-pages", type=int, default=10_000, metavar="N",
                   help="pages in the HTML report's page table (problems first; default 10000)")
    lint = p.add_argument_group("rules")
    lint.add_argument("--select", type=_csv)
    lint.add_argument("--extend-select", type=_csv, default=[])
    lint.add_argument("--ignore", type=_csv, default=[])
    lint.add_argument("--language")
    lint.add_argument("--config", metavar="FILE")
    lint.add_argument("--isolated", action="store_true")
    lint.add_argument("--exclude", type=_csv, default=[], help="path patterns not to lint in local folders (as check's)")
    lint.add_argument("--max-bytes", type=int, help="size budget of one document, in bytes")
    return p


def _read_urls(path: str) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]


def _local_tasks(items, done: set[str]):
    """Tasks for local files: the worker reads each file, so the bytes of the pages do not pass
    through this process and a pipe on their way to it."""
    from ..document import kind_for_name
    from ..reporters import _json_safe

    for it in items:
        if _json_safe(it.source) in done:  # records name a file whose name is not UTF-8 as reports do
            continue
        if it.error:
            yield {"_error": it.error, "source": it.source}
            continue
        yield {"source": it.source, "path": it.source, "kind": kind_for_name(it.source) or None}


def _warc_tasks(warcs, done: set[str]):
    """Tasks for the pages of WARC files. A URL captured more than once is linted from its first
    capture, as the Dask engine records it (the recorded set fills only as workers finish)."""
    from .warc import iter_pages

    seen: set[str] = set()
    for w in warcs:
        for page in iter_pages(w):
            if page.url in done or page.url in seen:
                continue
            seen.add(page.url)
            if page.error:
                yield {"_error": page.error, "source": page.url, "status": page.status}
                continue
            yield {"source": page.url, "body": page.body, "url": page.url, "content_type": page.content_type,
                   "status": page.status}


def main(argv: list[str] | None = None) -> int:
    from ..cli import _config
    from ..config import ConfigError
    from ..engine import Linter
    from ..limits import LIMITS

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return EXIT_ERROR if exc.code else EXIT_OK
    urls, warcs, local = [], list(args.warc), []
    for s in args.sources:
        low = s.lower()
        if low.startswith(("http://", "https://")):
            urls.append(s)
        elif "://" in s:
            sys.stderr.write(f"newslint audit: unsupported URL scheme in {s!r} (only http and https)\n")
            return EXIT_ERROR
        elif low.endswith((".warc", ".warc.gz")):
            warcs.append(s)
        else:
            local.append(s)
    url_list = []
    if args.urls:
        try:
            url_list = _read_urls(args.urls)
        except OSError as exc:
            sys.stderr.write(f"newslint audit: cannot read {args.urls}: {exc.strerror or exc}\n")
            return EXIT_ERROR
        bad = [u for u in url_list if not u.lower().startswith(("http://", "https://"))]
        if bad:
            sys.stderr.write(f"newslint audit: {args.urls}: not an http(s) URL: {bad[0]!r}\n")
            return EXIT_ERROR
    if not (urls or warcs or local or url_list):
        parser.print_usage(sys.stderr)
        sys.stderr.write("newslint audit: give a URL, a folder, --urls FILE or --warc FILE\n")
        return EXIT_ERROR
    missing = [w for w in warcs + local if not os.path.exists(w)]
    if missing:
        sys.stderr.write(f"newslint audit: no such file or directory: {missing[0]}\n")
        return EXIT_ERROR
    if args.engine == "dask" and (urls or local or url_list):
        sys.stderr.write("newslint audit: --engine dask maps over WARC files only (use --warc)\n")
        return EXIT_ERROR
    try:
        cfg = _config(args, Path(local[0] if local else "."))
        linter = Linter(cfg)
    except ConfigError as exc:
        sys.stderr.write(f"newslint: config error: {exc}\n")
        return EXIT_ERROR
    out_dir = Path(args.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not args.resume:
        for name in ("skipped.jsonl", "frontier.sqlite", "frontier.sqlite-wal", "frontier.sqlite-shm"):
            try:
                (out_dir / name).unlink()
            except FileNotFoundError:
                pass
        shutil.rmtree(out_dir / "shards", ignore_errors=True)
    jobs = max(1, args.jobs or cfg.jobs or os.cpu_count() or 1)
    from .progress import Progress
    from .store import Results

    results = Results(out_dir / "pages.jsonl", args.resume)
    progress = Progress(quiet=args.quiet)
    extra = {"source": " ".join(urls + warcs + local + ([args.urls] if args.urls else []))[:2000]}
    try:
        if args.engine == "dask":
            _run_dask(args, warcs, out_dir, cfg, results, progress, jobs)
        else:
            from .work import LintPool, error_record

            # The workers get the settings as validated here, command-line values included (as check's do).
            with LintPool(jobs, cfg, args.page_timeout or LIMITS.doc_seconds) as pool:
                cap = args.max_pages

                def full():
                    return cap is not None and results.count >= cap

                def record(rec):
                    if rec["source"] not in results.done and not full():
                        results.add(rec)
                        progress.update(rec)

                def run_tasks(tasks):
                    def real():
                        for t in tasks:
                            if full():
                                return
                            if "_error" in t:
                                record(error_record(t["source"], t["_error"], None, t.get("status")))
                            else:
                                yield t
                    for rec in pool.imap_unordered(real()):
                        record(rec)

                if warcs:
                    run_tasks(_warc_tasks(warcs, results.done))
                if local:
                    from ..inputs import discover

                    items = discover(local, cfg.exclude)
                    progress.set_total(len(items))
                    run_tasks(_local_tasks(items, results.done))
                if urls or url_list:
                    extra.update(_run_crawl(args, urls or url_list, bool(url_list and not urls), out_dir,
                                            results, progress, pool, jobs))
                    if urls and url_list:
                        extra.update(_run_crawl(args, url_list, True, out_dir, results, progress, pool, jobs,
                                                frontier_name="frontier-urls.sqlite"))
    except KeyboardInterrupt:
        sys.stderr.write("newslint audit: interrupted; run again with --resume to finish\n")
        return 130
    except RuntimeError as exc:
        sys.stderr.write(f"newslint audit: {exc}\n")
        return EXIT_ERROR
    except ImportError as exc:
        sys.stderr.write(f"newslint audit needs the audit extra: pip install 'newslint[audit]' ({exc})\n")
        return EXIT_ERROR
    finally:
        results.close()
        progress.close()
    from .report import build

    s = build(out_dir, linter.catalogue, extra, max(0, args.report_pages))
    if not args.quiet:
        sys.stderr.write(f"newslint audit: {s['pages']} pages, {s['violations']} violations, {s['errors']} errors; "
                         f"report: {out_dir / 'report.html'}\n")
    return EXIT_OK


def _run_crawl(args, starts, url_list, out_dir, results, progress, pool, jobs, frontier_name="frontier.sqlite"):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from .crawl import CrawlOptions, Crawler
    from .store import Frontier

    opts = CrawlOptions(max_pages=args.max_pages, max_depth=args.max_depth, concurrency=args.concurrency,
                        per_host=args.per_host, rate=args.rate, timeout=args.timeout,
                        max_bytes=args.max_response_bytes, max_redirects=args.max_redirects,
                        follow_links=False if args.no_follow or url_list else None,
                        check_images=args.check_images, hosts=args.host, include=args.include,
                        exclude=args.exclude_url, allow_private=True if args.allow_private else None)
    frontier = Frontier(out_dir / frontier_name, args.resume)
    crawler = Crawler(opts, frontier, results, pool.run, progress, out_dir / "skipped.jsonl")
    try:
        with ThreadPoolExecutor(jobs) as ex:
            asyncio.run(crawler.run(starts, url_list=url_list, executor=ex))
    finally:
        frontier.close()
    return {"requests": crawler.stats["requests"], "skipped_during_run": crawler.stats["skipped"]}


def _run_dask(args, warcs, out_dir, cfg, results, progress, jobs):
    from .dask_engine import run_dask
    from .store import iter_records
    from .work import shard_name

    shard_dir = out_dir / "shards"
    run_dask(warcs, shard_dir, cfg, scheduler=args.scheduler, workers=jobs)
    cap = args.max_pages  # as in the process pool: the rest is recorded by --resume (from the shards)
    for w in warcs:
        part = shard_dir / f"{shard_name(w)}.jsonl"
        if part.exists():
            for rec in iter_records(part):
                if cap is not None and results.count >= cap:
                    return
                if rec["source"] not in results.done:
                    results.add(rec)
                    progress.update(rec)
