"""Bad input never crashes newslint and never hides another document's result.

Every nasty document is generated here (nothing is downloaded). Each one must give violations or
one clear ``error`` line for itself; the other documents of the same run are all reported; the
exit code is 2 when any document errored. Budget cases must name the budget they ran over.
"""

from __future__ import annotations

import gzip
import json
import os
import unicodedata
import zlib

import pytest

from conftest import run_cli
from lint import lint_file, lint_html, lint_markdown
from lint.config import Config
from lint.document import Document, InputError
from lint.inputs import discover
from lint.limits import LIMITS
from lint.runner import run_all

VI_P = "Hà Nội hôm nay trời đẹp, người dân đi chơi rất đông vui ở khắp các phố phường của thủ đô."
RU_P = "Москва сегодня солнечная, люди гуляют по улицам и паркам города весь день."


def page(body: str, head: str = "", lang: str = "vi") -> str:
    return (f'<!doctype html><html lang="{lang}"><head>{head}<title>Tin</title></head>'
            f"<body><article><h1>Tin</h1>{body}</article></body></html>")


def vi_page(head: str = "") -> str:
    return page(f"<p>{VI_P}</p>" * 4, head)


def ld_page(ld: str) -> str:
    return vi_page(f'<script type="application/ld+json">{ld}</script>')


def cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: precomposed where the code page has the letter, else
    base letter + combining tone mark (the way Vietnamese legacy pages are written)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        for i, m in enumerate(marks):
            try:
                out += unicodedata.normalize("NFC", base + marks[:i] + marks[i + 1:]).encode("cp1258") + m.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise AssertionError(f"cannot encode {ch!r} in windows-1258")
    return bytes(out)


def nasty_files() -> dict[str, bytes]:
    """name -> bytes: the small nasty inputs (each under a megabyte)."""
    vi = vi_page()
    ru = page(f"<p>{RU_P}</p>" * 4, lang="ru")
    rnd = bytes((i * 7919 + 13) % 251 for i in range(4000))  # deterministic noise
    return {
        "ok.html": vi.encode(),
        "empty.html": b"",
        "blank.html": b"   \n\t\n",
        "image.html": b"\x89PNG\r\n\x1a\n" + rnd[:300],
        "document.html": b"%PDF-1.7\n" + rnd[:300],
        "garbage.html.gz": gzip.compress(rnd),
        "gzip-as-html.html": gzip.compress(rnd),
        "broken.html.gz": gzip.compress(vi.encode())[:-30],
        "noise.html": rnd,
        "invalid-utf8.html": vi.encode()[:200] + b"\xff\xfe\xc3(" + vi.encode()[200:],
        "utf16-bom.html": vi.encode("utf-16"),
        "utf16le-nobom.html": vi.encode("utf-16-le"),
        "utf16be-nobom.html": vi.encode("utf-16-be"),
        "cp1258-declared.html": cp1258(vi_page('<meta charset="windows-1258">')),
        "cp1258-undeclared.html": cp1258(vi),
        "cp1251-declared.html": ru.replace("<head>", '<head><meta charset="windows-1251">').encode("cp1251"),
        "cp1251-undeclared.html": ru.encode("cp1251"),
        "charset-lies.html": cp1258(vi_page('<meta charset="utf-8">')),
        "nul-bytes.html": vi.encode().replace(b"<p>", b"<p>\x00"),
        "all-nul.html": b"\x00" * 5000,
        "unterminated-comment.html": b"<html><body><p>" + VI_P.encode() + b"</p><!-- never closed " + b"x" * 5000,
        "unterminated-script.html": b"<html><body><p>" + VI_P.encode() + b"</p><script>var s = '" + b"x" * 5000,
        "unterminated-cdata.html": b"<html><body><p>" + VI_P.encode() + b"<![CDATA[ ]]> ]]> <p>",
        "jsonld-deep.html": ld_page("[" * 100_000 + "]" * 100_000).encode(),
        "jsonld-deep-object.html": ld_page('{"a":' * 100_000 + "1" + "}" * 100_000).encode(),
        "jsonld-cycles.html": ld_page(json.dumps({"@context": "https://schema.org", "@graph": [
            {"@type": "NewsArticle", "@id": "#a", "author": {"@id": "#b"}, "isPartOf": {"@id": "#a"},
             "image": {"@id": "#a"}, "headline": {"@id": "#a"}},
            {"@type": "Person", "@id": "#b", "knows": {"@id": "#a"}, "name": {"@id": "#b"}}]})).encode(),
        "jsonld-odd-values.html": ld_page(
            '{"@type":[1,null,{"a":1},["x"]],"@id":5,"author":[{"@id":null},{"@id":["x"]},3],'
            '"datePublished":{"@value":7},"image":{"url":[null]},"headline":["a",{"b":2}],'
            '"dateModified":1e999,"wordCount":' + "9" * 5000 + "}").encode(),
        "broken-yaml.md": f"---\ntitle: [unclosed\ndate: : :\n  - x\n---\n\n{VI_P}\n".encode(),
        "date-not-a-date.md": f"---\ntitle: Tin\ndate: 2024-13-45\n---\n\n{VI_P}\n".encode(),
        "date-words.md": f"---\ntitle: Tin\ndate: hôm qua\n---\n\n{VI_P}\n".encode(),
        "front-matter-list.md": f"---\n- a\n- b\n---\n\n{VI_P}\n".encode(),
        "front-matter-unclosed.md": f"---\ntitle: Tin\n\n{VI_P}\n".encode(),
        "toml-broken.md": f"+++\ntitle = [\n+++\n\n{VI_P}\n".encode(),
        "yaml-deep.md": ("---\ntitle: " + "[" * 5000 + "]" * 5000 + f"\n---\n\n{VI_P}\n").encode(),
        "yaml-aliases.md": ("---\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))
            + f"title: *i\nauthor: *i\ndate: *i\n---\n\n{VI_P}\n").encode(),
    }


