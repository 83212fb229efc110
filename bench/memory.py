"""Memory: peak RSS of ``newslint check DIR`` at 1,000 and at 10,000 pages (the development pages
repeated, as hard links in a temporary folder). Flat memory means the 10k peak is within 10% of
the 1k peak: nothing may grow with the number of pages (results are streamed, not kept).

The peak is sampled from /proc every 50 ms (psutil) over the whole process tree and for the
largest single process; each process's own peak is also read from the kernel (``VmHWM``), which
sampling cannot miss: their sum bounds the whole run's peak from above. The default report format
(concise) streams; ``--format json`` shows the cost of a format that must hold every result until
the end.

    python bench/memory.py [--small 1000] [--large 10000] [--jobs 2] [--audit]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--jobs", default="2", help="processes, e.g. 1 or 2 or 1,2")
    ap.add_argument("--format", default="concise")
    ap.add_argument("--audit", action="store_true", help="also measure newslint audit over the same folders")
    args = ap.parse_args(argv)
    common.header("memory: peak RSS of newslint check at 1k vs 10k pages")
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    nl = common.newslint_cmd()
    rows = []
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        env["NEWSLINT_CACHE_DIR"] = str(Path(tmp, "cache"))
        folders = {}
        for n in (args.small, args.large):
            folders[n] = Path(tmp, f"pages-{n}")
            common.make_tree(folders[n], n)
        kinds = ["check"] + (["audit"] if args.audit else [])
        for kind in kinds:
            for j in [int(x) for x in args.jobs.split(",")]:
                peaks = {}
                for n in (args.small, args.large):
                    if kind == "check":
                        cmd = nl + ["check", "--isolated", "--format", args.format, "-o", os.devnull, "-j", str(j),
                                    str(folders[n])]
                    else:
                        cmd = nl + ["audit", "--isolated", "--quiet", "-o", str(Path(tmp, f"audit-{n}-{j}")),
                                    "--jobs", str(j), str(folders[n])]
                    r = common.run_measured(cmd, env=env)
                    if r["rc"] not in (0, 1):
                        print(f"{kind} -j {j} on {n} pages exited {r['rc']}: {r['stderr'].strip()[-400:]}")
                    peaks[n] = r
                    rows.append([f"newslint {kind} -j {j}", n, f"{r['wall']:.0f}", f"{n / r['wall']:.0f}",
                                 f"{r['peak_tree_mb']:.0f}", f"{r['max_proc_mb']:.0f}", f"{r['hwm_sum_mb']:.0f}",
                                 f"{r['hwm_max_mb']:.0f}", r["load"]])
                a, b = peaks[args.small], peaks[args.large]
                ratios.append((f"{kind} -j {j}", b["peak_tree_mb"] / a["peak_tree_mb"],
                               b["max_proc_mb"] / a["max_proc_mb"], b["hwm_sum_mb"] / a["hwm_sum_mb"],
                               b["hwm_max_mb"] / a["hwm_max_mb"]))
    common.table(rows, ["command", "pages", "wall s", "pages/s", "peak RSS MB (all processes, sampled)",
                        "largest process (sampled)", "sum of each process's peak (VmHWM)",
                        "largest process (VmHWM)", "load before"])
    for name, tree, proc, hsum, hmax in ratios:
        print(f"ratio: {name} peak RSS {args.large} / {args.small} pages = {tree:.2f} (all processes, sampled), "
              f"{proc:.2f} (largest process, sampled), {hsum:.2f} (sum of each process's peak), "
              f"{hmax:.2f} (largest process's peak); target <= 1.10")
    print(f"load average at end: {common.loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
