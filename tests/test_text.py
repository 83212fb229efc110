"""TX: the body's text as a reader sees it, and the text rules on the founding example, a reworded
variant of it (text and HTML), English text, other languages and odd input."""

from __future__ import annotations

import pytest

from conftest import IN_CI, ROOT, lint_snippet, require_shared

from lint.article import Article
from lint.document import Document


def _dictionary_or_skip():
    from lint.checks.text import vietnamese_dictionary

    if vietnamese_dictionary() is None:
        msg = "the optional word list (pip install underthesea) is not installed"
        if IN_CI:
            pytest.fail(msg + " (CI=true: the test extra includes it)")
        pytest.skip(msg)


def tx(text: str, kind: str = "html", lang: str | None = None, select=("TX",)):
    cfg = {"language": lang} if lang else {}
    res = lint_snippet(text, kind=kind, select=list(select), **cfg)
    assert res.error is None, res.error
    return res.violations


def where(vs, code=None):
    return sorted((v.line, v.column) for v in vs if code is None or v.code == code)


def blocks(html: str):
    return [b.text for b in Article(Document.from_text(html, "x.html")).blocks]


# --------------------------------------------------------------------------- rendering
def test_inline_elements_do_not_separate_and_blocks_do():
    html = ('<html><body><article><p><em>Quang cảnh hội nghị</em>Với tinh thần</p>'
            '<figure><img src="a.jpg"><figcaption>Chú thích</figcaption></figure><p>Đoạn sau</p></article></body></html>')
    assert blocks(html) == ["Quang cảnh hội nghịVới tinh thần", "Chú thích", "Đoạn sau"]


def test_br_breaks_white_space_collapses_nbsp_kept_hidden_and_code_skipped():
    html = ('<html><body><article><p>Dòng  một\n<br>dòng hai&nbsp;tiếp <span style="display:none">ẩn</span>'
            '<code>x()</code> <script>var a;</script>hết.</p></article></body></html>')
    assert blocks(html) == ["Dòng một\ndòng hai\u00a0tiếp hết."]


def test_offsets_map_back_to_the_source_line_and_column():
    html = ('<html lang="vi"><body><article>\n<p>Mở đầu bài viết với đủ chữ để làm thân bài.</p>\n'
            '<p><img src="a.jpg"><em>Quang cảnh hội nghị</em>Với tinh thần đoàn kết, các đơn vị đã ký kết.</p>\n'
            '</article></body></html>')
    vs = tx(html, select=["TX001"])
    line = html.splitlines()[vs[0].line - 1]
    assert line[vs[0].column - 1:].startswith("Với tinh thần")


# --------------------------------------------------------------------------- the founding example
def _seed_findings(vs):
    got = {}
    for v in vs:
        got.setdefault(v.code, []).append(v.line)
    return got


def test_seed_text_gets_exactly_the_expected_findings():
    _dictionary_or_skip()
    seed = require_shared("seed/000_30847cd1777efa30.txt")
    vs = tx(seed.read_text(encoding="utf-8"), kind="text", lang="vi")
    got = _seed_findings(vs)
    assert where(vs, "TX001") == [(8, 20)]
    assert got["TX003"] == [12]
    assert got["TX007"] == [4, 16, 18, 19, 21]
    assert got["TX018"] == [10]
    assert sorted(got["TX019"]) == [6, 10]
    assert set(got) == {"TX001", "TX003", "TX007", "TX018", "TX019"}, got
    # nothing on the end mark ./. or the byline
    line12 = seed.read_text(encoding="utf-8").splitlines()[11]
    assert all(v.column < line12.index("./.") for v in vs if v.line == 12)
    assert not [v for v in vs if v.line == 14]
    tien = next(v for v in vs if v.code == "TX018")
    assert "tiên tiến" in tien.message and tien.severity == "info"


def test_seed_html_rebuild_gets_the_same_findings_at_the_matching_places():
    _dictionary_or_skip()
    path = ROOT / "examples" / "seed-article.html"
    html = path.read_text(encoding="utf-8")
    lines = html.splitlines()
    vs = tx(html)

    def at(v):
        return lines[v.line - 1][v.column - 1:]

    assert [at(v)[:13] for v in vs if v.code == "TX001"] == ["Với tinh thần"]
    assert [at(v)[:11] for v in vs if v.code == "TX003"] == ["Tại hội ngh"]
    assert [at(v)[:9] for v in vs if v.code == "TX018"] == ["tiến tiến"]
    widgets = sorted(at(v).split("<")[0] for v in vs if v.code == "TX007")
    assert widgets == sorted(["228 lượt xem", "Ý kiến ()", "0 / 500 ký tự", "Đang tải dữ liệu", "Tin liên quan"])
    assert {v.code for v in vs} == {"TX001", "TX003", "TX007", "TX018"}
    assert not [v for v in vs if "Phương Loan" in lines[v.line - 1]]


VARIANT = """Tổng kết công tác thi đua khen thưởng năm 2022 của các cơ quan tỉnh

Thứ 2, 09.01.2023 | 09:15:02
1.045 lượt xem

Sáng 9/1, Ban Thi đua - Khen thưởng tỉnh tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2022.\u00a0

Toàn cảnh buổi lễ tổng kếtTheo báo cáo, năm 2022 các đơn vị đã hoàn thành tốt nhiệm vụ chính trị được giao.

Bên cạnh đó, các đơn vị đã phát hiện và nhân rộng nhiều mô hình hay, điển hình tiến tiến trong phong trào thi đua. \u00a0

Lãnh đạo tỉnh trao bằng khen cho các tập thể\u00a0Trong năm 2023, các đơn vị tiếp tục đẩy mạnh phong trào thi đua yêu nước./.

Minh Anh (baotinh.vn)

Bình luận (0)

0 / 1000 ký tự
Đang tải dữ liệu

Bài liên quan
"""


