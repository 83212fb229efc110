"""Reporters: render document results in every supported format.

Streaming formats (``concise``, ``full``, ``github``, ``json-lines``) write each document as it
comes; ``json``, ``sarif``, ``gitlab`` and ``junit`` buffer because their formats demand one
document. Every string that a page supplied is escaped for the target format; characters that
JSON or XML cannot carry (lone surrogates, control characters) are replaced.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import IO, Iterable

from .. import __version__
from ..model import DocumentResult

FORMATS = ("concise", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit")
DOCS_URL = "https://github.com/newslint/newslint/blob/main/docs/rules.md#"

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BAD_JSON = re.compile("[\ud800-\udfff]")


def clean(s: str | None) -> str:
    """A string that JSON and XML can both carry."""
    if not s:
        return ""
    return _BAD_XML.sub("\ufffd", s)


def shown(s: str) -> str:
    """A path or URL for a text report: lone surrogates (a file name that is not UTF-8) replaced."""
    return _BAD_JSON.sub("\ufffd", s)


def _json_safe(s):
    if isinstance(s, str):
        return _BAD_JSON.sub("\ufffd", s)
    if isinstance(s, dict):
        return {k: _json_safe(v) for k, v in s.items()}
    if isinstance(s, list):
        return [_json_safe(v) for v in s]
    return s


def rule_anchor(rule) -> str:
    return DOCS_URL + f"{rule.code.lower()}-{rule.slug}"


class Reporter:
    streaming = True

    def __init__(self, out: IO[str], catalogue: dict, options: dict | None = None):
        self.out = out
        self.catalogue = catalogue
        self.options = options or {}
        self.results: list[DocumentResult] = []

    def document(self, r: DocumentResult):
        self.results.append(r)

    def finish(self):
        pass


class Concise(Reporter):
    def document(self, r):
        w = self.out.write
        if r.error:
            w(f"{shown(r.source)}:1:1: error: {clean(r.error)}\n")
        for v in r.violations:
            w(f"{shown(r.source)}:{v.line}:{v.column}: {v.code} {v.slug} {clean(v.message)}\n")

    def finish(self):
        pass


class Full(Reporter):
    def document(self, r):
        w = self.out.write
        if r.error:
            w(f"{shown(r.source)}: error: {clean(r.error)}\n\n")
        for v in r.violations:
            w(f"{shown(r.source)}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.slug}\n  {clean(v.message)}\n")
            if v.context:
                w(f"  | {clean(v.context)}\n")
            if v.fix is not None:
                w(f"  fix: replace with {clean(v.fix.replacement)!r}\n")
            w("\n")


def summary(results: list[DocumentResult]) -> dict:
    sev = Counter(v.severity for r in results for v in r.violations)
    by_rule = Counter(v.code for r in results for v in r.violations)
    return {
        "documents": len(results),
        "documents_with_violations": sum(1 for r in results if r.violations),
        "errors": sum(1 for r in results if r.error),
        "violations": sum(sev.values()),
        "by_severity": {k: sev.get(k, 0) for k in ("error", "warning", "info")},
        "by_rule": dict(sorted(by_rule.items())),
    }


class Json(Reporter):
    streaming = False

    def finish(self):
        doc = {
            "version": __version__,
            "tool": "newslint",
            "documents": [_json_safe(r.to_dict()) for r in self.results],
            "summary": summary(self.results),
        }
        json.dump(doc, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class JsonLines(Reporter):
    def document(self, r):
        base = {"source": _json_safe(r.source)}
        if r.error:
            self.out.write(json.dumps({**base, "error": _json_safe(r.error)}, ensure_ascii=False) + "\n")
        for v in r.violations:
            self.out.write(json.dumps({**base, **_json_safe(v.to_dict())}, ensure_ascii=False) + "\n")


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_escape_prop(s: str) -> str:
    return gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


class Github(Reporter):
    def document(self, r):
        w = self.out.write
        if r.error:
            w(f"::error file={gh_escape_prop(shown(r.source))},line=1,title=newslint input error::{gh_escape_data(clean(r.error))}\n")
        for v in r.violations:
            props = (f"file={gh_escape_prop(shown(r.source))},line={v.line},col={v.column},"
                     f"endLine={v.end_line},endColumn={v.end_column},title={gh_escape_prop(v.code + ' ' + v.slug)}")
            w(f"::{_GH_LEVEL[v.severity]} {props}::{gh_escape_data(clean(v.message))}\n")


_GL_SEV = {"error": "major", "warning": "minor", "info": "info"}


class Gitlab(Reporter):
    streaming = False

    def finish(self):
        import hashlib

        seen = set()
        items = []
        for r in self.results:
            for v in r.violations:
                base = f"{r.source}\x1f{v.code}\x1f{v.fingerprint}"
                salt = 0
                fp = hashlib.md5(base.encode("utf-8", "replace")).hexdigest()
                while fp in seen:
                    salt += 1
                    fp = hashlib.md5(f"{base}\x1f{salt}".encode("utf-8", "replace")).hexdigest()
                seen.add(fp)
                items.append({
                    "description": f"{v.slug}: {clean(v.message)}",
                    "check_name": v.code,
                    "fingerprint": fp,
                    "severity": _GL_SEV[v.severity],
                    "location": {"path": r.source, "positions": {"begin": {"line": v.line, "column": v.column},
                                                                 "end": {"line": v.end_line, "column": v.end_column}}},
                })
            if r.error:
                fp = hashlib.md5(f"{r.source}\x1ferror".encode("utf-8", "replace")).hexdigest()
                items.append({"description": f"input error: {clean(r.error)}", "check_name": "NL001",
                              "fingerprint": fp, "severity": "blocker",
                              "location": {"path": r.source, "lines": {"begin": 1}}})
        json.dump(_json_safe(items), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class Junit(Reporter):
    streaming = False

    def finish(self):
        from xml.sax.saxutils import quoteattr, escape

        w = self.out.write
        total = sum(max(1, len(r.violations)) for r in self.results)
        fails = sum(len(r.violations) for r in self.results)
        errs = sum(1 for r in self.results if r.error)
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(f'<testsuites name="newslint" tests="{total}" failures="{fails}" errors="{errs}">\n')
        for r in self.results:
            n = max(1, len(r.violations))
            src = quoteattr(clean(r.source))
            w(f'  <testsuite name={src} tests="{n}" failures="{len(r.violations)}" errors="{1 if r.error else 0}">\n')
            if r.error:
                w(f'    <testcase name="read" classname={src}>\n')
                w(f'      <error message={quoteattr(clean(r.error))}/>\n    </testcase>\n')
            elif not r.violations:
                w(f'    <testcase name="newslint" classname={src}/>\n')
            for v in r.violations:
                name = quoteattr(f"{v.code} {v.slug} at {v.line}:{v.column}")
                w(f'    <testcase name={name} classname={src} line="{v.line}" column="{v.column}">\n')
                body = escape(clean(f"{r.source}:{v.line}:{v.column}: {v.message}\n{v.context}"))
                w(f'      <failure message={quoteattr(clean(v.message))} type="{v.code}">{body}</failure>\n')
                w("    </testcase>\n")
            w("  </testsuite>\n")
        w("</testsuites>\n")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class Sarif(Reporter):
    streaming = False

    def finish(self):
        used = sorted({v.code for r in self.results for v in r.violations} | set(self.options.get("selected", ())))
        rules = []
        index = {}
        for code in used:
            rule = self.catalogue.get(code)
            if rule is None:
                continue
            index[code] = len(rules)
            rules.append({
                "id": rule.code,
                "name": rule.slug,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why or rule.summary},
                "help": {"text": f"{rule.summary}\n\n{rule.why}", "markdown": f"**{rule.summary}**\n\n{rule.why}"},
                "helpUri": rule_anchor(rule),
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {"tags": [rule.family], "precision": "high" if rule.severity == "error" else "medium"},
            })
        results = []
        for r in self.results:
            for v in r.violations:
                res = {
                    "ruleId": v.code,
                    "level": _SARIF_LEVEL[v.severity],
                    "message": {"text": clean(v.message)},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": _uri(r.source)},
                        "region": {"startLine": v.line, "startColumn": v.column,
                                   "endLine": v.end_line, "endColumn": max(v.end_column, v.column)},
                    }}],
                    "partialFingerprints": {"newslint/v1": v.fingerprint},
                }
                if v.code in index:
                    res["ruleIndex"] = index[v.code]
                if v.context:
                    res["locations"][0]["physicalLocation"]["region"]["snippet"] = {"text": clean(v.context)}
                results.append(res)
        notifications = [{
            "level": "error", "message": {"text": clean(r.error)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.source)}}}],
        } for r in self.results if r.error]
        run = {
            "tool": {"driver": {"name": "newslint", "version": __version__, "informationUri":
                                "https://pypi.org/project/newslint/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
        }
        doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
        json.dump(_json_safe(doc), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


def _uri(source: str) -> str:
    if re.match(r"^[a-z]+://", source):
        return source
    from urllib.parse import quote

    path = source.replace("\\", "/").removeprefix("./")
    try:  # a file name that is not UTF-8 keeps its bytes (surrogateescape), percent-encoded
        return quote(path.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return quote(path.encode("utf-8", "replace"))


REPORTERS = {
    "concise": Concise, "full": Full, "json": Json, "json-lines": JsonLines, "sarif": Sarif,
    "github": Github, "gitlab": Gitlab, "junit": Junit,
}


def render(fmt: str, results: Iterable[DocumentResult], out: IO[str], catalogue: dict, **options):
    rep = REPORTERS[fmt](out, catalogue, options)
    for r in results:
        rep.document(r)
    rep.finish()
    return rep


def statistics(results: list[DocumentResult], catalogue: dict, out: IO[str]):
    counts = Counter(v.code for r in results for v in r.violations)
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = catalogue.get(code)
        out.write(f"{n:7d}  {code}  {rule.slug if rule else ''}\n")
