"""A small site served from 127.0.0.1 for the audit tests (pages from the development corpus). No tests here."""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import zlib

from conftest import CORPUS


def corpus_pages(n: int, folder: str = "article-benchmark") -> list[tuple[str, bytes]]:
    """(manifest file, html bytes) of the first ``n`` pages of a corpus folder."""
    out = []
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["file"].startswith(folder + "/") and r.get("page_type") == "article":
                p = CORPUS / r["file"]
                data = gzip.open(p).read() if p.name.endswith(".gz") else p.read_bytes()
                out.append((r["file"], data))
                if len(out) >= n:
                    break
    return out


class Site:
    """Routes: path -> handler spec. ``hits`` lists every (method, path, user agent) served."""

    def __init__(self):
        self.routes: dict[str, dict] = {}
        self.hits: list[tuple[str, str, str]] = []
        self.port = None
        self._loop = None
        self._runner = None
        self._thread = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, path: str, body: bytes = b"", ctype: str = "text/html; charset=utf-8", status: int = 200,
            headers: dict | None = None, delay: float = 0.0, drip: bool = False):
        self.routes[path] = {"body": body, "ctype": ctype, "status": status, "headers": headers or {},
                             "delay": delay, "drip": drip}

    async def _handle(self, request):
        from aiohttp import web

        path = request.path_qs
        self.hits.append((request.method, path, request.headers.get("User-Agent", "")))
        r = self.routes.get(path)
        if r is None:
            return web.Response(status=404, text="not found")
        if r["delay"]:
            await asyncio.sleep(r["delay"])
        headers = {"Content-Type": r["ctype"], **r["headers"]}
        if r["drip"]:
            resp = web.StreamResponse(status=200, headers=headers)
            await resp.prepare(request)
            try:
                for _ in range(120):
                    await resp.write(b"<")
                    await asyncio.sleep(1.0)
            except (ConnectionResetError, RuntimeError):
                pass
            return resp
        return web.Response(status=r["status"], body=r["body"], headers=headers)

    def start(self):
        from aiohttp import web

        ready = threading.Event()

        def serve():
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self):
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def paths_hit(self) -> list[str]:
        return [p for _, p, _ in self.hits]


def gzip_bomb(size: int) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    out = [c.compress(b"<html><body>")]
    for _ in range(size >> 20):
        out.append(c.compress(chunk))
    out.append(c.flush())
    return b"".join(out)


def urlset(urls: list[str]) -> bytes:
    items = "".join(f"<url><loc>{u}</loc><news:news><news:publication_date>2024-01-02</news:publication_date>"
                    f"</news:news></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + items + "</urlset>").encode()


def sitemap_index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + items + "</sitemapindex>").encode()
