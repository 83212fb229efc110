"""BY: authors and sources."""

from __future__ import annotations

from ..model import Problem
from ..registry import check


@check("BY001")
def no_author(article, options):
    """An article with no author and no source anywhere: text, markup or meta."""
    if article.byline.has_author:
        return
    yield Problem("no author or source found: not in a visible byline, a closing line, the markup "
                  "or <meta name=\"author\">", None, anchor="no-author")
