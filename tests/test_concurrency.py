"""Several newslint processes at once (as pre-commit runs them) never corrupt a shared file.

The baseline is written under a lock by atomic replace, so concurrent writers on disjoint file
sets lose no one's entries and readers never see a torn file; the compiled catalogue cache is
written by atomic replace, so processes racing to build it all read a whole one. And a worker
process that dies in a parallel run costs one document, not the run.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import pickle
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli
from lint import baseline
from lint.model import DocumentResult, Violation
from lint.runner import pooled

WRITERS = 6
ROUNDS = 15


def _result(source: str, n: int) -> DocumentResult:
    vs = [Violation("TX001", "glued-no-space", "error", "m", i + 1, 1, i + 1, 2, "", f"{source}-{i:04d}")
          for i in range(n)]
    return DocumentResult(source=source, violations=vs)


def _baseline_writer(path: str, who: int, start, errors):
    start.wait()
    try:
        for rnd in range(ROUNDS):
            baseline.write(path, [_result(f"docs/w{who}.html", rnd % 5 + 1)], "error")
            baseline.load(path)  # a reader must never see a torn or empty file
        baseline.write(path, [_result(f"docs/w{who}.html", who + 1)], "error")
    except Exception as exc:  # reported to the parent
        errors.put(f"writer {who}: {type(exc).__name__}: {exc}")


def test_parallel_baseline_writers_lose_nothing_and_never_tear_the_file(tmp_path):
    path = str(tmp_path / "newslint-baseline.json")
    ctx = mp.get_context("spawn")
    start, errors = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_baseline_writer, args=(path, w, start, errors)) for w in range(WRITERS)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert all(p.exitcode == 0 for p in procs)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, problems
    entries = baseline.load(path)
    for w in range(WRITERS):  # each writer's last write survived the others
        mine = {k: n for k, n in entries.items() if k[0] == f"docs/w{w}.html"}
        assert len(mine) == w + 1, (w, mine)
    json.loads(open(path, encoding="utf-8").read())
    leftovers = [n for n in os.listdir(tmp_path) if n not in ("newslint-baseline.json", "newslint-baseline.json.lock")]
    assert leftovers == []


def test_parallel_cli_runs_writing_one_baseline(tmp_path):
    """pre-commit style: several `newslint check --baseline-write` on disjoint files at once."""
    site = tmp_path / "site"
    site.mkdir()
    img = "".join(f'<img src="p{i}.jpg">' for i in range(3))
    for i in range(WRITERS):
        (site / f"p{i}.html").write_text(
            f'<html lang="en"><body><article><h1>T{i}</h1>{img}<p>{"Text here. " * 30}</p></article></body></html>',
            encoding="utf-8")
    bl = tmp_path / "baseline.json"
    env = dict(os.environ, NEWSLINT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("GITHUB_ACTIONS", None)
    procs = [subprocess.Popen([sys.executable, "-m", "lint", "check", "--isolated", "--select", "IM001",
                               "--fail-on", "warning", "--baseline", str(bl), "--baseline-write", "-j", "1",
                               str(site / f"p{i}.html")], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(WRITERS)]
    for p in procs:
        p.communicate(timeout=120)
        assert p.returncode == 0
    entries = baseline.load(str(bl))
    assert {os.path.basename(k[0]) for k in entries} == {f"p{i}.html" for i in range(WRITERS)}
    # The baseline hides them all now.
    proc = run_cli("check", "--isolated", "--select", "IM001", "--fail-on", "warning", "--baseline", bl, site,
                   env={"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stdout.decode()


_CACHE_RACER = r"""
import os, sys, glob, pickle
from lint import catalogue as cat
d = os.environ["NEWSLINT_CACHE_DIR"]
n = 0
for i in range(int(sys.argv[1])):
    if i % 3 == 0:
        for f in glob.glob(os.path.join(d, "catalogue-*.pickle")):
            try:
                os.unlink(f)
            except FileNotFoundError:
                pass
    cat._LOADED = None
    rules = cat.load()
    assert "TX001" in rules and "IM001" in rules, sorted(rules)[:5]
    n += len(rules)
    for f in glob.glob(os.path.join(d, "catalogue-*.pickle")):  # whoever wrote it, it is whole
        try:
            with open(f, "rb") as fh:
                assert set(pickle.load(fh)) == set(rules)
        except FileNotFoundError:
            pass