def test_reworded_variant_text_gets_the_same_findings():
    _dictionary_or_skip()
    vs = tx(VARIANT, kind="text", lang="vi")
    got = _seed_findings(vs)
    assert where(vs, "TX001") == [(8, 27)]
    assert got["TX003"] == [12]
    assert got["TX007"] == [4, 16, 18, 19, 21]
    assert got["TX018"] == [10]
    assert set(got) == {"TX001", "TX003", "TX007", "TX018", "TX019"}, got


def test_reworded_variant_html_gets_the_same_findings():
    _dictionary_or_skip()
    html = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tổng kết thi đua</title></head>
<body><main><article class="detail">
<h1>Tổng kết công tác thi đua khen thưởng năm 2022 của các cơ quan tỉnh</h1>
<div class="date">Thứ 2, 09.01.2023 | 09:15:02</div>
<div class="article-content">
<div class="views">1.045 lượt xem</div>
<p>Sáng 9/1, Ban Thi đua - Khen thưởng tỉnh tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2022.</p>
<p><img src="/a.jpg" width="800" height="500"><span class="caption">Toàn cảnh buổi lễ tổng kết</span>Theo báo cáo, năm 2022 các đơn vị đã hoàn thành tốt nhiệm vụ chính trị được giao.</p>
<p>Bên cạnh đó, các đơn vị đã phát hiện và nhân rộng nhiều mô hình hay, điển hình tiến tiến trong phong trào thi đua.</p>
<p><img src="/b.jpg" width="800" height="500"><i>Lãnh đạo tỉnh trao bằng khen cho các tập thể</i> Trong năm 2023, các đơn vị tiếp tục đẩy mạnh phong trào thi đua yêu nước./.</p>
<p class="author">Minh Anh (baotinh.vn)</p>
<div class="comments"><h3>Bình luận (0)</h3><span>0 / 1000 ký tự</span><div>Đang tải dữ liệu</div></div>
<h3>Bài liên quan</h3>
</div></article></main></body></html>
"""
    lines = html.splitlines()
    vs = tx(html)

    def at(v):
        return lines[v.line - 1][v.column - 1:]

    assert [at(v)[:10] for v in vs if v.code == "TX001"] == ["Theo báo c"]
    assert [at(v)[:10] for v in vs if v.code == "TX003"] == ["Trong năm "]
    assert [at(v)[:9] for v in vs if v.code == "TX018"] == ["tiến tiến"]
    widgets = sorted(at(v).split("<")[0] for v in vs if v.code == "TX007")
    assert widgets == sorted(["1.045 lượt xem", "Bình luận (0)", "0 / 1000 ký tự", "Đang tải dữ liệu", "Bài liên quan"])
    assert {v.code for v in vs} == {"TX001", "TX003", "TX007", "TX018"}


def test_english_article_with_the_same_defects():
    html = """<html lang="en"><body><article>
<p>The council met on Monday to agree the budget for the coming year, officials said.</p>
<p><img src="a.jpg" width="800" height="500"><em>The new bridge over the river</em>Work began in March and is due to finish next spring.</p>
<p>Residents welcomed the the plan at a public meeting.</p>
<p>Share this article</p>
<p>Loading comments...</p>
</article></body></html>"""
    lines = html.splitlines()
    vs = tx(html)
    codes = {(v.code, lines[v.line - 1][v.column - 1:][:8]) for v in vs}
    assert ("TX002", "Work beg") in codes
    assert ("TX017", "the the ") in codes
    assert ("TX007", "Share th") in codes and ("TX007", "Loading ") in codes
    assert next(v for v in vs if v.code == "TX002").severity == "warning"


def test_end_mark_and_closing_byline_are_never_flagged():
    text = "Các đơn vị đã trao cờ thi đua xuất sắc cho 5 tập thể trong năm 2020./.\n\nPhương Loan (nbtv.vn)\n"
    assert tx(text, kind="text", lang="vi") == []


def test_widget_rule_alone_reports_a_widget_line():
    vs = tx("Bài viết đầu tiên có đủ chữ để làm thân bài, kết thúc ở đây.\n\nÝ kiến ()\n", kind="text", lang="vi")
    assert [(v.code, v.line) for v in vs] == [("TX007", 3)]


# --------------------------------------------------------------------------- glue with evidence
def test_caption_equal_to_an_alt_elsewhere_is_taken_as_a_caption():
    html = """<html lang="en"><body><article>
<p><img src="a.jpg" alt="Flooded streets in the old town" width="800" height="500"></p>
<p>Flooded streets in the old town Residents were evacuated by boat on Sunday night.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("Residents")


def test_image_inline_before_prose_is_not_a_caption():
    html = """<html lang="en"><body><article>
<p><img src="a.jpg" width="800" height="500">It remains uncertain how Phobos formed, said Dr Lee on Wednesday.</p>
</article></body></html>"""
    assert tx(html, select=["TX002", "TX003"]) == []


def test_bold_lead_in_is_a_style_not_a_glued_caption():
    html = """<html lang="en"><body><article>
<p><strong>Step 1</strong> Open the settings page and choose the account you want to change.</p>
</article></body></html>"""
    assert tx(html, select=["TX002", "TX003"]) == []



