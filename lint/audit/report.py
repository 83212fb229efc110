"""The audit's outputs, built by streaming ``pages.jsonl``: ``summary.json``, ``pages.csv``,
``violations.jsonl`` and a self-contained ``report.html``.

The HTML report needs no network: inline SVG charts, a small inline script for sorting and
filtering, and a Content-Security-Policy that allows only that script and style (by hash).
Every string a page supplied (URL, headline, message, context, author) is HTML-escaped; links
are made only for http(s) URLs.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import heapq
import json
import re
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import __version__
from .store import iter_records

_WEIGHT = {"error": 3, "warning": 2, "info": 1}
_WS = re.compile(r"\s+")
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(s) -> str:
    return escape(_CTRL.sub("\ufffd", str(s if s is not None else "")), quote=True)


def _http(url) -> bool:
    return isinstance(url, str) and re.match(r"^https?://", url, re.IGNORECASE) is not None


def section_of(rec: dict) -> str:
    """The site section: the first segment of the URL path (``/news/``), or ``/``."""
    u = rec.get("url") or rec.get("source") or ""
    if not _http(u):  # a local file: its folder
        segs = [s for s in u.replace("\\", "/").split("/") if s]
        return "/" + segs[-2][:60] + "/" if len(segs) >= 2 else "/"
    segs = [s for s in urlsplit(u).path.split("/") if s]
    if len(segs) <= 1:
        return "/"
    return "/" + segs[0][:60] + "/"


def _month(rec: dict) -> str | None:
    p = (rec.get("meta") or {}).get("published")
    if isinstance(p, str) and re.match(r"^\d{4}-(0[1-9]|1[0-2])", p) and 1990 <= int(p[:4]) <= 2100:
        return p[:7]
    return None


def month_axis(by_month: dict, limit: int = 600) -> list[str]:
    """Every month from the first to the last with pages (gaps included, so a chart shows time)."""
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while len(out) < limit:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key >= last:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _score(rec: dict) -> int:
    return (10 if rec.get("error") else 0) + sum(_WEIGHT.get(v.get("severity"), 1) for v in rec.get("violations", ()))


class Aggregate:
    """Counts built in one streaming pass; memory grows with rules, sections, months, authors and
    headlines, not with violations."""

    def __init__(self, catalogue: dict):
        self.cat = catalogue
        self.pages = self.errors = self.with_violations = self.violations = self.articles = 0
        self.severity = Counter()
        self.rule = Counter()
        self.rule_pages = Counter()
        self.family = Counter()
        self.section = defaultdict(lambda: Counter())
        self.month = defaultdict(lambda: Counter())
        self.month_rule = defaultdict(lambda: Counter())
        self.worst: list = []
        self.authors: dict[str, dict] = {}
        self.headlines: dict[str, dict] = {}
        self.modified = Counter()
        self.with_modified = 0
        self.error_kinds = Counter()

    def add(self, rec: dict):
        self.pages += 1
        vs = rec.get("violations") or []
        meta = rec.get("meta") or {}
        sec = self.section[section_of(rec)]
        sec["pages"] += 1
        if rec.get("error"):
            self.errors += 1
            sec["errors"] += 1
            self.error_kinds[re.sub(r"\d+(\.\d+)?", "N", str(rec["error"]))[:60]] += 1
        if vs:
            self.with_violations += 1
            sec["with_violations"] += 1
        self.violations += len(vs)
        sec["violations"] += len(vs)
        if rec.get("is_article"):
            self.articles += 1
            sec["articles"] += 1
            if meta.get("article_markup") is False:
                sec["articles_without_markup"] += 1
        codes = set()
        for v in vs:
            code = v.get("code", "?")
            self.severity[v.get("severity", "info")] += 1
            self.rule[code] += 1
            rule = self.cat.get(code)
            self.family[rule.family if rule else code[:2]] += 1
            codes.add(code)
        for c in codes:
            self.rule_pages[c] += 1
        m = _month(rec)
        if m:
            self.month[m]["pages"] += 1
            self.month[m]["violations"] += len(vs)
            for c in codes:
                self.month_rule[m][c] += 1
        sc = _score(rec)
        if sc:
            item = (sc, rec.get("source", ""), len(vs), bool(rec.get("error")))
            if len(self.worst) < 50:
                heapq.heappush(self.worst, item)
            elif item > self.worst[0]:
                heapq.heapreplace(self.worst, item)
        src = rec.get("source", "")
        for a in meta.get("authors") or []:
            if not isinstance(a, dict) or not isinstance(a.get("name"), str):
                continue
            name = _WS.sub(" ", a["name"]).strip()
            url = a.get("url")
            if not name or not isinstance(url, str) or not url.strip():
                continue
            url = url.strip()
            if _http(rec.get("url")):
                try:
                    url = urljoin(rec["url"], url)  # a relative profile link is the same as its absolute form
                except ValueError:
                    pass
            d = self.authors.setdefault(name.casefold(), {"name": name, "urls": {}})
            if len(d["urls"]) < 20:
                d["urls"].setdefault(url, src)
        h = meta.get("headline")
        if isinstance(h, str):
            key = _WS.sub(" ", h).strip().casefold()
            if len(key) >= 15:
                d = self.headlines.setdefault(key, {"headline": h.strip()[:300], "count": 0, "sources": []})
                d["count"] += 1
                if len(d["sources"]) < 10:
                    d["sources"].append(src)
        mod = meta.get("modified")
        if isinstance(mod, str) and mod:
            self.with_modified += 1
            self.modified[mod] += 1

    # ------------------------------------------------------------------ cross-page checks
    def cross_page(self) -> dict:
        authors = [{"name": d["name"], "urls": sorted(d["urls"]), "pages": [d["urls"][u] for u in sorted(d["urls"])]}
                   for d in self.authors.values() if len(d["urls"]) > 1]
        authors.sort(key=lambda a: (-len(a["urls"]), a["name"]))
        heads = [{"headline": d["headline"], "count": d["count"], "sources": sorted(set(d["sources"]))}
                 for d in self.headlines.values() if len(set(d["sources"])) > 1]
        heads.sort(key=lambda h: (-h["count"], h["headline"]))
        fresh = None
        if self.modified:
            value, n = self.modified.most_common(1)[0]
            share = n / self.with_modified
            fresh = {"value": value, "pages": n, "pages_with_date_modified": self.with_modified,
                     "share": round(share, 4), "suspicious": n >= 5 and share >= 0.5}
        sections = []
        for name, c in sorted(self.section.items()):
            if c["articles"]:
                sections.append({"section": name, "articles": c["articles"],
                                 "without_article_markup": c["articles_without_markup"],
                                 "share": round(c["articles_without_markup"] / c["articles"], 4)})
        return {"same_author_different_urls": authors[:500], "same_headline_different_urls": heads[:500],
                "shared_date_modified": fresh, "article_markup_missing_by_section": sections}

    def summary(self, extra: dict | None = None) -> dict:
        return {
            "tool": "newslint", "version": __version__,
            "pages": self.pages, "errors": self.errors, "pages_with_violations": self.with_violations,
            "articles": self.articles, "violations": self.violations,
            "by_severity": {k: self.severity.get(k, 0) for k in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.rule.items())),
            "pages_by_rule": dict(sorted(self.rule_pages.items())),
            "by_family": dict(sorted(self.family.items())),
            "by_section": {k: dict(v) for k, v in sorted(self.section.items())},
            "by_month": {k: {**dict(v), "by_rule": dict(sorted(self.month_rule[k].items()))}
                         for k, v in sorted(self.month.items())},
            "worst_pages": [{"source": s, "score": sc, "violations": n, "error": e}
                            for sc, s, n, e in sorted(self.worst, reverse=True)],
            "cross_page": self.cross_page(),
            **(extra or {}),
        }


_CSV_FIELDS = ("source", "url", "status", "section", "published", "is_article", "article_markup", "headline",
               "violations", "errors", "warnings", "infos", "rules", "error")


REPORT_PAGES = 10_000  # rows in the HTML page table; every page is in pages.csv and violations.jsonl


def build(out_dir: Path, catalogue: dict, extra: dict | None = None, report_pages: int = REPORT_PAGES) -> dict:
    """Write summary.json, pages.csv, violations.jsonl and report.html from pages.jsonl."""
    out_dir = Path(out_dir)
    pages = out_dir / "pages.jsonl"
    agg = Aggregate(catalogue)
    with open(out_dir / "pages.csv", "w", encoding="utf-8", errors="replace", newline="") as cf, \
            open(out_dir / "violations.jsonl", "w", encoding="utf-8", errors="replace") as vf:
        cw = csv.writer(cf)
        cw.writerow(_CSV_FIELDS)
        for rec in iter_records(pages):
            agg.add(rec)
            vs = rec.get("violations") or []
            sev = Counter(v.get("severity") for v in vs)
            meta = rec.get("meta") or {}
            cw.writerow([_csv_cell(x) for x in (
                rec.get("source"), rec.get("url"), rec.get("status"), section_of(rec), meta.get("published"),
                rec.get("is_article"), meta.get("article_markup"), meta.get("headline"), len(vs),
                sev.get("error", 0), sev.get("warning", 0), sev.get("info", 0),
                " ".join(sorted({v.get("code", "") for v in vs})), rec.get("error"))])
            for v in vs:
                vf.write(json.dumps({"source": rec.get("source"), **v}, ensure_ascii=False) + "\n")
    skipped = []
    sp = out_dir / "skipped.jsonl"
    n_skipped = 0
    if sp.exists():
        for rec in iter_records(sp):
            n_skipped += 1
            if len(skipped) < 1000:
                skipped.append(rec)
    summ = agg.summary({**(extra or {}), "skipped": n_skipped})
    with open(out_dir / "summary.json", "w", encoding="utf-8", errors="replace") as fh:
        json.dump(summ, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    write_html(out_dir / "report.html", summ, pages, catalogue, skipped, report_pages)
    return summ


def _csv_cell(x):
    if x is None:
        return ""
    s = str(x)
    # A cell a spreadsheet would run as a formula is prefixed with an apostrophe.
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        s = "'" + s
    return _CTRL.sub("\ufffd", s)


# ---------------------------------------------------------------------------------- HTML
_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1d2330}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem}
.card b{display:block;font-size:1.4rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f6f8;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \\25B2"}
th.sorted-desc::after{content:" \\25BC"}td.n{text-align:right;font-variant-numeric:tabular-nums}
.src{word-break:break-all}.sev-error{color:#b00020}.sev-warning{color:#9a5b00}.sev-info{color:#33518f}
.ctx{font-family:ui-monospace,monospace;font-size:12px;color:#555;word-break:break-all}
.controls{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
svg text{font:11px system-ui,sans-serif;fill:#333}svg .bar{fill:#3b6fb6}svg .bar2{fill:#c0504d}
.flag{color:#b00020;font-weight:600}.muted{color:#777}details summary{cursor:pointer}
"""

