"""The shared article views on small pages: which element is the body, and the language guess."""

from lint.article import Article
from lint.document import Document
from lint.extract.lang import guess

PROSE = "<p>" + "Một đoạn văn đủ dài để được tính là văn xuôi của bài báo này, không phải menu. " * 2 + "</p>"


def _body(html: str):
    return Article(Document.from_text(html, "page.html")).body


def test_body_class_names_any_case():
    b = _body(f'<html><body><div class="x">{PROSE}</div><div class="Main-Content">{PROSE * 3}</div></body></html>')
    assert b.selector == "div.Main-Content"
    assert "names an article body" in b.reason


def test_body_class_with_dotless_i_matches_as_the_pattern_does():
    # re.IGNORECASE matches "ı" to "i": the prefilter in front of the pattern must not drop it.
    b = _body(f'<html><body><div>{PROSE * 3}</div><div class="fck_detaıl">{PROSE * 3}</div></body></html>')
    assert b.selector == "div.fck_detaıl"
    assert "names an article body" in b.reason


def test_itemprop_article_body_wins_over_an_earlier_class_match():
    b = _body(f'<html><body><div class="article-body">{PROSE * 3}</div>'
              f'<section itemprop="ArticleBody">{PROSE}</section></body></html>')
    assert b.reason == 'has itemprop="articleBody"'
    assert b.element.tag == "section"


def test_the_named_walk_reads_the_same_elements_whether_the_markup_was_read_first_or_not():
    # A check reads the markup first, and the walk of named elements then skips the itemprop
    # question on a page without any; the elements, names and itemprops must be those of a walk
    # that asks every element.
    from lint.extract.named import named_elements

    pages = [
        f'<html><body><div class="article-body">{PROSE}</div><span id="d">x</span><time>1</time>'
        f'<a href="/">a</a><img src="a.jpg"><p class="">e</p></body></html>',
        f'<html><body itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">T</h1>'
        f'<div itemprop="articleBody" class="story">{PROSE}</div><span ITEMPROP="" id="e">x</span>'
        f'<time itemprop="datePublished">1</time><a class="" href="/">a</a></body></html>',
    ]
    for html in pages:
        plain = Article(Document.from_text(html, "page.html"))
        after_markup = Article(Document.from_text(html, "page.html"))
        after_markup.markup
        want = [(el.sourceline, tag, ip, c) for el, tag, ip, c in named_elements(plain)]
        got = [(el.sourceline, tag, ip, c) for el, tag, ip, c in named_elements(after_markup)]
        assert got == want and want


def test_body_class_inside_a_skipped_tag_is_not_taken():
    b = _body(f'<html><body><aside class="article-body">{PROSE * 3}</aside><div class="story-body">{PROSE}</div>'
              "</body></html>")
    assert b.selector == "div.story-body"


def test_language_guess():
    assert guess("The minister said that the plan was on track and the team agreed to it " * 3) == "en"
    assert guess("Thủ tướng Phạm Minh Chính chủ trì cuộc họp về kế hoạch phát triển kinh tế " * 3) == "vi"
    assert guess("Der Minister sagte, dass der Plan auf Kurs sei und das Team zustimmte " * 3) == "other"
    assert guess("short") is None


def test_language_guess_counts_letters_not_numerals_outside_ascii():
    english = "The mayor said that the bridge on the river is open to traffic and to walkers. " * 2
    assert guess(english + " m²" * 40) == "en"  # ² is no letter: the text stays ASCII letters
    assert guess(english + " mé" * 40) == "other"  # é is one: too many letters outside ASCII


def test_body_names_answer_the_same_on_later_pages_of_a_site():
    # The second page is answered from what the first taught: the same names, the same verdicts,
    # whichever element carried them first (here an <aside>, which is never the body).
    first = _body(f'<html><body><aside class="article-body">{PROSE}</aside><div class="site-news-content">'
                  f'{PROSE * 3}</div><div class="menu-text">{PROSE * 4}</div></body></html>')
    second = _body(f'<html><body><div class="menu-text">{PROSE * 4}</div>'
                   f'<div class="article-body">{PROSE * 3}</div></body></html>')
    assert first.selector == "div.site-news-content"
    assert second.selector == "div.article-body"


def test_a_name_the_images_view_met_first_still_names_the_body_and_the_dateline():
    # One memo keeps what every view learnt of a class name: a page whose images were classified
    # first (their boxes' names judged for captions and logos) still has its body and date found.
    from lint.extract.images import _box_words, _caption_words, _name_says
    from lint.extract.named import BOX, BOX_KNOWN, CAPTION, CAPTION_KNOWN

    assert not _name_says("story-body-first-seen", CAPTION_KNOWN, CAPTION, _caption_words)
    assert not _name_says("post-date-first-seen", BOX_KNOWN, BOX, _box_words)
    art = Article(Document.from_text(
        f'<html><body><h1>Title</h1><div class="post-date-first-seen">12/03/2021</div>'
        f'<div class="story-body-first-seen">{PROSE * 3}</div></body></html>', "page.html"))
    assert art.body.selector == "div.story-body-first-seen"
    assert [(v.text, v.found_in) for v in art.dates.visible][:1] == [("12/03/2021", "class")]


def test_a_date_class_name_outside_ascii_is_read_among_ascii_names():
    # Names outside ASCII are judged apart from the page's other new names: "thời-gian date" still
    # names the dateline's box.
    art = Article(Document.from_text(
        f'<html><body><h1>Tiêu đề</h1><div class="top-bar menu">Trang chủ</div>'
        f'<span class="thời-gian date">05/06/2021</span><div class="main">{PROSE * 3}</div></body></html>',
        "page.html"))
    assert [(v.text, v.found_in) for v in art.dates.visible][:1] == [("05/06/2021", "class")]


