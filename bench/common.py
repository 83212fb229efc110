"""Helpers shared by the benchmarks: where the development corpus is, reading its pages,
CPU timing, the machine and its load, and plain-text tables.

The corpus is ``../shared/corpus`` beside the checkout, or ``$NEWSLINT_SHARED/corpus``. Pages are
read into memory before any timing starts, so disk and gzip never count.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def require_corpus() -> Path:
    if not (CORPUS / "manifest.jsonl").is_file():
        sys.exit(f"bench: the development corpus is not at {CORPUS} (set NEWSLINT_SHARED)")
    return CORPUS


def manifest() -> list[dict]:
    with open(require_corpus() / "manifest.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def pages(limit: int | None = None, only: str | None = None, articles: bool = False) -> list[tuple[str, bytes]]:
    """(relative path, uncompressed bytes) of manifest pages, in manifest order.

    ``only``: a folder prefix (``article-benchmark``); ``articles``: only ``page_type`` article.
    ``limit`` takes an evenly spread sample, so a quick run still sees every folder.
    """
    rows = manifest()
    if only:
        rows = [r for r in rows if r["file"].startswith(only)]
    if articles:
        rows = [r for r in rows if r.get("page_type") == "article"]
    if limit and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return [(r["file"], read_bytes(CORPUS / r["file"])) for r in rows]


def cpu() -> float:
    return time.process_time()


def loadavg() -> str:
    try:
        a, b, c = os.getloadavg()
        return f"{a:.2f} {b:.2f} {c:.2f}"
    except OSError:
        return "n/a"


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import lxml.etree as et

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({model}){mem}, "
            f"CPython {platform.python_version()}, lxml {'.'.join(map(str, et.LXML_VERSION[:3]))} "
            f"(libxml2 {'.'.join(map(str, et.LIBXML_VERSION))})")


def header(title: str) -> None:
    print(f"# {title}")
    print(f"machine: {machine()}")
    print(f"load average at start: {loadavg()}")


def median(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs, q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def table(rows: list[list], head: list[str]) -> None:
    cells = [[str(c) for c in r] for r in [head] + rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    for n, r in enumerate(cells):
        print("| " + " | ".join(c.rjust(w) if n and i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def lint_callable(select: str | None = None):
    """A function ``(name, data) -> DocumentResult`` that does what ``newslint check`` does per file:
    decode, parse, run every default rule (or ``select``) with an isolated config."""
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    cfg = Config.model_validate({"select": select.split(",")} if select else {})
    linter = Linter(cfg)

    def run(name: str, data: bytes):
        return linter.lint(Document.from_bytes(data, name))

    return run


def lxml_parse(name: str, data: bytes):
    """The floor: what any tool that builds an lxml tree pays. Same decode as newslint."""
    import lxml.html

    from lint.document import Document

    doc = Document.from_bytes(data, name)
    return lxml.html.document_fromstring(doc.text) if doc.text.strip() else None
