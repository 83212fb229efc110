"""Run the linter over many documents: in this process for a few, in a process pool for many.
Results come back in input order, one document at a time, so reporters can stream.

No document can take the others down with it: a reading or budget problem is an ``error`` for
that document; an unexpected exception anywhere in the pipeline is an ``internal error`` for that
document; and a worker process that dies (a crash in a C extension, the kernel's OOM killer) is
replaced, the documents it was holding are checked again one by one, and the one that kills a
worker on its own is reported as an error. Every document given gets exactly one result.
"""

from __future__ import annotations

import os
import traceback
from typing import Callable, Iterable, Iterator

from .document import InputError
from .inputs import Item, read_item
from .model import DocumentResult
from .process import settle

_LINTER = None


def _init(config, max_bytes: int | None = None):
    global _LINTER
    from .engine import Linter
    from .limits import LIMITS

    if max_bytes:
        LIMITS.max_bytes = max_bytes
    if isinstance(config, dict):  # a dump: validate it (the CLI sends validated settings)
        from .configmodel import Config

        config = Config.model_validate(config)
    _LINTER = Linter(config)
    settle()


def _internal(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
    return f"internal error ({type(exc).__name__}: {exc}{where})"


def lint_item(item: Item, linter=None) -> DocumentResult:
    linter = linter or _LINTER
    try:
        doc = read_item(item)
    except InputError as exc:
        return DocumentResult(source=item.source, error=str(exc))
    except MemoryError:
        return DocumentResult(source=item.source, error="over the memory budget while reading")
    except RecursionError:
        return DocumentResult(source=item.source, error="over the depth budget: nested too deeply")
    except Exception as exc:  # a bug must cost one document, never the run
        return DocumentResult(source=item.source, error=_internal(exc))
    if len(doc.text) >= LARGE:
        _release_free_memory()
    try:
        return linter.lint(doc)
    except InputError as exc:
        return DocumentResult(source=item.source, kind=doc.kind, error=str(exc))
    except RecursionError:
        return DocumentResult(source=item.source, kind=doc.kind, error="over the depth budget: nested too deeply")
    except MemoryError:
        return DocumentResult(source=item.source, kind=doc.kind, error="over the memory budget")
    except Exception as exc:
        return DocumentResult(source=item.source, kind=doc.kind, error=_internal(exc))


# Characters from which a document's check starts from a trimmed heap: its tree and views take some ten
# times its size, which would otherwise come on top of the free pages the documents before it left.
LARGE = 500_000


def _release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim). A large page's parse
    leaves its memory free but mapped; without this a long-lived worker's footprint creeps up to
    its largest document and stays there with the heap fragmented around it."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc: nothing to do
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None


def _worker(items: list[Item]) -> list[DocumentResult]:
    out = [lint_item(it) for it in items]
    _release_free_memory()
    return out


def run(items: list[Item], config, jobs: int | None = None) -> Iterator[DocumentResult]:
    from .engine import Linter
    from .limits import LIMITS

    linter = Linter(config)  # validates selection and options before any work starts
    settle()
    jobs = jobs or config.jobs or (os.cpu_count() or 1)
    has_stdin = any(i.kind == "stdin" for i in items)
    if jobs <= 1 or len(items) < 8 or has_stdin:
        for it in items:
            yield lint_item(it, linter)
        return
    chunk = max(1, min(32, len(items) // (jobs * 8)))
    # With many pages per worker, every worker would import the libraries some pages need: load them
    # once, before the workers are forked (lint/preload.py). A short run does not wait for them.
    preload = PRELOAD + (["lint.preload"] if len(items) >= LONG_RUN * jobs else [])
    # The validated settings themselves go to the workers: no pydantic import or validation there.
    yield from pooled(items, _worker, jobs, chunk, _init, (config, LIMITS.max_bytes), preload=preload)


# Imported by the forkserver before it forks a worker: the engine and the checks.
PRELOAD = ["lint.runner", "lint.engine", "lint.extract.text", "lint.checks.text", "lint.checks.dates",
           "lint.checks.byline", "lint.checks.images", "lint.checks.structured"]
# Documents per worker from which a run preloads the libraries its pages need (lint/preload.py).
LONG_RUN = 64


def _lost(item: Item, why: str) -> DocumentResult:
    return DocumentResult(source=item.source, error=f"the process checking this document failed ({why}); "
                                                    "the other documents were checked")


def pooled(items: list, worker: Callable[[list], list], jobs: int, chunk: int = 1,
           initializer=None, initargs=(), on_lost: Callable = _lost, preload: list[str] = PRELOAD) -> Iterator:
    """``worker`` over ``items`` in a process pool, results in input order, surviving dead workers.

    ``worker`` takes a list of items and returns one result per item. When a worker process dies,
    every unfinished item is run again: those that cannot have been running (beyond the pool's
    prefetch window) in a fresh shared pool, the few that might have been each alone in a pool of
    its own, so the item that kills a process on its own gets ``on_lost(item, why)`` as its result.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    if hasattr(ctx, "set_forkserver_preload"):  # workers fork with these already imported
        ctx.set_forkserver_preload(list(preload))
    results: dict[int, object] = {}
    nxt = 0
    todo = list(range(len(items)))
    size = chunk
    while todo:
        groups = [todo[k:k + size] for k in range(0, len(todo), size)]
        failed: list[int] = []
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=initializer, initargs=initargs)
        try:
            futures = [pool.submit(worker, [items[i] for i in g]) for g in groups]
            for k, g in enumerate(groups):
                fut, futures[k] = futures[k], None  # a finished future holds its results: let them go
                try:
                    out = fut.result()
                except BrokenProcessPool:
                    failed.extend(g)
                    continue
                except Exception as exc:  # e.g. a result that cannot be pickled back
                    out = [on_lost(items[i], f"{type(exc).__name__}: {exc}") for i in g]
                for i, r in zip(g, out):
                    results[i] = r
                while nxt in results:
                    yield results.pop(nxt)
                    nxt += 1
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not failed:
            break
        # At most ``jobs`` groups were running and ``jobs + 1`` queued when the pool broke.
        window = (2 * jobs + 2) * size
        suspects, todo = failed[:window], failed[window:]
        size = 1
        for i in suspects:
            one = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=initializer, initargs=initargs)
            try:
                results[i] = one.submit(worker, [items[i]]).result()[0]
            except BrokenProcessPool as exc:
                results[i] = on_lost(items[i], str(exc) or "worker process ended abruptly")
            except Exception as exc:
                results[i] = on_lost(items[i], f"{type(exc).__name__}: {exc}")
            finally:
                one.shutdown(wait=True, cancel_futures=True)
        while nxt in results:
            yield results.pop(nxt)
            nxt += 1
    while nxt in results:
        yield results.pop(nxt)
        nxt += 1


def run_all(items: Iterable[Item], config, jobs: int | None = None) -> list[DocumentResult]:
    return list(run(list(items), config, jobs))
