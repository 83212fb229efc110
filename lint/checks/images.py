"""IM: images and their text alternatives."""

from __future__ import annotations

from ..model import Loc, Problem
from ..registry import check


@check("IM001")
def alt_missing(article, options):
    """A content image with no ``alt`` attribute at all."""
    for img in article.images:
        if img.content and img.alt is None:
            name = (img.src or "").rsplit("/", 1)[-1][:60] or "(no src)"
            yield Problem(f"content image {name!r} has no alt attribute; describe what it shows "
                          "(or alt=\"\" if it is decoration)",
                          Loc(element=img.element), anchor=img.src or "")
