"""Dates: the dateline is found and parsed in every common shape, the house style and the
weekday are checked, machine dates are read with their offsets, and odd markup never crashes."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from lint.article import Article
from lint.document import Document
from lint.extract.dates import parse_machine, parse_visible

from conftest import ROOT, lint_snippet, require_shared

SEED_VARIANT = """Hội nghị tổng kết công tác khuyến nông năm 2020

Thứ 2, 01.03.2021 | 08:05:10
1.204 lượt xem

Sáng 01/03, Trung tâm Khuyến nông tỉnh tổ chức hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021.

Minh Anh (baobinhduong.vn)
"""


def _dates(text: str, kind: str = "text", **kw):
    return Article(Document.from_text(text, f"x.{ {'text': 'txt', 'html': 'html', 'markdown': 'md'}[kind]}",
                                      kind=kind, **kw)).dates


def _codes(res, code):
    return [(v.line, v.column) for v in res.violations if v.code == code]


@pytest.mark.parametrize("text,want", [
    ("Thứ 6, 26.02.2021 | 16:38:45", datetime(2021, 2, 26, 16, 38, 45)),
    ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", datetime(2023, 11, 2, 19, 20)),
    ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", datetime(2012, 12, 24, 3, 4)),
    ("Thứ Hai, 24/12/2012, 03:04 PM (GMT+7)", datetime(2012, 12, 24, 15, 4)),
    ("Thứ Ba, 25/12/2012 - 10:03", datetime(2012, 12, 25, 10, 3)),
    ("Thứ Tư, 26/12/2012 17:14", datetime(2012, 12, 26, 17, 14)),
    ("21/12/2012 - 08:04", datetime(2012, 12, 21, 8, 4)),
    ("09:41 21/01/2021", datetime(2021, 1, 21, 9, 41)),
    ("16:38 | 26/02/2021", datetime(2021, 2, 26, 16, 38)),
    ("Ngày 26 tháng 2 năm 2021", datetime(2021, 2, 26)),
    ("Cập nhật: 16:38 26-02-2021", datetime(2021, 2, 26, 16, 38)),
    ("February 26, 2021 4:38 PM", datetime(2021, 2, 26, 16, 38)),
    ("Fri 26 February 2021", datetime(2021, 2, 26)),
    ("26. Februar 2021", datetime(2021, 2, 26)),
    ("2021-02-26T16:38", datetime(2021, 2, 26, 16, 38)),
    ("jeudi 13 juin 2019", datetime(2019, 6, 13)),
    ("1er mars 2020", datetime(2020, 3, 1)),
    ("25 de septiembre de 2020", datetime(2020, 9, 25)),
    ("28 luglio 2020 10:43", datetime(2020, 7, 28, 10, 43)),
    ("20 septembrie 2020 16:20", datetime(2020, 9, 20, 16, 20)),
    ("15 августа 2016, 13:43", datetime(2016, 8, 15, 13, 43)),
    ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", datetime(2020, 10, 7, 12, 9)),
])
def test_fast_path_shapes(text, want):
    p = parse_visible(text)
    assert p is not None and p.value == want


def test_weekday_and_offset_are_read():
    p = parse_visible("Thứ Sáu, 26/02/2021, 16:38 (GMT+7)")
    assert p.weekday == 4 and p.offset.total_seconds() == 7 * 3600
    assert parse_visible("Chủ nhật, 28/02/2021").weekday == 6


def test_day_month_order_is_never_silent():
    p = parse_visible("03/04/2021", "DMY")
    assert p.value == datetime(2021, 4, 3) and p.ambiguous
    p = parse_visible("12/27/2012 12:25:45 PM", "DMY")  # GenK's US order: 27 cannot be a month
    assert p.value == datetime(2012, 12, 27, 12, 25, 45) and p.order == "MDY" and not p.ambiguous


def test_markup_resolves_an_ambiguous_order():
    html = """<html lang="en-GB"><head>