def test_caption_with_a_credit_after_an_image_is_glued_with_a_space():
    html = """<html lang="vi"><body><article>
<p><img src="a.jpg" width="800" height="500">Ảnh: Đỗ Thành Đạt Tuy nhiên, dự án vẫn chưa được phê duyệt trong năm nay.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("Tuy nhiên")


def test_no_break_space_after_a_caption_ending_in_a_name_is_glue_in_vietnamese():
    text = "Người dân chờ xe buýt ở Hà Nội\u00a0Chiều qua, nhiều tuyến phố bị ngập sâu sau cơn mưa lớn.\n"
    vs = tx(text, kind="text", lang="vi", select=["TX003"])
    assert [(v.line, v.column) for v in vs] == [(1, 32)]
    # A plain space there is a name in prose, not evidence.
    assert tx(text.replace("\u00a0", " "), kind="text", lang="vi", select=["TX003"]) == []


def test_caption_ending_in_an_acronym_is_not_cut_before_a_name():
    html = """<html lang="en"><body><article>
<p><img src="a.jpg" width="800" height="500">Apple and HBO announce HBO Now with a new trailer for the fifth season.</p>
</article></body></html>"""
    assert tx(html, select=["TX003"]) == []


def test_title_case_heading_after_an_image_ends_before_a_sentence_opener():
    html = """<html lang="en"><body><article>
<p><img src="a.jpg" width="800" height="500">Moving Out When Fran poked her head out of the door, the street was empty.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("When Fran")
    # A heading on its own after the image, with no sentence following, is left alone.
    alone = html.replace("Moving Out When Fran poked her head out of the door, the street was empty.",
                         "Return of The King Arrives In Cinemas")
    assert tx(alone, select=["TX003"]) == []


def test_image_file_name_that_describes_the_phrase_marks_where_the_caption_ends():
    html = """<html lang="en"><body><article>
<p><img src="/uploads/shark-sighting-off-the-coast-1024x683.jpg" width="800" height="500">Shark sighting off the coast Rangers said they are spotted several times a year near the pier.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("Rangers said")
    # The same text after an image with an uninformative name: a name may follow "coast".
    assert tx(html.replace("shark-sighting-off-the-coast-1024x683", "p"), select=["TX003"]) == []
    # Not after a function word: the file name shares the words, but "a Jeep" is prose.
    prose = """<html lang="en"><body><article>
<p><img src="/uploads/she-wrote-that-he-would-be-in-a.jpg" width="800" height="500">She wrote that he would be in a Jeep parked in front of her house.</p>
</article></body></html>"""
    assert tx(prose, select=["TX003"]) == []


def test_vietnamese_dated_phrase_with_a_comma_opens_a_sentence():
    text = "Các đội tranh tài ở vòng chung kết năm nay Ngày 31/10, 95 đội sinh viên đã tham gia vòng thi.\n"
    vs = tx(text, kind="text", lang="vi", select=["TX003"])
    assert [(v.line, v.column) for v in vs] == [(1, 44)] and "Ngày 31/10," in vs[0].message
    # A holiday after "kỷ niệm", and a date with no comma after it, are left alone.
    assert tx("Trường tổ chức lễ kỷ niệm Ngày 20/11, các thầy cô giáo nhận hoa từ học sinh.\n",
              kind="text", lang="vi", select=["TX003"]) == []
    assert tx("Lễ kỷ niệm năm nay Ngày 20/11 diễn ra ở sân trường với nhiều tiết mục văn nghệ.\n",
              kind="text", lang="vi", select=["TX003"]) == []


def test_bold_lead_in_before_a_contraction_is_a_glued_caption():
    html = """<html lang="en"><body><article>
<p><strong>Cigar rollers in Havana thrilled</strong> There’s been a 9% increase in orders this year.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("There’s")


def test_bold_lead_in_before_a_starter_and_a_short_phrase_with_a_comma():
    html = """<html lang="en"><body><article>
<p><strong>The Impossible Knife of Memory</strong> In Washington, the State Department expressed concern.</p>
</article></body></html>"""
    vs = tx(html, select=["TX003"])
    assert len(vs) == 1 and html.splitlines()[vs[0].line - 1][vs[0].column - 1:].startswith("In Washington")
    # A name after the starter with no comma is not enough: "In Washington State Senator…".
    assert tx(html.replace("In Washington, the State Department expressed concern.",
                           "In Washington State Senator Patty Murray and Governor Jay Inslee spoke."),
              select=["TX003"]) == []


def test_inline_phrase_ending_in_a_preposition_goes_on():
    html = """<html lang="en"><body><article>
<p><span>Follow me on&nbsp;</span><a href="https://twitter.com/x">Twitter</a>&nbsp;or&nbsp;<a href="https://linkedin.com/in/x">LinkedIn</a>. Check out my books on the website too.</p>
</article></body></html>"""
    assert tx(html, select=["TX003"]) == []
    # The same inline phrase ending in an ordinary word is a caption run into the sentence.
    assert len(tx(html.replace("Follow me on&nbsp;", "Follow me today "), select=["TX003"])) == 1


def test_emphasis_that_resumes_after_one_word_is_prose_not_a_caption():
    html = """<html lang="en"><body><article>
<p><em>Read the first half of Mama Robotnik's massive</em> Metroid <em>story.</em> It runs to forty pages and took two years.</p>
</article></body></html>"""
    assert tx(html, select=["TX003"]) == []


def test_title_alone_after_an_image_is_not_a_glued_caption():
    html = """<html lang="en"><body><article>
<p><img src="a.jpg" width="800" height="500">Make Summer More Poetic with These 10 International Works</p>
</article></body></html>"""
    assert tx(html, select=["TX003"]) == []


def test_vietnamese_plain_text_phrase_then_a_paragraph_opener():
    text = "Cả nhóm xông vào đánh nhau Nhiều người dân hoảng sợ bỏ chạy khỏi nhà hàng.\n"
    vs = tx(text, kind="text", lang="vi", select=["TX003"])
    assert [(v.line, v.column) for v in vs] == [(1, 28)]
    # After a two-word phrase the capitalised word may finish a name: "Tinh vân Đầu lâu".
    assert tx("Tinh vân Đầu lâu thực tế đã được biết đến trong nhiều thế kỷ.\n",
              kind="text", lang="vi", select=["TX003"]) == []


