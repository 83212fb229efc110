"""Document language: config, then ``<html lang>`` / front matter, then a light detector."""

from __future__ import annotations

import re

# Letters only Vietnamese uses among Latin-script languages (with their tone marks).
_VI = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ]")
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|that|for|with|was|on|said)\b", re.IGNORECASE)


def _norm(code: str | None) -> str | None:
    if not code:
        return None
    code = str(code).strip().lower().replace("_", "-")
    return code.split("-")[0] or None


def guess(text: str) -> str | None:
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 40:
        return None
    if len(_VI.findall(sample)) / letters > 0.03:
        return "vi"
    if sum(1 for c in sample if c.isascii() and c.isalpha()) / letters > 0.95 and \
            len(_EN_WORDS.findall(sample)) * 25 > len(sample.split()):
        return "en"
    return "other"


def detect_language(article) -> str:
    cfg = getattr(article, "config", None)
    configured = _norm(getattr(cfg, "language", None))
    if configured and configured != "auto":
        return configured
    declared = None
    if article.kind == "markdown":
        fm = article.markdown.front_matter
        declared = _norm(fm.get("lang") or fm.get("language") or fm.get("languagecode"))
    elif article.kind == "html":
        declared = _norm(article.page.html_lang)
    sample = " ".join(b.text for b in article.blocks[:60])
    guessed = guess(sample)
    if declared:
        # A template's lang="en" on a Vietnamese page is common: the text wins when it is clear.
        if guessed in ("vi", "en") and guessed != declared:
            return guessed
        return declared
    return guessed or "other"
