"""Binding of Python checks to catalogue entries.

A check is a pure function ``(article, options) -> Iterable[Problem]`` registered with
``@check("TX001")`` in a module under ``lint/checks/``. The catalogue entry names the module;
the module is imported only when one of its rules is selected.
"""

from __future__ import annotations

import importlib
from typing import Callable

CHECKS: dict[str, Callable] = {}


def check(code: str):
    def deco(fn):
        if code in CHECKS and CHECKS[code] is not fn:
            raise RuntimeError(f"{code} is registered twice ({CHECKS[code].__qualname__}, {fn.__qualname__})")
        CHECKS[code] = fn
        fn.code = code
        return fn

    return deco


def function_for(rule) -> Callable:
    if "python" in rule.check:
        if rule.code not in CHECKS:
            importlib.import_module(rule.check["python"])
        try:
            return CHECKS[rule.code]
        except KeyError:
            raise LookupError(f"{rule.code}: module {rule.check['python']} registers no check for it") from None
    from .declarative import declarative_check

    return declarative_check(rule)