def test_vietnamese_caption_ending_in_a_name_before_a_two_word_opener_or_a_date():
    for text, col in (("Du khách quay lại phố cổ Hội An Tuy nhiên, lượng khách vẫn thấp hơn năm ngoái.\n", 33),
                      ("Song Hye Kyo đẹp đôi bên Song Joong Ki Đầu tháng 9, hãng hàng không thông báo cắt giảm.\n", 40)):
        vs = tx(text, kind="text", lang="vi", select=["TX003"])
        assert [(v.line, v.column) for v in vs] == [(1, col)], text
    # A one-word opener after a name may be the name's last syllable.
    assert tx("Phóng viên đã gặp ông Nguyễn Văn Theo tại nhà riêng ở Hội An vào sáng qua.\n",
              kind="text", lang="vi", select=["TX003"]) == []


def test_glue_pack_entries_are_words_not_yaml_booleans():
    # YAML 1.1 reads a bare On or on as true: the lists must hold strings only.
    from lint.packs import load_pack
    for lang in ("en", "vi"):
        pack = load_pack(lang, "glue")
        for key, items in pack.items():
            if isinstance(items, list):
                assert all(isinstance(x, str) for x in items), (lang, key)
    assert "On" in load_pack("en", "glue")["starters"]


# --------------------------------------------------------------------------- fixes
def test_fixes_travel_with_the_violations():
    text = "Các tổ chức \u00d0ảng và hội nghi\u0323 tại Quang cáº£nh.\n"
    vs = {v.code: v for v in tx(text, kind="text", lang="vi")}
    assert vs["TX010"].fix.replacement == "Đ"
    assert text[vs["TX010"].fix.start:vs["TX010"].fix.end] == "\u00d0"
    assert vs["TX008"].fix.replacement == "nghị"
    assert vs["TX012"].fix.replacement.startswith("cảnh")


def test_tone_style_fix_goes_to_the_majority():
    vs = tx("Ủy ban tỉnh Hòa Bình họp về thủy lợi, hòa giải và Uỷ ban xã.\n", kind="text", lang="vi",
            select=["TX009"])
    assert len(vs) == 1 and vs[0].fix.replacement == "Ủy"


# --------------------------------------------------------------------------- other languages
@pytest.mark.parametrize("lang,text", [
    ("de", "Der Bürgermeister eröffnete die Groß\u00adbritannien-Ausstellung am Montag in Köln."),
    ("fr", "Le ministre a déclaré « c’est aggravé\u00a0» devant l’Assemblée à Paris."),
    ("da", "Københavns borgmester åbner den nye bro over havnen på mandag."),
    ("ru", "Мэр Москвы открыл новый мост через реку в понедельник."),
    ("is", "Forsætisráðherra sagði að ðeir myndu hittast á mánudag."),
    ("pt", "NÃO, disse o presidente em São Paulo; «está» foi a palavra."),
    ("ar", "قال الرئيس\u200f إن الاجتماع سيعقد يوم الاثنين."),
    ("hi", "प्रधानमंत्री ने सोमवार को नई योजना की घोषणा की\u200c।"),
])
def test_language_free_rules_stay_quiet_on_clean_text_of_other_languages(lang, text):
    html = f'<html lang="{lang}"><body><article><p>{text}</p></article></body></html>'
    assert tx(html) == []


# --------------------------------------------------------------------------- odd input
@pytest.mark.parametrize("html", [
    "<html><body><article><p>" + "a" * 200_000 + "</p></article></body></html>",
    "<html><body><p><em><strong><span>" * 300 + "Chú thíchVới" + "</span></strong></em></p>" * 300,
    "<html><body><article><p>&amp;&lt;&gt;\ufffd\u0301\u200b{{}}${}</p><img alt><img alt='&amp;amp;'></article></body></html>",
    "<p>\u0300\u0301 " + "Ã" * 5000 + "</p>",
])
def test_odd_markup_never_crashes(html):
    res = lint_snippet(html, select=["TX"])
    assert res.error is None


# --------------------------------------------------------------------------- page outside the body
_CHROME = """<html lang="en"><head><title>News</title>
<script>var tpl = "{{ headline }}", esc = "&amp;amp;";</script><!-- {{ debug }} --><!-->
</head><body><nav><a href="/?q={{term}}">Home</a> <img src="logo.png" alt="{{ site.name }}"></nav>
<div class="menu">Sports &amp;amp; Weather</div><!-- menu end -->
<article><h1>Council approves the budget</h1><p>The council approved the new budget on Monday evening after a long debate.</p>
<p>Members voted eleven to four in favour of the plan.</p></article></body></html>"""


def test_leftovers_in_chrome_are_found_past_scripts_comments_and_attributes():
    vs = tx(_CHROME, select=["TX013", "TX016"])
    lines = _CHROME.splitlines()
    got = sorted((v.code, lines[v.line - 1][v.column - 1:v.column + 12]) for v in vs)
    assert got == [("TX013", "&amp;amp; Wea"), ("TX016", 'alt="{{ site.')], got


def test_traces_only_in_scripts_comments_and_links_are_not_reported():
    clean = _CHROME.replace('alt="{{ site.name }}"', 'alt="Logo"').replace("Sports &amp;amp; Weather", "Sports")
    assert tx(clean, select=["TX013", "TX016"]) == []


