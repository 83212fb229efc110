"""The engine: select rules, run them on an article, turn problems into located violations,
and filter them through inline suppressions and per-file ignores.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache

from . import catalogue as cat
from .article import Article
from .config import ConfigError, default_settings, matches
from .document import Document, InputError
from .model import SEVERITY_RANK, DocumentResult, Problem, Violation, fingerprint
from .registry import function_for

# A violation's fingerprint, remembered: two in five of those outside the text rules repeat across
# pages (an absence's fixed anchor, a template's setting), and each costs a normalisation and a hash.
_fingerprint = lru_cache(maxsize=2048)(fingerprint)


@dataclass(slots=True)
class ActiveRule:
    rule: cat.Rule
    severity: str
    options: dict
    fn: object = None


def _severity_for(rule: cat.Rule, overrides: dict) -> str:
    # Most specific wins: code, then slug, then family.
    for key in (rule.code, rule.slug, rule.family):
        if key in overrides:
            return overrides[key]
    return rule.severity


class Linter:
    """Lints documents with one configuration. Build once per process; ``lint`` is reentrant."""

    def __init__(self, config=None, rules: dict | None = None):
        # A lint.configmodel.Config or the lint.config.Settings read from a config file or the cache.
        self.config = config if config is not None else default_settings()
        self.catalogue = rules if rules is not None else cat.load()
        cfg = self.config
        try:
            if cfg.select is None:
                base = {c for c, r in self.catalogue.items() if r.default and r.status in ("stable", "preview")}
            else:
                base = cat.resolve_selectors(cfg.select, self.catalogue)
            base |= cat.resolve_selectors(cfg.extend_select, self.catalogue)
            base -= cat.resolve_selectors(cfg.ignore, self.catalogue)
            self.per_file = [(pat, cat.resolve_selectors(codes, self.catalogue))
                             for pat, codes in cfg.per_file_ignores.items()]
            overrides = {}
            for key, sev in cfg.severity.items():
                for code in cat.resolve_selectors([key], self.catalogue):
                    r = self.catalogue[code]
                    overrides.setdefault(key if key in (r.code, r.slug, r.family) else code, sev)
        except cat.UnknownSelector as exc:
            where = f"{cfg.path}: " if cfg.path else ""
            raise ConfigError(where + str(exc)) from None
        self.active: list[ActiveRule] = []
        for code in sorted(base):
            rule = self.catalogue[code]
            opts = rule.option_defaults()
            given = cfg.rules.get(code) or cfg.rules.get(rule.slug) or {}
            for k, v in given.items():
                if k not in rule.options:
                    hint = cat.suggest(k, rule.options)
                    raise ConfigError(f"{cfg.path or 'config'}: [tool.newslint.rules.{code}] unknown option {k!r}"
                                      + (f" (did you mean {hint!r}?)" if hint else ""))
                opts[k] = v
            self.active.append(ActiveRule(rule, _severity_for(rule, overrides), opts))
        self.engine_codes = {a.rule.code for a in self.active if a.rule.check.get("kind") == "engine"}

    # ------------------------------------------------------------------
    def lint(self, doc: Document, extra: dict | None = None) -> DocumentResult:
        res = DocumentResult(source=doc.source, kind=doc.kind, url=doc.url)
        article = Article(doc, self.config, extra)
        try:
            res.is_article = article.is_article
        except InputError as exc:
            res.error = str(exc)
            return res
        except RecursionError:
            res.error = "over the depth budget: the document is nested too deeply to check"
            return res
        except Exception as exc:  # a bug in article detection: rules that do not need it still run
            article_error = f"internal error deciding whether this is an article ({type(exc).__name__}: {exc})"
        else:
            article_error = None
        skip = set()
        for pat, codes in self.per_file:
            if matches(doc.source, pat):
                skip |= codes
        from .suppress import parse as parse_suppressions

        sup = parse_suppressions(doc.text)
        out: list[Violation] = []
        errors: list[str] = []
        for ar in self.active:
            rule = ar.rule
            if rule.code in skip or rule.code in self.engine_codes or doc.kind not in rule.kinds:
                continue
            try:
                if rule.article_only and (article_error or not article.is_article):
                    continue
                if not rule.applies_to_language(article.lang):
                    continue
                if ar.fn is None:
                    ar.fn = function_for(rule)
                for prob in ar.fn(article, ar.options) or ():
                    v = self._violation(article, ar, prob)
                    if not sup.covers(rule.code, rule.family, rule.slug, v.offset):
                        out.append(v)
            except InputError as exc:
                res.error = str(exc)
                return res
            except RecursionError:
                errors.append(f"{rule.code}: over the depth budget (document nested too deeply)")
            except Exception as exc:  # a bug in one rule must not lose the others' results
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                errors.append(f"internal error in {rule.code} ({type(exc).__name__}: {exc} at "
                              f"{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno})")
        if "NL100" in self.engine_codes and "NL100" not in skip:
            nl = next(a for a in self.active if a.rule.code == "NL100")
            for d in sup.directives:
                if d.verb != "enable" and not d.used:
                    what = ",".join(d.codes) if d.codes else "all rules"
                    p = Problem(f"unused suppression: nothing here is reported by {what}",
                                loc=_offset_loc(d.start, d.end), anchor=doc.text[d.start:d.end])
                    out.append(self._violation(article, nl, p))
        out.sort(key=Violation.sort_key)
        res.violations = out
        if article_error:
            errors.insert(0, article_error)
        if errors:
            res.error = "; ".join(errors)
        try:
            res.meta = _doc_meta(article)
        except Exception:
            res.meta = {}
        return res

    def _violation(self, article: Article, ar: ActiveRule, prob: Problem) -> Violation:
        doc = article.doc
        start, end = article.locate(prob.loc)
        line, col, eline, ecol, context = _place(doc, start, end)
        anchor = prob.anchor if prob.anchor is not None else (doc.text[max(0, start - 12):end + 12] or prob.message)
        fix = prob.fix
        if fix is not None and fix.start < 0:
            fix.start, fix.end = start, end
        return Violation(ar.rule.code, ar.rule.slug, ar.severity, prob.message, line, col, eline, ecol,
                         context, _fingerprint(ar.rule.code, anchor), fix, prob.data, start)


def _offset_loc(a: int, b: int):
    from .model import Loc

    return Loc(offset=a, end_offset=b)


def _place(doc: Document, start: int, end: int, width: int = 100) -> tuple[int, int, int, int, str]:
    """(line, column, end line, end column, context) of the span ``[start, end)``: what
    ``doc.position`` of each end gives, and the context shown with the violation, from one
    look-up of the start's line. The end is on that line when no newline lies between the two;
    the context reads only as much of a long line as it shows."""
    text = doc.text
    n = len(text)
    s = start if 0 <= start <= n else max(0, min(start, n))
    e = end if 0 <= end <= n else max(0, min(end, n))
    line = doc.line_of(s)
    ls = doc.start_of_line_at(s)
    col = s - ls + 1
    if e >= s and text.find("\n", s, e) < 0:
        eline, ecol = line, e - ls + 1
    else:
        eline, ecol = doc.position(e)
    # The context: the line, stripped, when it is at most ``width`` long; else ``width`` characters
    # from a third of that before the column (further when the span runs on), with an ellipsis at
    # a cut end. At most ``lim`` characters of the line are read: a longer line is cut there.
    a = max(0, col - 1 - width // 3)
    b = max(a + width, (ecol if eline == line else col) - 1)
    lim = ls + b + 1
    nl = text.find("\n", ls, lim)
    if nl >= 0 or lim >= n:
        length = (nl if nl >= 0 else n) - ls
        if length <= width:
            return line, col, eline, ecol, text[ls:ls + length].strip()
    else:
        length = b + 1  # longer than ``b``: the snippet ends at ``b`` with an ellipsis
    b = min(length, b)
    snippet = text[ls + a:ls + b]
    context = ("…" if a > 0 else "") + snippet.strip() + ("…" if b < length else "")
    return line, col, eline, ecol, context


def _doc_meta(article: Article) -> dict:
    """Facts reports group by: the published date (YYYY-MM) and the headline; and what audits
    compare across pages: authors (name and URL), dateModified, whether article markup exists."""
    meta = {"lang": article.lang}
    try:
        for md in article.dates.machine:
            if md.role == "published" and len(md.raw) >= 7 and md.raw[:4].isdigit():
                meta["published"] = md.raw[:10]
                break
        meta["headline"] = article.page.headline
    except Exception:
        pass
    try:
        for md in article.dates.machine:
            if md.role == "modified" and isinstance(md.raw, str) and md.raw.strip():
                meta["modified"] = md.raw.strip()[:64]
                break
    except Exception:
        pass
    # Only views the selected rules already built: the meta must not make a check slower.
    markup = article.__dict__.get("markup")
    if markup is not None:
        meta["article_markup"] = markup.article is not None
    try:
        by = article.__dict__.get("byline")
        if by is not None:
            found = [(a.name, a.url) for a in by.authors]
        else:
            art = markup.article if markup is not None else None
            val = art.get("author") if isinstance(art, dict) else None
            found = [(a.get("name"), a.get("url")) if isinstance(a, dict) else (a, None)
                     for a in (val if isinstance(val, list) else [val])]
        seen, authors = set(), []
        for name, url in found[:50]:
            if isinstance(name, list) and name:
                name = name[0]
            if isinstance(url, list) and url:
                url = url[0]
            if not isinstance(name, str) or not name.strip():
                continue
            url = url.strip()[:500] if isinstance(url, str) and url.strip() else None
            key = (name.strip(), url)
            if key not in seen and len(authors) < 20:
                seen.add(key)
                authors.append({"name": name.strip()[:200], "url": url})
        meta["authors"] = authors
    except Exception:
        pass
    return meta


def fails(results, fail_on: str) -> bool:
    limit = SEVERITY_RANK.get(fail_on, 2)
    return any(SEVERITY_RANK[v.severity] >= limit for r in results for v in r.violations)
