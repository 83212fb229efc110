"""Helpers shared by the benchmarks: where the development corpus is, reading its pages,
CPU timing, the machine and its load, and plain-text tables.

The corpus is ``$NEWSLINT_SHARED/corpus``, or ``../shared/corpus`` beside the checkout (see
``find_shared``). Pages are
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


def find_shared() -> Path:
    """``$NEWSLINT_SHARED``; else ``shared/`` beside this checkout; else, for a clone of a checkout
    on this machine (``git clone /path/to/newslint``), ``shared/`` beside the checkout it came from."""
    if os.environ.get("NEWSLINT_SHARED"):
        return Path(os.environ["NEWSLINT_SHARED"])
    beside = ROOT.parent / "shared"
    if beside.is_dir():
        return beside
    import subprocess

    try:
        origin = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        origin = ""
    if origin and "://" not in origin and Path(origin).is_dir():
        source = Path(origin).resolve()
        cand = (source if source.name != ".git" else source.parent).parent / "shared"
        if cand.is_dir():
            return cand
    return beside


SHARED = find_shared()
os.environ.setdefault("NEWSLINT_SHARED", str(SHARED))  # for the scripts that read it themselves
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
    from lint.native import WHY

    print(f"C walk: {WHY}; with NEWSLINT_PURE_PYTHON=1 the Python walks are measured")


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
    from lint.process import settle

    settle()  # the command's own process settings (lint/process.py)

    def run(name: str, data: bytes):
        return linter.lint(Document.from_bytes(data, name))

    return run


def lxml_parse(name: str, data: bytes):
    """The floor: what any tool that builds an lxml tree pays. Same decode as newslint."""
    import lxml.html

    from lint.document import Document

    doc = Document.from_bytes(data, name)
    return lxml.html.document_fromstring(doc.text) if doc.text.strip() else None


def make_tree(dest: Path, n: int, only: str | None = None) -> int:
    """Fill ``dest`` with ``n`` pages: the development pages repeated (hard links where possible),
    spread over sub-folders of 500. Returns the number of files made."""
    rows = manifest()
    if only:
        rows = [r for r in rows if r["file"].startswith(only)]
    src = [CORPUS / r["file"] for r in rows]
    for i in range(n):
        p = src[i % len(src)]
        d = dest / f"part{i // 500:03d}"
        if i % 500 == 0:
            d.mkdir(parents=True, exist_ok=True)
        target = d / f"{i:05d}-{p.name}"
        try:
            os.link(p, target)
        except OSError:
            import shutil

            shutil.copyfile(p, target)
    return n


def run_measured(cmd: list[str], cwd: str | None = None, env: dict | None = None, poll: float = 0.05) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds of the process tree, peak RSS of the whole tree and of
    its largest single process (sampled every ``poll`` seconds), each process's own peak as the
    kernel records it (``VmHWM``: exact, where sampling can miss a short peak), and the load average
    before."""
    import resource
    import subprocess

    try:
        import psutil
    except ImportError:  # the sampled total is then not available
        psutil = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = loadavg()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_proc = 0
    cpu_seen: dict = {}  # pid -> last CPU seconds sampled (forkserver workers are not our children)
    hwm: dict = {}  # pid -> the process's peak RSS (VmHWM), as last read
    if psutil is not None:
        try:
            ps = psutil.Process(proc.pid)
            while proc.poll() is None:
                total = 0
                try:
                    for p in [ps, *ps.children(recursive=True)]:
                        try:
                            rss = p.memory_info().rss
                            total += rss
                            peak_proc = max(peak_proc, rss)
                            ct = p.cpu_times()
                            cpu_seen[p.pid] = ct.user + ct.system
                            hwm[p.pid] = max(hwm.get(p.pid, 0), _vm_hwm(p.pid) or rss)
                        except (psutil.NoSuchProcess, psutil.AccessDenied):
                            pass
                except psutil.NoSuchProcess:
                    break
                peak_tree = max(peak_tree, total)
                time.sleep(poll)
        except psutil.NoSuchProcess:
            pass
    err = proc.communicate()[1]
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "cpu": max((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), sum(cpu_seen.values())),
        "peak_tree_mb": peak_tree / 1e6 if peak_tree else float("nan"),
        "max_proc_mb": peak_proc / 1e6 if peak_proc else float("nan"),
        "hwm_sum_mb": sum(hwm.values()) / 1e6 if hwm else float("nan"),
        "hwm_max_mb": max(hwm.values()) / 1e6 if hwm else float("nan"),
        "rc": proc.returncode,
        "stderr": err.decode("utf-8", "replace")[-2000:],
        "load": load,
    }


def _vm_hwm(pid: int) -> int | None:
    """A process's peak resident set size in bytes (``VmHWM`` in /proc/PID/status; Linux only)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def newslint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("newslint")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "lint"]