<meta property="article:published_time" content="2021-03-04T10:00:00+00:00"></head>
<body><h1>Bridge opens</h1><p class="date">03/04/2021</p>
<p>The new bridge over the river opened to traffic after two years of work on it.</p></body></html>"""
    d = _dates(html, "html")
    assert d.visible[0].value.date().isoformat() == "2021-03-04"
    assert not d.visible[0].ambiguous


def test_labels_say_published_or_updated():
    d = _dates("Tiêu đề\n\nCập nhật: Thứ Bảy, 27/02/2021, 08:00\nNội dung bài viết ở đây, khá dài.\n")
    assert d.visible[0].role == "modified"
    d = _dates("Title\n\nPublished February 26, 2021\nThe story goes on here for a while.\n")
    assert d.visible[0].role == "published"


@pytest.mark.parametrize("raw,value,has_time,has_offset", [
    ("2021-02-26T16:38:45+07:00", "2021-02-26T16:38:45+07:00", True, True),
    ("2021-02-26T09:38:45Z", "2021-02-26T09:38:45+00:00", True, True),
    ("2021-02-26T16:38:45.123", "2021-02-26T16:38:45", True, False),
    ("2021-02-26", "2021-02-26T00:00:00", False, False),
    ("26/02/2021", None, False, False),
    ("2021-02-30", None, False, False),
    ("2020-12-05T23:15:0Z", "2020-12-05T23:15:00+00:00", True, True),
])
def test_machine_dates(raw, value, has_time, has_offset):
    v, t, o = parse_machine(raw)
    assert (v.isoformat() if v else None, t, o) == (value, has_time, has_offset)


def test_seed_text():
    seed = next(require_shared("seed").glob("*.txt"))
    doc = Document.from_bytes(seed.read_bytes(), str(seed))
    d = Article(doc).dates
    assert d.visible[0].value == datetime(2021, 2, 26, 16, 38, 45)
    from lint import Config
    from lint.engine import Linter

    res = Linter(Config.model_validate({"select": ["DT"]})).lint(doc)
    assert _codes(res, "DT003") == [(3, 1)]
    assert "Thứ Sáu, 26/02/2021, 16:38 (GMT+7)" in next(v.message for v in res.violations if v.code == "DT003")
    assert _codes(res, "DT004") == []  # Thứ 6 is Friday


def test_seed_html_rebuild_gives_the_same_findings():
    path = ROOT / "examples" / "seed-article.html"
    text = path.read_text(encoding="utf-8")
    d = _dates(text, "html")
    assert d.visible[0].value == datetime(2021, 2, 26, 16, 38, 45)
    res = lint_snippet(text, "html", select=["DT"])
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "26.02.2021" in s)
    assert [ln for ln, _ in _codes(res, "DT003")] == [line]
    assert _codes(res, "DT004") == [] and _codes(res, "DT002") == []


def test_reworded_seed():
    d = _dates(SEED_VARIANT)
    assert d.visible[0].value == datetime(2021, 3, 1, 8, 5, 10)
    res = lint_snippet(SEED_VARIANT, "text", select=["DT"])
    assert _codes(res, "DT003") == [(3, 1)] and _codes(res, "DT004") == []
    wrong = SEED_VARIANT.replace("Thứ 2, 01.03.2021", "Thứ 3, 01.03.2021")
    assert _codes(lint_snippet(wrong, "text", select=["DT"]), "DT004") == [(3, 1)]
    html = ('<html lang="vi"><head><meta property="og:type" content="article"></head><body>'
            "<h1>Hội nghị tổng kết công tác khuyến nông năm 2020</h1>\n"
            '<span class="time-update">Thứ 2, 01.03.2021 | 08:05:10</span>\n'
            "<p>Sáng 01/03, Trung tâm Khuyến nông tỉnh tổ chức hội nghị tổng kết công tác năm 2020 và triển khai "
            "nhiệm vụ năm 2021 với các huyện.</p></body></html>")
    res = lint_snippet(html, "html", select=["DT"])
    assert _codes(res, "DT003") == [(2, 27)] and _codes(res, "DT004") == []


def test_house_style_from_config():
    fmt = {"vi": "{weekday_digit}, {dd}.{mm}.{yyyy} | {HH}:{MM}:{SS}"}
    res = lint_snippet(SEED_VARIANT, "text", select=["DT003"], **{"house-style": {"date-format": fmt}})
    assert res.violations == []
    res = lint_snippet(SEED_VARIANT.replace("01.03.2021 | 08:05:10", "01/03/2021 08:05"), "text",
                       select=["DT003"], **{"house-style": {"date-format": fmt}})
    assert "'Thứ 2, 01.03.2021 | 08:05:00'" in res.violations[0].message
    assert _codes(res, "DT003") == [(3, 1)]


def test_front_matter_dates_keep_their_location():
    md = "---\ntitle: Cầu mới\ndate: \"2021-02-26T16:38:00\"\nlastmod: 26/02/2021\n---\nNội dung.\n"
    res = lint_snippet(md, "markdown", select=["DT001"])
    assert _codes(res, "DT001") == [(4, 10)]
    d = Article(Document.from_text(md, "x.md", kind="markdown")).dates
    assert [m.raw for m in d.machine] == ["2021-02-26T16:38:00", "26/02/2021"]


def test_dates_in_a_json_ld_block_that_does_not_parse_are_read():
    html = """<html lang="en"><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge opens",
 "datePublished": "2021-02-26T16:38:00+01:00", "dateModified": "2021-02-27T08:00:00+01:00",}
