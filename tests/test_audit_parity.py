"""``newslint audit`` lints each page as ``newslint check`` does, option for option: the same
codes, lines, columns, messages and error wording, whether the audit's workers are the process
pool or Dask, and whether the pages come from a folder, a URL list or a WARC file."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from conftest import require_corpus, run_cli
from test_audit_site import Site, corpus_pages


@pytest.fixture(autouse=True)
def _budget(monkeypatch):
    """``--max-bytes`` sets the budget of the calling process too: each test gets it back."""
    from lint.limits import LIMITS

    monkeypatch.setattr(LIMITS, "max_bytes", LIMITS.max_bytes)


def _records(out) -> dict:
    recs = {}
    for line in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        recs[r["source"]] = r
    return recs


def _vkey(v: dict) -> str:
    """Everything a violation says: code, span, message, severity, context, fingerprint, data, fix."""
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _checked(*args, cwd=None) -> dict:
    proc = run_cli("check", "--format", "json", "--exit-zero", *args, cwd=cwd)
    assert proc.stdout, proc.stderr.decode()
    return {d["source"]: d for d in json.loads(proc.stdout)["documents"]}


def _audit(*args, cwd=None) -> None:
    from lint.audit.cli import main

    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        assert main([*map(str, args), "--quiet"]) == 0
    finally:
        os.chdir(here)


def _same(checked: dict, audited: dict, rename=lambda s: s) -> int:
    """Assert that every checked document has an audit record with the same error and violations;
    returns the number of violations compared."""
    assert sorted(map(rename, checked)) == sorted(audited)
    n = 0
    for src, doc in checked.items():
        rec = audited[rename(src)]
        assert rec["error"] == doc["error"], src
        assert sorted(map(_vkey, rec["violations"])) == sorted(map(_vkey, doc["violations"])), src
        n += len(doc["violations"])
    return n


_CONFIG = """
select = ["ALL"]
ignore = ["TX001"]
exclude = ["drafts"]

[per-file-ignores]
"*/b.html" = ["IM", "DT"]

[severity]
DT = "error"
BY = "info"
SD017 = "warning"

[house-style]
date-format = {vi = "{dd}/{mm}/{yyyy}", en = "{yyyy}-{mm}-{dd}"}
site-domain = "example.com"
known-sources = ["AP"]
timezone = "+03:00"

[rules.IM008]
max-length = 5