def _assert_clean_error(doc: dict):
    err = doc["error"]
    if err is not None:
        assert "\n" not in err, err
        assert "internal error" not in err and "Traceback" not in err, (doc["source"], err)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_document_of_a_run_is_reported_and_errors_exit_2(tmp_path, jobs):
    files = nasty_files()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    proc = run_cli("check", "--isolated", "--select", "ALL", "--format", "json", "-j", jobs, tmp_path)
    assert proc.returncode == 2, proc.stderr.decode()
    docs = {os.path.basename(d["source"]): d for d in json.loads(proc.stdout)["documents"]}
    assert set(docs) == set(files)  # nobody lost, nobody twice
    for d in docs.values():
        _assert_clean_error(d)
    err = {k: (d["error"] or "") for k, d in docs.items()}
    assert err["ok.html"] == ""
    assert "empty" in err["empty.html"] and "empty" in err["blank.html"]
    assert "PNG image" in err["image.html"] and "PDF document" in err["document.html"]
    for name in ("garbage.html.gz", "gzip-as-html.html", "noise.html"):
        assert err[name].startswith("not a text document"), (name, err[name])
    assert "gzip" in err["broken.html.gz"]
    assert "NUL" in err["all-nul.html"]
    for name in ("utf16-bom.html", "utf16le-nobom.html", "utf16be-nobom.html", "cp1258-declared.html",
                 "cp1258-undeclared.html", "cp1251-declared.html", "cp1251-undeclared.html",
                 "charset-lies.html", "invalid-utf8.html", "nul-bytes.html", "unterminated-comment.html",
                 "unterminated-script.html", "unterminated-cdata.html", "jsonld-cycles.html"):
        assert err[name] == "", (name, err[name])
    for name in ("jsonld-deep.html", "jsonld-deep-object.html", "jsonld-odd-values.html"):
        assert err[name] == "", (name, err[name])
        assert any(v["code"].startswith("SD") for v in docs[name]["violations"]), name
    for name in files:
        if name.endswith(".md"):
            assert err[name] == "", (name, err[name])