def _around_article(chrome: str) -> str:
    """A page with ``chrome`` before a short clean article."""
    return ("<html><body>" + chrome + "<article><h1>Council approves the budget</h1><p>The council approved the "
            "new budget on Monday evening after a long debate.</p></article></body></html>")


def test_a_leftover_after_attribute_and_script_traces_in_the_same_element_is_found():
    page = _around_article('<div class="x-{{ id }}" data-v="${v}"><script>var t = "{{ a }}";</script>'
                           '<!-- ${b} --><span>Hello {{ user.name }}</span></div>')
    vs = tx(page, select=["TX016"])
    assert [v.message for v in vs] == ["template placeholder left in the text: '{{ user.name }}'"], vs


def test_markup_and_entities_shown_in_chrome_are_found_past_escaped_attribute_values():
    page = _around_article('<div data-tip="&lt;b&gt;Hi&lt;/b&gt; &amp;amp;"><p>Menu &LT;p&gt; Sports &amp;amp; more</p></div>')
    got = sorted((v.code, v.message) for v in tx(page, select=["TX013", "TX014"]))
    assert [c for c, _ in got] == ["TX013", "TX014"], got


def test_an_entity_in_a_caption_of_the_chrome_is_found_with_its_figure_and_the_text_around():
    page = _around_article('<div class="promo"><figure><img src="a.jpg"><figcaption><span>Rates &amp;amp; fees'
                           '</span></figcaption></figure>Sign up <b>now</b></div>'
                           '<div style="display:none">Hidden &amp;amp; x</div>')
    vs = tx(page, select=["TX013"])
    assert [v.message for v in vs] == ["HTML entity shown as text: '&amp;' (escaped twice? meant '&')"], vs


# --------------------------------------------------------------------------- page outside the body, rendered in parts
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_REST_TAGS = ["div", "p", "span", "a", "figure", "figcaption", "section", "li", "b", "script", "br", "img"]
_REST_TEXTS = ["", "x", " ", "\n", "&amp;", "&lt;b&gt;", "Ð", "y z", "\ufffd"]


@st.composite
def _rest_pages(draw):
    """A page body of random nested elements (texts and tails holding needles or not, hidden and
    skipped parts, figures) around an article."""
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_REST_TAGS))
        hidden = ' hidden=""' if draw(st.integers(0, 7)) == 0 else ""
        if tag in ("br", "img"):
            inner = ""
        else:
            kids = draw(st.integers(0, 3 if depth < 4 else 0))
            inner = draw(st.sampled_from(_REST_TEXTS)) + "".join(
                element(depth + 1) + draw(st.sampled_from(_REST_TEXTS)) for _ in range(kids))
        if tag in ("br", "img"):
            return f"<{tag}{hidden}>"
        return f"<{tag}{hidden}>{inner}</{tag}>"

    before = "".join(element(0) + draw(st.sampled_from(_REST_TEXTS)) for _ in range(draw(st.integers(0, 3))))
    after = "".join(element(0) for _ in range(draw(st.integers(0, 3))))
    article = ("<article><h1>Council approves the budget</h1><p>The council approved the new budget on "
               "Monday evening after a long debate.</p></article>")
    wrap = draw(st.sampled_from(["{}", "<div>{}</div>", "<div><figure>{}</figure> tail &amp; </div>"]))
    return "<html><body><div>" + before + wrap.format(article) + "</div>" + after + "</body></html>"


@settings(max_examples=200, deadline=None)
@given(_rest_pages())
@example("<html><body><section><figure><div>A &amp; B</div>x<p>y</p></figure></section>"
         "<article><h1>Council approves the budget</h1><p>The council approved it.</p></article></body></html>")
def test_the_page_rest_rendered_in_parts_holds_the_same_blocks_as_rendered_whole(page):
    from lint.checks.text import _REST_NEEDLES, _page_rest

    art = Article(Document.from_text(page, "x.html"))
    art.blocks

    def holding(rest):
        return [(t, o.tag, o.line, o.images_before, o.in_figure, [(p.start, p.tail, p.inline) for p in o.pieces])
                if o is not None else t for t, _, o in rest if any(n in t for n in _REST_NEEDLES)]

    assert holding(_page_rest(art, _REST_NEEDLES)) == holding(_page_rest(art))




# --------------------------------------------------------------------------- rendering: one collapse per block
_WS_TAGS = ["p", "div", "span", "a", "em", "li", "br", "img", "figure", "script", "b"]
_WS_TEXTS = ["", " ", "  ", "\n", "\n   ", "\t", "\r\n", "\f", "\v", "x", " y ", "a  b", "a\nb", "\u00a0",
             " \u00a0 ", "z\t", "\u2003w"]


