"""HTML, Markdown with front matter, and plain text feed the same article model."""

from __future__ import annotations

import json

from conftest import SHARED, lint_snippet, out, run_cli

MD = """---
title: "Cầu mới thông xe"
date: 2021-02-26
author: Phương Loan
lang: vi
---

Chiều 26/02, cây cầu mới bắc qua sông Đáy đã chính thức thông xe sau hai năm thi công.

{{< figure src="/img/cau.jpg" caption="Cầu mới nhìn từ bờ sông" >}}

{{< youtube id="abc123" >}}

{% include related.html %}

![IMG_2041.jpg](/img/IMG_2041.jpg)

Người dân địa phương vui mừng khi cây cầu hoàn thành đúng tiến độ.
"""


def test_markdown_front_matter_feeds_the_model(tmp_path):
    f = tmp_path / "cau.md"
    f.write_text(MD, encoding="utf-8")
    p = run_cli("inspect", f)
    model = json.loads(out(p))
    assert model["kind"] == "markdown"
    assert model["headline"]["text"] == "Cầu mới thông xe"
    assert model["language"] == "vi"
    assert any(a["name"] == "Phương Loan" and a["found_in"] == "front-matter" for a in model["byline"]["authors"])
    assert any(m["source"] == "front-matter" and m["value"] == "2021-02-26" for m in model["dates"]["machine"])
    srcs = [i["src"] for i in model["images"]]
    assert srcs == ["/img/cau.jpg", "/img/IMG_2041.jpg"]
    assert model["images"][0]["caption"] == "Cầu mới nhìn từ bờ sông"
    texts = " ".join(b["text"] for b in model["blocks"])
    assert "youtube" not in texts and "include" not in texts and "{{" not in texts


def test_markdown_locations_point_into_the_markdown_file(tmp_path):
    f = tmp_path / "cau.md"
    f.write_text(MD.replace("cây cầu hoàn thành", "cây cầuHoàn thành"), encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001,TX001", "--format", "json", f)
    v = json.loads(out(p))["documents"][0]["violations"]
    lines = MD.splitlines()
    got = {(x["code"], x["line"], x["column"]) for x in v}
    assert ("IM001", 10, 1) in got  # the figure shortcode without alt
    tx = [x for x in v if x["code"] == "TX001"]
    assert [(x["line"], x["column"]) for x in tx] == [(18, 42)]
    assert lines[17].startswith("Người dân địa phương")


def test_shortcodes_and_liquid_are_never_reported(tmp_path):
    res = lint_snippet(MD, kind="markdown", select=["ALL"])
    assert res.error is None
    for v in res.violations:
        assert "youtube" not in v.context and "{%" not in v.context, v


def test_plain_text_dateline_and_byline():
    text = SHARED / "seed" / "000_30847cd1777efa30.txt"
    if not text.exists():
        text_body = "Tiêu đề\n\nThứ 6, 26.02.2021 | 16:38:45\n\nNội dung bài viết đủ dài.\n\nPhương Loan (nbtv.vn)\n"
    else:
        text_body = text.read_text(encoding="utf-8")
    from lint.article import Article
    from lint.document import Document

    a = Article(Document.from_text(text_body, "seed.txt", kind="text"))
    assert a.dates.visible and a.dates.visible[0].text.startswith("Thứ 6, 26.02.2021")
    assert a.byline.visible.name == "Phương Loan"
    assert [s for s, _ in a.byline.sources] == ["nbtv.vn"]


def test_article_only_rules_skip_section_fronts():
    front = """<html lang="vi"><head><meta property="og:type" content="website"><title>Thời sự</title></head>
<body><h1>Thời sự</h1><ul><li><a href="/a.html">Tin một</a></li><li><a href="/b.html">Tin hai</a></li></ul>
<img src="/anh/tin-mot.jpg" width="300" height="200"></body></html>"""
    res = lint_snippet(front, select=["SD001", "BY001", "IM001"])
    assert {v.code for v in res.violations} <= {"IM001"}
    article = front.replace('content="website"', 'content="article"')
    res = lint_snippet(article, select=["SD001", "BY001"])
    assert {v.code for v in res.violations} == {"SD001", "BY001"}
