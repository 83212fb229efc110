"""Random hits of chosen IM rules on the development corpus, with each image's facts, to judge
by hand (the false_positives field of each rule quotes the verdicts).

    python bench/images_judge.py IM001,IM002 12        # 12 random hits of each rule (seed 5)
"""

from __future__ import annotations

import collections
import gzip
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.article import Article  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.extract.images import image_span  # noqa: E402

CORPUS = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared")) / "corpus"


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    codes = argv[0].split(",")
    n = int(argv[1]) if len(argv) > 1 else 10
    seed = int(argv[2]) if len(argv) > 2 else 5
    linter = Linter(Config.model_validate({"select": codes}))
    items = collections.defaultdict(list)
    for line in open(CORPUS / "manifest.jsonl", encoding="utf-8"):
        r = json.loads(line)
        p = CORPUS / r["file"]
        data = gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes()
        doc = Document.from_bytes(data, str(p), url=r.get("url"))
        res = linter.lint(doc)
        if not res.violations:
            continue
        a = Article(doc)
        spans = [(i, image_span(a, i) or a.element_span(i.element)) for i in a.images]
        for v in res.violations:
            img = next((i for i, sp in spans if sp[0] <= v.offset < max(sp[1], sp[0] + 1)), None)
            items[v.code].append((r["file"], v, img, a))
    rng = random.Random(seed)
    for c in codes:
        its = items[c]
        print(f"===== {c}: {len(its)} hits")
        for f, v, img, a in rng.sample(its, min(n, len(its))):
            print(f"- {f}:{v.line}:{v.column} {v.message[:120]}")
            if img is not None:
                anc = [((x.get("class") or x.get("id") or x.tag) or "")[:25] for x in list(img.element.iterancestors())[:4]]
                print(f"    src={(img.src or '')[-60:]!r} alt={(img.alt or '')[:70]!r} caption={(img.caption or '')[:60]!r}"
                      f" {img.width}x{img.height} [{img.reason[:60]}] {anc} body={a.body.selector[:30]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
