"""Run the linter over many documents: in this process for a few, in a process pool for many.
Results come back in input order, one document at a time, so reporters can stream.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from .document import InputError
from .inputs import Item, read_item
from .model import DocumentResult

_LINTER = None


def _init(config):
    global _LINTER
    from .engine import Linter

    if isinstance(config, dict):
        from .configmodel import Config

        config = Config.model_validate(config)
    if getattr(config, "max_bytes", None):  # --max-bytes reaches the workers too
        from .limits import LIMITS

        LIMITS.max_bytes = config.max_bytes
    _LINTER = Linter(config)


def lint_item(item: Item, linter=None) -> DocumentResult:
    linter = linter or _LINTER
    try:
        doc = read_item(item)
    except InputError as exc:
        return DocumentResult(source=item.source, error=str(exc))
    except MemoryError:
        return DocumentResult(source=item.source, error="over the memory budget while reading")
    try:
        return linter.lint(doc)
    except InputError as exc:
        return DocumentResult(source=item.source, kind=doc.kind, error=str(exc))
    except RecursionError:
        return DocumentResult(source=item.source, kind=doc.kind, error="over the depth budget: nested too deeply")
    except MemoryError:
        return DocumentResult(source=item.source, kind=doc.kind, error="over the memory budget")


def _worker(item: Item) -> DocumentResult:
    return lint_item(item)


def run(items: list[Item], config, jobs: int | None = None) -> Iterator[DocumentResult]:
    from .engine import Linter

    linter = Linter(config)  # validates selection and options before any work starts
    jobs = jobs or config.jobs or (os.cpu_count() or 1)
    has_stdin = any(i.kind == "stdin" for i in items)
    if jobs <= 1 or len(items) < 8 or has_stdin:
        for it in items:
            yield lint_item(it, linter)
        return
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    if hasattr(ctx, "set_forkserver_preload"):
        # Workers fork from a server that has already imported the engine and the checks.
        ctx.set_forkserver_preload(["lint.runner", "lint.engine", "lint.extract.text"])
    # The config itself (validated settings) goes to the workers: no second validation there.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(config,)) as pool:
        chunk = max(1, min(32, len(items) // (jobs * 8)))
        yield from pool.map(_worker, items, chunksize=chunk)


def run_all(items: Iterable[Item], config, jobs: int | None = None) -> list[DocumentResult]:
    return list(run(list(items), config, jobs))
