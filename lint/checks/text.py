"""TX: defects in the article's text."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Loc, Problem
from ..packs import load_pack
from ..registry import check

_VI_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SKIP_TOKEN = re.compile(r"[/@#_=\d]|www|\.com", re.IGNORECASE)
_BOUNDARY = re.compile(r"([^\W\d_])(?=[^\W\d_])")


def _glue_point(tok: str) -> int | None:
    """Index in ``tok`` of the first lowercase->uppercase boundary, or None."""
    for i in range(1, len(tok)):
        if tok[i].isupper() and tok[i - 1].islower():
            return i
    return None


@check("TX001")
def glued_no_space(article, options):
    """Two fragments run together with no space: ``hội nghịVới``."""
    lang = article.lang
    pack = load_pack(lang, "glue", tuple(getattr(article.config, "packs", ()) or ()))
    brands = {b.lower() for b in pack.get("brands", [])}
    units = {u for u in pack.get("units", [])}
    prefixes = set(pack.get("prefixes", []))
    starters = set(pack.get("starters", []))
    min_left = int(options.get("min-left", 2))
    blocks = article.blocks
    counts = Counter(t for b in blocks for t in _TOKEN.findall(b.text))
    for blk in blocks:
        for m in _TOKEN.finditer(blk.text):
            raw = m.group(0)
            tok = _EDGE.sub("", raw)
            if len(tok) < 4 or _SKIP_TOKEN.search(tok) or tok.lower() in brands or tok in units:
                continue
            i = _glue_point(tok)
            if i is None:
                continue
            left, right = tok[:i], tok[i:]
            # The left fragment: its last word-run of letters.
            lword = re.split(r"[^\w]", left)[-1]
            if len(lword) < min_left or lword in prefixes or not lword[1:].islower():
                continue
            if len(right) < 2 or not right[1].islower():
                continue
            rword = re.split(r"[^\w]", right)[0]
            if lang == "vi":
                if not (_VI_LETTER.search(lword) or _VI_LETTER.search(rword)):
                    continue
            else:
                if rword not in starters or len(lword) < 3:
                    continue
            if counts[raw] >= 2:
                continue  # a recurring token is a name or brand
            start = m.start() + raw.find(tok) + i
            yield Problem(
                f"text run together with no space: {left[-20:]!r} + {right[:20]!r} (a caption, heading or "
                "byline glued to the next sentence?)",
                Loc(block=blk, start=start, end=start + 1),
                anchor=f"{left[-12:]}|{right[:12]}",
            )