_SCRIPT = """
(function(){
  function key(td){var v=td.getAttribute('data-v');if(v===null)v=td.textContent;var n=parseFloat(v);
    return (v!==''&&!isNaN(n)&&isFinite(v))?[0,n]:[1,v.toLowerCase()];}
  function cmp(a,b){if(a[0]!==b[0])return a[0]-b[0];return a[1]<b[1]?-1:a[1]>b[1]?1:0;}
  document.querySelectorAll('table.sortable').forEach(function(t){
    t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
      var asc=!th.classList.contains('sorted-asc');
      t.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});
      th.classList.add(asc?'sorted-asc':'sorted-desc');
      var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var r=cmp(key(a.cells[i]),key(b.cells[i]));return asc?r:-r;});
      rows.forEach(function(r){body.appendChild(r);});});});});
  var q=document.getElementById('filter'),rule=document.getElementById('rule-filter'),
      only=document.getElementById('only-problems'),count=document.getElementById('shown');
  function apply(){var s=q.value.toLowerCase(),r=rule.value,o=only.checked,n=0;
    document.querySelectorAll('#pages tbody tr').forEach(function(tr){
      var ok=(!s||tr.textContent.toLowerCase().indexOf(s)>=0)&&
        (!r||(' '+tr.getAttribute('data-rules')+' ').indexOf(' '+r+' ')>=0)&&
        (!o||tr.getAttribute('data-problem')==='1');
      tr.hidden=!ok;if(ok)n++;});
    count.textContent=String(n);}
  if(q){q.addEventListener('input',apply);rule.addEventListener('change',apply);only.addEventListener('change',apply);apply();}
})();
"""


