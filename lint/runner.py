"""Run the linter over many documents: in this process for a few, in a process pool for many.
Results come back in input order, one document at a time, so reporters can stream.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from .config import Config
from .document import InputError
from .inputs import Item, read_item
from .model import DocumentResult

_LINTER = None


def _init(config_dump: dict):
    global _LINTER
    from .engine import Linter

    cfg = Config.model_validate(config_dump)
    _LINTER = Linter(cfg)


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


def run(items: list[Item], config: Config, jobs: int | None = None) -> Iterator[DocumentResult]:
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

    dump = config.model_dump(by_alias=False)
    ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(dump,)) as pool:
        chunk = max(1, min(32, len(items) // (jobs * 8)))
        yield from pool.map(_worker, items, chunksize=chunk)


def run_all(items: Iterable[Item], config: Config, jobs: int | None = None) -> list[DocumentResult]:
    return list(run(list(items), config, jobs))
