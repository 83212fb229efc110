"""The command line: inputs, selection, exit codes, errors that stay with their document."""

from __future__ import annotations

import gzip
import http.server
import json
import threading

import pytest

from conftest import out, run_cli

GLUED = "<html lang='vi'><body><article><p><em>Quang cảnh hội nghị</em>Với tinh thần đoàn kết.</p></article></body></html>"
CLEAN = "<html lang='vi'><body><article><p>Các đơn vị đã ký kết giao ước thi đua.</p></article></body></html>"
NOALT = "<html lang='en'><body><article><p>The council met.</p><img src='a.jpg'></article></body></html>"


def write(path, text, enc="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(enc))
    return path


def test_exit_codes(tmp_path):
    clean = write(tmp_path / "clean.html", CLEAN)
    glued = write(tmp_path / "glued.html", GLUED)
    assert run_cli("check", "--isolated", "--select", "TX001", clean).returncode == 0
    assert run_cli("check", "--isolated", "--select", "TX001", glued).returncode == 1
    assert run_cli("check", "--isolated", "--select", "TX001", "--exit-zero", glued).returncode == 0
    assert run_cli("check", "--isolated", "--select", "TX001", "--fail-on", "never", glued).returncode == 0
    assert run_cli("check", "--isolated", "--select", "NOPE1").returncode == 2
    assert run_cli("check", "--bogus-flag", clean).returncode == 2
    assert run_cli("check").returncode == 2


def test_fail_on_warning(tmp_path):
    page = write(tmp_path / "a.html", "<html lang='en'><head><meta property='og:type' content='article'></head>"
                 "<body><article><p>The council met on Monday.</p></article></body></html>")
    # SD001 is a warning: it fails the run only when --fail-on says warnings count.
    assert run_cli("check", "--isolated", "--select", "SD001", page).returncode == 0
    assert run_cli("check", "--isolated", "--select", "SD001", "--fail-on", "warning", page).returncode == 1


def test_unreadable_document_is_an_error_and_the_rest_is_reported(tmp_path):
    glued = write(tmp_path / "glued.html", GLUED)
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    missing = tmp_path / "missing.html"
    p = run_cli("check", "--isolated", "--select", "TX001", "--format", "json", glued, binary, missing)
    assert p.returncode == 2
    docs = {d["source"]: d for d in json.loads(out(p))["documents"]}
    assert docs[str(glued)]["violations"][0]["code"] == "TX001"
    assert "PNG" in docs[str(binary)]["error"]
    assert "no such file" in docs[str(missing)]["error"]


def test_exit_2_wins_over_exit_zero(tmp_path):
    binary = tmp_path / "b.html"
    binary.write_bytes(b"%PDF-1.4 binary")
    assert run_cli("check", "--isolated", "--exit-zero", binary).returncode == 2


def test_stdin_with_filename():
    p = run_cli("check", "--isolated", "--select", "TX001", "-", "--stdin-filename", "story.html",
                stdin=GLUED.encode())
    assert p.returncode == 1
    assert out(p).startswith("story.html:1:")


def test_stdin_markdown_by_name():
    md = "---\ntitle: Tin\n---\n\nQuang cảnh hội nghịVới tinh thần đoàn kết.\n"
    p = run_cli("check", "--isolated", "--select", "TX001", "--language", "vi", "-", "--stdin-filename", "tin.md",
                stdin=md.encode())
    assert out(p).startswith("tin.md:5:20: TX001")


def test_directory_discovery(tmp_path):
    write(tmp_path / "site" / "a.html", GLUED)
    gz = tmp_path / "site" / "deep" / "b.html.gz"
    gz.parent.mkdir(parents=True)
    gz.write_bytes(gzip.compress(GLUED.encode()))
    write(tmp_path / "site" / "c.md", "Quang cảnh hội nghịVới tinh thần đoàn kết.\n")
    write(tmp_path / "site" / "notes.txt", GLUED)  # .txt only when named
    write(tmp_path / "site" / "README.md", "Quang cảnh hội nghịVới tinh thần.\n")
    write(tmp_path / "site" / "_index.md", "Quang cảnh hội nghịVới tinh thần.\n")
    write(tmp_path / "site" / "drafts" / "d.html", GLUED)
    write(tmp_path / "site" / "ignored" / "e.html", GLUED)
    write(tmp_path / "site" / ".gitignore", "ignored/\n")
    p = run_cli("check", "--isolated", "--select", "TX001", "--format", "json", "--exclude", "drafts", tmp_path / "site")
    sources = sorted(d["source"].replace(str(tmp_path / "site"), "") for d in json.loads(out(p))["documents"])
    assert sources == ["/a.html", "/c.md", "/deep/b.html.gz"]


def test_config_file_is_found_and_validated(tmp_path):
    page = write(tmp_path / "news" / "a.html", GLUED)
    write(tmp_path / "newslint.toml", 'select = ["TX"]\n[severity]\nTX001 = "info"\n')
    p = run_cli("check", "--format", "json", page, cwd=tmp_path)
    v = json.loads(out(p))["documents"][0]["violations"]
    assert [(x["code"], x["severity"]) for x in v] == [("TX001", "info")]
    assert p.returncode == 0  # info does not reach the default fail-on=error

    write(tmp_path / "newslint.toml", 'selct = ["TX"]\n')
    p = run_cli("check", page, cwd=tmp_path)
    assert p.returncode == 2
    err = p.stderr.decode()
    assert "newslint.toml" in err and "selct" in err and "did you mean 'select'" in err

    write(tmp_path / "newslint.toml", 'fail-on = "sometimes"\n')
    p = run_cli("check", page, cwd=tmp_path)
    assert p.returncode == 2 and "fail-on" in p.stderr.decode()


def test_pyproject_table_and_isolated(tmp_path):
    page = write(tmp_path / "a.html", GLUED)
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n[tool.newslint]\nignore = ["TX001"]\n')
    assert run_cli("check", "--select", "TX001", page, cwd=tmp_path).returncode == 1  # CLI select replaces config select
    assert run_cli("check", page, "--select", "TX001", "--ignore", "TX001", cwd=tmp_path).returncode == 0
    p = run_cli("check", "--format", "json", page, cwd=tmp_path)
    codes = {v["code"] for d in json.loads(out(p))["documents"] for v in d["violations"]}
    assert "TX001" not in codes
    p = run_cli("check", "--isolated", "--format", "json", page, cwd=tmp_path)
    codes = {v["code"] for d in json.loads(out(p))["documents"] for v in d["violations"]}
    assert "TX001" in codes


def test_per_file_ignores_and_rule_options(tmp_path):
    write(tmp_path / "archive" / "old.html", GLUED)
    write(tmp_path / "new.html", GLUED)
    write(tmp_path / "newslint.toml", '[per-file-ignores]\n"archive/**" = ["TX"]\n[rules.TX001]\nmin-left = 2\n')
    p = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    by = {d["source"]: [v["code"] for v in d["violations"]] for d in json.loads(out(p))["documents"]}
    assert "TX001" in by["new.html"] and "TX001" not in by["archive/old.html"]
    write(tmp_path / "newslint.toml", '[rules.TX001]\nmin_lef = 2\n')
    p = run_cli("check", "new.html", cwd=tmp_path)
    assert p.returncode == 2 and "min_lef" in p.stderr.decode()


def test_selection_by_slug_family_and_prefix(tmp_path):
    page = write(tmp_path / "a.html", GLUED.replace("</article>", "<img src='x.jpg'></article>"))
    def codes(*sel):
        p = run_cli("check", "--isolated", "--format", "json", *sel, page)
        return sorted({v["code"] for d in json.loads(out(p))["documents"] for v in d["violations"]})
    assert codes("--select", "glued-no-space") == ["TX001"]
    assert codes("--select", "IM") == ["IM001"]
    assert codes("--select", "TX0,IM001", "--ignore", "IM") == ["TX001"]
    assert codes("--select", "TX001", "--extend-select", "image-alt-missing") == ["IM001", "TX001"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/story.html":
            body = GLUED.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/image.png":
            body = b"\x89PNG"
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
        else:
            body = b"gone"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_urls_fetched_failures_stay_with_their_url(server):
    p = run_cli("check", "--isolated", "--select", "TX001", "--format", "json",
                f"{server}/story.html", f"{server}/missing.html", f"{server}/image.png", "ftp://example.org/x.html")
    assert p.returncode == 2
    docs = {d["source"]: d for d in json.loads(out(p))["documents"]}
    assert docs[f"{server}/story.html"]["violations"][0]["code"] == "TX001"
    assert "404" in docs[f"{server}/missing.html"]["error"]
    assert "image/png" in docs[f"{server}/image.png"]["error"]
    assert "scheme" in docs["ftp://example.org/x.html"]["error"]


def test_rules_and_explain():
    p = run_cli("rules", "--format", "json")
    rules = json.loads(out(p))
    assert {"TX001", "IM001", "SD001", "SD002", "DT001", "BY001"} <= {r["code"] for r in rules}
    p = run_cli("explain", "glued-no-space")
    assert out(p).startswith("# TX001 glued-no-space") and "## Incorrect" in out(p)
    p = run_cli("explain", "TX999")
    assert p.returncode == 2


def test_python_m_lint_version():
    from lint import __version__

    p = run_cli("--version")
    assert out(p).startswith(f"newslint {__version__} (C walk: ")
    p = run_cli("--version", env={"NEWSLINT_PURE_PYTHON": "1"})
    assert out(p).strip() == f"newslint {__version__} (C walk: off (NEWSLINT_PURE_PYTHON is set))"


def test_an_unknown_selector_is_blamed_on_where_it_was_given(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["TX"]\n', encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>Hi.</p></body></html>", encoding="utf-8")
    for cmd in (["check"], ["audit", "--quiet", "-o", str(tmp_path / "out")]):
        p = run_cli(*cmd, "--ignore", "TX99", tmp_path)
        err = p.stderr.decode()
        assert p.returncode == 2 and "--ignore: unknown rule selector 'TX99'" in err, err
        assert "pyproject.toml" not in err
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["NOPE"]\n', encoding="utf-8")
    p = run_cli("check", tmp_path)
    assert p.returncode == 2 and "pyproject.toml: unknown rule selector 'NOPE'" in p.stderr.decode()
