"""The ``newslint`` command: ``check``, ``inspect``, ``rules``, ``explain`` and ``audit``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 violations at or above it; 2 usage, config or
input errors (decided after every other document was linted and reported).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _csv(s: str) -> list[str]:
    return [x.strip() for x in s.split(",") if x.strip()]


class _Version(argparse.Action):
    """``--version``: newslint's version and whether the C walk is in use (looked up only when
    asked: it imports lxml)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from .native import WHY

        print(f"newslint {__version__} (C walk: {WHY})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newslint", description="Lint published news articles.")
    p.add_argument("--version", action=_Version, help="show the version and whether the C walk is in use, and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="lint files, directories, URLs or standard input")
    c.add_argument("paths", nargs="*", default=[], metavar="PATH", help="files, directories, http(s) URLs, or - for stdin")
    c.add_argument("--format", default=os.environ.get("NEWSLINT_OUTPUT_FORMAT", "auto"),
                   choices=("auto", "concise", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit"))
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    c.add_argument("--statistics", action="store_true", help="print the count of violations per rule")
    c.add_argument("--select", type=_csv, help="rules to run (codes, slugs, families, ALL), replacing the config's")
    c.add_argument("--extend-select", type=_csv, default=[], help="rules to add to the selection")
    c.add_argument("--ignore", type=_csv, default=[], help="rules to leave out")
    c.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="lowest severity that fails the run")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with violations (2 still means errors)")
    c.add_argument("--language", help="vi, en, another language code, or auto")
    c.add_argument("--config", metavar="FILE", help="use this config file")
    c.add_argument("--isolated", action="store_true", help="ignore every config file")
    c.add_argument("--exclude", type=_csv, default=[], help="path patterns not to lint")
    c.add_argument("--stdin-filename", metavar="NAME", help="the name (and kind) of the document read from -")
    c.add_argument("--baseline", metavar="FILE", help="hide violations recorded in this baseline")
    c.add_argument("--baseline-write", action="store_true", help="write the baseline (to --baseline or the config's)")
    c.add_argument("--jobs", "-j", type=int, help="processes to use (default: all cores)")
    c.add_argument("--max-bytes", type=int, help="size budget of one document, in bytes")

    i = sub.add_parser("inspect", help="print the article model newslint builds from a page, as JSON")
    i.add_argument("path", metavar="FILE|URL")
    i.add_argument("--config", metavar="FILE")
    i.add_argument("--isolated", action="store_true")
    i.add_argument("--language")

    r = sub.add_parser("rules", help="list the rule catalogue")
    r.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    e = sub.add_parser("explain", help="print one rule's documentation")
    e.add_argument("rule", metavar="CODE|SLUG")

    a = sub.add_parser("audit", help="audit a whole site: sitemap, robots.txt, start page, WARC files or folders",
                       add_help=False)
    a.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "audit":
        try:
            from .audit.cli import main as audit_main
        except ImportError as exc:
            sys.stderr.write(f"newslint audit needs the audit extra: pip install 'newslint[audit]' ({exc})\n")
            return EXIT_ERROR
        return audit_main(argv[1:])
    parser = build_parser()
    if not argv:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code else EXIT_OK
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "inspect":
            return cmd_inspect(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
    except BrokenPipeError:
        return EXIT_OK
    parser.print_help(sys.stderr)
    return EXIT_ERROR


def _check_selectors(args) -> None:
    """A rule selector given on the command line that names no rule is an error of that option,
    not of the config file it is merged with."""
    given = [(flag, getattr(args, dest, None)) for flag, dest in
             (("--select", "select"), ("--extend-select", "extend_select"), ("--ignore", "ignore"))]
    if not any(sels for _, sels in given):
        return
    from . import catalogue as cat
    from .config import ConfigError

    rules = cat.load()
    for flag, sels in given:
        try:
            cat.resolve_selectors(sels or [], rules)
        except cat.UnknownSelector as exc:
            raise ConfigError(f"{flag}: {exc}") from None


def _config(args, start: Path):
    from .config import resolve_config

    cfg = resolve_config(getattr(args, "config", None), getattr(args, "isolated", False), start)
    _check_selectors(args)
    upd = {}
    if getattr(args, "select", None) is not None:
        # An explicit selection on the command line is the whole selection: the config's
        # select, extend-select and ignore give way to it (per-file ignores still apply).
        upd["select"] = args.select
        upd["extend_select"] = list(args.extend_select or [])
        upd["ignore"] = list(args.ignore or [])
    else:
        if getattr(args, "extend_select", None):
            upd["extend_select"] = cfg.extend_select + args.extend_select
        if getattr(args, "ignore", None):
            upd["ignore"] = cfg.ignore + args.ignore
    if getattr(args, "fail_on", None):
        upd["fail_on"] = args.fail_on
    if getattr(args, "language", None):
        upd["language"] = args.language
    if getattr(args, "exclude", None):
        upd["exclude"] = cfg.exclude + args.exclude
    if getattr(args, "jobs", None):
        upd["jobs"] = args.jobs
    if getattr(args, "max_bytes", None):
        upd["max_bytes"] = args.max_bytes
    path = cfg.path
    cfg = cfg.model_copy(update=upd)
    cfg.path = path
    if cfg.max_bytes:
        from .limits import LIMITS

        LIMITS.max_bytes = cfg.max_bytes
    return cfg


def cmd_check(args) -> int:
    from .config import ConfigError
    from .engine import Linter, fails
    from .inputs import discover
    from .reporters import render, statistics
    from .runner import run

    if not args.paths:
        sys.stderr.write("newslint check: give at least one PATH, URL or - (standard input)\n")
        return EXIT_ERROR
    first = next((p for p in args.paths if p != "-" and "://" not in p), ".")
    try:
        cfg = _config(args, Path(first))
        linter = Linter(cfg)
    except ConfigError as exc:
        sys.stderr.write(f"newslint: config error: {exc}\n")
        return EXIT_ERROR
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "concise"
    items = discover(args.paths, cfg.exclude, args.stdin_filename)
    if not items:
        sys.stderr.write("newslint: no documents to lint under the given paths\n")
        return EXIT_OK
    baseline_path = args.baseline or cfg.baseline
    results = []
    had_error = failed = False
    out = open(args.output, "w", encoding="utf-8", newline="\n") if args.output else sys.stdout
    try:
        if baseline_path or args.statistics or args.baseline_write:
            results = list(run(items, cfg))
            if baseline_path and args.baseline_write:
                from .baseline import write

                try:
                    n = write(baseline_path, results, cfg.fail_on)
                except OSError as exc:
                    sys.stderr.write(f"newslint: {exc}\n")
                    return EXIT_ERROR
                sys.stderr.write(f"newslint: wrote {n} violations to the baseline {baseline_path}\n")
                return EXIT_ERROR if any(r.error for r in results) else EXIT_OK
            if baseline_path:
                from . import baseline

                try:
                    entries = baseline.load(baseline_path)
                except ValueError as exc:
                    sys.stderr.write(f"newslint: {exc}\n")
                    return EXIT_ERROR
                stale = linter.catalogue.get("NL101")
                active = {a.rule.code for a in linter.active}
                baseline.apply(results, entries, stale if "NL101" in active else None)
            render(fmt, results, out, linter.catalogue, selected=[a.rule.code for a in linter.active])
            if args.statistics:
                statistics(results, linter.catalogue, sys.stderr if fmt != "concise" or args.output else out)
        else:
            from .reporters import REPORTERS

            rep = REPORTERS[fmt](out, linter.catalogue, {"selected": [a.rule.code for a in linter.active]})
            for r in run(items, cfg):
                rep.document(r)
                if rep.streaming:
                    out.flush()
                    # Keep only what the exit code needs, so memory stays flat over any number of pages.
                    had_error = had_error or bool(r.error)
                    failed = failed or fails([r], cfg.fail_on)
                else:
                    results.append(r)
            rep.finish()
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    if had_error or any(r.error for r in results):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FAIL if failed or fails(results, cfg.fail_on) else EXIT_OK


def cmd_inspect(args) -> int:
    import json

    from .config import ConfigError
    from .document import InputError
    from .inputs import Item, read_item
    from .inspect import inspect_article

    src = args.path
    try:
        cfg = _config(args, Path(src if "://" not in src else "."))
    except ConfigError as exc:
        sys.stderr.write(f"newslint: config error: {exc}\n")
        return EXIT_ERROR
    kind = "url" if "://" in src else "stdin" if src == "-" else "path"
    try:
        doc = read_item(Item(src, kind))
        model = inspect_article(doc, cfg)
    except InputError as exc:
        sys.stderr.write(f"{src}: error: {exc}\n")
        return EXIT_ERROR
    json.dump(model, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_rules(args) -> int:
    from . import catalogue as cat
    from .docs import rules_json, rules_markdown

    rules = cat.load()
    if args.format == "json":
        import json

        json.dump(rules_json(rules), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    else:
        for code, r in sorted(rules.items()):
            flag = "" if r.default else "  (off by default)"
            sys.stdout.write(f"{code}  {r.slug:<34} {r.severity:<8} {r.summary}{flag}\n")
    return EXIT_OK


def cmd_explain(args) -> int:
    from . import catalogue as cat
    from .docs import rule_markdown

    rules = cat.load()
    key = args.rule.strip()
    rule = rules.get(key.upper()) or next((r for r in rules.values() if r.slug == key or key in r.aliases), None)
    if rule is None:
        hint = cat.suggest(key, list(rules) + [r.slug for r in rules.values()])
        sys.stderr.write(f"newslint: no rule {key!r}" + (f" (did you mean {hint}?)" if hint else "") + "\n")
        return EXIT_ERROR
    sys.stdout.write(rule_markdown(rule))
    return EXIT_OK
