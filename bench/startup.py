"""Start-up: ``newslint check`` on one small page vs ``python -c "import lxml.html"``.

pre-commit starts one process per chunk of files, so this cost is paid again and again. Target:
the check finishes within 3x the wall time of the bare lxml import. Runs are interleaved (one of
each in turn) so a burst of load on a shared machine hits every command alike; the table gives
the median and the minimum wall time of each.

    python bench/startup.py [--runs 15] [--importtime]

``--importtime`` prints the modules that cost most to import on the check path (``-X importtime``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council approves budget</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves budget", "datePublished": "2024-03-05T08:00:00+07:00",
"author": {"@type": "Person", "name": "Jane Doe"}}</script></head>
<body><article><h1>Council approves budget</h1>
<p>The city council approved the budget on Tuesday after a long debate about schools and roads.</p>
<figure><img src="/a.jpg" alt="Council members voting" width="800" height="450">
<figcaption>Council members vote on Tuesday.</figcaption></figure>
<p>The vote was seven to two, and the mayor said the plan would be published next week.</p>
</article></body></html>
"""


def newslint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("newslint")
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("newslint")
    return [found] if found else [sys.executable, "-m", "lint"]


def wall(cmd: list[str], env: dict, cwd: str) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--importtime", action="store_true")
    args = ap.parse_args(argv)
    common.header("start-up: newslint check on one small page vs import lxml.html")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        site.mkdir()
        (site / "page.html").write_text(PAGE, encoding="utf-8")
        seed = Path(__file__).resolve().parents[1] / "examples" / "seed-article.html"
        shutil.copy(seed, site / "seed.html")  # Vietnamese, with a dozen violations to report
        cfgsite = Path(tmp, "configured")
        cfgsite.mkdir()
        (cfgsite / "page.html").write_text(PAGE, encoding="utf-8")
        (cfgsite / "pyproject.toml").write_text(
            '[project]\nname = "site"\n\n[tool.newslint]\nextend-select = ["ALL"]\nignore = ["TX"]\n'
            'fail-on = "warning"\n\n[tool.newslint.house-style]\ntimezone = "Asia/Ho_Chi_Minh"\n',
            encoding="utf-8")
        cache = Path(tmp, "cache")
        env = dict(os.environ, NEWSLINT_CACHE_DIR=str(cache))
        env.pop("GITHUB_ACTIONS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled .pyc files are used
        nl = newslint_cmd()
        cmds = {
            'python -c "import lxml.html"': ([sys.executable, "-c", "import lxml.html"], tmp),
            "python -c pass": ([sys.executable, "-c", "pass"], tmp),
            "newslint check page.html (no config)": (nl + ["check", "page.html"], str(site)),
            "newslint check page.html (pyproject config)": (nl + ["check", "page.html"], str(cfgsite)),
            "newslint check --isolated page.html": (nl + ["check", "--isolated", "page.html"], str(site)),
            "newslint check seed.html (Vietnamese, 13 violations)": (nl + ["check", "seed.html"], str(site)),
        }
        # Cold: the first run builds the compiled catalogue cache.
        cold = wall(cmds["newslint check page.html (no config)"][0], env, str(site))
        for cmd, cwd in cmds.values():  # warm the OS caches and .pyc files
            wall(cmd, env, cwd)
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.runs):
            for k, (cmd, cwd) in cmds.items():
                times[k].append(wall(cmd, env, cwd))
        base = common.median(times['python -c "import lxml.html"'])
        rows = []
        for k, ts in times.items():
            rows.append([k, f"{common.median(ts) * 1000:.0f}", f"{min(ts) * 1000:.0f}", f"{common.median(ts) / base:.2f}x"])
        rows.append(["newslint check (first run: builds the catalogue cache)", f"{cold * 1000:.0f}", "", f"{cold / base:.2f}x"])
        print(f"runs: {args.runs} of each, interleaved; load average at end: {common.loadavg()}")
        common.table(rows, ["command", "median ms", "min ms", "vs import lxml.html"])
        ratio = common.median(times["newslint check page.html (no config)"]) / base
        print(f"\nratio: newslint check / import lxml.html = {ratio:.2f} (target <= 3)")
        if args.importtime:
            prog = ["-m", "lint"] if nl[0] == sys.executable else [nl[0]]
            p = subprocess.run([sys.executable, "-X", "importtime", *prog, "check", "page.html"],
                               env=env, cwd=str(site), capture_output=True, text=True)
            rows = []
            for line in p.stderr.splitlines():
                if not line.startswith("import time:"):
                    continue
                parts = line[len("import time:"):].split("|")
                if len(parts) != 3 or not parts[1].strip().isdigit():
                    continue
                depth = (len(parts[2]) - len(parts[2].lstrip()) - 1) // 2
                if int(parts[1]) >= 3000 and depth <= 1:
                    rows.append([("  " * depth) + parts[2].strip(), f"{int(parts[1]) / 1000:.1f}"])
            print("\nimports of 3 ms or more on the check path (cumulative; top two levels, in import order):")
            common.table(rows, ["module", "ms"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
