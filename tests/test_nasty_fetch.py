"""`newslint check URL`: a server we do not control cannot hang or flood a run.

A local server (127.0.0.1) plays the bad server: it drips one byte at a time, sends a gzip bomb,
redirects forever or to another scheme, serves a PDF. Each is an error for that URL only.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_cli
from lint.document import InputError
from lint.inputs import fetch

PAGE = ('<html lang="vi"><head><title>Tin</title></head><body><article><h1>Tin</h1>'
        + "<p>Hà Nội hôm nay trời đẹp, người dân đi chơi rất đông vui ở khắp các phố phường.</p>" * 4
        + "</article></body></html>").encode()


def _bomb() -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 20)
    return b"".join([z.compress(block) for _ in range(40)] + [z.flush()])


BOMB = _bomb()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, code=200, ctype="text/html; charset=utf-8", body=b"", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/ok":
            self._send(body=PAGE)
        elif path == "/gz":
            self._send(body=gzip.compress(PAGE), headers=[("Content-Encoding", "gzip")])
        elif path == "/bomb":
            self._send(body=BOMB, headers=[("Content-Encoding", "gzip")])
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/loop":
            self._send(302, headers=[("Location", "/loop")])
        elif path == "/ftp":
            self._send(302, headers=[("Location", "ftp://127.0.0.1/x.html")])
        elif path == "/file":
            self._send(302, headers=[("Location", "file:///etc/passwd")])
        elif path == "/pdf":
            self._send(ctype="application/pdf", body=b"%PDF-1.4")
        else:
            self._send(404, body=b"no")


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_a_page_and_a_gzipped_page_are_fetched(server):
    assert "Hà Nội" in fetch(server + "/ok").text
    assert "Hà Nội" in fetch(server + "/gz").text


def test_a_server_that_drips_bytes_is_cut_off_by_the_time_budget(server):
    start = time.monotonic()
    with pytest.raises(InputError, match="no complete response within 1.5 s"):
        fetch(server + "/drip", timeout=1.5)
    assert time.monotonic() - start < 15  # generous: the budget, not the 20 s the server would take


def test_a_gzip_bomb_stops_at_the_size_cap(server):
    assert len(BOMB) < 100_000
    with pytest.raises(InputError, match="larger than 4,194,304 bytes after decompression"):
        fetch(server + "/bomb", max_bytes=4 * 1024 * 1024)


@pytest.mark.parametrize("path,message", [
    ("/loop", "redirect"), ("/ftp", "not http"), ("/file", r"not http|is not allowed"), ("/pdf", "Content-Type is application/pdf"),
    ("/missing", "HTTP 404"),
])
def test_bad_responses_are_errors(server, path, message):
    with pytest.raises(InputError, match=message):
        fetch(server + path)


def test_one_bad_url_does_not_stop_the_run(server, tmp_path):
    (tmp_path / "local.html").write_bytes(PAGE)
    proc = run_cli("check", "--isolated", "--format", "json", "-j", "1",
                   server + "/ok", server + "/pdf", server + "/missing", tmp_path / "local.html")
    docs = json.loads(proc.stdout)["documents"]
    assert proc.returncode == 2
    errs = [d["error"] for d in docs]
    assert errs[0] is None and errs[3] is None
    assert "application/pdf" in errs[1] and "404" in errs[2]