def _sha(s: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")


def csp() -> str:
    return (f"default-src 'none'; script-src '{_sha(_SCRIPT)}'; style-src '{_sha(_STYLE)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _hbars(items, width=760, label_w=260, unit="", cls="bar", title=""):
    """Horizontal bar chart; ``items`` are (label, value)."""
    items = list(items)
    if not items:
        return '<p class="muted">Nothing to chart.</p>'
    top = max(v for _, v in items) or 1
    row = 18
    h = row * len(items) + 6
    parts = [f'<svg class="chart" role="img" aria-label="{esc(title)}" width="{width}" height="{h}" '
             f'viewBox="0 0 {width} {h}" xmlns="http://www.w3.org/2000/svg">']
    span = width - label_w - 70
    for i, (label, v) in enumerate(items):
        y = i * row + 3
        w = max(1, round(span * v / top)) if v else 0
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{esc(str(label)[:48])}</text>'
                     f'<rect class="{cls}" x="{label_w}" y="{y}" width="{w}" height="{row - 4}">'
                     f'<title>{esc(label)}: {v}{unit}</title></rect>'
                     f'<text x="{label_w + w + 4}" y="{y + 12}">{v}{unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _month_chart(by_month: dict, width=1000, height=200):
    months = month_axis(by_month)
    if not months:
        return '<p class="muted">No page has a machine-readable publication date.</p>'
    n = len(months)
    top = max(by_month.get(m, {}).get("violations", 0) for m in months) or 1
    ptop = max(by_month.get(m, {}).get("pages", 0) for m in months) or 1
    bw = max(1, min(40, (width - 60) // n))
    w = 60 + bw * n
    parts = [f'<svg class="chart" role="img" aria-label="violations and pages per month" width="{w}" '
             f'height="{height + 40}" viewBox="0 0 {w} {height + 40}" xmlns="http://www.w3.org/2000/svg">']
    for i, m in enumerate(months):
        v, p = by_month.get(m, {}).get("violations", 0), by_month.get(m, {}).get("pages", 0)
        x = 50 + i * bw
        hv = round(height * v / top)
        hp = round(height * p / ptop)
        parts.append(f'<rect class="bar" x="{x}" y="{height - hv + 5}" width="{max(1, bw - 3)}" height="{hv}">'
                     f'<title>{esc(m)}: {v} violations on {p} pages</title></rect>'
                     f'<rect class="bar2" x="{x}" y="{height - hp + 5}" width="{max(1, bw - 3)}" height="2"/>')
        if n <= 12 or i % max(1, n // 10) == 0:
            parts.append(f'<text x="{x}" y="{height + 20}">{esc(m)}</text>')
    parts.append(f'<text x="0" y="14">{top}</text><text x="0" y="{height + 5}">0</text></svg>')
    return "".join(parts)


def _heatmap(by_month: dict, rules: list, width=1000):
    months = month_axis(by_month)
    if not months or not rules:
        return ""
    width_cell = max(1, min(16, (width - 160) // len(months)))
    lw = 150
    w = lw + width_cell * len(months) + 10
    h = 16 * len(rules) + 50
    parts = [f'<svg class="chart heatmap" role="img" aria-label="share of pages per month with each rule" '
             f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">']
    for j, code in enumerate(rules):
        y = 16 * j + 4
        parts.append(f'<text x="{lw - 6}" y="{y + 11}" text-anchor="end">{esc(code)}</text>')
        for i, m in enumerate(months):
            if m not in by_month:
                continue
            pages = by_month[m].get("pages", 0) or 1
            share = by_month[m].get("by_rule", {}).get(code, 0) / pages
            shade = 245 - round(185 * share)
            parts.append(f'<rect x="{lw + i * width_cell}" y="{y}" width="{max(1, width_cell - 1)}" height="14" '
                         f'fill="rgb({shade},{shade},255)"><title>{esc(code)} {esc(m)}: '
                         f'{share:.0%} of pages</title></rect>')
    step = max(1, len(months) // 8)
    for i in range(0, len(months), step):
        parts.append(f'<text x="{lw + i * width_cell}" y="{16 * len(rules) + 20}">{esc(months[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_link(code: str, catalogue: dict) -> str:
    from ..reporters import rule_anchor

    rule = catalogue.get(code)
    if rule is None:
        return esc(code)
    return f'<a href="{esc(rule_anchor(rule))}" title="{esc(rule.summary)}">{esc(code)}</a>'


def _src_link(rec_src: str, url: str | None = None) -> str:
    target = url if _http(url) else rec_src if _http(rec_src) else None
    if target:
        return f'<a class="src" href="{esc(target)}" rel="noopener noreferrer nofollow">{esc(rec_src)}</a>'
    return f'<span class="src">{esc(rec_src)}</span>'


def _table_records(pages: Path, cap: int):
    """Pages with problems first, then clean pages, at most ``cap`` in all (two streaming passes)."""
    n = 0
    for want_problem in (True, False):
        for rec in iter_records(pages):
            if bool(rec.get("violations") or rec.get("error")) is want_problem:
                if n >= cap:
                    return
                n += 1
                yield rec


def write_html(path: Path, s: dict, pages: Path, catalogue: dict, skipped: list, report_pages: int = REPORT_PAGES):
    with open(path, "w", encoding="utf-8", errors="replace") as fh:
        w = fh.write
        w('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n')
        w(f'<meta http-equiv="Content-Security-Policy" content="{csp()}">\n')  # a constant: no quotes to escape
        w('<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width">\n')
        w(f"<title>newslint audit: {s['pages']} pages</title>\n<style>{_STYLE}</style></head><body>\n")
        w(f"<h1>newslint audit</h1><p class=\"muted\">newslint {esc(__version__)}"
          + (f" · source: {esc(s.get('source', ''))}" if s.get("source") else "") + "</p>\n")
        sev = s["by_severity"]
        cards = [("pages", s["pages"]), ("articles", s["articles"]), ("pages with violations", s["pages_with_violations"]),
                 ("violations", s["violations"]), ("errors (pages)", s["errors"]), ("not fetched", s.get("skipped", 0)),
                 ("severity error", sev["error"]), ("warning", sev["warning"]), ("info", sev["info"])]
        w('<section id="totals"><h2>Totals</h2><div class="cards">'
          + "".join(f'<div class="card"><b>{v}</b>{esc(k)}</div>' for k, v in cards) + "</div></section>\n")

        by_rule = sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))
        w('<section id="by-rule"><h2>Violations per rule</h2>')
        w(_hbars([(f"{c} {catalogue[c].slug if c in catalogue else ''}", n) for c, n in by_rule[:40]],
                 title="violations per rule"))
        w('<table class="sortable"><thead><tr><th>rule</th><th>name</th><th>violations</th><th>pages</th>'
          '</tr></thead><tbody>')
        for c, n in by_rule:
            slug = catalogue[c].slug if c in catalogue else ""
            w(f'<tr><td>{_rule_link(c, catalogue)}</td><td>{esc(slug)}</td><td class="n">{n}</td>'
              f'<td class="n">{s["pages_by_rule"].get(c, 0)}</td></tr>')
        w("</tbody></table></section>\n")
        w('<section id="by-family"><h2>Violations per family</h2>')
        w(_hbars(sorted(s["by_family"].items(), key=lambda kv: -kv[1]), title="violations per family"))
        w("</section>\n")

        secs = sorted(s["by_section"].items(), key=lambda kv: -kv[1].get("pages", 0))
        w('<section id="by-section"><h2>Per site section</h2>')
        w(_hbars([(k, v.get("violations", 0)) for k, v in secs[:30]], title="violations per section"))
        w('<table class="sortable"><thead><tr><th>section</th><th>pages</th><th>with violations</th>'
          '<th>violations</th><th>errors</th><th>articles</th><th>articles without article markup</th>'
          '</tr></thead><tbody>')
        for k, v in secs:
            a = v.get("articles", 0)
            miss = v.get("articles_without_markup", 0)
            share = f" ({miss / a:.0%})" if a else ""
            w(f'<tr><td>{esc(k)}</td><td class="n">{v.get("pages", 0)}</td><td class="n">{v.get("with_violations", 0)}'
              f'</td><td class="n">{v.get("violations", 0)}</td><td class="n">{v.get("errors", 0)}</td>'
              f'<td class="n">{a}</td><td class="n" data-v="{miss}">{miss}{share}</td></tr>')
        w("</tbody></table></section>\n")

        w('<section id="by-month"><h2>Per month of publication</h2>'
          '<p class="muted">Bars: violations; red marks: pages published that month.</p>')
        w(_month_chart(s["by_month"]))
        top_rules = [c for c, _ in sorted(s["pages_by_rule"].items(), key=lambda kv: -kv[1])[:15]]
        if top_rules and s["by_month"]:
            w("<h3>Share of each month's pages with the rule</h3>")
            w(_heatmap(s["by_month"], top_rules))
        w("</section>\n")

        cp = s["cross_page"]
        w('<section id="cross-page"><h2>Across pages</h2>')
        fresh = cp.get("shared_date_modified")
        if fresh:
            flag = '<span class="flag">artificial freshening?</span> ' if fresh["suspicious"] else ""
            w(f"<p>{flag}The most common <code>dateModified</code> is {esc(fresh['value'])}, shared by "
              f"{fresh['pages']} of {fresh['pages_with_date_modified']} pages that have one ({fresh['share']:.0%}).</p>")
        w(f"<h3>The same author name with different author URLs ({len(cp['same_author_different_urls'])})</h3>")
        if cp["same_author_different_urls"]:
            w('<table class="sortable"><thead><tr><th>author</th><th>URLs</th></tr></thead><tbody>')
            for a in cp["same_author_different_urls"]:
                w(f"<tr><td>{esc(a['name'])}</td><td>" + "<br>".join(esc(u) for u in a["urls"]) + "</td></tr>")
            w("</tbody></table>")
        w(f"<h3>The same headline on different URLs ({len(cp['same_headline_different_urls'])})</h3>")
        if cp["same_headline_different_urls"]:
            w('<table class="sortable"><thead><tr><th>headline</th><th>pages</th><th>URLs</th></tr></thead><tbody>')
            for h in cp["same_headline_different_urls"]:
                w(f"<tr><td>{esc(h['headline'])}</td><td class=\"n\">{h['count']}</td><td>"
                  + "<br>".join(_src_link(u) for u in h["sources"]) + "</td></tr>")
            w("</tbody></table>")
        w("</section>\n")

        w('<section id="worst"><h2>Worst pages</h2><table class="sortable"><thead><tr><th>page</th>'
          '<th>score</th><th>violations</th><th>error</th></tr></thead><tbody>')
        for p in s["worst_pages"]:
            w(f'<tr><td>{_src_link(p["source"])}</td><td class="n">{p["score"]}</td><td class="n">{p["violations"]}'
              f'</td><td>{"yes" if p["error"] else ""}</td></tr>')
        w("</tbody></table></section>\n")

        if skipped:
            w(f'<section id="skipped"><h2>Not fetched ({s.get("skipped", 0)})</h2><table class="sortable"><thead>'
              '<tr><th>URL</th><th>reason</th></tr></thead><tbody>')
            for r in skipped:
                w(f"<tr><td>{esc(r.get('url'))}</td><td>{esc(r.get('reason'))}</td></tr>")
            w("</tbody></table></section>\n")

        codes = sorted(s["by_rule"])
        w('<section id="all-pages"><h2>Every page</h2><div class="controls">'
          '<label>Filter <input id="filter" type="search" placeholder="URL, headline, message"></label>'
          '<label>Rule <select id="rule-filter"><option value="">all rules</option>'
          + "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
          + '</select></label><label><input id="only-problems" type="checkbox"> only pages with problems</label>'
          f'<span>showing <b id="shown">{min(s["pages"], report_pages)}</b> of {min(s["pages"], report_pages)}</span>'
          '</div>')
        if s["pages"] > report_pages:
            w(f'<p class="muted">The table holds {report_pages:,} of {s["pages"]:,} pages (those with problems '
              'first); pages.csv and violations.jsonl have every page.</p>')
        w('<table id="pages" class="sortable"><thead><tr><th>page</th><th>section</th><th>published</th>'
          '<th>status</th><th>violations</th><th>rules</th><th>details</th></tr></thead><tbody>\n')
        for rec in _table_records(pages, report_pages):
            vs = rec.get("violations") or []
            meta = rec.get("meta") or {}
            rcodes = sorted({v.get("code", "") for v in vs})
            problem = "1" if vs or rec.get("error") else "0"
            head = meta.get("headline")
            w(f'<tr data-rules="{esc(" ".join(rcodes))}" data-problem="{problem}"><td>'
              f'{_src_link(rec.get("source", ""), rec.get("url"))}'
              + (f'<br><span class="muted">{esc(str(head)[:300])}</span>' if head else "")
              + f'</td><td>{esc(section_of(rec))}</td><td>{esc(meta.get("published") or "")}</td>'
              f'<td>{esc(rec.get("status") if rec.get("status") is not None else "")}</td>'
              f'<td class="n">{len(vs)}</td><td>' + " ".join(_rule_link(c, catalogue) for c in rcodes) + "</td><td>")
            if rec.get("error"):
                w(f'<span class="sev-error">error: {esc(rec["error"])}</span>')
            if vs:
                w(f"<details><summary>{len(vs)} violation{'s' if len(vs) != 1 else ''}</summary><ul>")
                for v in vs[:100]:
                    sv = v.get("severity", "info")
                    w(f'<li><span class="sev-{esc(sv)}">{esc(sv)}</span> {_rule_link(v.get("code", ""), catalogue)} '
                      f'{esc(v.get("line"))}:{esc(v.get("column"))} {esc(v.get("message"))}'
                      + (f'<div class="ctx">{esc(v.get("context"))}</div>' if v.get("context") else "") + "</li>")
                if len(vs) > 100:
                    w(f"<li>… {len(vs) - 100} more in violations.jsonl</li>")
                w("</ul></details>")
            w("</td></tr>\n")
        w("</tbody></table></section>\n")
        w(f"<script>{_SCRIPT}</script>\n</body></html>\n")
