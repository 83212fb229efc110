"""Read pages from WARC archives (and write them, for tests and benchmarks) with warcio."""

from __future__ import annotations

from dataclasses import dataclass

from ..limits import LIMITS


@dataclass(slots=True)
class WarcPage:
    url: str
    body: bytes = b""
    content_type: str | None = None
    status: int | None = None
    error: str | None = None


def _is_html(ctype: str) -> bool:
    c = (ctype or "").split(";")[0].strip().lower()
    return c in ("text/html", "application/xhtml+xml") or not c


def iter_pages(path: str, max_bytes: int | None = None):
    """Yield every ``response`` record of an HTML page (200, or a 4xx/5xx recorded as an error).
    Redirects, non-HTML responses, requests and metadata records are skipped. An archive that cannot
    be opened or read to its end gives the pages before the break and then one page named by the
    archive's path with the error, so the other archives of the audit go on."""
    n = 0
    try:
        for page in _pages(path, max_bytes):
            n += 1
            yield page
    except Exception as exc:  # warcio's ArchiveLoadFailed, a broken gzip member, a read error
        why = "".join(c if c.isprintable() else "\ufffd" for c in f"{type(exc).__name__}: {exc}"[:300])
        yield WarcPage(str(path), error=f"unreadable WARC file: {why} ({n} pages read before it)")


def _pages(path: str, max_bytes: int | None):
    from warcio.archiveiterator import ArchiveIterator

    cap = max_bytes or LIMITS.max_bytes
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or ""
            status, ctype = None, None
            if rec.rec_type == "response" and rec.http_headers is not None:
                try:
                    status = int(rec.http_headers.get_statuscode() or 0)
                except ValueError:
                    status = 0
                ctype = rec.http_headers.get_header("Content-Type")
            else:
                ctype = rec.rec_headers.get_header("Content-Type")
            if status and 300 <= status < 400:
                continue
            if not _is_html(ctype or ""):
                continue
            if status and status >= 400:
                yield WarcPage(url, status=status, content_type=ctype, error=f"HTTP {status} recorded in the archive")
                continue
            try:
                stream = rec.content_stream()
                body = stream.read(cap + 1)
                size = len(body)
                while size > cap:  # counted to the end (and not kept), for check's wording
                    more = len(stream.read(1 << 20))
                    if not more:
                        break
                    size += more
            except Exception as exc:  # a broken record must not end the archive
                yield WarcPage(url, status=status, error=f"unreadable WARC record: {exc}")
                continue
            if size > cap:
                yield WarcPage(url, status=status, error=f"over the size budget: {size:,} bytes (limit {cap:,}; "
                                                         "raise it with --max-bytes)")
                continue
            yield WarcPage(url, body, ctype, status or 200)


def write_warc(path: str, pages, gzip: bool = True):
    """Write ``(url, body, content_type)`` triples as WARC/1.1 response records."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype or "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))
