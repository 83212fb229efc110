"""Memory: peak RSS of ``newslint check DIR`` at 1,000 and at 10,000 pages (the development pages
repeated, as hard links in a temporary folder). Flat memory means the 10k peak is within 10% of
the 1k peak: nothing may grow with the number of pages (results are streamed, not kept).

The peak is sampled from /proc every 50 ms (psutil) over the whole process tree and for the
largest single process; each process's own peak is also read from the kernel (``VmHWM``), which
sampling cannot miss: their sum bounds the whole run's peak from above. Pages a process shares with
others (the libraries the forkserver loaded before forking the workers) count in the RSS of each,
so the tree's proportional set size (``Pss``: a shared page counts once, split between its sharers)
is sampled too, and each process's peak is given by role (main, forkserver, workers). The default report format
(concise) streams; ``--format json`` shows the cost of a format that must hold every result until
the end.

    python bench/memory.py [--small 1000] [--large 10000] [--jobs 2] [--audit]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


class TreeWatch:
    """While a command runs (a child of this process), sample every 100 ms the sum of its process
    tree's ``Pss`` and each process's ``VmHWM``, with its role: main, forkserver, tracker (the
    resource tracker) or worker. Without psutil or ``/proc/PID/smaps_rollup`` (Linux 4.14) the PSS is
    not known (nan)."""

    def __init__(self):
        self.peak_pss = 0
        self.pss_known = True
        self.hwm: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def pss_mb(self) -> float:
        return self.peak_pss / 1e6 if self.pss_known and self.peak_pss else float("nan")

    def _run(self):
        try:
            import psutil
        except ImportError:
            self.pss_known = False
            return
        me = psutil.Process()
        self.pss_known = os.path.exists(f"/proc/{me.pid}/smaps_rollup")
        while not self._stop.wait(0.1):
            total = 0
            try:
                procs = me.children(recursive=True)
            except psutil.NoSuchProcess:
                continue
            for p in procs:
                try:
                    total += _status(p.pid, "/proc/{}/smaps_rollup", b"Pss:") if self.pss_known else 0
                    hwm = _status(p.pid, "/proc/{}/status", b"VmHWM:")
                    role = self.hwm.get(p.pid, ("", 0))[0] or _role(p, me.pid)
                    self.hwm[p.pid] = (role, max(hwm, self.hwm.get(p.pid, ("", 0))[1]))
                except (psutil.NoSuchProcess, psutil.AccessDenied, OSError):
                    pass
            self.peak_pss = max(self.peak_pss, total)

    def by_role(self) -> str:
        """``main 26, forkserver 66, tracker 16, workers 96 + 84`` (MB)."""
        out: dict[str, list[int]] = {}
        for role, hwm in self.hwm.values():
            out.setdefault(role, []).append(hwm)
        order = ["main", "forkserver", "tracker", "worker"]
        return ", ".join(f"{r}{'s' if r == 'worker' else ''} " + " + ".join(f"{v / 1e6:.0f}" for v in sorted(out[r], reverse=True))
                         for r in order if r in out)


def _role(p, me: int) -> str:
    """The command itself is our child; the forkserver and the resource tracker are its children; the
    workers are the forkserver's."""
    parents = [q.pid for q in p.parents()]
    if parents[:1] == [me]:
        return "main"
    if "resource_tracker" in " ".join(p.cmdline()):
        return "tracker"
    return "forkserver" if parents[1:2] == [me] else "worker"


def _status(pid: int, path: str, key: bytes) -> int:
    with open(path.format(pid), "rb") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    return 0


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
        # The first run with an empty cache compiles the rule catalogue in its main process, and the
        # forkserver of the first long parallel run builds the Vietnamese word list's cache while it
        # checks its built-in English and Vietnamese pages (lint/preload.py): built here, with the
        # bundled examples, so that no measured run pays for either.
        examples = sorted(str(p) for p in (common.ROOT / "examples").glob("*.html"))
        subprocess.run(nl + ["check", "--isolated", "-o", os.devnull, *examples], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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
                    with TreeWatch() as watch:
                        r = common.run_measured(cmd, env=env)
                    if r["rc"] not in (0, 1):
                        print(f"{kind} -j {j} on {n} pages exited {r['rc']}: {r['stderr'].strip()[-400:]}")
                    peaks[n] = r
                    rows.append([f"newslint {kind} -j {j}", n, f"{r['wall']:.0f}", f"{n / r['wall']:.0f}",
                                 f"{r['peak_tree_mb']:.0f}", f"{r['max_proc_mb']:.0f}", f"{r['hwm_sum_mb']:.0f}",
                                 f"{r['hwm_max_mb']:.0f}", f"{watch.pss_mb:.0f}", watch.by_role(), r["load"]])
                    r["pss_mb"] = watch.pss_mb
                a, b = peaks[args.small], peaks[args.large]
                ratios.append((f"{kind} -j {j}", b["peak_tree_mb"] / a["peak_tree_mb"],
                               b["max_proc_mb"] / a["max_proc_mb"], b["hwm_sum_mb"] / a["hwm_sum_mb"],
                               b["hwm_max_mb"] / a["hwm_max_mb"], b["pss_mb"] / a["pss_mb"]))
    common.table(rows, ["command", "pages", "wall s", "pages/s", "peak RSS MB (all processes, sampled)",
                        "largest process (sampled)", "sum of each process's peak (VmHWM)",
                        "largest process (VmHWM)", "PSS MB (all processes, sampled)", "VmHWM MB by process",
                        "load before"])
    for name, tree, proc, hsum, hmax, pss in ratios:
        print(f"ratio: {name} peak RSS {args.large} / {args.small} pages = {tree:.2f} (all processes, sampled), "
              f"{proc:.2f} (largest process, sampled), {hsum:.2f} (sum of each process's peak), "
              f"{hmax:.2f} (largest process's peak), {pss:.2f} (PSS of all processes, sampled); target <= 1.10")
    print(f"load average at end: {common.loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