@st.composite
def _ws_pages(draw):
    """A body of random nested elements whose texts and tails are mostly white space of every kind."""
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_WS_TAGS))
        if tag in ("br", "img"):
            return f"<{tag}>"
        kids = draw(st.integers(0, 3 if depth < 4 else 0))
        inner = draw(st.sampled_from(_WS_TEXTS)) + "".join(
            element(depth + 1) + draw(st.sampled_from(_WS_TEXTS)) for _ in range(kids))
        return f"<{tag}>{inner}</{tag}>"

    return "<html><body>" + "".join(element(0) + draw(st.sampled_from(_WS_TEXTS))
                                    for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@settings(max_examples=300, deadline=None)
@given(_ws_pages())
@example("<html><body><p>\n  a <em> b</em>\n <br> \n<span> </span>c\t</p>\n<div> <img>\u00a0x </div></body></html>")
def test_a_block_collapsed_at_once_reads_as_collapsed_text_by_text(page):
    from lint.extract.text import Pieces, render_blocks

    art = Article(Document.from_text(page, "x.html"))
    for blk in render_blocks(art.tree.find("body")):
        pieces = list(blk.pieces)
        assert blk.text and blk.text == blk.text.strip(" \n") and "  " not in blk.text
        assert not any(c in blk.text for c in "\t\r\f\v")
        assert pieces and pieces[0].start == 0 and [p.start for p in pieces] == sorted({p.start for p in pieces})
        if isinstance(blk.pieces, Pieces):
            # The text joined and collapsed in one go is the text the records collapsed one by one give.
            from lint.extract.text import _collapse

            lazy = blk.pieces
            starts, _, text = _collapse(lazy._records, lazy._first, lazy._end)
            assert text == blk.text and [p.start for p in pieces] == starts
        # Each piece is made once: read again, by number or by offset, it is the same one.
        assert all(blk.piece_at(p.start) is p and blk.pieces[k] is p for k, p in enumerate(pieces))
        assert list(blk.pieces) == pieces and blk.pieces[-1] is pieces[-1] and blk.pieces[1:] == pieces[1:]


# --------------------------------------------------------------------------- blocks found by one scan of the body
_SCAN_PIECES = ["a", "B", "ệ", "the", " ", "\u00a0", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "\u200b",
                "\u00ad", "1", "_", "-", "\t"]


def _scanned_patterns():
    """(what a rule scans the joined body for, what it then looks for in each block's text)."""
    from lint.checks import text as T

    return [(T._each_of(".!?;,", T._TWO_LETTERS), T._MISSING_SPACE),
            (T._each_of(",.;:!?", T._SPACE_BEFORE_ANY), T._SPACE_BEFORE),
            (T._earliest(r"\(\s*\)", r"\[\s*\]"), T._EMPTY),
            (T._INVISIBLE, T._INVISIBLE),
            (T._REPEAT, T._REPEAT)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SCAN_PIECES), max_size=10).map("".join), min_size=1, max_size=6))
@example(["a\u200b", "\u200bb", "the the", "the the ,", " , ()", "(\t)x.Ab"])
@example(["1the the", "ệ\u00a0ệ", "_a a1", "бthe the the", "a1 a1 b b b"])
def test_a_scan_of_the_joined_body_gives_every_block_holding_a_match(lines):
    from lint.checks import text as T
    from lint.checks.text import _blocks_matching

    art = Article(Document.from_text("\n".join(["Tin"] + lines), "x.txt", kind="text"))
    for scan, pattern in _scanned_patterns():
        found = list(_blocks_matching(art, scan))
        assert [b for b in art.blocks if b in found] == found  # in order, each once
        for b in art.blocks:
            if pattern.search(b.text):
                assert any(f is b for f in found), (scan, b.text)
    ascii_only = "\n".join(lines).encode("ascii", "ignore").decode()
    assert [m.span() for m in T._matches_after(T._rx(T._REPEAT_ASCII_AFTER), T._REPEAT, ascii_only)] == \
        [m.span() for m in T._REPEAT.finditer(ascii_only)]
    for b in art.blocks:  # the doubled words of a block, found where the quick scan finds one
        assert [m.span() for m in T._matches_after(T._rx(T._REPEAT_WIDE_AFTER), T._REPEAT, b.text)] == \
            [m.span() for m in T._REPEAT.finditer(b.text)]
    # The blocks the scan of the joined body gives, in order, each once: every block with a doubled word.
    found = T._repeats(art)
    assert [b for b, _ in found] == [b for b in art.blocks if any(b is f for f, _ in found)]
    assert [b for b, ms in found if ms] == [b for b in art.blocks if T._REPEAT.search(b.text)]
    for b, ms in found:
        assert [m.span() for m in ms] == [m.span() for m in T._REPEAT.finditer(b.text)]
    ascii_art = Article(Document.from_text("\n".join(["Tin"] + lines).encode("ascii", "ignore").decode(), "x.txt",
                                           kind="text"))
    assert [(b, [m.span() for m in ms]) for b, ms in T._repeats(ascii_art) if ms] == \
        [(b, [m.span() for m in T._REPEAT.finditer(b.text)]) for b in ascii_art.blocks if T._REPEAT.search(b.text)]


def test_the_one_scan_for_unusual_characters_covers_what_each_rule_looks_for():
    import re

    from lint.checks import text as T

    unusual = re.compile(T._UNUSUAL)
    every = "".join(map(chr, range(0x80, 0x10000)))
    for part in (T._COMBINING_ANY, T._CYR_GRK, T._INVISIBLE, T._C1):
        assert all(unusual.match(c) for c in part.findall(every)), part.pattern


_PROSE_LINE = "The council approved the new budget on Monday evening after a long debate among members."
_DATELINE_PIECES = ["Thứ 6, 26.02.2021 | 16:38:45", "Updated: March 3, 2021 at 10:15 am", "26/02/2021 16:38",
                    "Published on 3 March 2021", "Cập nhật: 26/02/2021 16:38 - tin", "12:30 | 26/02/2021x"]
_LINE_STARTS = ["", " ", "\u00a0", "\t "]


@st.composite
def _dated_pages(draw):
    """Paragraphs of lines (``<br>`` between them): prose, datelines with white space before them."""
    def line() -> str:
        kind = draw(st.integers(0, 3))
        text = _PROSE_LINE if kind == 0 else draw(st.sampled_from(_DATELINE_PIECES)) if kind < 3 else "Short line."
        return draw(st.sampled_from(_LINE_STARTS)) + text

    paras = ["<br>".join(line() for _ in range(draw(st.integers(1, 3)))) for _ in range(draw(st.integers(1, 5)))]
    return "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>"


