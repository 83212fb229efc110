"""Write bench/tx/page-verdicts.jsonl: the verdict on every error-level TX hit of the development
pages, from reading them (see NOTES.md). Hits of a (rule, page) pair share one verdict; the pairs
judged false are listed in FALSE, everything else was read and judged real.

    python bench/text_pages.py && python bench/tx/judge_pages.py && python bench/text_pages.py
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = {
    "TX007": "real: page chrome (share, read-more, related, advertisement label, comment count) inside the body element",
    "TX008": "real: decomposed (NFD) letters in the page source",
    "TX010": "real: a lookalike letter (Cyrillic е in a Romanian word; Icelandic Ð for Vietnamese Đ)",
    "TX012": "real: UTF-8 shown as Windows-1252 (Ã¥, Ã¼, Â©, Â´) or C1 control characters from a wrong charset",
    "TX013": "real: an entity escaped twice, shown as text (often in alt text)",
    "TX014": "real: markup escaped once too often, shown as text (body, alt or title text)",
    "TX015": "real: U+FFFD where the page lost bytes",
    "TX016": "real: an unfilled template ({{ }}, [object Object]), a PHP warning, or Lorem ipsum dummy text",
}
FALSE = {
    ("TX014", "readability/pages/dev418.html.gz"): "false: a synthetic test fixture names the <img> tag in its text",
}


def main():
    out = []
    for ln in (HERE / "page-hits.jsonl").read_text(encoding="utf-8").split("\n"):
        if not ln.strip():
            continue
        h = json.loads(ln)
        if h["severity"] != "error":
            continue
        key = (h["code"], h["file"])
        note = FALSE.get(key) or NOTES.get(h["code"], "real")
        out.append({"fingerprint": h["fingerprint"], "code": h["code"], "file": h["file"],
                    "verdict": "false" if key in FALSE else "real", "note": note})
    with open(HERE / "page-verdicts.jsonl", "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n")
    print(len(out), "verdicts")


if __name__ == "__main__":
    main()
