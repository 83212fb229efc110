"""Engine functions for declarative rules (no Python of their own).

- ``pattern``: regular expressions from the catalogue entry, searched in each text of the scope;
- ``phrases``: the ``phrases`` list of a language pack, matched against each block of the scope
  as a whole block or as the start of one (a widget line run onto the text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Loc, Problem
from .packs import load_pack


def _scope_texts(article, scope: str):
    """(text, loc factory) pairs for a scope."""
    if scope in ("body", None):
        for b in article.blocks:
            if not b.is_caption:
                yield b.text, b
    elif scope == "caption":
        for b in article.blocks:
            if b.is_caption:
                yield b.text, b
    elif scope == "headline":
        h = article.page.headline
        if h:
            yield h, None
    elif scope == "alt":
        for img in article.images:
            if img.alt:
                yield img.alt, img.element


def _loc(owner, start, end):
    if owner is None:
        return None
    if hasattr(owner, "locate"):
        return Loc(block=owner, start=start, end=end)
    return Loc(element=owner, attr="alt")


@lru_cache(maxsize=128)
def _compile(patterns: tuple) -> list:
    return [re.compile(p, re.IGNORECASE | re.UNICODE) for p in patterns]


def declarative_check(rule):
    chk = rule.check
    kind = chk.get("kind")
    message = chk.get("message") or rule.summary

    if kind == "pattern":
        pats = _compile(tuple(chk.get("patterns", ())))

        def run(article, options):
            for text, owner in _scope_texts(article, chk.get("scope")):
                for rx in pats:
                    for m in rx.finditer(text):
                        yield Problem(message.replace("{match}", m.group(0)), _loc(owner, m.start(), m.end()),
                                      anchor=m.group(0))

        return run

    if kind == "phrases":
        def run(article, options):
            extra = tuple(getattr(article.config, "packs", ()) or ())
            pack = load_pack(article.lang, chk["pack"], extra)
            pats = _compile(tuple(pack.get("phrases", ())))
            for text, owner in _scope_texts(article, chk.get("scope")):
                for rx in pats:
                    m = rx.match(text)
                    if m:
                        yield Problem(message.replace("{match}", m.group(0)), _loc(owner, m.start(), m.end()),
                                      anchor=m.group(0))
                        break

        return run

    raise ValueError(f"{rule.code}: unknown declarative kind {kind!r}")
