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


def test_body_class_inside_a_skipped_tag_is_not_taken():
    b = _body(f'<html><body><aside class="article-body">{PROSE * 3}</aside><div class="story-body">{PROSE}</div>'
              "</body></html>")
    assert b.selector == "div.story-body"


def test_language_guess():
    assert guess("The minister said that the plan was on track and the team agreed to it " * 3) == "en"
    assert guess("Thủ tướng Phạm Minh Chính chủ trì cuộc họp về kế hoạch phát triển kinh tế " * 3) == "vi"
    assert guess("Der Minister sagte, dass der Plan auf Kurs sei und das Team zustimmte " * 3) == "other"
    assert guess("short") is None
