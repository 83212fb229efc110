"""BY: authors and sources: present, plausible names, the same in the page and the markup."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..extract.byline import clean_name, split_names
from ..model import Problem
from ..registry import check

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"(?:https?://|www\.)\S+|^\S+\.(?:com|net|org|vn|de|uk|info)(?:/\S*)?$", re.IGNORECASE)
_PACK_CACHE: dict = {}
_ORG_TAIL = {"news", "media", "magazine", "agency", "newsroom", "desk", "team", "redaktion", "staff"}


def _pack(article) -> dict:
    return _PACK_CACHE[_pack_key(article)]


def _pack_key(article) -> tuple:
    """The article's bylines pack as a key of ``_PACK_CACHE`` (loaded on first use)."""
    lang = article.lang if article.lang in ("vi", "en") else "en"
    cfg = getattr(article, "config", None)
    extra = tuple(getattr(cfg, "packs", None) or ())
    key = (lang, extra)
    if key not in _PACK_CACHE:
        from ..packs import load_pack

        p = load_pack(lang, "bylines", extra)
        if lang != "en":  # English labels appear on every site
            en = load_pack("en", "bylines", extra)
            p = {k: list(p.get(k, [])) + [x for x in en.get(k, []) if x not in p.get(k, [])] for k in set(p) | set(en)}
        _PACK_CACHE[key] = {k: [str(x).lower() for x in v] for k, v in p.items() if isinstance(v, list)}
    return key


@lru_cache(maxsize=4096)
def _why_not_a_name(name: str, key: tuple) -> str | None:
    """:func:`not_a_name` with the pack of ``key``, remembered: a site's authors recur on its pages."""
    return not_a_name(name, _PACK_CACHE[key])


def norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split()).strip(" .,")


def _several(name: str) -> bool:
    parts = split_names(name)
    if len(parts) < 2:
        return False
    # Two or more name-like parts (each one to five words, starting with a capital).
    return all(1 <= len(p.split()) <= 5 and p[:1].isupper() for p in parts)


def not_a_name(name: str, pack: dict) -> str | None:
    """Why ``name`` is not a person's or organisation's name, or None."""
    n = norm(name)
    if not n:
        return None
    if _EMAIL.search(name):
        return "an e-mail address"
    if _URL.search(name.strip()):
        return "a URL"
    if n in pack.get("generic_accounts", []):
        return "a generic account name"
    for p in pack.get("prefixes", []):
        if n.startswith(p + " ") or n.startswith(p + ":"):
            return f"it starts with {name.split()[0]!r}: the name alone goes in the author field"
    if n in pack.get("job_titles", []):
        return "a job title, not a name"
    if _several(name):
        return "several people in one name: give one author per person"
    return None


@check("BY001")
def no_author(article, options):
    """An article with no author and no source anywhere: text, markup or meta."""
    if article.byline.has_author:
        return
    yield Problem("no author or source found: not in a visible byline, a closing line, the markup "
                  "or <meta name=\"author\">", None, anchor="no-author")


@check("BY002")
def author_not_a_name(article, options):
    """An author that is not a name: admin, an e-mail, a URL, "By …", a job title, several people."""
    key = _pack_key(article)
    seen = set()
    for a in article.byline.authors:
        if a.source not in ("json-ld", "microdata", "meta", "front-matter"):
            continue  # page text around a byline is not a name field
        why = _why_not_a_name(a.name, key)
        if why is None or (a.source, norm(a.name)) in seen:
            continue
        seen.add((a.source, norm(a.name)))
        yield Problem(f"author {a.name[:80]!r} ({a.source}) is not a plausible name: {why}", a.loc,
                      anchor=f"{a.source}:{a.name[:80]}")


@check("BY003")
def byline_markup_mismatch(article, options):
    """The visible byline and the markup's authors name different people."""
    by = article.byline
    markup = by.markup_authors()
    if not markup or not by.visible_names or by.visible is None or by.visible.source not in ("byline", "closing-line"):
        return
    if all((a.kind or "") == "Organization" for a in markup):
        return  # credited to an organisation: another matter (BY005 checks the reverse)
    pack = _pack(article)
    # Only names of two words or more: a lone word in a byline block ("Name", "Autor") is a form
    # label or a first name, and a one-word markup author is a brand or an account.
    shown = {norm(n) for n in by.visible_names if not not_a_name(n, pack) and len(n.split()) >= 2}
    marked = {norm(clean_name(n)) for a in markup for n in split_names(a.name)}
    marked = {m for m in marked if len(m.split()) >= 2 and "." not in m}
    if not shown or not marked or shown == marked:
        return
    # Every markup author named in the byline's own text: the byline holds more than its name.
    raw = norm(by.visible.text or by.visible.name)
    if all(m in raw for m in marked) and (by.visible.source != "closing-line"):
        return
    # A name written in capitals or with a middle name left out is the same person.
    if all(any(s in m or m in s for m in marked) for s in shown) and \
            all(any(s in m or m in s for s in shown) for m in marked):
        return
    names = ", ".join(a.name for a in markup)
    yield Problem(f"the byline shows {', '.join(by.visible_names)!r} but the markup's author is {names!r}",
                  by.visible.loc, anchor=f"byline:{sorted(shown)}|{sorted(marked)}")


def _host(s: str) -> str:
    s = s.strip().lower()
    s = re.sub(r"^https?://", "", s).split("/")[0]
    return s[4:] if s.startswith("www.") else s


@check("BY004")
def unknown_source(article, options):
    """The source in a byline's parentheses is neither the site nor a configured source."""
    hs = getattr(getattr(article, "config", None), "house_style", None)
    site = getattr(hs, "site_domain", None) if hs is not None else None
    known = list(getattr(hs, "known_sources", None) or []) if hs is not None else []
    if not site and not known:
        return  # nothing configured: the source is only recorded
    accepted = {norm(k) for k in known} | {_host(k) for k in known}
    if site:
        accepted.add(_host(site))
    for text, loc in article.byline.sources:
        if norm(text) in accepted or _host(text) in accepted:
            continue
        yield Problem(f"source {text!r} is not the site ({site or 'not set'}) nor one of the known sources",
                      loc, anchor=f"source:{text}")


@check("BY005")
def organisation_as_person(article, options):
    """A markup author typed Person whose name is an organisation's (the publisher, a newsroom)."""
    by = article.byline
    pack = _pack(article)
    orgs = pack.get("organisation_words", [])
    pub = norm(by.publisher) if by.publisher else None
    hs = getattr(getattr(article, "config", None), "house_style", None)
    site = _host(getattr(hs, "site_domain", None) or "") if hs is not None else ""
    for a in by.markup_authors():
        if (a.kind or "") != "Person":
            continue
        n = norm(a.name)
        why = None
        if pub and n == pub:
            why = "it is the publisher's name"
        elif site and (n == site or _host(n) == site):
            why = "it is the site's domain"
        elif re.search(r"\.[a-z]{2,}$", n) and " " not in n:
            why = "it is a domain name"
        else:
            words = n.split()
            for w in orgs:
                if (" " in w and w in n) or (words and (words[0] == w or (words[-1] == w and w in _ORG_TAIL))):
                    why = f"{w!r} names an organisation"
                    break
        if why:
            yield Problem(f"author {a.name!r} is marked up as a Person but {why}: use \"@type\": \"Organization\"",
                          a.loc, anchor=f"org-person:{a.name}")
