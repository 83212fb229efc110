"""Measure every TX rule on real article text and write the rates the rule docs quote.

    python bench/text_rates.py            # writes bench/tx/rates.json and bench/tx/text-hits.jsonl
    python bench/text_rates.py --check    # exit 1 when the committed files or rule docs are stale

Input: ``shared/corpus/text/`` (200 Vietnamese Dân trí articles, 151 English articles; see its
README). Each file is linted as a plain-text document in its language with every TX rule. Rates
are hits per 10,000 sentences (sentences split as in shared/research/text-rules.md). Every
error-level hit is listed in ``text-hits.jsonl`` with the verdict from ``verdicts.jsonl`` (real
defect or false hit, judged by reading it); a hit without a verdict is counted as false.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
TEXT = SHARED / "corpus" / "text"
OUT = ROOT / "bench" / "tx"
SETS = {"vi": "vi-dantri-unc", "en": "en-newspaper-fixtures"}
_SENT = re.compile(r"[.!?…][\"”’')\]]?\s+[\"“‘'(\[]?(?=[A-ZÀ-ỸĐ\d])")
COMMAND = "python bench/text_rates.py"


def sentences(text: str) -> int:
    n = 0
    for line in text.split("\n"):
        if line.strip():
            n += 1 + len(_SENT.findall(line.strip()))
    return n


def measure() -> tuple[dict, list]:
    from lint import catalogue as cat
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    rules = cat.load(use_cache=False)
    codes = sorted(c for c in rules if c.startswith("TX"))
    verdicts = {}
    vpath = OUT / "verdicts.jsonl"
    if vpath.is_file():
        for ln in vpath.read_text(encoding="utf-8").split("\n"):
            if ln.strip():
                d = json.loads(ln)
                verdicts[d["fingerprint"]] = d
    table: dict = {"command": COMMAND, "sets": {}, "rules": {}}
    hits = []
    for lang, folder in SETS.items():
        linter = Linter(Config.model_validate({"select": codes, "language": lang}), rules=rules)
        nsent = ndocs = 0
        counts = {c: 0 for c in codes}
        false = {c: 0 for c in codes}
        for path in sorted((TEXT / folder).glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            # The Dân trí files start with "# key = value" header lines: blank them (same lines).
            text = re.sub(r"(?m)^# \w+ = .*$", "", raw)
            ndocs += 1
            nsent += sentences(text)
            res = linter.lint(Document.from_text(text, f"{folder}/{path.name}", kind="text"))
            if res.error:
                raise SystemExit(f"{path}: {res.error}")
            for v in res.violations:
                counts[v.code] += 1
                if v.severity == "error":
                    verdict = verdicts.get(v.fingerprint, {}).get("verdict", "unjudged")
                    if verdict != "real":
                        false[v.code] += 1
                    hits.append({"file": f"{folder}/{path.name}", "line": v.line, "column": v.column,
                                 "code": v.code, "context": v.context[:160], "message": v.message[:200],
                                 "fingerprint": v.fingerprint, "verdict": verdict,
                                 "note": verdicts.get(v.fingerprint, {}).get("note", "")})
        table["sets"][lang] = {"folder": folder, "documents": ndocs, "sentences": nsent}
        for c in codes:
            r = table["rules"].setdefault(c, {"severity": rules[c].severity})
            r[lang] = {"hits": counts[c], "per_10k": round(counts[c] * 10000 / nsent, 1)}
            if rules[c].severity == "error":
                r[lang]["false"] = false[c]
                r[lang]["false_per_10k"] = round(false[c] * 10000 / nsent, 1)
    return table, hits


def docs_line(code: str, table: dict) -> str:
    r = table["rules"][code]
    parts = []
    for lang in SETS:
        s = table["sets"][lang]
        x = r[lang]
        part = f"{lang}: {x['hits']} hits in {s['sentences']:,} sentences ({x['per_10k']}/10k)"
        if "false" in x:
            part += f", {x['false']} not real ({x['false_per_10k']}/10k)"
        parts.append(part)
    return "Measured on shared/corpus/text (" + "; ".join(parts) + f"). Command: `{COMMAND}`."


# What the text corpus cannot show, measured on the development pages (bench/text_pages.py) and
# in bench/tx/NOTES.md.
EXTRA = {
    "TX001": "Recall on captions glued with no space: see bench/tx/NOTES.md (bench/text_glue_recall.py).",
    "TX002": "The English hit is a show name written in camel case (NewsWatch).",
    "TX003": "The Vietnamese hits are the corpus's sapo datelines that lost their punctuation (`Dân trí Theo…`), "
             "real extraction defects; recall on glued captions: see bench/tx/NOTES.md.",
    "TX008": "All hits are in the three Dân trí documents with NFD sentences. Development pages: see bench/tx/NOTES.md.",
    "TX012": "The English hits are U+0092 apostrophes (Windows-1252 read as Latin-1), real. Development pages "
             "(about 35 languages): see bench/tx/NOTES.md.",
}
for _c in ("TX010", "TX011", "TX013", "TX014", "TX015", "TX016"):
    EXTRA.setdefault(_c, "Development pages (about 35 languages): see bench/tx/NOTES.md.")


def _wrap(text: str, width: int = 98) -> str:
    import textwrap

    return "\n".join("  " + ln for ln in textwrap.wrap(text.strip(), width))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail when the committed results or docs are stale")
    ap.add_argument("--write-docs", action="store_true", help="rewrite each rule's false_positives field")
    args = ap.parse_args(argv)
    table, hits = measure()
    rates = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    hit_lines = "".join(json.dumps(h, ensure_ascii=False, sort_keys=True) + "\n" for h in hits)
    stale = []
    if args.check:
        if (OUT / "rates.json").read_text(encoding="utf-8") != rates:
            stale.append("bench/tx/rates.json")
        if (OUT / "text-hits.jsonl").read_text(encoding="utf-8") != hit_lines:
            stale.append("bench/tx/text-hits.jsonl")
    else:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "rates.json").write_text(rates, encoding="utf-8")
        (OUT / "text-hits.jsonl").write_text(hit_lines, encoding="utf-8")
    for code in table["rules"]:
        path = next((ROOT / "rules" / "TX").glob(f"{code}-*.yaml"))
        want = docs_line(code, table)
        text = path.read_text(encoding="utf-8")
        if args.write_docs and want not in " ".join(text.split()):
            text = re.sub(r"(?ms)^false_positives: \|\n.*?(?=^\S)", lambda m: "false_positives: |\n" + _wrap(
                want + " " + EXTRA.get(code, "")) + "\n", text, count=1)
            path.write_text(text, encoding="utf-8")
        if want not in " ".join(path.read_text(encoding="utf-8").split()):
            stale.append(str(path.relative_to(ROOT)) + f" (false_positives should contain: {want})")
    for s in stale:
        print("stale:", s)
    if not args.check:
        for code, r in table["rules"].items():
            print(code, r)
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