def test_concise_output_has_one_error_line_per_bad_document(tmp_path):
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.html").write_bytes(b"%PDF-1.4 xx")
    (tmp_path / "c.html").write_bytes(vi_page().encode())
    proc = run_cli("check", "--isolated", "--format", "concise", "-j", "1", tmp_path)
    lines = [ln for ln in proc.stdout.decode().splitlines() if ": error: " in ln]
    assert proc.returncode == 2
    assert sorted(os.path.basename(ln.split(":", 1)[0]) for ln in lines) == ["a.html", "b.html"]


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("name,needle", [
    ("utf16-bom.html", VI_P), ("utf16le-nobom.html", VI_P), ("utf16be-nobom.html", VI_P),
    ("cp1258-declared.html", VI_P), ("cp1258-undeclared.html", VI_P), ("charset-lies.html", VI_P),
    ("cp1251-declared.html", RU_P), ("cp1251-undeclared.html", RU_P),
])
def test_pages_decode_to_the_text_their_authors_wrote(name, needle):
    doc = Document.from_bytes(nasty_files()[name], name)
    assert needle in unicodedata.normalize("NFC", doc.text), (doc.encoding, doc.encoding_how)


def test_a_lying_declaration_is_reported_in_how_the_encoding_was_decided():
    doc = Document.from_bytes(nasty_files()["charset-lies.html"], "x.html")
    assert doc.encoding == "cp1258" and "said utf-8" in doc.encoding_how


def test_utf8_with_a_few_bad_bytes_stays_utf8():
    doc = Document.from_bytes(nasty_files()["invalid-utf8.html"], "x.html")
    assert doc.encoding == "utf-8" and VI_P in doc.text and "\ufffd" in doc.text


def test_lone_surrogates_and_nul_in_given_text_do_not_cut_the_page():
    html = vi_page().replace("<h1>Tin</h1>", "<h1>Tin \ud800 \x00</h1>")
    res = lint_html(html, config={"select": ["ALL"]})
    assert res.error is None
    doc = Document.from_text(html, "x.html")
    assert len(doc.text) == len(html) and "\ud800" not in doc.text


# ---------------------------------------------------------------- files that change under us


def _items(tmp_path, n=3):
    for i in range(n):
        (tmp_path / f"p{i}.html").write_text(vi_page(), encoding="utf-8")
    return discover([str(tmp_path)], [])


def _by_name(results):
    return {os.path.basename(r.source): r for r in results}


def test_a_file_that_vanishes_after_listing_is_an_error_for_itself_only(tmp_path):
    items = _items(tmp_path)
    (tmp_path / "p1.html").unlink()
    res = _by_name(run_all(items, Config(), jobs=1))
    assert "cannot read" in res["p1.html"].error and "No such file" in res["p1.html"].error
    assert res["p0.html"].error is None and res["p2.html"].error is None


def test_a_file_swapped_for_a_fifo_is_an_error_not_a_hang(tmp_path):
    items = _items(tmp_path)
    (tmp_path / "p1.html").unlink()
    os.mkfifo(tmp_path / "p1.html")
    res = _by_name(run_all(items, Config(), jobs=1))
    assert "not a regular file" in res["p1.html"].error
    assert res["p2.html"].error is None


def test_a_file_swapped_for_a_directory_is_an_error(tmp_path):
    items = _items(tmp_path)
    (tmp_path / "p1.html").unlink()
    (tmp_path / "p1.html").mkdir()
    res = _by_name(run_all(items, Config(), jobs=1))
    assert "directory" in res["p1.html"].error and res["p0.html"].error is None


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_that_becomes_unreadable_is_an_error_for_itself_only(tmp_path):
    items = _items(tmp_path)
    (tmp_path / "p1.html").chmod(0)
    try:
        res = _by_name(run_all(items, Config(), jobs=1))
    finally:
        (tmp_path / "p1.html").chmod(0o644)
    assert "Permission denied" in res["p1.html"].error and res["p2.html"].error is None


