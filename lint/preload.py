"""What the forkserver of a long run loads before it forks the workers (lint/runner.py).

A worker imports a library the first time a page needs it: extruct for microdata, jsonschema for
the structured-data profile, dateparser for a date written in words, ftfy for mojibake. Over a few
hundred pages every worker meets such a page, so each would import them (and build dateparser's
shared tables and the profile's validator) on its own: about 25 MB and half a second of CPU per
worker. Imported here, in the process the workers are forked from, they are loaded once and shared
copy-on-write: objects that exist before the fork are frozen out of garbage collection
(:func:`gc.freeze`), so collections in the workers do not write to their pages and unshare them
(reference counting still copies the pages of the objects a worker uses). Over 1,000 pages with two
workers the processes' proportional set size (PSS, shared pages counted once) falls by 10 to 40 MB.

Only a run with many documents per worker asks for this (a handful of files from pre-commit would
wait for imports it may never use). Nothing here may stop the forkserver: a library that is missing
or a warm-up that fails only means the workers load what they need themselves, as without it.
"""

from __future__ import annotations

import gc
import importlib

LIBRARIES = ("extruct.w3cmicrodata", "jsonschema", "dateparser", "ftfy")

# Small articles in the languages that have packs (rules/packs/), through every view: JSON-LD and
# microdata, a byline, a date in words, an image with a caption. Checking them builds what every worker
# would otherwise build on its first pages.
PAGES = ("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council approves budget</title>
<meta property="og:type" content="article"><meta property="og:title" content="Council approves budget">
<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves budget", "datePublished": "2024-03-05T08:00:00+07:00",
"author": {"@type": "Person", "name": "Jane Doe"}, "image": "https://example.com/a.jpg"}</script></head>
<body><article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Council approves budget</h1>
<p class="byline" itemprop="author">By Jane Doe</p><p class="date">Tuesday, 5 March 2024, 8:00</p>
<div class="article-body" itemprop="articleBody">
<p>The city council approved the budget on Tuesday after a long debate about schools and roads.</p>
<figure><img src="/a.jpg" alt="Council members voting" width="800" height="450">
<figcaption>Council members vote on Tuesday.</figcaption></figure>
<p>The vote was seven to two, and the mayor said the plan would be published next week.</p>
</div></article></body></html>
""", """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Hội đồng nhân dân thông qua ngân sách</title>
<meta property="og:type" content="article"></head>
<body><article><h1>Hội đồng nhân dân thông qua ngân sách</h1>
<p class="author">Phương Loan</p><div class="date">Thứ ba, ngày 5 tháng 3 năm 2024 | 08:00</div>
<div class="article-content">
<p>Chiều 5/3, Hội đồng nhân dân thành phố đã thông qua dự toán ngân sách sau nhiều giờ thảo luận về
trường học và đường sá.</p>
<figure><img src="/a.jpg" alt="Các đại biểu biểu quyết" width="800" height="450">
<figcaption>Các đại biểu biểu quyết chiều 5/3.</figcaption></figure>
<p>Kết quả biểu quyết là bảy phiếu thuận, hai phiếu chống; kế hoạch sẽ được công bố vào tuần sau.</p>
</div></article></body></html>
""")


def _warm() -> None:
    for name in LIBRARIES:
        try:
            importlib.import_module(name)
        except Exception:  # not installed, or failing to import: the workers find out themselves
            pass
    try:
        import dateparser

        # Its language-independent tables (about 4 MB) are built on the first parse, in any language.
        for lang, text in (("en", "5 March 2024"), ("vi", "ngày 5 tháng 3 năm 2024")):
            dateparser.parse(text, languages=[lang], settings={"PARSERS": ["absolute-time"]})
    except Exception:
        pass
    try:
        from .document import Document
        from .engine import Linter

        linter = Linter()
        for page in PAGES:
            linter.lint(Document.from_text(page, "warm-up.html"))
    except Exception:  # a warm-up must never cost the run
        pass


_warm()
gc.collect()
gc.freeze()