@settings(max_examples=150, deadline=None)
@given(_dated_pages(), st.sampled_from(["vi", "en"]))
def test_datelines_are_those_of_the_lines_after_the_first_line_of_prose(page, lang):
    from lint.checks.text import _EN_DATELINE, _PROSE, _VI_DATELINE, _widget_overlap, dateline_in_body
    from lint.config import Config

    art = Article(Document.from_text(page, "x.html"), Config.model_validate({"language": lang}))
    rx = _VI_DATELINE if lang == "vi" else _EN_DATELINE
    expected, prose_seen = [], False
    for blk in art.blocks:  # every line read in turn
        pos = 0
        for line in blk.text.split("\n"):
            lstart, pos = pos, pos + len(line) + 1
            s = line.strip()
            m = rx.match(s) if prose_seen and s else None
            if m and (not s[m.end():].strip() or s[m.end():][:1].isspace() or s[m.end():][:1] in "|-–—"):
                off = lstart + len(line) - len(line.lstrip())
                if not _widget_overlap(art, blk, off, off + m.end()):
                    expected.append((id(blk), off, off + m.end()))
            prose_seen = prose_seen or (len(s) >= 80 and _PROSE.search(s) is not None)
    assert [(id(p.loc.block), p.loc.start, p.loc.end) for p in dateline_in_body(art, {})] == expected


def test_the_quick_look_ahead_of_the_dead_regions_lets_every_opening_through():
    import re

    from lint.checks.text import _DEAD

    ahead = re.match(r"<\(\?=(\[[^]]+\])\)", _DEAD.pattern).group(1)
    every = "".join(map(chr, range(0x110000)))
    assert set(re.findall(ahead, every)) == set(re.findall("(?i:s)", every)) | {"!"}


def test_the_latin_letter_ranges_the_doubled_word_scan_reads_hold_letters_only():
    import re

    from lint.checks.text import _LATIN_LETTERS

    every = "".join(map(chr, range(0x110000)))
    latin = re.findall(f"[{_LATIN_LETTERS}]", every)
    assert latin and all(re.fullmatch(r"[^\W\d_]", c) for c in latin)


_TONE_PIECES = ["o", "O", "u", "U", "q", "Q", "à", "À", "ạ", "Ẹ", "é", "ỳ", "Ỵ", "ò", "Ọ", "ủ", "Ũ", "a", "E",
                "y", "Y", "h", "đ", " ", "1", "-", "ơ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TONE_PIECES), max_size=12).map("".join))
@example("hoà thuỷ THUỶ QUÝ quà Hoà, HÒA hòe HỦY")
def test_the_quick_scans_for_tone_placement_match_wherever_the_exact_patterns_do(text):
    import re

    from lint.checks import text as T

    for exact, quick in ((T._OLD_TONE, T._OLD_TONE_ANY), (T._NEW_TONE, T._NEW_TONE_ANY)):
        for m in exact.finditer(text):
            assert re.compile(quick).match(text, m.start()), (exact.pattern, text)
        assert T._found_via(quick, exact, text) == (exact.search(text) is not None)


# --------------------------------------------------------------------------- masked spans


_MASK_PIECES = ["a", "B", " ", ".", "-", "_", "@", "#", "/", ":", "com", "COM", "Com", "vn", "uk", "www", "WWW",
                "http", "HTTPS", "ftp", "ſ", "K", "İ", "us", "biz", "ệ", "\n", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MASK_PIECES), max_size=16).map("".join))
def test_the_quick_test_for_maskable_text_misses_no_url_address_handle_or_domain(text):
    from lint.checks.text import _MASK, _maskable

    assert _maskable(text) or _MASK.search(text) is None


def test_urls_addresses_handles_and_domains_in_any_case_are_masked():
    from lint.checks.text import _maskable

    for t in ("see HTTPS://Example.org/x", "mail a.b@c.vn now", "by @NewsDesk", "tag #HaNoi", "at WWW.Site",
              "visit EXAMPLE.COM today", "Reuters.Uk"):
        assert _maskable(t), t
    assert not _maskable("Hà Nội. The council met on Monday; it voted 11-4.")


# --------------------------------------------------------------------------- widget phrases
def test_the_widget_phrases_first_characters_are_told_or_not_guessed():
    from lint.checks.text import _first_class

    assert _first_class(("Read more\\s*:?", r"\d[\d,]*\s+views", "(?:Tin|Bài) liên quan", "[Ss]hare")) == \
        r"[R\dTBSs]"
    for unknown in ("(?:Read )?more", r"\bLoading", "[^a]b", "x*y"):
        assert _first_class(("Read more", unknown)) is None, unknown


_PHRASES = ("Read more\\s*:?", "Read more (?:about|on) .{1,20}", r"\d+\s+views", "Share this", "rELATED", "(?:Tin|Bài) liên",
            "Share on X", "[Ss]kip", "Sign up", "K", "ſs", "İn bài", "Loading(?:…)?", "Ré")
_PHRASE_BITS = ["Read more", "read MORE", "Related", "share", " this", " on X", "12", " views", "Tin", "Bài liên",
                "skip", "Sign", " up", "\u212a", "\u017f", "\u0130n bài", "in bài", "Loading…", "ré", "RÉ", ":", " ", ".",
                "x", "about y"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=8, unique=True),
       st.lists(st.sampled_from(_PHRASE_BITS), max_size=8).map("".join))
@example(["Share this", "rELATED", "Share on X"], "share on X")
def test_widget_phrases_joined_by_first_letter_match_as_the_plain_alternation(phrases, line):
    import re

    from lint.checks.text import _by_first_letter

    plain = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
    joined = re.compile(_by_first_letter(tuple(phrases)), re.IGNORECASE)
    for pos in range(len(line) + 1):
        a, b = plain.match(line, pos), joined.match(line, pos)
        assert (a and a.span()) == (b and b.span()), (phrases, line, pos)
    assert [m.span() for m in plain.finditer(line)] == [m.span() for m in joined.finditer(line)]