def test_symlink_loops_in_a_directory_terminate_and_are_reported(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "a.html").write_text(vi_page(), encoding="utf-8")
    (site / "sub" / "b.html").write_text(vi_page(), encoding="utf-8")
    os.symlink("..", site / "sub" / "up")  # directory loop
    os.symlink(site / "sub", site / "again")  # a second way into the same folder
    os.symlink("self.html", site / "self.html")  # a link to itself
    os.symlink("pong.html", site / "ping.html")
    os.symlink("ping.html", site / "pong.html")
    proc = run_cli("check", "--isolated", "--format", "json", "-j", "1", site, timeout=60)
    docs = {os.path.relpath(d["source"], site): d for d in json.loads(proc.stdout)["documents"]}
    assert proc.returncode == 2
    assert docs["a.html"]["error"] is None
    assert sum(1 for k in docs if k.endswith("b.html")) == 1  # the folder is linted once
    for name in ("self.html", "ping.html", "pong.html"):
        assert "symbolic links" in docs[name]["error"], docs[name]["error"]


def test_a_directory_given_as_a_symlink_loop_is_an_error(tmp_path):
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    proc = run_cli("check", "--isolated", tmp_path / "loop", timeout=60)
    assert proc.returncode == 2 and b"loop" in proc.stdout


# ---------------------------------------------------------------- budgets


@pytest.mark.slow
def test_a_50_mb_page_is_over_the_size_budget(tmp_path):
    para = f"<p>{VI_P} <a href='/x'>Xem</a> <img src='a.jpg'></p>\n"
    big = tmp_path / "big.html"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write("<html><body><article>")
        chunk = para * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write("</article></body></html>")
    (tmp_path / "ok.html").write_text(vi_page(), encoding="utf-8")
    proc = run_cli("check", "--isolated", "--format", "json", "-j", "1", tmp_path)
    docs = {os.path.basename(d["source"]): d for d in json.loads(proc.stdout)["documents"]}
    assert proc.returncode == 2
    assert docs["big.html"]["error"].startswith("over the size budget") and "--max-bytes" in docs["big.html"]["error"]
    assert docs["ok.html"]["error"] is None


def test_a_gzip_bomb_stops_at_the_size_budget(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(bomb, "wb") as fh:
        fh.write(z.compress(b"<html><body><p>"))
        zeros = b" " * (1 << 20)
        for _ in range(64):
            fh.write(z.compress(zeros))
        fh.write(z.flush())
    assert bomb.stat().st_size < 200_000
    res = lint_file(str(bomb))
    assert res.error.startswith("over the size budget after decompression")


def test_max_bytes_is_a_budget_the_user_sets(tmp_path):
    p = tmp_path / "p.html"
    p.write_text(vi_page() + "<!--" + "x" * 5000 + "-->", encoding="utf-8")
    proc = run_cli("check", "--isolated", "--max-bytes", "2048", "--format", "json", p)
    doc = json.loads(proc.stdout)["documents"][0]
    assert proc.returncode == 2 and doc["error"].startswith("over the size budget") and "2,048" in doc["error"]


@pytest.mark.slow
def test_100000_nested_divs_are_over_the_depth_budget():
    html = "<html><body>" + "<div>" * 100_000 + VI_P + "</div>" * 100_000 + "</body></html>"
    res = lint_html(html, config={"select": ["ALL"]})
    assert res.error.startswith("over the depth budget")


def test_nesting_a_real_page_might_have_is_linted():
    html = "<html><body>" + "<div>" * 500 + f"<p>{VI_P}</p>" + "</div>" * 500 + "</body></html>"
    assert lint_html(html, config={"select": ["ALL"]}).error is None


@pytest.mark.slow
def test_more_elements_than_the_budget_is_an_error(monkeypatch):
    monkeypatch.setattr(LIMITS, "max_elements", 20_000)
    html = "<html><body>" + "<p>x</p>" * 30_000 + "</body></html>"
    res = lint_html(html, config={"select": ["ALL"]})
    assert res.error.startswith("over the element budget") and "20,000" in res.error


@pytest.mark.slow
def test_a_20_mb_json_ld_block_is_over_the_json_ld_budget(monkeypatch):
    monkeypatch.setattr(LIMITS, "max_bytes", 32 * 1024 * 1024)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tin",
                     "articleBody": "x" * (20 * 1024 * 1024)})
    res = lint_html(ld_page(ld).encode(), config={"select": ["ALL"]})
    assert res.error is None
    sd = [v for v in res.violations if v.code.startswith("SD")]
    assert any("too large" in v.message and "limit" in v.message for v in sd), [v.message for v in sd]


