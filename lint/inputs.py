"""Turn the paths, URLs and ``-`` a user gives into documents to lint.

Directories are searched for HTML (``*.html``, ``*.htm``, ``*.html.gz``) and Markdown
(``*.md``, ``*.markdown``); ``.txt`` files are read only when named. ``exclude`` patterns and
``.gitignore`` files are honoured; README, LICENSE, CHANGELOG and Hugo ``_index.md`` are not
articles. Reading failures become an error for that document only.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .config import matches
from .document import Document, InputError, kind_for_name
from .limits import LIMITS

_DIR_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".md", ".markdown")
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|copying|changelog|changes|history|contributing|"
                           r"code_of_conduct|security|authors|notice)(?:\.(?:md|markdown|txt|rst|html?))?$|^_index\.md$",
                           re.IGNORECASE)
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".cache"}


@dataclass(slots=True)
class Item:
    source: str  # as the user gave it (or as found in a directory)
    kind: str = "path"  # 'path', 'url', 'stdin'
    error: str | None = None


def _gitignores(d: Path) -> list[tuple[str, str]]:
    p = d / ".gitignore"
    out = []
    try:
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and not line.startswith("!"):
                out.append((str(d), line))
    except OSError:
        pass
    return out


def discover(paths: list[str], exclude: list[str], stdin_name: str | None = None) -> list[Item]:
    items: list[Item] = []
    for given in paths:
        if given == "-":
            items.append(Item(stdin_name or "-", "stdin"))
            continue
        if re.match(r"^https?://", given, re.IGNORECASE):
            items.append(Item(given, "url"))
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*://", given, re.IGNORECASE):
            items.append(Item(given, "path", f"unsupported URL scheme in {given!r} (only http and https)"))
            continue
        p = Path(given)
        if any(matches(given, pat) for pat in exclude):
            continue
        if p.is_dir():
            items.extend(_walk(p, exclude))
        elif p.exists() or p.is_symlink():
            items.append(Item(given))
        else:
            items.append(Item(given, "path", "no such file or directory"))
    return items


def _walk(root: Path, exclude: list[str]) -> list[Item]:
    out = []
    seen_dirs = set()
    stack = [(root, _gitignores(root))]
    while stack:
        d, ignores = stack.pop()
        try:
            real = d.resolve()
        except (OSError, RuntimeError):
            out.append(Item(str(d), "path", "cannot resolve directory (symlink loop?)"))
            continue
        if real in seen_dirs:
            continue  # a symlink loop or a second way to the same folder
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            out.append(Item(str(d), "path", f"cannot list directory: {exc.strerror}"))
            continue
        subdirs = []
        for e in entries:
            path = os.path.normpath(os.path.join(str(d), e.name))
            rel_ignored = any(matches(path, pat, base) for base, pat in ignores)
            if rel_ignored or any(matches(path, pat) for pat in exclude):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if e.name not in _SKIP_DIRS and not e.name.startswith("."):
                    subdirs.append(Path(path))
                continue
            name = e.name.lower()
            if name.endswith(_DIR_SUFFIXES) and not _NOT_ARTICLES.match(e.name):
                out.append(Item(path))
        for sd in reversed(subdirs):
            stack.append((sd, ignores + _gitignores(sd)))
    return out


def read_item(item: Item, stdin_kind: str | None = None) -> Document:
    if item.error:
        raise InputError(item.error)
    if item.kind == "stdin":
        data = sys.stdin.buffer.read(LIMITS.max_bytes + 1)
        kind = kind_for_name(item.source) or stdin_kind or None
        return Document.from_bytes(data, item.source, kind=kind)
    if item.kind == "url":
        return fetch(item.source)
    data = _read_file(item.source)
    name = item.source
    kind = kind_for_name(name) or None
    return Document.from_bytes(data, name, kind=kind)


def _read_file(path: str) -> bytes:
    """Read a regular file, at most the size budget plus one byte.

    Opened without blocking and checked with ``fstat`` on the open descriptor, so a FIFO, a
    device or a socket (or a file swapped for one after the directory was listed) is an error
    instead of a hang, and a file that vanished or became unreadable is an error for itself only.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file (a FIFO, socket or device)")
        if st.st_size > LIMITS.max_bytes:
            raise InputError(f"over the size budget: {st.st_size:,} bytes (limit {LIMITS.max_bytes:,}; "
                             "raise it with --max-bytes)")
        chunks = []
        left = LIMITS.max_bytes + 1
        while left > 0:
            b = os.read(fd, min(left, 1 << 20))
            if not b:
                break
            chunks.append(b)
            left -= len(b)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


_MAX_REDIRECTS = 5


def fetch(url: str, timeout: float | None = None, max_bytes: int | None = None) -> Document:
    """Fetch one page within a time budget for the whole response (a server that drips bytes is
    cut off), a size cap after decompression (a gzip bomb stops at the cap), at most
    ``_MAX_REDIRECTS`` redirects and only to http(s)."""
    import time
    import urllib.error
    import urllib.request
    import zlib

    from . import __version__

    timeout = timeout or LIMITS.fetch_timeout
    cap = max_bytes or LIMITS.fetch_max_bytes
    deadline = time.monotonic() + timeout

    class _Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = _MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not re.match(r"^https?://", newurl, re.IGNORECASE):
                raise InputError(f"fetch failed: redirected to a URL that is not http(s): {newurl[:200]}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(_Redirects)
    req = urllib.request.Request(url, headers={
        "User-Agent": f"newslint/{__version__} (+https://pypi.org/project/newslint/)",
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip",
    })
    slow = InputError(f"fetch failed: no complete response within {timeout:g} s")
    try:
        with opener.open(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "")
            enc = (resp.headers.get("Content-Encoding") or "").lower()
            final = resp.geturl()
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if enc == "gzip" else None
            chunks, size = [], 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise slow
                sock = getattr(getattr(getattr(resp, "fp", None), "raw", None), "_sock", None)
                if sock is not None:
                    sock.settimeout(min(timeout, left))
                b = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
                if not b:
                    break
                if inflate is not None:
                    try:
                        b = inflate.decompress(b, cap + 1 - size)
                    except zlib.error as exc:
                        raise InputError(f"fetch failed: broken gzip body: {exc}") from None
                chunks.append(b)
                size += len(b)
                if size > cap:
                    raise InputError(f"fetch failed: response larger than {cap:,} bytes"
                                     + (" after decompression" if inflate is not None else ""))
            raw = b"".join(chunks)
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(f"fetch failed: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError) or "timed out" in str(exc.reason):
            raise slow from None
        raise InputError(f"fetch failed: {exc.reason}") from None
    except TimeoutError:
        raise slow from None
    except OSError as exc:
        raise InputError(f"fetch failed: {exc}") from None
    if not lintable_type(ctype):
        raise InputError(f"not an HTML page: Content-Type is {ctype.split(';')[0]}")
    return Document.from_bytes(raw, url, kind=kind_for_type(ctype), url=final or url, content_type=ctype)


_LINTABLE_TYPES = re.compile(r"html|xml|text/plain|markdown", re.IGNORECASE)


def lintable_type(ctype: str | None) -> bool:
    """Whether a response of this Content-Type is linted (HTML, XML, plain text, Markdown; a
    response without one too)."""
    return not ctype or _LINTABLE_TYPES.search(ctype) is not None


def kind_for_type(ctype: str | None) -> str:
    """The document kind a response of this Content-Type is linted as."""
    ctype = ctype or ""
    return "text" if "text/plain" in ctype else "markdown" if "markdown" in ctype else "html"