</script></head><body><h1>Bridge opens</h1><p>The new bridge opened after two years of work.</p></body></html>"""
    d = _dates(html, "html")
    assert d.published() == (datetime.fromisoformat("2021-02-26T16:38:00+01:00"), "json-ld datePublished")
    assert [(m.prop, m.role) for m in d.machine if m.source == "json-ld"] == [
        ("datePublished", "published"), ("dateModified", "modified")]


def test_a_date_in_the_headline_is_not_the_dateline():
    html = """<html lang="de"><body><div class="post-meta-wrapper"><h1>Ergebnisse vom 19.5.2007</h1>
<p>von Marc | <span class="published">20. Mai 2007</span></p></div>
<p>Die Ergebnisse der Meisterschaften in Aalen sind da, mit allen Zeiten und Weiten.</p></body></html>"""
    d = _dates(html, "html")
    assert d.published()[0] == datetime(2007, 5, 20)


def test_a_dateline_above_the_headline_beats_one_far_below_it():
    html = ("<html lang=\"hu\"><body><div class=\"article-meta\"><span class=\"article-datetime\">"
            "2020. 08. 18. 21:35</span></div>\n" + "<p>Rovat</p>\n" * 8 + "<h1>Hosszú cím a cikk tetején</h1>\n"
            + "<p>Szöveg a cikkben, elég hosszú bekezdés.</p>\n" * 60
            + "<div class=\"info-line\">2020.08.19.08.00.Zamárdi</div></body></html>")
    d = _dates(html, "html")
    assert d.published()[0] == datetime(2020, 8, 18, 21, 35)


def test_a_time_showing_the_day_of_its_utc_value_means_the_site_writes_utc():
    html = """<html lang="de"><body><article itemscope itemtype="https://schema.org/CreativeWork">
<h1 itemprop="headline">Protokoll der Vorstandssitzung</h1>
<a href="/?p=5031" rel="bookmark"><time class="entry-date published" datetime="2019-12-26T23:07:45+00:00"
 itemprop="datePublished">26/12/2019</time></a>
<p>Das Protokoll der Sitzung ist nun online, mit allen Beschlüssen des Vorstands.</p></article></body></html>"""
    d = _dates(html, "html")
    value, where = d.published()
    assert where == "microdata datepublished"
    assert d.local(value).date().isoformat() == "2019-12-26"
    assert d.site_tz_from == "the visible date of a <time> against its UTC value"


def test_timezone_config_decides_the_day():
    html = """<html lang="en"><head>
