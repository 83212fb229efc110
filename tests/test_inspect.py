"""`newslint inspect` shows why a rule fired or did not: body, dates, byline, images, markup."""

from __future__ import annotations

import json

from conftest import ROOT, out, run_cli


def test_inspect_seed_rebuild():
    p = run_cli("inspect", ROOT / "examples" / "seed-article.html")
    assert p.returncode == 0
    m = json.loads(out(p))
    assert m["kind"] == "html" and m["language"] == "vi"
    assert m["is_article"] is True and m["is_article_reason"]
    assert m["headline"]["text"].startswith("Ký kết giao ước thi đua")
    assert m["body"]["element"].startswith("div") and "article" in m["body"]["element"]
    assert m["body"]["reason"]
    assert m["byline"]["visible"]["name"] == "Phương Loan"
    assert any(s["source"] == "nbtv.vn" for s in m["byline"]["sources"])
    content = [i for i in m["images"] if i["content"]]
    assert [i["src"].rsplit("/", 1)[-1] for i in content] == ["hoi-nghi.jpg", "ky-ket.jpg"]
    assert all(i["alt"] is None and i["reason"] for i in content)
    logo = next(i for i in m["images"] if i["src"].endswith("logo.png"))
    assert logo["content"] is False
    assert m["markup"]["json_ld"] == []


def test_inspect_clean_article_markup():
    m = json.loads(out(run_cli("inspect", ROOT / "examples" / "clean-article.html")))
    blocks = m["markup"]["json_ld"]
    assert len(blocks) == 1 and blocks[0]["parses"] and "NewsArticle" in blocks[0]["types"]
    assert m["markup"]["article"]["headline"].startswith("Ký kết giao ước thi đua")
    assert any(d["property"] == "datePublished" for d in m["dates"]["machine"])


def test_inspect_unreadable_file_is_exit_2(tmp_path):
    f = tmp_path / "x.html"
    f.write_bytes(b"%PDF-1.7\n\x00\x01")
    p = run_cli("inspect", f)
    assert p.returncode == 2 and "PDF" in p.stderr.decode()
