"""Benchmark: audit the development corpus from one WARC file with 1 and 2 lint processes.

    python bench/audit_warc.py [--jobs 1,2] [--shared ../shared]

Writes the corpus pages (each under a unique URL) into a WARC in a temporary folder, runs
``python -m lint audit --warc FILE -j N --quiet`` and prints, for each N: pages, wall time,
pages/s, and peak memory (resident set size of the whole process tree, summed, sampled every
50 ms; and the largest single process).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_warc(shared: Path, path: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from lint.audit.warc import write_warc

    pages = []
    with open(shared / "corpus" / "manifest.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            p = shared / "corpus" / r["file"]
            body = gzip.open(p).read() if p.name.endswith(".gz") else p.read_bytes()
            pages.append((f"https://bench.example/{r['file'].split('/')[0]}/{i}.html", body, "text/html"))
    write_warc(str(path), pages)
    return len(pages)


def tree_rss(pid: int) -> tuple[int, int]:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return 0, 0
    total = biggest = 0
    for p in procs:
        try:
            rss = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        biggest = max(biggest, rss)
    return total, biggest


def run(warc: Path, jobs: int, out: Path) -> dict:
    cmd = [sys.executable, "-m", "lint", "audit", "--warc", str(warc), "-j", str(jobs), "-q", "-o", str(out),
           "--isolated"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_one = 0
    while proc.poll() is None:
        t, b = tree_rss(proc.pid)
        peak_total, peak_one = max(peak_total, t), max(peak_one, b)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"audit failed: {proc.stderr.read().decode()[-2000:]}")
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"jobs": jobs, "pages": s["pages"], "errors": s["errors"], "seconds": round(wall, 2),
            "pages_per_s": round(s["pages"] / wall, 1), "peak_rss_tree_mib": round(peak_total / 2**20, 1),
            "peak_rss_largest_process_mib": round(peak_one / 2**20, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--shared", default=os.environ.get("NEWSLINT_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        tmp = Path(tmp)
        warc = tmp / "corpus.warc.gz"
        n = build_warc(Path(args.shared), warc)
        print(f"WARC: {n} pages, {warc.stat().st_size / 2**20:.1f} MiB (gzip)", file=sys.stderr)
        rows = [run(warc, int(j), tmp / f"out{j}") for j in args.jobs.split(",")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'jobs':>4} {'pages':>6} {'errors':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS tree':>14} {'largest proc':>13}")
    for r in rows:
        print(f"{r['jobs']:>4} {r['pages']:>6} {r['errors']:>6} {r['seconds']:>8} {r['pages_per_s']:>8} "
              f"{r['peak_rss_tree_mib']:>10} MiB {r['peak_rss_largest_process_mib']:>9} MiB")


if __name__ == "__main__":
    main()
