"""Settings for a process that checks documents one after another (the command, its workers).

Checking a page allocates some hundred thousand short-lived Python objects (element proxies, text
pieces, match objects), almost none of them in reference cycles. With the interpreter's default
garbage-collector thresholds a collection starts every 700 allocations, and the older generations
are traversed again and again together with everything the process loaded once (modules, rule
catalogue, language packs): about an eighth of a check's CPU time went to it. So the objects that
exist when checking starts are frozen out of collection (:func:`gc.freeze`) and the youngest
generation is collected every 10,000 allocations instead; cycles are still collected, only later.

A library user who lints from their own program keeps their own settings: nothing here runs on
import.
"""

from __future__ import annotations

import gc

_DONE = False


def settle() -> None:
    """Tune this process for a run of many documents (idempotent)."""
    global _DONE
    if _DONE:
        return
    _DONE = True
    gc.freeze()
    _, g1, g2 = gc.get_threshold()
    gc.set_threshold(10_000, g1, g2)
