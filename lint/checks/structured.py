"""SD: schema.org NewsArticle markup (JSON-LD, microdata, RDFa)."""

from __future__ import annotations

from ..model import Loc, Problem
from ..registry import check


@check("SD001")
def no_article_markup(article, options):
    """An article page without Article-family markup in any syntax."""
    mk = article.markup
    if mk.article is not None:
        return
    if any(b.error for b in mk.jsonld):
        hint = " (a JSON-LD block on the page does not parse; fix it first)"
    else:
        hint = ""
    yield Problem("no schema.org Article or NewsArticle markup on this article page" + hint, None,
                  anchor="no-article-markup")


@check("SD002")
def jsonld_syntax(article, options):
    """A JSON-LD block that does not parse as JSON."""
    for blk in article.markup.jsonld:
        if blk.error is None or blk.error == "empty block" and False:
            continue
        if blk.error_pos is not None and blk.offset >= 0:
            off = blk.offset + blk.error_pos
            loc = Loc(offset=off, end_offset=off + 1)
        else:
            loc = Loc(element=blk.element)
        yield Problem(f"JSON-LD block does not parse: {blk.error}", loc, anchor=f"{blk.error}|{blk.raw[:60]}")
