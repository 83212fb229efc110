"""Pages whose markup publication date and visible date name different days, and whether DT006
reports them; with the annotated date where the corpus has one.

    python bench/dtby/disagreements.py [--out bench/dtby/disagreements.jsonl]

Each line: file, the markup value, the visible date, the annotation, the days apart, and
whether DT006 fired. ``bench/dtby/verdicts.jsonl`` holds the hand-checked verdicts of a sample.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lint import Config  # noqa: E402
from lint.article import Article  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    linter = Linter(Config.model_validate({"select": ["DT006"]}))
    rows = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    pages = disagree = fired = markup_vs_annotation = markup_vs_annotation_fired = 0
    for r in rows:
        path = corpus / r["file"]
        doc = Document.from_bytes(path.read_bytes(), str(path), url=r.get("url"))
        a = Article(doc)
        try:
            d = a.dates
        except Exception:
            continue
        machine = next((m for m in d.machine if m.role == "published" and m.value is not None
                        and m.source in ("json-ld", "meta", "microdata")), None)
        shown = next((v for v in d.visible if isinstance(v.value, datetime) and v.role == "published"
                      and not v.ambiguous), None)
        want = r.get("expected_publication_date") if isinstance(r.get("expected_publication_date"), str) else None
        if machine is None:
            continue
        pages += 1
        mday = d.local(machine.value).date()
        res = linter.lint(doc)
        hit = any(v.code == "DT006" for v in res.violations)
        if want and mday.isoformat() != want[:10]:
            markup_vs_annotation += 1
            markup_vs_annotation_fired += hit
        if shown is None:
            continue
        days = abs((mday - shown.value.date()).days)
        if days >= 1:
            disagree += 1
            fired += hit
            out.append({"file": r["file"], "markup": f"{machine.source} {machine.prop} = {machine.raw}",
                        "markup_local_day": mday.isoformat(), "visible": shown.text, "visible_from": shown.found_in,
                        "annotated": want, "days_apart": days, "dt006": hit})
    print(f"pages with a markup publication date: {pages}")
    print(f"  of them the visible date is on another day: {disagree}; DT006 fires on {fired}")
    print(f"  markup day differs from the annotated day: {markup_vs_annotation}; DT006 fires on "
          f"{markup_vs_annotation_fired}")
    if args.out:
        Path(args.out).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
