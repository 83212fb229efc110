"""Run the TX rules on the development pages (shared/corpus/*, 942 HTML pages) and list every hit.

    python bench/text_pages.py [--codes TX008,TX010,...] [--jobs 2]

Writes ``bench/tx/page-hits.jsonl`` (one line per hit, with the verdict from
``bench/tx/page-verdicts.jsonl``: a real defect of the page, or a false hit) and prints per-rule
counts: pages with a hit, hits judged real, hits judged false. Language-free rules (TX008, TX010-
TX016) run on every page whatever its language; the others only on vi and en pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
OUT = ROOT / "bench" / "tx"
_LINTER = None


def _lint(args):
    global _LINTER
    rel, codes = args
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    if _LINTER is None:
        _LINTER = Linter(Config.model_validate({"select": list(codes)}))
    path = CORPUS / rel
    data = path.read_bytes()
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
    doc = Document.from_bytes(data, rel)
    res = _LINTER.lint(doc)
    return rel, res.error, [(v.code, v.severity, v.line, v.column, v.message[:220], v.context[:160], v.fingerprint)
                            for v in res.violations], (res.meta or {}).get("lang")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--codes", default="TX")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    from lint import catalogue as cat

    rules = cat.load()
    codes = sorted(c for c in cat.resolve_selectors(args.codes.split(","), rules))
    manifest = [json.loads(ln) for ln in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").split("\n") if ln.strip()]
    verdicts = {}
    vp = OUT / "page-verdicts.jsonl"
    if vp.is_file():
        for ln in vp.read_text(encoding="utf-8").split("\n"):
            if ln.strip():
                d = json.loads(ln)
                verdicts[d["fingerprint"]] = d
    info = {m["file"]: m for m in manifest}
    hits = []
    pages = defaultdict(set)
    judged = Counter()
    with ProcessPoolExecutor(args.jobs) as ex:
        for rel, err, vs, lang in ex.map(_lint, [(m["file"], tuple(codes)) for m in manifest], chunksize=8):
            for code, sev, line, col, msg, ctx, fp in vs:
                v = verdicts.get(fp, {})
                verdict = v.get("verdict", "unjudged")
                judged[(code, verdict)] += 1
                pages[code].add(rel)
                hits.append({"file": rel, "code": code, "severity": sev, "line": line, "column": col,
                             "message": msg, "context": ctx, "fingerprint": fp, "verdict": verdict,
                             "note": v.get("note", ""), "lang": lang,
                             "page_type": info[rel].get("page_type"), "language": info[rel].get("language")})
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "page-hits.jsonl", "w", encoding="utf-8") as fh:
        for h in sorted(hits, key=lambda h: (h["code"], h["file"], h["line"], h["column"])):
            fh.write(json.dumps(h, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(manifest)} pages; rules {','.join(codes)}")
    for code in codes:
        print(f"{code}: {len(pages[code])} pages, hits real {judged[(code, 'real')]}, false {judged[(code, 'false')]}, "
              f"unjudged {judged[(code, 'unjudged')]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
