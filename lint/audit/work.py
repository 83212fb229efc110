"""The pure lint functions of an audit, and the process pool that runs them.

``lint_page`` turns one fetched page (bytes plus where it came from) into a *record*: a plain
dict that the results file stores as one JSON line. ``lint_warc`` does the same for every HTML
response of one WARC file and writes a shard file with a done-marker; it is what Dask (or Spark)
maps over files. :class:`LintPool` runs ``lint_page`` in worker processes: a worker that overruns
its time budget is killed, replaced, and the page recorded as an error.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import re
from pathlib import Path

from ..limits import LIMITS, Limits

_LINTER = None
_LINTER_KEY = None
_DEFAULT_MAX_BYTES = Limits().max_bytes

_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def _linter(config):
    """The linter of ``config``: the settings the command validated (a :class:`lint.config.Settings`,
    used as they are, as ``newslint check`` gives them to its workers), or a plain dict of settings,
    validated here. Built once per process and settings.

    Sets this process's size budget to the settings' ``max_bytes`` (``--max-bytes``), or to the
    default budget when they have none, for every page: a long-lived worker (a Dask cluster that
    serves one audit after another) must not keep the budget of an earlier audit."""
    global _LINTER, _LINTER_KEY
    given = {} if config is None else config
    key = json.dumps(given if isinstance(given, dict) else given.model_dump(), sort_keys=True, default=str)
    if _LINTER is None or key != _LINTER_KEY:
        from ..engine import Linter

        if isinstance(given, dict):
            from ..config import Config

            cfg = Config.model_validate(given)
        else:
            cfg = given
        _LINTER = Linter(cfg)
        _LINTER_KEY = key
        from ..process import settle

        settle()
    LIMITS.max_bytes = _LINTER.config.max_bytes or _DEFAULT_MAX_BYTES
    return _LINTER


def error_record(source: str, error: str, url: str | None = None, status: int | None = None) -> dict:
    from ..reporters import _json_safe  # a file name that is not UTF-8: named as in every other record

    return _json_safe({"source": source, "url": url or (source if "://" in source else None), "status": status,
                       "kind": None, "is_article": None, "error": error, "meta": {}, "violations": []})


def lint_page(source: str, body: bytes | None = None, url: str | None = None, content_type: str | None = None,
              status: int | None = None, extra: dict | None = None, config_dump=None,
              want_links: bool = False, kind: str | None = "html", path: str | None = None) -> dict:
    """Lint one page: ``body``, or the file at ``path``, read as ``newslint check`` reads a file
    (a regular file only, at most the size budget, the same error for each way it can fail).
    ``config_dump``: the settings, a plain dict or the validated settings the command built.
    Pure: the same input gives the same record, in any process."""
    from ..document import Document, InputError
    from ..inputs import _read_file

    linter = _linter(config_dump)  # first: it sets this process's size budget
    if body is None:
        try:
            body = _read_file(path)
        except InputError as exc:
            return error_record(source, str(exc), url, status)
    try:
        doc = Document.from_bytes(body, source, kind=kind, url=url or (source if "://" in source else None),
                                  content_type=content_type)
        res = linter.lint(doc, extra)
    except InputError as exc:
        rec = error_record(source, str(exc), url, status)
        rec["kind"] = kind
        return rec
    except RecursionError:
        return error_record(source, "over the depth budget: nested too deeply", url, status)
    except MemoryError:
        return error_record(source, "over the memory budget", url, status)
    except Exception as exc:  # a bug costs this page, never the others of its archive (as in check)
        from ..runner import _internal

        return error_record(source, _internal(exc), url, status)
    rec = {"source": source, "url": doc.url, "status": status, "kind": res.kind,
           "is_article": res.is_article, "error": res.error, "meta": res.meta or {},
           "violations": [v.to_dict() for v in res.violations]}
    from ..reporters import _json_safe  # one definition of what JSON can carry

    rec = _json_safe(rec)
    if want_links:
        links = []
        for m in _HREF.finditer(doc.text):
            href = (m.group(1) or m.group(2) or m.group(3) or "").strip()
            if href and not href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
                links.append(href)
                if len(links) >= 5000:
                    break
        rec["_links"] = links
    return rec


def lint_warc(path: str, out_dir: str, config_dump=None) -> dict:
    """Lint every HTML response in one WARC file; write ``<out_dir>/<name>.jsonl`` and then
    ``<name>.done``. A shard already marked done is skipped (resume). Returns counts."""
    from .warc import iter_pages

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = shard_name(path)
    done, part = out / f"{name}.done", out / f"{name}.jsonl"
    if done.exists():
        return {"shard": name, "pages": int(done.read_text() or 0), "skipped": True}
    _linter(config_dump)  # before the archive is read: its records are read under the audit's budget
    n = 0
    with open(part, "w", encoding="utf-8") as fh:
        for page in iter_pages(path):
            if page.error:
                rec = error_record(page.url, page.error, page.url, page.status)
            else:
                rec = lint_page(page.url, page.body, page.url, page.content_type, page.status,
                                config_dump=config_dump)
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    done.write_text(str(n))
    return {"shard": name, "pages": n, "skipped": False}


def shard_name(path: str) -> str:
    import hashlib

    base = os.path.basename(str(path))
    for suffix in (".warc.gz", ".warc", ".gz"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    h = hashlib.sha1(os.path.abspath(str(path)).encode()).hexdigest()[:8]
    return f"{re.sub(r'[^A-Za-z0-9_.-]', '_', base)}-{h}"


# ---------------------------------------------------------------------------- the pool
def _serve(conn, config):
    _linter(config)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            rec = lint_page(config_dump=config, **task)
        except BaseException as exc:  # a crash must not take the worker down with the page
            rec = error_record(task.get("source", "?"), f"internal error ({type(exc).__name__}: {exc})",
                               task.get("url"), task.get("status"))
        conn.send(rec)


class _Slot:
    def __init__(self, ctx, config):
        self.ctx, self.config = ctx, config
        self.proc = self.conn = None
        self.start()

    def start(self):
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_serve, args=(child, self.config), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent

    def kill(self):
        try:
            self.proc.kill()
            self.proc.join(5)
        except Exception:
            pass
        try:
            self.conn.close()
        except Exception:
            pass

    def run(self, task: dict, timeout: float) -> dict:
        try:
            self.conn.send(task)
            if self.conn.poll(timeout):
                return self.conn.recv()
            err = f"over the time budget: linting took longer than {timeout:g} s (worker replaced)"
        except (EOFError, OSError, BrokenPipeError) as exc:
            err = f"the worker process died while linting this page ({type(exc).__name__})"
        self.kill()
        self.start()
        return error_record(task.get("source", "?"), err, task.get("url"), task.get("status"))

    def close(self):
        try:
            self.conn.send(None)
            self.proc.join(2)
        except Exception:
            pass
        if self.proc.is_alive():
            self.kill()


class LintPool:
    """``jobs`` worker processes; ``run(task)`` is blocking and thread-safe (one caller per free
    worker at a time), so callers use a thread pool of the same size or ``asyncio.to_thread``."""

    def __init__(self, jobs: int, config, time_budget: float | None = None):
        ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
        self.time_budget = time_budget or LIMITS.doc_seconds
        self.jobs = max(1, jobs)
        self._slots = [_Slot(ctx, config) for _ in range(self.jobs)]
        self._free: queue.Queue = queue.Queue()
        for s in self._slots:
            self._free.put(s)

    def run(self, task: dict) -> dict:
        slot = self._free.get()
        try:
            return slot.run(task, self.time_budget)
        finally:
            self._free.put(slot)

    def imap_unordered(self, tasks, window: int | None = None):
        """Run tasks from an iterator with a bounded number in flight; yield records as done."""
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        window = window or self.jobs * 2
        with ThreadPoolExecutor(self.jobs) as ex:
            pending = set()
            for t in tasks:
                pending.add(ex.submit(self.run, t))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        yield f.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()

    def proc_ids(self) -> list[int]:
        return [s.proc.pid for s in self._slots]

    def close(self):
        for s in self._slots:
            s.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