def test_name_memo_stays_bounded():
    from lint.memo import NameMemo

    memo = NameMemo(size=4)
    memo.put_all({"a": True, "b": False, "c": False})
    assert memo.get("a") is True and memo.get("b") is False
    memo.put_all({"d": True, "e": False})  # past the size: emptied first, then kept
    assert len(memo) == 2 and memo.get("d") is True and "a" not in memo
    for k in "fgh":
        memo.put(k, True)
    assert len(memo) <= 4 and memo.get("h") is True


def _body_of(html: str) -> str:
    from lint.article import Article
    from lint.document import Document

    return Article(Document.from_text(html, "p.html")).body.selector


PARA = "<p>" + "Các đơn vị trong khối đã ký kết giao ước thi đua năm nay với nhiều nội dung mới. " * 2 + "</p>"


def test_a_footer_with_more_prose_than_the_article_is_not_the_body():
    html = (f"<html><body><div class='story'>{PARA * 2}</div>"
            f"<div class='footer-website'>{PARA * 4}</div></body></html>")
    assert _body_of(html) == "div.story"


def test_a_layout_box_that_holds_the_headline_is_not_chrome():
    html = (f"<html><body><div class='panel-two-col-sidebar-right'><h1>Tin</h1>"
            f"<div class='description'>{PARA * 3}</div></div>"
            f"<div class='comment-list'>{PARA}</div></body></html>")
    assert _body_of(html) == "div.description"


def test_when_only_chrome_holds_a_little_prose_it_beats_the_whole_page():
    html = ("<html><body><ul><li><a href='/a'>Thời sự</a><a href='/b'>Thế giới</a></li></ul>"
            "<div class='address'><p>Tòa soạn: 248 Cống Quỳnh, Quận 1, TP.HCM, Việt Nam.</p></div></body></html>")
    assert _body_of(html) == "div.address"


_HOUSE_PAGE = """<html lang="en"><head><title>Council approves budget</title></head><body>
<div class="promo"><p>Yesterday's most read story, about the harbour and its ferries, was published on the fifth of March.</p>
<p>Another promoted story goes on for a while about the weather and the trains in the region.</p>
<p>And a third one about the schools, the teachers and the students of the city, also promoted here.</p></div>
<div class="story"><h1>Council approves budget</h1><span class="when">Updated 06.03.2024</span>
<span class="when">05.03.2024</span><div class="who">Jane Doe</div>
<p>The city council approved the budget on Tuesday after a long debate about schools and roads in the city.</p></div>
</body></html>
"""


def _house_article(config: dict) -> Article:
    from lint.configmodel import Config

    return Article(Document.from_text(_HOUSE_PAGE, "page.html"), Config.model_validate(config))


def test_configured_selectors_choose_the_body_the_dates_and_the_byline():
    """A site's configuration names where its article body, dateline and byline are."""
    a = _house_article({"body-selectors": ["div.story"],
                        "house-style": {"date-selector": ".when", "byline-selector": ".who"}})
    assert a.body.reason == "matches the configured body selector 'div.story'"
    assert [(v.text, v.found_in) for v in a.dates.visible] == [("06.03.2024", "selector"), ("05.03.2024", "selector")]
    assert [x.name for x in a.byline.authors] == ["Jane Doe"]


def test_invalid_configured_selectors_are_ignored():
    plain = _house_article({})
    bad = _house_article({"body-selectors": ["div[["], "house-style": {"date-selector": "[[", "byline-selector": "[["}})
    assert bad.body.reason == plain.body.reason == "the element holding the most paragraph text"
    assert [v.found_in for v in bad.dates.visible] == [v.found_in for v in plain.dates.visible] == ["near-headline"]
    assert bad.byline.authors == plain.byline.authors == []


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(st.one_of(st.characters(), st.sampled_from("aăâđêôơưạ ²½Ⅻé’“—\u00a0")), max_size=60))
def test_language_guess_reads_the_characters_outside_ascii_exactly(text):
    """The letters outside ASCII and the Vietnamese letters are counted in the text's characters
    outside ASCII, gathered in C: the same characters, in order, as a reader of every character finds."""
    from lint.extract.lang import _VI, _non_ascii, _non_ascii_letters

    other = _non_ascii(text)
    assert other == "".join(c for c in text if not c.isascii())
    assert _non_ascii_letters(other) == sum(c.isalpha() for c in text if not c.isascii())
    assert len(_VI.findall(other)) == len(_VI.findall(text))


# A page's class and id names are looked at all at once for the words the body, date and byline
# patterns need; only the names found are judged. No name those patterns would match may be missed.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAME_PARTS = st.sampled_from([
    "article-body", "entry-content", "maincontent", "cms-body", "body-text", "fck_detail", "Story-Body",
    "DATE", "publish-time", "timeline", "post-info", "tagline", "byline", "By-Line", "Author", "writer",
    "tac-gia", "tác-giả", "thời-gian", "thoi-gian", "ngay-dang", "nguoi-viet", "zeit", "fecha", "meta",
    "details", "fck_detaıl", "x", "main", "menu-text", "İtem", "ſtory", "K", " ", "-", "_", "é", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_NAME_PARTS | st.text(max_size=6), min_size=1, max_size=4).map("".join),
                min_size=1, max_size=12, unique=True))
def test_every_name_that_says_something_is_among_the_hinted(names):
    from lint.extract.named import _hinted, _judge_one

    hinted = _hinted(names)
    assert len(set(hinted)) == len(hinted) and set(hinted) <= set(names)
    assert [n for n in names if _judge_one(n)] == [n for n in names if _judge_one(n) and n in hinted]