[rules.SD017]
max_length = 10
"""


def _site(tmp_path, pages: list[bytes]):
    """A folder of pages (a.html, b.html, c.html.gz, ...), a drafts/ folder the config excludes,
    and the config file."""
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "drafts").mkdir()
    for i, body in enumerate(pages):
        name = "abcdefgh"[i] + (".html.gz" if i == 2 else ".html")
        (site / "news" / name).write_bytes(gzip.compress(body) if name.endswith(".gz") else body)
    (site / "drafts" / "d.html").write_bytes(pages[0])
    (site / "newslint.toml").write_text(_CONFIG, encoding="utf-8")
    return site


@pytest.mark.slow
def test_a_folder_with_a_config_file_gives_the_violations_of_check(tmp_path):
    require_corpus()
    bodies = [b for _, b in corpus_pages(2)] + [b for _, b in corpus_pages(2, "vietnamese/htmldate")]
    site = _site(tmp_path, bodies)
    checked = _checked("news", "drafts", cwd=site)
    assert not any("drafts" in s for s in checked)  # the config's exclude applies
    assert checked != _checked("--isolated", "news", "drafts", cwd=site)  # and the config matters
    _audit("news", "drafts", "-o", tmp_path / "out", "-j", "2", cwd=site)
    assert _same(checked, _records(tmp_path / "out")) > 0


@pytest.mark.slow
def test_selection_and_language_on_the_command_line_reach_the_workers(tmp_path):
    require_corpus()
    bodies = [b for _, b in corpus_pages(3)]
    site = _site(tmp_path, bodies)
    opts = ["--select", "SD,DT", "--extend-select", "TX", "--ignore", "SD005,DT003", "--language", "vi"]
    checked = _checked(*opts, "news", cwd=site)
    _audit(*opts, "news", "-o", tmp_path / "out", "-j", "2", cwd=site)
    assert _same(checked, _records(tmp_path / "out")) > 0
    opts = ["--config", "newslint.toml", "--isolated", "--extend-select", "IM"]  # --isolated wins
    checked = _checked(*opts, "news", cwd=site)
    _audit(*opts, "news", "-o", tmp_path / "out2", "-j", "1", cwd=site)
    assert _same(checked, _records(tmp_path / "out2")) > 0


@pytest.mark.slow
def test_a_url_list_and_a_warc_of_the_same_pages_give_the_violations_of_check(tmp_path):
    require_corpus()
    from lint.audit.warc import write_warc

    s = Site().start()
    try:
        latin = ("<html><head><title>Café</title></head><body><article><h1>Café olé</h1><p>Olé à la  carte."
                 "</p><img src='a.jpg'></article></body></html>").encode("latin-1")
        pages = [(f"/news/{i}.html", body, "text/html; charset=utf-8") for i, (_, body) in enumerate(corpus_pages(3))]
        pages.append(("/news/latin.html", latin, "text/html; charset=iso-8859-1"))
        for path, body, ctype in pages:
            s.add(path, body, ctype=ctype)
        s.add("/robots.txt", b"User-agent: *\nAllow: /\n", ctype="text/plain")
        urls = [s.base + p for p, _, _ in pages]
        (tmp_path / "newslint.toml").write_text(_CONFIG.replace("*/b.html", "*/1.html"), encoding="utf-8")
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        checked = _checked(*urls, cwd=tmp_path)
        _audit("--urls", "urls.txt", "-o", "by-url", "-j", "2", "--rate", "0", cwd=tmp_path)
        assert _same(checked, _records(tmp_path / "by-url")) > 0
        write_warc(str(tmp_path / "site.warc.gz"), [(s.base + p, body, ctype) for p, body, ctype in pages])
    finally:
        s.stop()
    _audit("--warc", "site.warc.gz", "-o", "pool", "-j", "2", cwd=tmp_path)
    assert _same(checked, _records(tmp_path / "pool")) > 0
    pytest.importorskip("dask.distributed")
    _audit("--warc", "site.warc.gz", "-o", "dask", "-j", "2", "--engine", "dask", cwd=tmp_path)
    assert _same(checked, _records(tmp_path / "dask")) > 0


def test_a_local_file_that_cannot_be_linted_is_one_error_worded_as_check_words_it(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "ok.html").write_text("<html lang='en'><body><article><h1>A</h1><p>Text  here.</p><img src='x.jpg'>"
                                  "</article></body></html>", encoding="utf-8")
    (site / "big.html").write_text("<html><body><p>" + "x" * 3000 + "</p></body></html>", encoding="utf-8")
    (site / "bigz.html.gz").write_bytes(gzip.compress(b"<html><body>" + b"y" * 5000 + b"</body></html>"))
    (site / "badz.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not gzip")
    (site / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (site / "nul.html").write_bytes(b"<html><body>" + b"\x00" * 500 + b"</body></html>")
    (site / "latin.html").write_bytes("<html lang='fr'><head><meta charset='utf-8'></head><body><article><h1>Café"
                                      "</h1><p>Olé à la carte.</p></article></body></html>".encode("latin-1"))
    (site / "empty.html").write_bytes(b"")
    (site / "note.md").write_text("---\ntitle: Hello\ndate: 2020-01-01\n---\n\n# Hello\n\nSome text  here.\n",
                                  encoding="utf-8")
    (site / "gone.html").symlink_to(tmp_path / "nowhere.html")  # listed, then unreadable
    if hasattr(os, "mkfifo"):
        os.mkfifo(site / "pipe.html")  # a FIFO: refused at once, never read (a read would wait forever)
    checked = _checked("--isolated", "--max-bytes", "2048", site)
    assert checked[str(site / "big.html")]["error"].startswith("over the size budget: 3,033 bytes")
    _audit(site, "-o", tmp_path / "out", "-j", "2", "--isolated", "--max-bytes", "2048")
    audited = _records(tmp_path / "out")
    _same(checked, audited)
    assert sum(1 for r in audited.values() if r["error"]) >= 7


def test_command_line_values_that_check_takes_are_taken_by_the_workers_too(tmp_path):
    # A --max-bytes under the config file's minimum (1024) and a negative --jobs: check takes them as
    # given, and so must the audit's workers (they validated the settings again and died at start).
    site = tmp_path / "site"
    site.mkdir()
    (site / "small.html").write_text("<html lang='en'><body><article><h1>A</h1><p>Text  here.</p>"
                                     "<img src='x.jpg'></article></body></html>", encoding="utf-8")
    (site / "big.html").write_text("<html><body><p>" + "x" * 1500 + "</p></body></html>", encoding="utf-8")
    opts = ["--isolated", "--max-bytes", "1000", "-j", "-1"]
    checked = _checked(*opts, site)
    assert checked[str(site / "big.html")]["error"].startswith("over the size budget")
    _audit(site, "-o", tmp_path / "out", *opts)
    assert _same(checked, _records(tmp_path / "out")) > 0


def test_each_page_is_linted_under_its_own_settings_budget_in_a_long_lived_worker(tmp_path):
    # A Dask cluster given with --scheduler keeps its workers from one audit to the next.
    from lint.audit.work import lint_page, lint_warc
    from lint.audit.warc import write_warc
    from lint.limits import LIMITS

    page = b"<html lang='en'><body><article><h1>T</h1><p>" + b"word " * 1000 + b"</p></article></body></html>"
    assert 4096 < len(page) < 8192
    first = lint_page("https://a.example/1", page, config_dump={"max_bytes": 4096})
    assert first["error"].startswith("over the size budget")
    again = lint_page("https://a.example/1", page, config_dump={})  # the next audit: the default budget
    assert again["error"] is None and again["kind"] == "html"
    # A worker whose own budget is smaller reads the archive's records under the audit's budget.
    write_warc(str(tmp_path / "one.warc.gz"), [("https://a.example/1", page, "text/html")])
    LIMITS.max_bytes = 2048
    lint_warc(str(tmp_path / "one.warc.gz"), str(tmp_path / "shards"), {"max_bytes": 8192})
    (rec,) = [json.loads(x) for p in (tmp_path / "shards").glob("*.jsonl") for x in p.read_text().splitlines()]
    assert rec["error"] is None and rec["source"] == "https://a.example/1"


@pytest.mark.parametrize("engine", ["process", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_warc_page_over_the_budget_is_worded_as_check_words_it(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    from lint.audit.warc import write_warc

    small = b"<html lang='en'><body><article><h1>T</h1><p>Text  here.</p><img src='a.jpg'></article></body></html>"
    big = b"<html lang='en'><body><article><h1>T</h1><p>" + b"word " * 1000 + b"</p></article></body></html>"
    for name, body in (("small.html", small), ("big.html", big)):
        (tmp_path / name).write_bytes(body)  # the same bytes as files, for check
    opts = ["--isolated", "--max-bytes", "1000"]
    checked = _checked(*opts, tmp_path / "small.html", tmp_path / "big.html")
    assert checked[str(tmp_path / "big.html")]["error"].startswith(f"over the size budget: {len(big):,} bytes")
    write_warc(str(tmp_path / "w.warc.gz"), [("https://w.example/small.html", small, "text/html"),
                                             ("https://w.example/big.html", big, "text/html")])
    _audit("--warc", tmp_path / "w.warc.gz", "-o", tmp_path / "out", "-j", "1", "--engine", engine, *opts)
    assert _same(checked, _records(tmp_path / "out"), lambda s: "https://w.example/" + os.path.basename(s)) > 0


@pytest.mark.parametrize("engine", ["process", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_url_captured_twice_in_an_archive_is_recorded_from_its_first_capture(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    from lint.audit.warc import write_warc

    # The first capture takes longer to lint than the second: the record must not depend on which
    # worker finishes first.
    first = (b"<html lang='en'><body><article><h1>First</h1>"
             + b"".join(b"<p>Paragraph %d, text  here. <img src='%d.jpg'></p>" % (i, i) for i in range(2000))
             + b"</article></body></html>")
    second = b"<html lang='en'><body><article><h1>Second</h1><p>Text.</p></article></body></html>"
    pages = [("https://d.example/x.html", first, "text/html"), ("https://d.example/x.html", second, "text/html")]
    pages += [(f"https://d.example/{i}.html", second, "text/html") for i in range(3)]
    write_warc(str(tmp_path / "d.warc.gz"), pages)
    _audit("--warc", tmp_path / "d.warc.gz", "-o", tmp_path / "out", "-j", "2", "--isolated", "--engine", engine)
    lines = (tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert _records(tmp_path / "out")["https://d.example/x.html"]["meta"]["headline"] == "First"


@pytest.mark.slow
def test_max_pages_stops_the_dask_engine_as_it_stops_the_process_pool_and_resume_continues(tmp_path):
    pytest.importorskip("dask.distributed")
    from lint.audit.warc import write_warc

    page = b"<html lang='en'><body><article><h1>T%d</h1><p>Text.</p></article></body></html>"
    pages = [(f"https://m.example/{i}.html", page % i, "text/html") for i in range(5)]
    write_warc(str(tmp_path / "m.warc.gz"), pages)
    for engine in ("process", "dask"):
        out = tmp_path / engine
        args = ["--warc", tmp_path / "m.warc.gz", "-o", out, "-j", "1", "--isolated", "--engine", engine]
        _audit(*args, "--max-pages", "3")
        assert len(_records(out)) == 3, engine
        assert json.loads((out / "summary.json").read_text())["pages"] == 3
        _audit(*args, "--resume")
        assert sorted(_records(out)) == sorted(u for u, _, _ in pages), engine


def test_an_unexpected_exception_costs_one_page_in_a_warc_shard_as_it_costs_one_document_in_check(
        tmp_path, monkeypatch):
    # A bug anywhere in the pipeline is an "internal error" of that page, in check's words; lint_warc
    # (what Dask maps over archives) raised instead, which ended the whole Dask run.
    from lint.audit.warc import write_warc
    from lint.audit.work import lint_warc
    from lint.engine import Linter
    from lint.inputs import Item
    from lint.runner import lint_item

    real = Linter.lint

    def lint(self, doc, extra=None):
        if "bad" in doc.source:
            raise RuntimeError("boom")
        return real(self, doc, extra)

    monkeypatch.setattr(Linter, "lint", lint)
    page = b"<html lang='en'><body><article><h1>T</h1><p>Text.</p></article></body></html>"
    write_warc(str(tmp_path / "b.warc.gz"), [(f"https://b.example/{n}.html", page, "text/html")
                                             for n in ("one", "bad", "two")])
    lint_warc(str(tmp_path / "b.warc.gz"), str(tmp_path / "shards"), {})
    (part,) = (tmp_path / "shards").glob("*.jsonl")
    recs = {r["source"]: r for r in map(json.loads, part.read_text(encoding="utf-8").splitlines())}
    assert len(recs) == 3 and recs["https://b.example/one.html"]["error"] is None
    (tmp_path / "bad.html").write_bytes(page)
    checked = lint_item(Item(str(tmp_path / "bad.html")), Linter())
    assert checked.error.startswith("internal error (RuntimeError: boom")
    assert recs["https://b.example/bad.html"]["error"] == checked.error


@pytest.mark.parametrize("engine", ["process", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_broken_archive_is_one_error_record_and_the_other_archives_are_audited(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    from lint.audit.warc import write_warc

    page = b"<html lang='en'><body><article><h1>T</h1><p>Text.</p></article></body></html>"
    write_warc(str(tmp_path / "a.warc.gz"), [(f"https://a.example/{i}.html", page, "text/html") for i in range(2)])
    write_warc(str(tmp_path / "b.warc.gz"), [(f"https://b.example/{i}.html", page, "text/html") for i in range(2)])
    broken = tmp_path / "a.warc.gz"
    broken.write_bytes(broken.read_bytes() + b"\x1f\x8b\x08\x00 not a WARC record")  # good records, then junk
    _audit("--warc", broken, tmp_path / "b.warc.gz", "-o", tmp_path / "out", "-j", "1", "--isolated",
           "--engine", engine)
    recs = _records(tmp_path / "out")
    assert sorted(recs) == sorted([str(broken)] + [f"https://{h}.example/{i}.html" for h in "ab" for i in range(2)])
    assert recs[str(broken)]["error"].startswith("unreadable WARC file")
    assert all(r["error"] is None for s, r in recs.items() if s != str(broken))
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["errors"] == 1


def test_listed_urls_of_every_type_check_lints_are_linted_as_check_lints_them(tmp_path):
    # check lints an HTML, XML, plain-text or Markdown response, each as its kind; a URL list and a
    # start URL are pages the user names, so the audit lints them the same way.
    s = Site().start()
    try:
        html = b"<html lang='en'><body><article><h1>Title</h1><p>Text  here , twice.</p></article></body></html>"
        s.add("/a.html", html)
        s.add("/a.xhtml", html, ctype="application/xhtml+xml")
        s.add("/a.xml", html, ctype="application/xml")
        s.add("/a.txt", b"A plain text story.\n\nIt has  two spaces , and more.\n", ctype="text/plain; charset=utf-8")
        s.add("/a.md", b"---\ntitle: Hello\n---\n\n# Hello\n\nSome text  here , too.\n", ctype="text/markdown")
        s.add("/a.pdf", b"%PDF-1.4", ctype="application/pdf")
        s.add("/robots.txt", b"User-agent: *\nAllow: /\n", ctype="text/plain")
        urls = [s.base + p for p in ("/a.html", "/a.xhtml", "/a.xml", "/a.txt", "/a.md", "/a.pdf")]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        checked = _checked("--isolated", "--select", "ALL", *urls)
        assert {d["kind"] for d in checked.values()} >= {"html", "text", "markdown"}
        _audit("--urls", tmp_path / "urls.txt", "-o", tmp_path / "out", "-j", "2", "--rate", "0", "--isolated",
               "--select", "ALL")
        audited = _records(tmp_path / "out")
        assert _same(checked, audited) > 0
        for src, doc in checked.items():
            assert audited[src]["kind"] == doc["kind"], src
        # A start URL that is a plain-text page (not a sitemap) is linted as text, as check lints it.
        _audit(s.base + "/a.txt", "-o", tmp_path / "seed", "-j", "1", "--rate", "0", "--isolated", "--select", "ALL")
        (rec,) = _records(tmp_path / "seed").values()
        assert rec["kind"] == "text" and sorted(map(_vkey, rec["violations"])) == sorted(
            map(_vkey, checked[s.base + "/a.txt"]["violations"]))
    finally:
        s.stop()


@pytest.mark.skipif(os.name != "posix", reason="a file name that is not UTF-8")
def test_a_file_name_that_is_not_utf8_is_named_as_check_names_it_and_resume_does_not_redo_it(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    try:
        with open(os.fsencode(site) + b"/big\xff.html", "wb") as fh:
            fh.write(b"<html><body><p>" + b"x" * 3000 + b"</p></body></html>")
        with open(os.fsencode(site) + b"/ok\xfe.html", "wb") as fh:
            fh.write(b"<html lang='en'><body><article><h1>T</h1><p>Text  here.</p></article></body></html>")
    except OSError:
        pytest.skip("the file system takes only UTF-8 names")
    opts = ["--isolated", "--max-bytes", "2048"]
    checked = _checked(*opts, site)
    assert all("\ufffd" in s for s in checked)
    _audit(site, "-o", tmp_path / "out", "-j", "1", *opts)
    _same(checked, _records(tmp_path / "out"))
    _audit(site, "-o", tmp_path / "out", "-j", "1", "--resume", *opts)
    assert len((tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_exclude_on_the_command_line_leaves_out_the_files_check_leaves_out(tmp_path):
    # check's --exclude was taken by the audit as an abbreviation of --exclude-url (a URL pattern),
    # which a local file never meets: every excluded file was audited.
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    page = "<html lang='en'><body><article><h1>T</h1><p>Text  here.</p><img src='x.jpg'></article></body></html>"
    for name in ("a.html", "b.html", "drafts/c.html", "old-d.html"):
        (site / name).write_text(page, encoding="utf-8")
    (site / "newslint.toml").write_text('exclude = ["old-*"]\n', encoding="utf-8")
    checked = _checked("--exclude", "drafts,b.html", site)
    assert sorted(os.path.basename(s) for s in checked) == ["a.html"]
    _audit(site, "--exclude", "drafts,b.html", "-o", tmp_path / "out", "-j", "1")
    assert _same(checked, _records(tmp_path / "out")) > 0
