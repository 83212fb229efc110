"""``newslint audit`` from WARC files and folders: the same violations as ``newslint check``,
Dask equal to the process pool record for record, resume after a kill, and the time budget."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, ROOT, require_corpus, run_cli
from test_audit_site import Site, corpus_pages, urlset


def _records(out):
    return [json.loads(line) for line in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


def _key(v):
    return (v["code"], v["line"], v["column"], v["end_line"], v["end_column"], v["message"])


def _warc(tmp_path, pages, name="site.warc.gz"):
    from lint.audit.warc import write_warc

    path = tmp_path / name
    write_warc(str(path), [(u, body, "text/html; charset=utf-8") for u, body in pages])
    return path


def _manifest(folder, n):
    out = []
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["file"].startswith(folder) and r["url"]:
                out.append(r)
                if len(out) >= n:
                    break
    return out


@pytest.mark.slow
def test_warc_audit_gives_the_same_violations_as_check_on_the_files(tmp_path):
    require_corpus()
    import gzip

    rows = _manifest("article-benchmark/", 3) + _manifest("htmldate/", 3) + _manifest("vietnamese/", 2)
    pages = []
    for i, r in enumerate(rows):
        p = CORPUS / r["file"]
        body = gzip.open(p).read() if p.name.endswith(".gz") else p.read_bytes()
        pages.append((r["url"], body))  # each page under its own published URL
    warc = _warc(tmp_path, pages)
    from lint.audit.cli import main

    out = tmp_path / "out"
    assert main(["--warc", str(warc), "-o", str(out), "-j", "2", "--quiet", "--isolated"]) == 0
    by_url = {r["source"]: r for r in _records(out)}
    assert len(by_url) == len(rows)
    proc = run_cli("check", "--format", "json", "--isolated", "--exit-zero", "--jobs", "1", *[CORPUS / r["file"] for r in rows])
    checked = {d["source"]: d for d in json.loads(proc.stdout)["documents"]}
    compared = 0
    for i, r in enumerate(rows):
        a = by_url[pages[i][0]]
        c = checked[str(CORPUS / r["file"])]
        assert sorted(map(_key, a["violations"])) == sorted(map(_key, c["violations"])), r["file"]
        assert a["error"] == c["error"]
        compared += len(c["violations"])
    assert compared > 0  # the comparison covered real violations
    vio = (out / "violations.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(vio) == compared
    fields = set(next(v for d in checked.values() for v in d["violations"]))
    for line in vio:  # the JSON report's fields, with the page's URL as source
        v = json.loads(line)
        assert v["source"] in by_url and fields <= set(v)


@pytest.mark.slow
def test_dask_local_cluster_equals_the_process_pool(tmp_path):
    require_corpus()
    pytest.importorskip("dask.distributed")
    from lint.audit.cli import main

    pages = [(f"https://a.example/{i}.html", b) for i, (_, b) in enumerate(corpus_pages(5))]
    w1 = _warc(tmp_path, pages[:2], "one.warc.gz")
    w2 = _warc(tmp_path, pages[2:], "two.warc.gz")
    a, b = tmp_path / "pool", tmp_path / "dask"
    assert main(["--warc", str(w1), str(w2), "-o", str(a), "-j", "2", "--quiet", "--isolated"]) == 0
    assert main(["--warc", str(w1), str(w2), "-o", str(b), "-j", "2", "--engine", "dask", "--quiet",
                 "--isolated"]) == 0
    ra = sorted(_records(a), key=lambda r: r["source"])
    rb = sorted(_records(b), key=lambda r: r["source"])
    assert len(ra) == 5 and ra == rb
    shards = sorted(p.name for p in (b / "shards").iterdir())
    assert sum(n.endswith(".done") for n in shards) == 2 and sum(n.endswith(".jsonl") for n in shards) == 2
    # A second run resumes: both shards are marked done and nothing is linted again.
    from lint.audit.work import lint_warc

    res = lint_warc(str(w1), str(b / "shards"), {})
    assert res["skipped"] is True


@pytest.mark.slow
def test_resume_after_a_kill_finishes_without_redoing_or_losing_pages(tmp_path):
    require_corpus()
    s = Site().start()
    try:
        pages = corpus_pages(24)
        paths = [f"/p/{i}.html" for i in range(len(pages))]
        for p, (_, body) in zip(paths, pages):
            s.add(p, body)
        s.add("/robots.txt", b"User-agent: *\nAllow: /\n", ctype="text/plain")
        s.add("/sitemap.xml", urlset([s.base + p for p in paths]), ctype="application/xml")
        out = tmp_path / "out"
        args = [sys.executable, "-m", "lint", "audit", s.base + "/sitemap.xml", "-o", str(out), "-j", "1",
                "--rate", "6", "--per-host", "1", "--isolated"]
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = out / "pages.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if results.exists() and results.read_text(encoding="utf-8").count("\n") >= 6:
                break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        before = [json.loads(x)["source"] for x in results.read_text(encoding="utf-8").splitlines() if x.endswith("}")]
        assert 6 <= len(before) < len(paths)
        hits_before = len(s.hits)
        done = subprocess.run(args + ["--resume", "--rate", "0"], cwd=ROOT, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        after = [json.loads(x)["source"] for x in results.read_text(encoding="utf-8").splitlines()]
        assert sorted(after) == sorted(s.base + p for p in paths)  # nothing lost, nothing twice
        assert after[:len(before)] == before
        refetched = {p for _, p, _ in s.hits[hits_before:]}
        assert not refetched & {b.removeprefix(s.base) for b in before}  # nothing redone
    finally:
        s.stop()


def test_local_folder_audit(tmp_path):
    from lint.audit.cli import main

    site = tmp_path / "site" / "news"
    site.mkdir(parents=True)
    (site / "a.html").write_text("<html lang='en'><head><title>A</title></head><body><article><h1>A</h1>"
                                 "<p>Text.</p><img src='x.jpg'></article></body></html>", encoding="utf-8")
    (site / "b.html").write_bytes(b"\x89PNG\r\n\x1a\n not a page")
    out = tmp_path / "out"
    assert main([str(tmp_path / "site"), "-o", str(out), "--quiet", "--isolated"]) == 0
    recs = {os.path.basename(r["source"]): r for r in _records(out)}
    assert set(recs) == {"a.html", "b.html"}
    assert recs["b.html"]["error"] and "PNG" in recs["b.html"]["error"]
    assert recs["a.html"]["error"] is None
    assert any(v["code"] == "IM001" for v in recs["a.html"]["violations"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["by_section"]["/news/"]["pages"] == 2


def test_a_file_the_worker_cannot_read_or_over_the_size_budget_is_an_error_of_its_own(tmp_path, monkeypatch):
    from lint.audit.cli import main
    from lint.limits import LIMITS

    monkeypatch.setattr(LIMITS, "max_bytes", LIMITS.max_bytes)  # --max-bytes sets it in this process too

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<html lang='en'><body><article><h1>A</h1><p>Text.</p><img src='x.jpg'>"
                                 "</article></body></html>", encoding="utf-8")
    (site / "gone.html").symlink_to(tmp_path / "nowhere.html")  # listed, then unreadable
    (site / "big.html").write_text("<html><body><p>" + "x" * 3000 + "</p></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(site), "-o", str(out), "--quiet", "--isolated", "--max-bytes", "2048"]) == 0
    recs = {os.path.basename(r["source"]): r for r in _records(out)}
    assert recs["gone.html"]["error"] == "cannot read: No such file or directory"
    assert "over the size budget" in recs["big.html"]["error"]
    assert recs["a.html"]["error"] is None and recs["a.html"]["violations"]


def test_a_worker_over_its_time_budget_is_replaced_and_the_page_recorded():
    from lint.audit.work import LintPool

    big = ("<html><body><article>" + "".join(f"<p>Đoạn {i} <img src='{i}.jpg'> text</p>" for i in range(20000)) + "</article></body></html>")
    task = {"source": "slow.html", "body": big.encode(), "url": None}
    with LintPool(1, {"select": ["ALL"]}, time_budget=0.01) as pool:
        first = pool.proc_ids()
        rec = pool.run(task)
        assert rec["source"] == "slow.html" and "over the time budget" in rec["error"]
        pool.time_budget = 120
        ok = pool.run({"source": "small.html", "body": b"<html><body><p>Hi.</p></body></html>"})
        assert ok["error"] is None and ok["source"] == "small.html"
        assert pool.proc_ids() != first


def test_usage_errors_exit_2(tmp_path):
    from lint.audit.cli import main

    assert main([]) == 2
    assert main(["ftp://example.com/"]) == 2
    assert main([str(tmp_path / "missing")]) == 2
    assert main(["--warc", str(tmp_path / "missing.warc.gz")]) == 2
    assert main(["https://example.com/", "--engine", "dask"]) == 2
    bad = tmp_path / "urls.txt"
    bad.write_text("https://example.com/a\njavascript:alert(1)\n")
    assert main(["--urls", str(bad)]) == 2


def test_progress_lines_when_not_a_terminal():
    import io

    from lint.audit.progress import Progress

    buf = io.StringIO()
    p = Progress(total=4, stream=buf, every=0)
    for i in range(4):
        p.update({"error": "x" if i == 1 else None})
    p.close()
    lines = buf.getvalue().splitlines()
    assert len(lines) == 5 and "\r" not in buf.getvalue()
    assert lines[-2].startswith("newslint audit: 4 pages") and "1 errors" in lines[-2] and "ETA" in lines[-2]
    quiet = io.StringIO()
    q = Progress(stream=quiet, quiet=True)
    q.update({})
    q.close()
    assert quiet.getvalue() == ""


def test_warc_resume_keeps_complete_lines_and_does_the_rest(tmp_path):
    from lint.audit.cli import main

    page = b"<html lang='en'><body><article><h1>T</h1><p>Text %d.</p><img src='a.jpg'></article></body></html>"
    pages = [(f"https://r.example/{i}", page.replace(b"%d", str(i).encode())) for i in range(6)]
    warc = _warc(tmp_path, pages)
    out = tmp_path / "out"
    assert main(["--warc", str(warc), "-o", str(out), "-j", "1", "--quiet", "--isolated", "--max-pages", "3"]) == 0
    first = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(first) == 3
    with open(out / "pages.jsonl", "a", encoding="utf-8") as fh:  # a line cut short by a kill
        fh.write('{"source": "https://r.example/5", "violati')
    assert main(["--warc", str(warc), "-o", str(out), "-j", "1", "--quiet", "--isolated", "--resume"]) == 0
    lines = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == first
    assert sorted(json.loads(x)["source"] for x in lines) == sorted(u for u, _ in pages)
