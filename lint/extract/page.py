"""Page-level facts: meta tags, title, headline, canonical URL, and whether the page is an article."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from ..document import HTML, MARKDOWN, TEXT

# og:type values and schema.org types that mark a page as something other than one article.
_NON_ARTICLE_OG = {"website", "profile", "video.other", "music.song", "product", "book"}
_NON_ARTICLE_URL = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|chu-de|author|authors|tac-gia|search|tim-kiem|page/\d+)(?:/|$)"
    r"|[?&](?:page|p)=\d+",
    re.IGNORECASE,
)


@dataclass(slots=True)
class PageFacts:
    title: str | None = None
    title_el: object = None
    headline: str | None = None  # the first <h1> (or front matter title)
    headline_el: object = None
    canonical: str | None = None
    canonical_el: object = None
    og_type: str | None = None
    html_lang: str | None = None
    h1_count: int = 0
    extra: dict = field(default_factory=dict)


def _text(el) -> str:
    return " ".join(el.text_content().split()) if el is not None else ""


def page_meta(article) -> dict:
    """First value of each <meta name|property|itemprop> (keys lower-cased), with its element."""
    if article.kind == MARKDOWN:
        return {k: (v, None) for k, v in article.markdown.front_matter.items() if isinstance(k, str)}
    root = article.tree
    out: dict = {}
    if root is None:
        return out
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        if not key:
            continue
        key = key.strip().lower()
        if key not in out:
            out[key] = (el.get("content") or "", el)
    return out


def page_facts(article) -> PageFacts:
    facts = PageFacts()
    if article.kind == TEXT:
        first = next((b for b in article.blocks if b.text.strip()), None)
        if first is not None:
            facts.headline = facts.title = first.text.strip()
        return facts
    if article.kind == MARKDOWN:
        fm = article.markdown.front_matter
        title = fm.get("title")
        facts.title = facts.headline = str(title) if title else None
        facts.canonical = fm.get("canonical") or fm.get("canonicalurl") or fm.get("url")
        facts.extra["front_matter"] = True
    root = article.tree
    if root is None:
        return facts
    if article.kind == HTML:
        facts.html_lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
        # One walk for the first <title>, the first canonical <link> and every <h1>.
        h1s, title = [], None
        for el in root.iter("title", "link", "h1"):
            tag = el.tag
            if tag == "h1":
                h1s.append(el)
            elif tag == "title":
                if title is None:
                    title = el
            elif facts.canonical_el is None and el.get("href") and "canonical" in (el.get("rel") or "").lower().split():
                facts.canonical, facts.canonical_el = el.get("href").strip(), el
        if title is not None:
            facts.title, facts.title_el = _text(title), title
        og = article.meta.get("og:type")
        facts.og_type = og[0].strip().lower() if og else None
    else:
        h1s = list(root.iter("h1"))
    facts.h1_count = len(h1s)
    if h1s and not facts.headline:
        pick = h1s[0]
        # The body is needed only to choose among several <h1>.
        body = article.body.element if article.kind == HTML and len(h1s) > 1 else None
        if body is not None:
            # Prefer the h1 nearest the body: the one inside it, else the last before it.
            # (h inside body: body is one of h's ancestors. The test also walked every element of
            # the body for each h1 not inside it, which is the same question asked the long way.)
            for h in h1s:
                if body in h.iterancestors():
                    pick = h
                    break
        facts.headline, facts.headline_el = _text(pick), pick
    return facts


def decide_article(article) -> tuple[bool, str]:
    """Is this page one article? Markup type, og:type, URL patterns, then the body itself."""
    cfg = getattr(article, "config", None)
    url = article.doc.url or article.doc.source
    if cfg is not None:
        for pat in getattr(cfg, "article_urls", []) or []:
            if fnmatch.fnmatch(url, pat):
                return True, f"URL matches the configured article pattern {pat!r}"
        for pat in getattr(cfg, "non_article_urls", []) or []:
            if fnmatch.fnmatch(url, pat):
                return False, f"URL matches the configured non-article pattern {pat!r}"
    if article.kind in (TEXT, MARKDOWN):
        return True, f"{article.kind} sources count as articles"
    try:
        types = article.markup.page_types
    except Exception:  # markup trouble is reported by SD rules; decide on the rest
        types = set()
    if types & ARTICLE_TYPES:
        return True, "the markup declares " + ", ".join(sorted(types & ARTICLE_TYPES))
    if types & NON_ARTICLE_TYPES and not types & ARTICLE_TYPES:
        return False, "the markup declares " + ", ".join(sorted(types & NON_ARTICLE_TYPES))
    og = article.page.og_type
    if og == "article":
        return True, "og:type is article"
    if og in _NON_ARTICLE_OG:
        return False, f"og:type is {og}"
    if article.meta.get("article:published_time"):
        return True, "the page has article:published_time"
    if url and _NON_ARTICLE_URL.search(url):
        return False, "the URL looks like a tag, category, author, search or paging URL"
    body = article.body
    if body.paragraph_chars >= 600 and body.paragraphs >= 3 and body.link_density < 0.5:
        return True, f"the body has {body.paragraphs} paragraphs of prose ({body.paragraph_chars} characters)"
    return False, "no article markup, no og:type article, and too little prose for an article"


# Article and every subtype of it in schema.org 30.0 (tests/test_sd_vocabulary.py checks this
# against schemas/schemaorg-table.json, so the set need not be loaded at run time).
ARTICLE_TYPES = {
    "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "Report", "ScholarlyArticle", "MedicalScholarlyArticle",
    "SatiricalArticle", "TechArticle", "APIReference", "AdvertiserContentArticle",
}
NON_ARTICLE_TYPES = {"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "ImageGallery",
                     "VideoGallery", "MediaGallery"}