def test_a_20_mb_json_ld_page_is_over_the_default_size_budget():
    ld = json.dumps({"@type": "NewsArticle", "articleBody": "x" * (20 * 1024 * 1024)})
    res = lint_html(ld_page(ld).encode())
    assert res.error.startswith("over the size budget")


@pytest.mark.slow
def test_a_graph_of_50000_nodes_is_bounded():
    graph = [{"@type": "NewsArticle" if i == 0 else "Thing", "@id": f"#n{i}", "name": f"n{i}",
              "about": {"@id": f"#n{i + 1}"}, "author": {"@id": "#n0"}} for i in range(50_000)]
    res = lint_html(ld_page(json.dumps({"@context": "https://schema.org", "@graph": graph})).encode(),
                    config={"select": ["ALL"]})
    assert res.error is None or "budget" in res.error, res.error


def test_id_reference_cycles_terminate():
    res = lint_html(nasty_files()["jsonld-cycles.html"], config={"select": ["ALL"]})
    assert res.error is None


def test_yaml_alias_expansion_is_budgeted():
    from lint.extract.markdown import parse_markdown

    md = parse_markdown(nasty_files()["yaml-aliases.md"].decode())
    assert md.front_matter_error.startswith("over the front matter budget")
    assert lint_markdown(nasty_files()["yaml-aliases.md"].decode(), config={"select": ["ALL"]}).error is None


def test_an_impossible_front_matter_date_is_a_front_matter_error():
    from lint.extract.markdown import parse_markdown

    md = parse_markdown(nasty_files()["date-not-a-date.md"].decode())
    assert "month must be in 1..12" in md.front_matter_error


def test_decoding_refuses_binary_even_when_named_html():
    with pytest.raises(InputError, match="not a text document"):
        Document.from_bytes(nasty_files()["noise.html"], "x.html")


def test_max_bytes_reaches_parallel_workers(tmp_path):
    small = "<html><body><p>Tin ngắn.</p></body></html>"
    for i in range(9):
        (tmp_path / f"s{i}.html").write_text(small, encoding="utf-8")
    (tmp_path / "big.html").write_text(vi_page() + "<!--" + "x" * 5000 + "-->", encoding="utf-8")
    proc = run_cli("check", "--isolated", "--max-bytes", "2048", "--format", "json", "-j", "2", tmp_path)
    docs = {os.path.basename(d["source"]): d for d in json.loads(proc.stdout)["documents"]}
    assert len(docs) == 10 and proc.returncode == 2
    assert docs["big.html"]["error"].startswith("over the size budget")
    assert all(d["error"] is None for k, d in docs.items() if k != "big.html")


def test_binary_on_standard_input_is_one_error():
    proc = run_cli("check", "--isolated", "--stdin-filename", "page.html", "-", stdin=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert proc.returncode == 2
    assert proc.stdout.decode().strip() == "page.html:1:1: error: not a text document: the file is a PNG image"