print(n)
"""


@pytest.mark.slow
def test_processes_racing_on_the_catalogue_cache_always_read_a_whole_one(tmp_path):
    cache = tmp_path / "cache"
    env = dict(os.environ, NEWSLINT_CACHE_DIR=str(cache))
    procs = [subprocess.Popen([sys.executable, "-c", _CACHE_RACER, "12"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(WRITERS)]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err.decode()
    counts = {int(out) for out, _ in outs}
    assert len(counts) == 1  # every process saw the same, whole catalogue every time
    from lint import catalogue as cat

    files = sorted(cache.glob("catalogue-*.pickle"))
    assert files, "the cache was written"
    with open(files[0], "rb") as fh:
        cached = pickle.load(fh)
    assert set(cached) == set(cat.load_specs(cat.rule_files()))
    assert not [p for p in cache.iterdir() if ".pickle." in p.name]  # no temporary files left behind


# ---------------------------------------------------------------- dead workers


def _maybe_die(items: list) -> list:
    out = []
    for it in items:
        if it == "kill":
            os._exit(3)  # a crash in a C extension or the OOM killer looks like this
        out.append(it.upper())
    return out


def _lost(item, why):
    return f"lost:{item}"


@pytest.mark.slow
@pytest.mark.parametrize("chunk", [1, 4])
def test_a_worker_that_dies_costs_only_its_document(chunk):
    items = [f"d{i}" for i in range(20)]
    items[5] = "kill"
    items[16] = "kill"
    out = list(pooled(items, _maybe_die, jobs=2, chunk=chunk, on_lost=_lost))
    expected = [("lost:kill" if it == "kill" else it.upper()) for it in items]
    assert out == expected


def _unpicklable(items: list) -> list:
    return [(lambda: it) if it == "bad" else it.upper() for it in items]


def test_a_result_that_cannot_come_back_costs_only_its_group():
    items = [f"d{i}" for i in range(12)]
    items[4] = "bad"
    out = list(pooled(items, _unpicklable, jobs=2, chunk=1, on_lost=_lost))
    assert out == [("lost:bad" if it == "bad" else it.upper()) for it in items]


def test_rewriting_the_baseline_keeps_its_mode(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(str(path), [_result("a.html", 1)], "error")
    os.chmod(path, 0o644)
    baseline.write(str(path), [_result("b.html", 2)], "error")
    assert path.stat().st_mode & 0o777 == 0o644
    assert {k[0] for k in baseline.load(str(path))} == {"a.html", "b.html"}


def test_a_baseline_that_cannot_be_written_is_an_error(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html lang="en"><body><article><h1>T</h1><img src="a.jpg"></article></body></html>')
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")  # the baseline's folder is a file: no one can write there, not even root
    proc = run_cli("check", "--isolated", "--select", "IM001", "--baseline", blocked / "b.json", "--baseline-write", page)
    assert proc.returncode == 2 and b"newslint:" in proc.stderr and b"Traceback" not in proc.stderr
    assert b"wrote" not in proc.stderr


@pytest.mark.slow
def test_a_long_parallel_run_reports_what_one_process_reports(tmp_path):
    # Enough documents per worker that the workers are forked with the libraries preloaded
    # (lint/preload.py): what they report must not depend on it.
    from lint.runner import LONG_RUN

    pages = [ROOT / "examples" / "seed-article.html", ROOT / "examples" / "clean-article.html"]
    for i in range(2 * LONG_RUN + 2):
        src = pages[i % 2]
        (tmp_path / f"{i:03d}-{src.name}").write_bytes(src.read_bytes())
    one = run_cli("check", "--isolated", "--select", "ALL", "--format", "json", "-j", "1", tmp_path)
    two = run_cli("check", "--isolated", "--select", "ALL", "--format", "json", "-j", "2", tmp_path)
    assert one.returncode == two.returncode == 1, two.stderr[-2000:]
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert len(json.loads(one.stdout)["documents"]) == 2 * LONG_RUN + 2
