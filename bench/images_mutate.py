"""Recall of the IM alt rules on corpus pages with defects put in on purpose.

For every page of the development corpus (or of ``--corpus DIR`` with a manifest.jsonl, for
held-out pages) the mutator picks, with a fixed seed, one image per kind of defect and edits
that image's tag in the page source:

- ``remove-alt``   : delete the alt attribute                        -> IM001 image-alt-missing
- ``file-name``    : set alt to a camera file name (IMG_4821.jpg...)  -> IM003 image-alt-file-name
- ``copy-caption`` : set alt to the figure's caption text             -> IM005 image-alt-repeats-caption

Which images are mutated does not depend on newslint's content/decoration judgement: an image
qualifies when its publisher wrote a descriptive alt (two words or more, not a file name, not a
logo), it sits in the article body (``article.body``, chosen by lint/extract/body.py) or in a
``<figure>`` with a caption, it is not a link to another page, not in a list (``li``), nav, aside,
footer, form or button, not 100 px or smaller on a side, neither it nor an ancestor hidden
(``hidden``, ``display:none``, ``visibility:hidden``), not in a ``<noscript>``, not marked
decorative, and the page itself does not mark it as chrome (``publisher_chrome``): by its own alt
text or file path (icon, logo, avatar, author, profile, print, e-mail, rating, social, share,
teaser, related, recommendation, newsletter, promo, banner, paywall, sidebar, footer, comment...),
a size of 100 px or less in its URL's query, or the class or id of a container between it and the
body, ``<article>`` or ``<main>`` (a container that also holds the page's ``<h1>`` is the page's
layout and ends that walk). These are the publisher's own words and markup, read with a word list
of this script's own, not newslint's classifier; the count of otherwise eligible images left out
this way is printed. For ``copy-caption`` the image must sit in a ``<figure>`` whose
``<figcaption>`` has two words or more. A hit is a violation of the expected rule located inside
the mutated tag. The same rules are run on the unmutated page too (``before``: hits already at
that tag, which would make the hit meaningless; ``page findings``: all findings of the rule on the
unmutated pages).

    python bench/images_mutate.py [--corpus DIR] [--seed 7] [--misses FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.article import Article  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.document import Document  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.extract.images import image_span  # noqa: E402

SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
KINDS = {"remove-alt": "IM001", "file-name": "IM003", "copy-caption": "IM005"}
_ALT_ATTR = re.compile(r"""\salt(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""", re.IGNORECASE)
_FILE_NAMES = ["IMG_4821.jpg", "DSC01234.JPG", "photo-1.png", "IMG_20231102_151509.jpg", "W-20251115_151509.jpg",
               "DSC_0412", "z4523791-anh-hien-truong-2.jpg", "image001.png"]
_LOGO = re.compile(r"logo", re.IGNORECASE)


def _words(s: str | None) -> int:
    return len((s or "").split())


def _eligible(img, body, chrome: bool = False) -> bool:
    """An image a person would call content: in the body (or a captioned figure), not a link to
    another page, not in a list of links, not small, with a descriptive alt from its publisher."""
    el = img.element
    ancestors = list(el.iterancestors())
    in_body = body is not None and body in ancestors
    if not in_body and not _figcaption(img):
        return False
    for a in ancestors:
        if a is body:
            break
        if a.tag == "li" or a.tag in ("nav", "aside", "footer", "form"):
            return False
        if a.tag == "a" and (a.get("href") or "") and not re.search(r"\.(?:jpe?g|png|gif|webp)(?:\?|$)",
                                                                     a.get("href") or "", re.IGNORECASE):
            return False
    if (img.width is not None and img.width <= 100) or (img.height is not None and img.height <= 100):
        return False
    if (el.get("role") or "").lower() in ("presentation", "none") or (el.get("aria-hidden") or "") == "true":
        return False
    if (img.width is not None and img.width <= 2) or (img.height is not None and img.height <= 2):
        return False
    if not img.src or img.src.startswith("data:"):
        return False
    if any(isinstance(a.tag, str) and (a.tag in ("noscript", "button") or a.get("hidden") is not None
                                       or _HIDDEN_STYLE.search(a.get("style") or ""))
           for a in [el, *el.iterancestors()]):
        return False
    from lint.checks.images import file_name_like

    if _words(img.alt) < 2 or file_name_like(img.alt) or _LOGO.search(img.alt or ""):
        return False
    return chrome or publisher_chrome(img) is None


_PUBLISHER_CHROME = re.compile(
    r"(?:^|[\W_])(?:icons?|ikon|logos?|avatars?|authors?|autor|byline|profiles?|loaders?|rating|stars?|print|printer|"
    r"e-?mail|facebook|twitter|social|share|teaser|related|recommend\w*|newsletter|promo|banners?|paywall|sidebar|"
    r"footer|comments?)(?:$|[\W_\d])", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_QUERY_SIZE = re.compile(r"[?&](?:w|width|h|height)=(\d{1,4})(?:&|$)", re.IGNORECASE)


def publisher_chrome(img) -> str | None:
    """Why the page itself says this image is chrome, or None: its own alt text, its file's
    path or a size in its URL's query, or the class of a container up to the body."""
    if _PUBLISHER_CHROME.search(img.alt or ""):
        return "its alt text"
    src = (img.src or "")
    if _PUBLISHER_CHROME.search(src.split("?", 1)[0]):
        return "its file path"
    m = _QUERY_SIZE.search(src)
    if m and int(m.group(1)) <= 100:
        return "a size of 100 px or less in its URL"
    headline = {a for h in img.element.getroottree().iter("h1") for a in h.iterancestors()}
    for a in img.element.iterancestors():
        if a.tag in ("body", "article", "main") or a in headline:
            break  # a container that holds the page's headline is its layout, not a box beside the story
        if _PUBLISHER_CHROME.search(" ".join(filter(None, [a.get("class"), a.get("id")]))):
            return "a container's class"
    return None


def _figcaption(img) -> str | None:
    if img.figure is None:
        return None
    cap = img.figure.find(".//figcaption")
    if cap is None:
        return None
    t = " ".join(cap.text_content().split())
    return t if _words(t) >= 2 else None


def _attr_value(v: str) -> str:
    return '"' + v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;") + '"'


def mutate(text: str, span: tuple[int, int], kind: str, value: str | None) -> tuple[str, tuple[int, int]] | None:
    s, e = span
    tag = text[s:e]
    m = _ALT_ATTR.search(tag)
    if m is None:
        return None
    if kind == "remove-alt":
        new = tag[:m.start()] + tag[m.end():]
    else:
        new = tag[:m.start()] + " alt=" + _attr_value(value) + tag[m.end():]
    return text[:s] + new + text[e:], (s, s + len(new))


def load(corpus: Path):
    for line in open(corpus / "manifest.jsonl", encoding="utf-8"):
        r = json.loads(line)
        p = corpus / r["file"]
        data = gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes()
        yield r, p, data


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--misses", metavar="FILE", help="write the missed mutations as JSON Lines")
    ap.add_argument("--verbose", action="store_true", help="name each page on stderr as it is read")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    linter = Linter(Config.model_validate({"select": sorted(set(KINDS.values()))}))
    stats = {k: {"tried": 0, "hit": 0, "before": 0} for k in KINDS}
    left_out = 0
    page_findings = {c: 0 for c in KINDS.values()}
    misses = []
    for r, path, data in load(Path(args.corpus)):
        if args.verbose:
            print(r["file"], file=sys.stderr, flush=True)
        doc = Document.from_bytes(data, str(path), url=r.get("url"))
        if doc.kind != "html":
            continue
        base = linter.lint(doc)
        for v in base.violations:
            page_findings[v.code] = page_findings.get(v.code, 0) + 1
        art = Article(doc)
        try:
            body = art.body.element
            candidates = [i for i in art.images if _eligible(i, body, chrome=True)]
            images = [i for i in candidates if publisher_chrome(i) is None]
            left_out += len(candidates) - len(images)
        except Exception:
            continue
        for kind, code in KINDS.items():
            pool = images
            if kind == "copy-caption":
                pool = [i for i in images if _figcaption(i) and _figcaption(i) != (i.alt or "").strip()]
            if not pool:
                continue
            img = rng.choice(pool)
            span = image_span(art, img)
            if span is None:
                continue
            value = {"remove-alt": None, "file-name": rng.choice(_FILE_NAMES),
                     "copy-caption": _figcaption(img)}[kind]
            out = mutate(doc.text, span, kind, value)
            if out is None:
                continue
            text, (s, e) = out
            before = any(v.code == code and span[0] <= v.offset < span[1] for v in base.violations)
            res = linter.lint(Document.from_text(text, str(path), kind="html", url=r.get("url")))
            hit = any(v.code == code and s <= v.offset < e for v in res.violations)
            st = stats[kind]
            st["tried"] += 1
            st["hit"] += hit
            st["before"] += before
            if not hit:
                mart = Article(Document.from_text(text, str(path), kind="html"))
                reason = next((i.reason for i in mart.images if (image_span(mart, i) or (0, 0))[0] == s), "?")
                misses.append({"file": r["file"], "kind": kind, "src": (img.src or "")[-100:], "alt": img.alt,
                               "reason": reason})
    print(f"corpus: {args.corpus}  seed: {args.seed}")
    print("| mutation | rule | mutated | found | recall | already flagged before | rule's findings on unmutated pages |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, code in KINDS.items():
        st = stats[kind]
        rec = st["hit"] / st["tried"] if st["tried"] else float("nan")
        print(f"| {kind} | {code} | {st['tried']} | {st['hit']} | {rec:.3f} | {st['before']} | {page_findings[code]} |")
    print(f"\nimages otherwise eligible, left out as publisher-marked chrome: {left_out}")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as fh:
            for m in misses:
                fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