def test_widget_phrases_with_groups_or_not_led_by_a_letter_keep_their_place():
    from lint.checks.text import _by_first_letter

    assert _by_first_letter(("Read more", "Related", "Share")) == "r(?:(?:ead more)|(?:elated))|s(?:(?:hare))"
    assert _by_first_letter(("Read", r"\d views", "Related")) == r"r(?:(?:ead))|(?:\d views)|r(?:(?:elated))"
    assert _by_first_letter(("Read", "(Share) \\1")) == "(?:Read)|(?:(Share) \\1)"


def test_a_widget_phrase_is_found_in_any_case():
    page = ("<html><body><article><h1>Council approves the budget</h1><p>The council approved the new "
            "budget on Monday evening after a long debate among its members.</p><p>rELATED STORIES:</p>"
            "<p>The plan takes effect in January, the mayor said after the vote.</p></article></body></html>")
    assert [v.message for v in tx(page, lang="en", select=["TX007"])] == \
        ["page widget text inside the article body: 'rELATED STORIES:'"]


# --------------------------------------------------------------------------- glued tokens
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SCAN_PIECES + ["aB", "ệĐ", "Ab", "бД", "ǅ", "ßA"]), max_size=10).map("".join),
                min_size=1, max_size=6))
@example(["aB", "Ba", "a", "Bb"])
def test_the_blocks_with_a_case_jump_are_those_one_scan_of_the_body_gives(lines):
    import re

    from lint.checks.text import _CASE_JUMP, _LOWERS, _UPPERS, _blocks_matching, _rx

    two_letters = re.compile(f"[{_LOWERS}][{_UPPERS}]")  # what a case jump is
    art = Article(Document.from_text("\n".join(["Tin"] + lines), "x.txt", kind="text"))
    assert list(_blocks_matching(art, _rx(_CASE_JUMP))) == [b for b in art.blocks if two_letters.search(b.text)]
    for b in art.blocks:
        assert [m.start() for m in _rx(_CASE_JUMP).finditer(b.text)] == \
            [m.start() + 1 for m in two_letters.finditer(b.text)]


_SPACES = [c for c in map(chr, range(0x3100)) if c.isspace()] + ["\u3000", "\ufeff", "\u200b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SPACES + ["a", "B", "ệ", "1", ".", "_"]), max_size=20).map("".join))
def test_the_body_split_at_white_space_gives_the_tokens_the_token_pattern_finds(text):
    from lint.checks.text import _TOKEN

    assert text.split() == _TOKEN.findall(text)


def test_white_space_is_the_same_for_the_token_pattern_and_for_a_split():
    import re

    every = "".join(map(chr, range(0x110000)))
    assert set(re.findall(r"\s", every)) == {c for c in every if c.isspace()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "Bé", "ệ", "12", "²", "_", " ", "\u00a0", "\n", ".", ",", "’", "\u0301", "一"]),
                max_size=20).map("".join))
@example("a_b")
@example("x² y")
def test_the_words_of_a_block_and_their_starts_are_those_of_the_word_pattern(text):
    from lint.checks.text import _WS_WORD, _ws_words

    assert _ws_words(text) == [(m.group(0), m.start()) for m in _WS_WORD.finditer(text)]


# --------------------------------------------------------------------------- TX003 outside Vietnamese
_EN_PIECES = ["the", "said", "report", "The", "After", "This", "Those", "Council", "Mayor", "Ann", " ", " ", "\u00a0",
              "\u00a0 ", ", ", ". ", "<em>Photo by Ann Lee</em> ", "<strong>Budget</strong> ", "Photo by Ann Lee",
              "Ann  Lee\u00a0said", "<img src='a.jpg' alt='x'>", "<br>", "voted", "on", "with", "_", "²"]


@st.composite
def _en_glue_pages(draw):
    paras = draw(st.lists(st.lists(st.sampled_from(_EN_PIECES), min_size=1, max_size=14).map("".join),
                          min_size=1, max_size=5))
    caption = draw(st.sampled_from(["", "<figure><img src='b.jpg' alt='Photo by Ann Lee'>"
                                        "<figcaption>The council met on Monday</figcaption></figure>"]))
    body = "".join(f"<p>{p} and the council voted on the budget on Monday evening.</p>" for p in paras)
    return (f"<html><head><title>Council</title></head><body><article><h1>Council approves the budget</h1>"
            f"{caption}{body}</article></body></html>")


@settings(max_examples=150, deadline=None)
@given(_en_glue_pages())
@example("<html><body><article><h1>Council approves the budget</h1><p>the report\u00a0After the vote and the "
         "council voted on the budget on Monday evening.</p></article></body></html>")
@example("<html><body><article><h1>Council approves the budget</h1><p>said the report\u00a0_After the vote the "
         "council voted on the budget on Monday evening.</p></article></body></html>")
@example("<html><body><article><h1>Council approves the budget</h1><figure><img src='b.jpg' alt='Photo by Ann "
         "Lee'></figure><p>Photo by Ann Lee The council voted on the budget on Monday evening.</p></article>"
         "</body></html>")
def test_outside_vietnamese_the_blocks_tx003_passes_over_hold_no_junction_it_reports(page):
    from unittest import mock

    from lint.checks import text as T

    with mock.patch.object(T, "_may_join_without_image", lambda *a: True):
        every = [(v.line, v.column, v.message) for v in tx(page, lang="en", select=["TX003"])]
    assert [(v.line, v.column, v.message) for v in tx(page, lang="en", select=["TX003"])] == every
