#!/usr/bin/env python3
"""Recall of the SD rules on corpus pages with one injected defect each.

    python bench/sd_mutate.py                 # the development corpus, results in bench/sd/mutate.json
    python bench/sd_mutate.py --files a.html b.html.gz   # any pages (held-out sets)

For every article page whose article markup is JSON-LD, four mutants are made from the source:

- ``break``: the article's JSON-LD block is made invalid (a trailing comma, a comment, single
  quotes or a missing comma, chosen by the page) -> SD002 must fire inside that block;
- ``headline``: the markup headline is replaced with an unrelated one -> SD016 must fire at it;
- ``remove``: every JSON-LD block is deleted -> SD001 must fire;
- ``retype``: every Article-family node is retyped ``WebPage`` -> SD001 must fire.

A mutant counts only when its precondition holds on the unmutated page (e.g. SD016 silent before
the headline change, the page still an article). Recall = detected / mutants, per kind; the SD
findings on the unmutated pages are counted beside it.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
OUT = ROOT / "bench" / "sd" / "mutate.json"
KINDS = ("break", "headline", "remove", "retype")
EXPECT = {"break": "SD002", "headline": "SD016", "remove": "SD001", "retype": "SD001"}
OTHER_HEADLINES = [
    "Harbour council approves new parking rules for the old town district",
    "Hội đồng nhân dân thành phố thông qua quy hoạch bến cảng mới",
    "Regional orchestra announces a winter season of forgotten symphonies",
]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


class SD:
    """The SD rules run directly on an Article (no engine: reports, suppressions and the
    per-document summary other families compute are not needed to count findings)."""

    def __init__(self):
        from lint import catalogue as cat
        from lint.config import Config
        from lint.registry import function_for

        self.config = Config.model_validate({"select": ["SD"]})
        self.rules = [(r, function_for(r), r.option_defaults()) for c, r in sorted(cat.load().items())
                      if r.family == "SD" and r.default]

    def article(self, text: str, name: str, url: str | None):
        from lint.article import Article
        from lint.document import Document

        return Article(Document.from_text(text, name, kind="html", url=url), self.config)

    def findings(self, art, only: str | None = None) -> list[tuple[str, int]]:
        """(code, start offset) of every SD finding (or of one rule's)."""
        out = []
        for rule, fn, opts in self.rules:
            if only and rule.code != only:
                continue
            if rule.article_only and not art.is_article:
                continue
            for p in fn(art, opts) or ():
                out.append((rule.code, art.locate(p.loc)[0]))
        return out


def _pick(name: str, n: int) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % n


def _replace(text: str, edits: list[tuple[int, int, str]]) -> str:
    for a, b, s in sorted(edits, reverse=True):
        text = text[:a] + s + text[b:]
    return text


def _break_block(raw: str, variant: int) -> tuple[str, str] | None:
    """(broken raw, what) for a JSON object block, or None."""
    body = raw.rstrip()
    end = body.rfind("}")
    if end < 0:
        return None
    if variant == 0:
        return body[:end].rstrip() + ",\n" + body[end:] + raw[len(body):], "trailing comma"
    if variant == 1:
        first = body.find("{")
        return body[:first + 1] + " // generated\n" + body[first + 1:] + raw[len(body):], "comment"
    if variant == 2:
        i = body.find('"@type"')
        if i < 0:
            return None
        return body[:i] + "'@type'" + body[i + 7:] + raw[len(body):], "single quotes"
    i = body.find('",', body.find('"@type"'))
    if i < 0:
        return None
    return body[:i + 1] + body[i + 2:] + raw[len(body):], "missing comma"


def mutants(name: str, text: str, art) -> dict:
    """kind -> (mutated text, (start, end) where the defect is, or None) for the kinds that apply."""
    mk = art.markup
    out = {}
    first = mk._primary
    org = mk.origin(first) if first is not None else None
    if org is None or org.syntax != "json-ld":
        return out
    blk = mk.jsonld[org.block]
    if blk.offset < 0:
        return out
    br = _break_block(blk.raw, _pick(name, 4))
    if br:
        out["break"] = (text[:blk.offset] + br[0] + text[blk.offset + len(blk.raw):],
                        (blk.offset, blk.offset + len(br[0])))
    loc = mk.value_loc("headline")
    if loc is not None and loc.offset is not None and isinstance(mk.article.get("headline"), str):
        new = json.dumps(OTHER_HEADLINES[_pick(name, len(OTHER_HEADLINES))], ensure_ascii=False)
        out["headline"] = (_replace(text, [(loc.offset, loc.end_offset, new)]), (loc.offset, loc.offset + len(new)))
    others = [n for n in mk.article_nodes if mk.origin(n) is not None and mk.origin(n).syntax != "json-ld"]
    if not others:
        cuts = []
        for b in mk.jsonld:
            if b.offset < 0:
                continue
            start = text.rfind("<script", 0, b.offset)
            close = text.lower().find("</script>", b.offset + len(b.raw))
            if start >= 0 and close >= 0:
                cuts.append((start, close + len("</script>"), ""))
        if cuts:
            out["remove"] = (_replace(text, cuts), None)
        edits = []
        for n in mk.article_nodes:
            tl = mk.node_value_loc(n, "@type")
            if tl is None or tl.offset is None:
                edits = []
                break
            edits.append((tl.offset, tl.end_offset, '"WebPage"'))
        if edits:
            out["retype"] = (_replace(text, edits), None)
    return out


def run(files: list[tuple[str, str | None]]) -> dict:
    from lint.document import Document

    sd = SD()
    res = {k: {"mutants": 0, "detected": 0, "missed": []} for k in KINDS}
    base_findings = 0
    base_pages = 0
    for path, url in files:
        try:
            text = Document.from_bytes(read(Path(path)), Path(path).name, url=url).text
        except Exception:
            continue
        if "ld+json" not in text.lower():
            continue
        name = Path(path).name
        try:
            art = sd.article(text, name, url)
            if not art.is_article:
                continue
            muts = mutants(name, text, art)
            before = sd.findings(art) if muts else []
        except Exception:
            continue
        if not muts:
            continue
        base_pages += 1
        base_findings += len(before)
        codes_before = {c for c, _ in before}
        for kind, (mtext, span) in muts.items():
            want = EXPECT[kind]
            if want in codes_before and kind != "break":
                continue  # the page already has this defect
            after = sd.article(mtext, name, url)
            try:
                if kind in ("remove", "retype") and not after.is_article:
                    # no longer judged an article: SD001 does not run there (article detection's call)
                    res[kind]["not_article"] = res[kind].get("not_article", 0) + 1
                    continue
                got = sd.findings(after, only=want)
            except Exception as exc:
                got = []
                res[kind].setdefault("crashes", []).append(f"{path}: {type(exc).__name__}: {exc}")
            res[kind]["mutants"] += 1
            if any(span is None or span[0] <= off <= span[1] for _c, off in got):
                res[kind]["detected"] += 1
            else:
                res[kind]["missed"].append(path)
    for k in KINDS:
        m = res[k]["mutants"]
        res[k]["recall"] = round(res[k]["detected"] / m, 4) if m else None
    return {"command": "python bench/sd_mutate.py", "pages": base_pages,
            "sd_findings_unmutated": base_findings, "kinds": res}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", help="pages to mutate instead of the corpus")
    ap.add_argument("-o", "--output", type=Path, default=None)
    a = ap.parse_args(argv)
    if a.files:
        files = [(f, None) for f in a.files]
        out = a.output
    else:
        rows = [json.loads(x) for x in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        files = [(str(CORPUS / r["file"]), r.get("url")) for r in rows]
        out = a.output or OUT
    result = run(files)
    if out:
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{result['pages']} article pages with JSON-LD article markup; "
          f"{result['sd_findings_unmutated']} SD findings on them unmutated")
    for k, d in result["kinds"].items():
        extra = f", {d['not_article']} no longer judged articles" if d.get("not_article") else ""
        print(f"  {k:9} {EXPECT[k]}: {d['detected']}/{d['mutants']} recall {d['recall']}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