<meta property="article:published_time" content="2021-02-26T23:30:00Z"></head>
<body><h1>Bridge opens</h1><p class="date">February 27, 2021</p>
<p>The new bridge over the river opened to traffic after two years of work on it.</p></body></html>"""
    assert _codes(lint_snippet(html, "html", select=["DT006"], **{"house-style": {"timezone": "Asia/Ho_Chi_Minh"}}),
                  "DT006") == []
    assert _codes(lint_snippet(html, "html", select=["DT006"], **{"house-style": {"timezone": "UTC"}}),
                  "DT006") == [(2, 41)]


@pytest.mark.parametrize("value", ['1614332325', '["2021-02-26", 5]', '{"@value": "2021-02-26"}', 'null',
                                   '"' + "9" * 5000 + '"', '"0000-00-00T00:00:00"', '"9999-12-31T23:59:59-14:00"',
                                   '"0001-01-01T00:00:00+14:00"', 'true', '[]',
                                   '"2021-02-30",', '"' + "9" * 5000 + '",', '"\\"2021-02-26",'])
def test_odd_markup_never_crashes(value):
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
            + value + ', "dateModified": ' + value + '}</script></head><body><time datetime="">x</time>'
            '<time datetime="PT3M">3 min</time><p class="date">99/99/9999 99:99</p></body></html>')
    res = lint_snippet(html, "html", select=["DT"])
    assert res.error is None


def test_dateparser_is_not_imported_on_the_fast_path():
    code = ("import sys\nfrom lint.document import Document\nfrom lint.engine import Linter\nfrom lint import Config\n"
            "doc = Document.from_bytes(open(sys.argv[1], 'rb').read(), sys.argv[1])\n"
            "Linter(Config.model_validate({'select': ['DT']})).lint(doc)\n"
            "print('dateparser' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "seed-article.html")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_corpus_disagreements_reviewed_true_are_reported():
    """Every page whose markup/visible disagreement was judged real in bench/dtby/verdicts.jsonl
    still gets DT006."""
    import json

    from conftest import require_corpus

    corpus = require_corpus()
    rows = [json.loads(x) for x in (ROOT / "bench" / "dtby" / "verdicts.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    files = sorted({r["file"] for r in rows if r["code"] == "DT006" and r["verdict"] == "true"})
    assert files
    from lint import Config
    from lint.engine import Linter

    linter = Linter(Config.model_validate({"select": ["DT006"]}))
    missed = []
    for f in files:
        path = corpus / f
        res = linter.lint(Document.from_bytes(path.read_bytes(), str(path)))
        if not any(v.code == "DT006" for v in res.violations):
            missed.append(f)
    assert missed == []



from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Parts of datelines in every case, with the characters a case-blind search reads as other letters
# (ſ as s, ı and İ as i, ᲀ as в) and Σ, whose lower case depends on its place.
_WEEKDAYS = ["", "Thứ Hai, ", "THỨ BA ", "thứ 6, ", "Chủ Nhật ", "CHỦ NHẬT, ", "CN ", "Monday, ", "MONDAY ",
             "Tue., ", "Sonntag, ", "ſonntag, ", "SUNDAY | ", "Thứ ſáu, "]
_DAYS = ["5", "05", "12", "31", "13", "0", "5ſt", "5th", "1ST", "2nd", "3er", "ngày 5", "NGÀY 05"]
_MONTHS = ["March", "MARCH", "mar.", "Sept", "SEPT", "ſept", "märz", "MÄRZ.", "Août", "DÉCEMBRE", "декабря",
           "ДЕКАБРЯ", "aᲀгуста", "Aprıl", "APRİL", "tháng 3", "THÁNG 12", "of May", "DE MARZO DE", "/03/", ".3.",
           "-12-"]
_YEARS = ["2021", "1999", "21", "năm 2020", "NĂM 2020", ", 2020", "2020年"]
_TIMES = ["", " 10:30", " 10H30", ", 7h05 PM", " lúc 10:30", " AT 9:15 p.m.", " um 10:00 SA", " 10:30 CH",
          " 10:30 (GMT+7)", " 10:30 GMT + 07:00", " 8:00 EST", " 8:00 Et", " 8:00 ICT", "T10:30Z"]
_NOISE = ["", "Updated ", "Cập nhật: ", "ΣΑ ", "ſ", "ı ", "İ", "K ", "Σ", "x", "\u00a0", "2020-03-05 ", "· ",
          "LAST MODIFIED ON ", "Posted at ", "ĐĂNG LÚC ", "Veröffentlicht am ", "ſtand ", "edıted ", "PUBLIÉ LE "]


def _dateline_texts():
    shaped = st.builds(lambda *parts: "".join(parts), st.sampled_from(_NOISE), st.sampled_from(_WEEKDAYS),
                       st.sampled_from(_DAYS), st.sampled_from([" ", "", "  ", " of "]), st.sampled_from(_MONTHS),
                       st.sampled_from([" ", "", " 5, ", " 05 "]), st.sampled_from(_YEARS),
                       st.sampled_from(_TIMES), st.sampled_from(_NOISE))
    pieces = _WEEKDAYS + _DAYS + _MONTHS + _YEARS + _TIMES + _NOISE + [" ", "/", ".", "-", ",", "T", "Z"]
    loose = st.lists(st.sampled_from(pieces), max_size=10).map("".join)
    return st.one_of(shaped, loose)


@settings(max_examples=800, deadline=None)
@given(_dateline_texts())
def test_lower_case_search_finds_what_the_case_blind_one_finds(text):
    """The date and label patterns are searched in lower case (the fast way); wherever that is used,
    it finds the same date, at the same place, with the same parts as written, as the case-blind
    patterns."""
    from lint.extract.dates import _first_date

    from lint.extract.dates import _LABEL, _LABEL_LOWER, _lowered

    fast, reference = _first_date(text), _first_date(text, low=None)
    assert (fast is None) == (reference is None)
    if fast is not None:
        assert (fast[0], fast[1].span(), fast[2]) == (reference[0], reference[1].span(), reference[2])
    low = _lowered(text)
    if low is not None:  # the labels before a date ("Updated", "Cập nhật") likewise
        assert [(m.span(), m.span("upd")) for m in _LABEL_LOWER.finditer(low)] == \
            [(m.span(), m.span("upd")) for m in _LABEL.finditer(text)]


def test_elements_inside_a_nav_footer_or_aside_are_told_apart():
    """Elements inside a nav, footer or aside (or one of those) are not read for dates and bylines;
    every other element is."""
    import lxml.html

    from lint.extract.dates import _in_skipped

    root = lxml.html.document_fromstring(
        "<html><body><header><nav><ul><li><a>1</a></li></ul></nav><h1>T</h1></header>"
        "<article><p><time>2</time></p><aside><div><span>3</span></div></aside><p><b>4</b></p></article>"
        "<footer><p><small>5</small></p></footer><div><span>6</span></div></body></html>")
    got = [el.tag + (el.text or "") for el in root.iter() if _in_skipped(el)]
    assert got == ["nav", "ul", "li", "a1", "aside", "div", "span3", "footer", "p", "small5"]


def _element_text_reference(el, limit=None):
    """The element text as first written: every piece stripped, collapsed, joined, collapsed again."""
    out = ""
    for t in el.itertext():
        if not t.strip():
            continue
        t = " ".join(t.split())
        if out and out[-1].isdigit() and t[:1].isdigit():
            out += " "
        elif out and not t[:1] in ",.:;)" and out[-1:] != " ":
            out += "" if out[-1].isalpha() and t[:1].isalpha() else " "
        out += t
        if limit is not None and len(out) > limit:
            break
    return " ".join(out.split())


_TEXT_PIECES = ["28.09.19", "12:44", " ", "\n  ", "\u00a0", "\u2009", "Cập nhật", "lúc", ",", ".", ")", "(", ":",
                "a", "B", "7", "x y", "  z  ", "–", "2021", "Thứ Hai", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["span", "b", "time", "i"]),
                          st.lists(st.sampled_from(_TEXT_PIECES), max_size=3).map("".join),
                          st.lists(st.sampled_from(_TEXT_PIECES), max_size=3).map("".join)), max_size=6),
       st.lists(st.sampled_from(_TEXT_PIECES), max_size=3).map("".join), st.sampled_from([None, 5, 12, 160]))
def test_an_element_text_reads_as_before(children, lead, limit):
    """A candidate element's text (children kept apart, white space collapsed) is what it always was."""
    from lxml import etree

    from lint.extract.dates import _element_text

    root = etree.Element("div")
    root.text = lead
    for tag, text, tail in children:
        child = etree.SubElement(root, tag)
        child.text, child.tail = text, tail
    assert _element_text(root, limit) == _element_text_reference(root, limit)
