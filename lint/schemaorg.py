"""The schema.org vocabulary at run time: types, parents, properties and expected types.

Read from ``schemas/schemaorg-table.json`` (derived from a schema.org release by
``scripts/build_schemaorg_table.py``; CC BY-SA 3.0) once per process, on first use.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache

DATATYPES = {"Text", "URL", "Boolean", "Date", "DateTime", "Time", "Number", "Integer", "Float",
             "CssSelectorType", "XPathType", "PronounceableText", "DataType"}


@lru_cache(maxsize=1)
def table() -> dict:
    from .catalogue import data_dir  # beside the package in a checkout, inside it in a wheel

    return json.loads((data_dir("schemas") / "schemaorg-table.json").read_text(encoding="utf-8"))


def release() -> str:
    return table()["release"]


def short(name: str) -> str:
    """``https://schema.org/NewsArticle`` or ``schema:NewsArticle`` -> ``NewsArticle``."""
    name = name.strip()
    for sep in ("/", "#", ":"):
        if sep in name:
            name = name.rsplit(sep, 1)[-1]
    return name


def is_type(name: str) -> bool:
    return name in table()["types"]


def is_property(name: str) -> bool:
    return name in table()["properties"]


def is_member(name: str) -> bool:
    return name in table()["members"]


@lru_cache(maxsize=4096)
def ancestors(name: str) -> frozenset:
    """The type and every type above it (empty for unknown types)."""
    types = table()["types"]
    out, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t in out or t not in types:
            continue
        out.add(t)
        todo.extend(types[t]["parents"])
    return frozenset(out)


@lru_cache(maxsize=256)
def subtypes(name: str) -> frozenset:
    """The type and every type below it."""
    return frozenset(t for t in table()["types"] if name in ancestors(t))


def is_a(name: str, parent: str) -> bool:
    return parent in ancestors(name)


@lru_cache(maxsize=8192)
def property_domains(prop: str) -> frozenset:
    p = table()["properties"].get(prop)
    if p is None:
        return frozenset()
    doms = set(p["domains"])
    for parent in p.get("parents", ()):
        doms |= property_domains(parent)
    return frozenset(doms)


def property_ok(prop: str, types) -> bool:
    """Is ``prop`` defined for one of ``types`` (or one of their ancestors)?"""
    return _property_ok(prop, tuple(types))


@lru_cache(maxsize=16384)
def _property_ok(prop: str, types: tuple) -> bool:
    doms = property_domains(prop)
    if not doms:
        return False
    return any(doms & ancestors(t) for t in types)


def property_info(prop: str) -> dict | None:
    return table()["properties"].get(prop)


@lru_cache(maxsize=8192)
def ranges(prop: str) -> frozenset:
    p = table()["properties"].get(prop)
    return frozenset(p["ranges"]) if p else frozenset()


def accepts_type(prop: str, typ: str) -> bool:
    """Can a node of type ``typ`` be the value of ``prop``? (A subtype of an expected type can.)"""
    rs = ranges(prop)
    return not rs or bool(rs & ancestors(typ))


def suggest(name: str, candidates=None) -> str | None:
    """The closest known name (case-insensitive first), for a did-you-mean."""
    pool = list(candidates) if candidates is not None else list(table()["types"])
    low = {c.lower(): c for c in pool}
    if name.lower() in low and low[name.lower()] != name:
        return low[name.lower()]
    # Only names of a near length can reach the cutoff (difflib's real_quick_ratio, computed
    # here once per candidate instead of through a SequenceMatcher each).
    n = len(name)
    near = [c for c in pool if 2.0 * min(n, len(c)) / (n + len(c)) >= 0.8] if n else pool
    m = difflib.get_close_matches(name, near, n=1, cutoff=0.8)
    return m[0] if m else None


@lru_cache(maxsize=1024)
def suggest_type(name: str) -> str | None:
    return suggest(name, table()["types"])


def suggest_property(name: str, types=()) -> str | None:
    """Prefer properties defined for the node's types, then any property."""
    return _suggest_property(name, tuple(sorted(types)))


@lru_cache(maxsize=1024)
def _suggest_property(name: str, types: tuple) -> str | None:
    props = table()["properties"]
    mine = _properties_of(types) if types else []
    return (suggest(name, mine) if mine else None) or suggest(name, props)


@lru_cache(maxsize=256)
def _properties_of(types: tuple) -> list:
    """The properties :func:`property_ok` for ``types``, in the table's order: those with a domain
    among the types' ancestors (each property's domains are tested against the ancestors of all
    the types at once, without filling the per-property memo of property_ok)."""
    anc = frozenset().union(*(ancestors(t) for t in types))
    return [p for p in table()["properties"] if not property_domains(p).isdisjoint(anc)]
