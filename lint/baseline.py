"""Baselines: hide known violations by fingerprint so a legacy site gates only on new defects.

The file is JSON, one entry per line, sorted, so it diffs and merges cleanly:
``{"source": ..., "code": ..., "fingerprint": ..., "count": N}``. Fingerprints do not contain
line numbers, so entries survive edits that shift lines. Entries of documents linted in this run
that match nothing are stale and reported as NL101. Written by atomic replace under a lock file,
so concurrent runs (pre-commit starts several) never corrupt it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from .catalogue import write_atomic
from .model import SEVERITY_RANK, DocumentResult, Violation

VERSION = 1


def _norm(source: str) -> str:
    return source.replace(os.sep, "/")


def load(path: str) -> dict:
    """{(source, code, fingerprint): count}"""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a newslint baseline: {exc}") from None
    out: Counter = Counter()
    for e in data.get("entries", []):
        out[(_norm(e["source"]), e["code"], e["fingerprint"])] += int(e.get("count", 1))
    return dict(out)


def dumps(entries: dict) -> str:
    rows = [{"source": s, "code": c, "fingerprint": f, "count": n} for (s, c, f), n in sorted(entries.items())]
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
    return '{"version": %d, "entries": [\n%s\n]}\n' % (VERSION, body)


@contextmanager
def _locked(path: str):
    import fcntl

    lock = Path(path + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write(path: str, results: list[DocumentResult], fail_on: str = "error") -> int:
    """Record this run's violations at or above ``fail_on`` for the documents linted.

    Entries of other documents already in the file are kept (pre-commit runs several processes
    on disjoint file sets), under a lock, by atomic replace.
    """
    limit = SEVERITY_RANK.get(fail_on, 2) if fail_on != "never" else 0
    mine: Counter = Counter()
    linted = {_norm(r.source) for r in results}
    for r in results:
        for v in r.violations:
            if SEVERITY_RANK[v.severity] >= limit and not v.code.startswith("NL"):
                mine[(_norm(r.source), v.code, v.fingerprint)] += 1
    with _locked(path):
        current = load(path)
        kept = {k: n for k, n in current.items() if k[0] not in linted}
        kept.update(mine)
        if not write_atomic(Path(path), dumps(kept).encode("utf-8")):
            raise OSError(f"cannot write the baseline {path}")
    return sum(mine.values())


def apply(results: list[DocumentResult], entries: dict, stale_rule=None) -> None:
    """Remove baselined violations in place; add NL101 for stale entries of linted documents."""
    remaining = dict(entries)
    for r in results:
        src = _norm(r.source)
        keep = []
        for v in r.violations:
            key = (src, v.code, v.fingerprint)
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
                continue
            keep.append(v)
        r.violations = keep
    if stale_rule is None:
        return
    by_src = {_norm(r.source): r for r in results}
    for (src, code, fp), n in sorted(remaining.items()):
        if n > 0 and src in by_src and by_src[src].error is None:
            by_src[src].violations.append(Violation(
                stale_rule.code, stale_rule.slug, stale_rule.severity,
                f"stale baseline entry: {code} ({fp}) no longer occurs here; remove it with --baseline-write",
                1, 1, 1, 1, "", fp))
