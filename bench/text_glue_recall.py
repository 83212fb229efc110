"""Recall of the glue rules (TX001, TX002, TX003) on captions glued into real paragraphs.

    python bench/text_glue_recall.py [--per-lang 400] [--seed 7] [--pool all|a|b] [--misses FILE]

The mutator takes consecutive paragraph pairs from shared/corpus/text/ (real Vietnamese and English
article text) whose second paragraph starts with a capital letter, and a caption from the same
corpus (a line under 70 characters without final punctuation: real headings and captions). It
glues the caption onto the second paragraph in several page shapes, both ways (no space; a space;
a no-break space), and counts a hit when a glue rule fires exactly at the junction. A second
column also counts a glued "caption" that another rule reports where it stands (widget text such as
"Share this", TX007; markup shown as text, TX014; a template placeholder, TX016): one defect, one
rule, and the glue rules stay quiet on widget text by design. Controls (the
caption in its own figcaption; an image inline before an unglued paragraph; the plain text) count
false hits. Two shapes test the image's file name as evidence: an inline image whose file name is
the caption's words (WordPress-style ``flooded-streets-in-the-old-town-1024x683.jpg``), and its
control, an image named after the first eight words of the paragraph it precedes. Writes bench/tx/glue-recall.json and prints the table of bench/tx/NOTES.md.

``--pool a`` or ``--pool b`` draws the captions from one half of the pool only (the halves are fixed
by a hash of the caption), so that rules tuned on the misses of one half can be measured on the
other; the JSON is then written to glue-recall-<pool>.json. ``--misses FILE`` writes every missed
junction and every false control hit (JSON lines) for reading.

``--every-paragraph`` prices a rule more finely than the 300 controls of a draw: it puts every
paragraph of the text (80 characters or more, capitalised) right after an inline image and prints
how many glue hits the rules give there (hits, not pages: some are real defects of the text, such
as the ``Dân trí`` dateline run into a sapo). It writes no JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
TEXT = SHARED / "corpus" / "text"
SETS = {"vi": "vi-dantri-unc", "en": "en-newspaper-fixtures"}
SEPS = {"none": "", "space": " ", "nbsp": "\u00a0"}
GLUE = {"TX001", "TX002", "TX003"}
# One defect, one rule: a "caption" that is widget text ("Share this", "ALSO READ: …"), markup shown
# as text or a template placeholder is reported by that rule at the caption, not by a glue rule.
OTHER = {"TX007", "TX014", "TX016"}


def paragraphs(lang: str):
    docs = []
    for p in sorted((TEXT / SETS[lang]).glob("*.txt")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines()]
        docs.append([ln for ln in lines if ln and not ln.startswith("# ")])
    return docs


def pools(lang: str):
    docs = paragraphs(lang)
    caps, pairs = [], []
    for lines in docs:
        for i, ln in enumerate(lines):
            if len(ln) < 70 and not re.search(r"[.!?:;…,\"”')]$", ln) and len(ln.split()) >= 2 and i > 0:
                caps.append(ln)
        for a, b in zip(lines, lines[1:]):
            if len(a) >= 80 and len(b) >= 80 and b[0].isupper():
                pairs.append((a, b))
    return caps, pairs


def half(caption: str) -> str:
    return "ab"[hashlib.sha1(caption.encode("utf-8")).digest()[0] & 1]


def page(lang, body):
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head><body><article>\n{body}\n</article></body></html>\n'


def e(s):
    return html.escape(s, quote=False)


def slug(s: str, words: int = 12) -> str:
    """A CMS file name made from a text: "Flooded streets in the old town" → flooded-streets-in-the-old-town."""
    d = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    folded = "".join(c for c in d if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", folded)[:words])


def shapes(lang, a, cap, b, sep):
    """(name, source, offset of b's first character in source) for each mutated shape."""
    sep_html = {"": "", " ": " ", "\u00a0": "&nbsp;"}[sep]
    out = []
    head = f"<p>{e(a)}</p>\n"
    for name, blk in (
        ("image + <em> caption", f'<p><img src="p.jpg" width="800" height="500"><em>{e(cap)}</em>{sep_html}'),
        ("image + plain caption", f'<p><img src="p.jpg" width="800" height="500">{e(cap)}{sep_html}'),
        ("image named after the caption + plain caption",
         f'<p><img src="/uploads/{slug(cap)}-1024x683.jpg" width="800" height="500">{e(cap)}{sep_html}'),
        ("<strong> caption, no image", f"<p><strong>{e(cap)}</strong>{sep_html}"),
        ("caption = alt of an image elsewhere",
         f'<p><img src="p.jpg" alt="{html.escape(cap)}" width="800" height="500"></p>\n<p>{e(cap)}{sep_html}'),
    ):
        src = page(lang, head + blk + e(b) + "</p>")
        out.append((name, src, src.index(blk) + len(blk)))
    text = f"{a}\n\n{cap}{sep}{b}\n"
    out.append(("plain text (no page evidence)", text, len(a) + 2 + len(cap) + len(sep)))
    return out


def controls(lang, a, cap, b):
    head = f"<p>{e(a)}</p>\n"
    return [
        ("figcaption, then paragraph", page(lang, head + f'<figure><img src="p.jpg" alt=""><figcaption>{e(cap)}'
                                              f'</figcaption></figure>\n<p>{e(b)}</p>'), "html"),
        ("image inline before a paragraph", page(lang, head + f'<p><img src="p.jpg" width="800" height="500">{e(b)}</p>'), "html"),
        ("image named after the paragraph's first words, inline before it",
         page(lang, head + f'<p><img src="/uploads/{slug(b, 8)}.jpg" width="800" height="500">{e(b)}</p>'), "html"),
        ("plain text, caption on its own line", f"{a}\n\n{cap}\n\n{b}\n", "text"),
    ]


def failed(errors: list) -> int:
    """1 when a document gave an error (a rule that fails is not a miss): the benchmark is void."""
    if not errors:
        return 0
    print(f"\n{len(errors)} documents gave an error, so the numbers above do not hold; the first: {errors[0]}",
          file=sys.stderr)
    return 1


def every_paragraph(Config, Document, Linter, misses_file) -> int:
    """Glue hits on every paragraph of the text, each put right after an inline image."""
    lines, errors = [], []
    for lang in SETS:
        linter = Linter(Config.model_validate({"select": sorted(GLUE), "language": lang}))
        n = hits = 0
        for doc in paragraphs(lang):
            for para in doc:
                if len(para) < 80 or not para[0].isupper():
                    continue
                n += 1
                src = page(lang, f'<p><img src="p.jpg" width="800" height="500">{e(para)}</p>')
                res = linter.lint(Document.from_text(src, "c.html", kind="html"))
                if res.error:
                    errors.append(res.error)
                for v in res.violations:
                    hits += 1
                    lines.append(json.dumps({"lang": lang, "code": v.code, "message": v.message}, ensure_ascii=False))
        print(f"{lang}: {hits} glue hits on {n} paragraphs, each right after an inline image")
    if misses_file:
        misses_file.write_text("".join(ln + "\n" for ln in lines), encoding="utf-8")
    return failed(errors)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-lang", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pool", choices=("all", "a", "b"), default="all")
    ap.add_argument("--misses", type=Path)
    ap.add_argument("--every-paragraph", action="store_true")
    args = ap.parse_args(argv)
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter

    if args.every_paragraph:
        return every_paragraph(Config, Document, Linter, args.misses)

    pool = "" if args.pool == "all" else f" --pool {args.pool}"
    result = {"command": f"python bench/text_glue_recall.py --per-lang {args.per_lang} --seed {args.seed}{pool}",
              "recall": {}, "controls": {}}
    misses, errors = [], []
    for lang in SETS:
        rnd = random.Random(args.seed)
        caps, pairs = pools(lang)
        if args.pool != "all":
            caps = [c for c in caps if half(c) == args.pool]
        pairs = rnd.sample(pairs, min(args.per_lang, len(pairs)))
        linter = Linter(Config.model_validate({"select": sorted(GLUE | OTHER), "language": lang}))
        rec: dict = {}
        ctl: dict = {}
        for a, b in pairs:
            cap = rnd.choice(caps)
            for sname, sep in SEPS.items():
                for shape, src, off in shapes(lang, a, cap, b, sep):
                    kind = "text" if shape.startswith("plain") else "html"
                    res = linter.lint(Document.from_text(src, "m." + ("txt" if kind == "text" else "html"), kind=kind))
                    if res.error:
                        errors.append(res.error)
                    hit = any(v.code in GLUE and v.offset == off for v in res.violations)
                    shown = cap if kind == "text" else e(cap)
                    cap_start = src.rindex(shown, 0, off)
                    other = not hit and any(v.code in OTHER and cap_start <= v.offset < off for v in res.violations)
                    if not hit and args.misses:
                        misses.append({"lang": lang, "shape": shape, "sep": sname, "caption": cap, "next": b[:80],
                                       "other_rule": other,
                                       "hits": [(v.code, v.offset - off, v.message[:120]) for v in res.violations]})
                    r = rec.setdefault(f"{shape} / {sname}", [0, 0, 0])
                    r[0] += hit
                    r[1] += 1
                    r[2] += hit or other
            for shape, src, kind in controls(lang, a, cap, b):
                res = linter.lint(Document.from_text(src, "c." + ("txt" if kind == "text" else "html"), kind=kind))
                if res.error:
                    errors.append(res.error)
                c = ctl.setdefault(shape, [0, 0])
                c[0] += sum(1 for v in res.violations if v.code in GLUE)
                if args.misses:
                    misses.extend({"lang": lang, "control": shape, "caption": cap, "next": b[:80], "hit": v.message}
                                  for v in res.violations if v.code in GLUE)
                c[1] += 1
        result["recall"][lang] = {k: {"found": v[0], "of": v[1], "recall": round(v[0] / v[1], 3),
                                      "found_or_caption_reported": v[2], "recall_or_caption_reported": round(v[2] / v[1], 3)}
                                  for k, v in rec.items()}
        result["controls"][lang] = {k: {"false_hits": v[0], "pages": v[1]} for k, v in ctl.items()}
    out = ROOT / "bench" / "tx" / ("glue-recall.json" if args.pool == "all" else f"glue-recall-{args.pool}.json")
    if args.misses:
        args.misses.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang in SETS:
        print(f"\n{lang}: recall (found by a glue rule at the junction / glued; then also counting a caption that "
              "TX007, TX014 or TX016 reports as widget text, markup or a placeholder)")
        for k, v in result["recall"][lang].items():
            print(f"| {k} | {v['found']}/{v['of']} | {v['recall']:.2f} | {v['recall_or_caption_reported']:.2f} |")
        for k, v in result["controls"][lang].items():
            print(f"| control: {k} | {v['false_hits']} false hits on {v['pages']} pages |")
    return failed(errors)


if __name__ == "__main__":
    sys.exit(main())
