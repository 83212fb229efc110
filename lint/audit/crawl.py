"""A polite crawler: sitemaps, robots.txt, start pages and URL lists, fetched with aiohttp.

Per host: robots.txt (Protego), ``Crawl-delay``, a request rate and a concurrency cap. Per
request: a total time cap (a server that drips bytes is cut off), a size cap counted *after*
decompression (a gzip bomb stops at the cap), a redirect cap with every hop checked against the
scope, http(s) only, and no private or loopback addresses unless the audit started at one.
The frontier is on disk; the lint runs in worker processes, never in the event loop.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..inputs import kind_for_type, lintable_type
from .robots import USER_AGENT, Robots
from .scope import Scope, host_of, normalize
from .sitemaps import SitemapError, looks_like_sitemap, parse_sitemap
from .work import error_record

_REDIRECTS = (301, 302, 303, 307, 308)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SITEMAP_TYPES = ("application/xml", "text/xml", "text/plain", "application/x-gzip", "application/gzip",
                  "application/octet-stream")


@dataclass
class CrawlOptions:
    max_pages: int | None = None
    max_depth: int = 3
    concurrency: int = 8  # requests in flight, all hosts together
    per_host: int = 4  # requests in flight to one host
    rate: float = 4.0  # requests per second to one host (0: no limit other than Crawl-delay)
    timeout: float = 20.0  # seconds for one request, headers and body together
    max_bytes: int = 16 * 1024 * 1024  # one response, after decompression
    max_redirects: int = 5
    follow_links: bool | None = None  # None: follow links when the start URL is a page
    check_images: bool = False
    hosts: list = field(default_factory=list)  # extra hosts in scope
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    allow_private: bool | None = None


def _seed_type(ctype: str) -> bool:
    """A start URL: a page check lints, or a sitemap."""
    return lintable_type(ctype) or ctype.split(";")[0].strip().lower() in _SITEMAP_TYPES


class FetchError(Exception):
    def __init__(self, message: str, status: int | None = None, final: str | None = None):
        super().__init__(message)
        self.status, self.final = status, final


@dataclass(slots=True)
class Fetched:
    url: str
    final: str
    status: int
    content_type: str
    body: bytes


class _Decoder:
    def __init__(self, encoding: str):
        enc = (encoding or "").strip().lower()
        if enc in ("gzip", "x-gzip"):
            self.d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.d = zlib.decompressobj()
        elif enc in ("", "identity"):
            self.d = None
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self.d is None:
            return chunk
        try:
            # Never inflate more than the room left under the cap (+1 to notice the overrun).
            out = self.d.decompress(chunk, room + 1)
            while self.d.unconsumed_tail and len(out) <= room:
                out += self.d.decompress(self.d.unconsumed_tail, room + 1 - len(out))
            return out
        except zlib.error as exc:
            raise FetchError(f"broken compressed body: {exc}") from None


def _safe_resolver(allow_private: bool):
    """A resolver that drops private and loopback addresses at connect time, so a host that
    resolved to a public address when checked cannot switch to a private one (DNS rebinding)."""
    import socket

    from aiohttp.resolver import ThreadedResolver

    from .scope import is_private_ip

    class SafeResolver(ThreadedResolver):
        async def resolve(self, host, port=0, family=socket.AF_INET):
            infos = await super().resolve(host, port, family)
            if allow_private:
                return infos
            kept = [i for i in infos if not is_private_ip(str(i.get("host", "")))]
            if not kept:
                raise OSError(f"refused: {host} resolves only to private or loopback addresses")
            return kept

    return SafeResolver()


class Crawler:
    def __init__(self, opts: CrawlOptions, frontier, results, lint, progress=None, skipped_path: Path | None = None):
        self.o = opts
        self.frontier = frontier
        self.results = results
        self.lint = lint  # blocking callable(task) -> record (the process pool's run)
        self.progress = progress
        self.scope: Scope | None = None
        self.robots: dict[str, Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._host_sem: dict[str, asyncio.Semaphore] = {}
        self._host_lock: dict[str, asyncio.Lock] = {}
        self._host_next: dict[str, float] = {}
        self.skipped_fh = open(skipped_path, "a", encoding="utf-8") if skipped_path else None
        self.follow = bool(opts.follow_links)
        self.stats = {"requests": 0, "skipped": 0}

    # ------------------------------------------------------------------ politeness
    def _skip(self, url: str, reason: str):
        self.stats["skipped"] += 1
        if self.skipped_fh:
            self.skipped_fh.write(json.dumps({"url": url, "reason": reason}, ensure_ascii=False) + "\n")
            self.skipped_fh.flush()

    async def _robots_for(self, url: str, any_host: bool = False) -> Robots:
        p = urlsplit(url)
        key = f"{p.scheme}://{host_of(url)}"
        if key in self.robots:
            return self.robots[key]
        lock = self._robots_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self.robots:
                rurl = key + "/robots.txt"
                try:
                    f = await self._get(rurl, kinds=None, check_robots=False, cap=512 * 1024, any_host=any_host)
                    self.robots[key] = Robots(f.body.decode("utf-8", "replace"), f.status)
                except FetchError as exc:
                    status = exc.status if exc.status else None
                    self.robots[key] = Robots(None, status)
        return self.robots[key]

    async def _slot(self, host: str, robots: Robots | None):
        sem = self._host_sem.setdefault(host, asyncio.Semaphore(max(1, self.o.per_host)))
        await sem.acquire()
        lock = self._host_lock.setdefault(host, asyncio.Lock())
        delay = max(1.0 / self.o.rate if self.o.rate > 0 else 0.0, robots.crawl_delay() if robots else 0.0)
        async with lock:
            loop = asyncio.get_running_loop()
            now = loop.time()
            nxt = self._host_next.get(host, now)
            if nxt > now:
                await asyncio.sleep(nxt - now)
            self._host_next[host] = max(now, nxt) + delay
        return sem

    # ------------------------------------------------------------------ fetching
    async def _get(self, url: str, kinds=_HTML_TYPES, check_robots: bool = True, cap: int | None = None,
                   method: str = "GET", headers: dict | None = None, any_host: bool = False,
                   truncate: bool = False) -> Fetched:
        """``kinds``: the Content-Types accepted (a tuple of types, a test of the header, or None: any)."""
        loop = asyncio.get_running_loop()
        cap = cap or self.o.max_bytes
        cur = url
        for hop in range(self.o.max_redirects + 1):
            if urlsplit(cur).scheme.lower() not in ("http", "https"):
                raise FetchError(f"refused: not an http(s) URL: {cur}")
            if not any_host and not self.scope.in_scope(cur):
                raise FetchError(f"refused: redirect out of scope to {cur}", final=cur)
            if not await self.scope.address_allowed(cur, loop):
                raise FetchError(f"refused: {host_of(cur)} is a private or loopback address", final=cur)
            robots = None
            if check_robots:
                robots = await self._robots_for(cur)
                if not robots.allowed(cur):
                    if robots.deny_all:
                        why = f"HTTP {robots.status}" if robots.status else "no answer"
                        raise FetchError(f"refused: disallowed by robots.txt ({why} for robots.txt, so nothing "
                                         f"is fetched from this host): {cur}", final=cur)
                    raise FetchError(f"refused: disallowed by robots.txt: {cur}", final=cur)
            sem = await self._slot(host_of(cur), robots)
            try:
                self.stats["requests"] += 1
                res = await asyncio.wait_for(self._request(cur, kinds, cap, method, headers, truncate), self.o.timeout + 1)
            except asyncio.TimeoutError:
                raise FetchError(f"timed out after {self.o.timeout:g} s", final=cur) from None
            finally:
                sem.release()
            if isinstance(res, str):  # a redirect's target
                nxt = normalize(res, cur)
                if nxt is None:
                    raise FetchError(f"refused: redirect to an unsupported URL {res[:200]!r}", final=cur)
                cur = nxt
                continue
            res.url = url
            return res
        raise FetchError(f"too many redirects (more than {self.o.max_redirects})", final=cur)

    async def _request(self, url, kinds, cap, method, headers, truncate=False):
        import aiohttp

        to = aiohttp.ClientTimeout(total=self.o.timeout, sock_connect=min(10.0, self.o.timeout),
                                   sock_read=self.o.timeout)
        try:
            async with self.session.request(method, url, allow_redirects=False, timeout=to,
                                            headers=headers or {}) as resp:
                if resp.status in _REDIRECTS and resp.headers.get("Location"):
                    return resp.headers["Location"]
                ctype = resp.headers.get("Content-Type", "")
                if resp.status >= 400:
                    raise FetchError(f"HTTP {resp.status} {resp.reason or ''}".strip(), resp.status, url)
                base = ctype.split(";")[0].strip().lower()
                wanted = kinds is None or not base or (kinds(ctype) if callable(kinds) else base in kinds)
                if not wanted:
                    raise FetchError(f"not an HTML page: Content-Type is {base}", resp.status, url)
                if method == "HEAD":
                    return Fetched(url, url, resp.status, ctype, b"")
                dec = _Decoder(resp.headers.get("Content-Encoding", ""))
                body = bytearray()
                async for chunk in resp.content.iter_chunked(65536):
                    body += dec.feed(chunk, cap - len(body))
                    if len(body) > cap:
                        if truncate:  # the first bytes are all that was wanted
                            return Fetched(url, url, resp.status, ctype, bytes(body[:cap]))
                        raise FetchError(f"response larger than {cap:,} bytes (after decompression)",
                                         resp.status, url)
                return Fetched(url, url, resp.status, ctype, bytes(body))
        except FetchError:
            raise
        except asyncio.TimeoutError:
            raise FetchError(f"timed out after {self.o.timeout:g} s", final=url) from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"fetch failed: {type(exc).__name__}: {exc}"[:300], final=url) from None
        except (OSError, ValueError, UnicodeError) as exc:
            raise FetchError(f"fetch failed: {exc}"[:300], final=url) from None

    # ------------------------------------------------------------------ images
    async def _image_data(self, page_url: str, body: bytes) -> dict:
        """``extra["image_fetch"]`` as the image rules define it (lint/extract/images.py): keyed by
        the URL as written in the markup; status (0: no response), width, height, content_type,
        robots_allowed. Images may live on another host (a CDN): they are fetched there, still
        politely (robots.txt, rate, no private addresses)."""
        from .images import image_size, markup_image_urls

        out = {}
        for raw in markup_image_urls(body):
            u = normalize(raw, page_url)
            if not u:
                continue
            info: dict = {}
            robots = await self._robots_for(u, any_host=True)
            allowed = robots.allowed(u)
            if robots.status is not None:  # unknown when robots.txt itself could not be fetched
                info["robots_allowed"] = allowed
            if allowed or robots.status is None:
                try:
                    h = await self._get(u, kinds=None, check_robots=False, method="HEAD", any_host=True)
                    info["status"], info["content_type"] = h.status, h.content_type.split(";")[0].strip() or None
                except FetchError as exc:
                    if exc.status not in (405, 501):  # HEAD not supported: the GET below decides
                        info["status"] = exc.status or 0
                if info.get("status") in (None, 200):
                    try:
                        g = await self._get(u, kinds=None, check_robots=False, cap=65536, any_host=True,
                                            headers={"Range": "bytes=0-65535"}, truncate=True)
                        info["status"] = 200 if g.status in (200, 206) else g.status
                        if not info.get("content_type"):
                            info["content_type"] = g.content_type.split(";")[0].strip() or None
                        size = image_size(g.body)
                        if size:
                            info["width"], info["height"] = size
                    except FetchError as exc:
                        info["status"] = exc.status or 0
            out[raw] = info
            if u != raw:
                out[u] = info
        return out

    # ------------------------------------------------------------------ the crawl
    async def _page(self, url: str, kind: str, depth: int):
        if url in self.results.done:
            return
        # A page the user or a sitemap lists (and a start page) is linted as check lints a URL; a
        # link found on a page is followed to HTML only.
        kinds = _HTML_TYPES if kind == "link" else _seed_type if kind == "seed" else lintable_type
        try:
            f = await self._get(url, kinds=kinds)
        except FetchError as exc:
            if str(exc).startswith("refused: disallowed by robots.txt") or str(exc).startswith("refused: redirect out"):
                self._skip(url, str(exc))
                return
            self._record(error_record(url, str(exc), exc.final or url, exc.status))
            return
        if kind == "seed" and looks_like_sitemap(url, f.content_type, f.body):
            await self._sitemap_body(url, f.body, depth)
            return True  # not a page: it does not count against --max-pages
        if not lintable_type(f.content_type):  # a start URL that is not a sitemap after all
            base = f.content_type.split(";")[0].strip().lower()
            self._record(error_record(url, f"not an HTML page: Content-Type is {base}", f.final, f.status))
            return
        if kind == "seed" and self.o.follow_links is None:
            self.follow = True
        extra = None
        if self.o.check_images:
            extra = {"image_fetch": await self._image_data(f.final, f.body)}
        follow = self.follow and kind in ("seed", "link") and depth < self.o.max_depth
        task = {"source": url, "body": f.body, "url": f.final, "content_type": f.content_type,
                "status": f.status, "extra": extra, "want_links": follow, "kind": kind_for_type(f.content_type)}
        rec = await asyncio.get_running_loop().run_in_executor(self.executor, self.lint, task)
        links = rec.pop("_links", None) or []
        self._record(rec)
        if follow:
            rows = []
            for href in links:
                u = normalize(href, f.final)
                if u and self.scope.wanted(u) and self.scope.likely_page(u):
                    rows.append((u, "link", depth + 1))
            if rows:
                self.frontier.add_many(rows)

    async def _sitemap(self, url: str, depth: int):
        try:
            f = await self._get(url, kinds=None, cap=50 * 1024 * 1024)  # any type: parsed safely anyway
        except FetchError as exc:
            self._record(error_record(url, f"sitemap: {exc}", exc.final or url, exc.status))
            return
        await self._sitemap_body(url, f.body, depth)

    async def _sitemap_body(self, url: str, body: bytes, depth: int):
        try:
            sm = await asyncio.to_thread(parse_sitemap, body)
        except SitemapError as exc:
            self._record(error_record(url, f"sitemap: {exc}", url))
            return
        rows = []
        if depth < 5:
            rows += [(u, "sitemap", depth + 1) for u in map(normalize, sm.sitemaps) if u and self.scope.in_scope(u)]
        for loc, _lastmod in sm.pages:
            u = normalize(loc)
            if u and self.scope.wanted(u):
                rows.append((u, "page", 0))
        if rows:
            self.frontier.add_many(rows)

    def _record(self, rec: dict):
        if rec["source"] in self.results.done:
            return
        self.results.add(rec)
        if self.progress:
            if self.results.count % 25 == 1:
                total = self.frontier.pages()
                self.progress.set_total(min(total, self.o.max_pages) if self.o.max_pages else total)
            self.progress.update(rec)

    async def _worker(self, state):
        while True:
            items = self.frontier.pop(1)
            if not items:
                if state["busy"] == 0:
                    return
                await asyncio.sleep(0.05)
                continue
            url, kind, depth = items[0]
            if kind != "sitemap" and state["budget"] is not None:
                if state["budget"] <= 0:  # --max-pages: leave it queued for a later --resume
                    self.frontier.put_back(url)
                    if state["busy"] == 0:
                        return
                    await asyncio.sleep(0.05)
                    continue
                state["budget"] -= 1
            state["busy"] += 1
            try:
                if kind == "sitemap":
                    await self._sitemap(url, depth)
                elif await self._page(url, kind, depth) and state["budget"] is not None:
                    state["budget"] += 1
            except Exception as exc:  # a bug on one URL must not stop the crawl
                self._record(error_record(url, f"internal error while crawling ({type(exc).__name__}: {exc})"))
            finally:
                state["busy"] -= 1
                self.frontier.done(url)

    async def run(self, starts: list[str], url_list: bool = False, executor=None):
        import aiohttp

        starts = [u for u in (normalize(s) for s in starts) if u]
        self.scope = Scope(starts, self.o.hosts, self.o.include, self.o.exclude, self.o.allow_private)
        self.executor = executor
        conn = aiohttp.TCPConnector(limit=max(1, self.o.concurrency), limit_per_host=max(1, self.o.per_host),
                                    ttl_dns_cache=300, resolver=_safe_resolver(self.scope.allow_private))
        async with aiohttp.ClientSession(connector=conn, auto_decompress=False, headers={
                "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate"}) as self.session:
            if self.frontier.seen() == 0:
                rows = []
                for s in starts:
                    if url_list:
                        rows.append((s, "page", 0))
                    elif urlsplit(s).path.rstrip("/").endswith("/robots.txt"):
                        robots = await self._robots_for(s)
                        maps = [u for u in (normalize(m) for m in robots.sitemaps()) if u and self.scope.in_scope(u)]
                        rows += [(m, "sitemap", 0) for m in maps] or [(normalize("/", s), "seed", 0)]
                    else:
                        rows.append((s, "seed", 0))
                self.frontier.add_many(rows)
            elif self.o.follow_links is None:
                self.follow = bool(self.frontier.db.execute(
                    "SELECT 1 FROM urls WHERE kind='link' LIMIT 1").fetchone()) or self.follow
            budget = None if self.o.max_pages is None else max(0, self.o.max_pages - self.results.count)
            state = {"busy": 0, "budget": budget}
            n = max(1, self.o.concurrency)
            await asyncio.gather(*(self._worker(state) for _ in range(n)))
        if self.skipped_fh:
            self.skipped_fh.close()
