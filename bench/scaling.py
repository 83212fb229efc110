"""Parallel scaling: ``newslint check DIR`` and ``newslint audit DIR`` with 1 and 2 processes.

Both commands run over a folder of development pages (hard links into a temporary folder), as a
user would run them, with an isolated config; wall time is what scales. The machine's load
average before each run is printed: on a shared machine a second process competes with other
work, so read the speed-up together with the load.

    python bench/scaling.py [--pages 942] [--jobs 1,2] [--no-audit] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def commands(folder: Path, out: Path, jobs: int, audit: bool) -> dict[str, list[str]]:
    nl = common.newslint_cmd()
    cmds = {"check": nl + ["check", "--isolated", "--format", "json-lines", "-o", str(out / "check.jsonl"),
                           "-j", str(jobs), str(folder)]}
    if audit:
        cmds["audit"] = nl + ["audit", "--isolated", "--quiet", "-o", str(out / f"audit-{jobs}"),
                              "--jobs", str(jobs), str(folder)]
    return cmds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=942)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--no-audit", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each (the fastest is kept)")
    args = ap.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",")]
    common.header("parallel scaling: newslint check / audit over a folder, 1 vs 2 processes")
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "pages")
        common.make_tree(folder, args.pages)
        out = Path(tmp, "out")
        out.mkdir()
        env["NEWSLINT_CACHE_DIR"] = str(Path(tmp, "cache"))
        # Warm the catalogue and config caches and the OS file cache.
        common.run_measured(common.newslint_cmd() + ["check", "--isolated", "-j", "1", str(folder / "part000")],
                            env=env)
        rows, best = [], {}
        for name in ("check", "audit"):
            if name == "audit" and args.no_audit:
                continue
            for j in jobs:
                runs = []
                for _ in range(args.repeat):
                    cmd = commands(folder, out, j, not args.no_audit)[name]
                    r = common.run_measured(cmd, env=env)
                    if r["rc"] not in (0, 1):
                        print(f"{name} -j {j} exited {r['rc']}: {r['stderr'].strip()[-400:]}")
                    runs.append(r)
                r = min(runs, key=lambda x: x["wall"])
                best[(name, j)] = r
                base = best.get((name, jobs[0]))
                rows.append([f"newslint {name} -j {j}", f"{r['wall']:.1f}", f"{args.pages / r['wall']:.0f}",
                             f"{r['cpu']:.1f}", f"{base['wall'] / r['wall']:.2f}x", f"{r['peak_tree_mb']:.0f}", r["load"]])
        print(f"pages: {args.pages}; cores: {os.cpu_count()}")
        common.table(rows, ["command", "wall s", "pages/s", "CPU s", "speed-up", "peak RSS MB (all processes)",
                            "load before"])
        for name in ("check", "audit"):
            if (name, 1) in best and (name, 2) in best:
                print(f"ratio: {name} 2 processes vs 1 = {best[(name, 1)]['wall'] / best[(name, 2)]['wall']:.2f}x "
                      f"(target >= 1.6 on an otherwise idle machine)")
    print(f"load average at end: {common.loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
