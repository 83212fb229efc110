"""IM family: what counts as a content image, where violations point, audit data, odd input."""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import lint_snippet, require_corpus
from lint.article import Article
from lint.checks.images import file_name_like, is_placeholder, norm
from lint.document import Document


def _article(html: str, extra: dict | None = None, kind: str = "html") -> Article:
    name = "page.md" if kind == "markdown" else "page.html"
    return Article(Document.from_text(html, name, kind=kind), extra=extra)


def _codes(res, code):
    return [(v.line, v.column) for v in res.violations if v.code == code]


P = "<p>The council met on Monday to approve the budget for the coming year, officials said.</p>"


# ---------------------------------------------------------------- content or decoration
@pytest.mark.parametrize("snippet,why", [
    ('<img src="/t.gif" width="1" height="1">', "tracking pixel"),
    ('<img src="/a.jpg" role="presentation">', "marked decorative"),
    ('<img src="/a.jpg" aria-hidden="true">', "marked decorative"),
    ('<div style="display: none"><img src="/a.jpg"></div>', "hidden"),
    ('<img src="/static/icons/share-facebook.png">', "names a logo"),
    ('<img src="/a.jpg" width="32" height="32">', "too small"),
    ('<img src="/uploads/photo-48x48.jpg">', "too small"),
    ('<ul><li><a href="/other-story"><img src="/thumb.jpg"></a> Other story</li></ul>', "teaser"),
    ('<div class="related-news"><img src="/r.jpg"></div>', "related-links"),
    ('<div class="site-logo"><img src="/brand.png"></div>', "names a logo"),
    ('<img src="https://placehold.it/32x22" alt="">', "names a logo"),  # a placeholder-image service
])
def test_decoration_is_not_content(snippet, why):
    a = _article(f'<html><body><article>{P}{snippet}</article></body></html>')
    (img,) = a.images
    assert not img.content, img.reason
    assert why.split()[0] in img.reason or why in img.reason, img.reason


def test_noscript_copy_counts_once():
    a = _article(f'<html><body><article>{P}<div><img src="data:image/gif;base64,R0l" data-src="/p.jpg" alt="A bus">'
                 '<noscript><img src="/p.jpg" alt="A bus"></noscript></div></article></body></html>')
    shown, copy = a.images
    assert shown.content and shown.src == "/p.jpg"
    assert not copy.content and "noscript" in copy.reason


def test_chrome_outside_body_is_decoration_but_captioned_lead_in_header_is_content():
    a = _article('<html><body><header><img src="/brand.jpg" width="300" height="90"></header><article><header>'
                 '<figure><img src="/lead.jpg"><figcaption>Council members vote</figcaption></figure></header>'
                 f'<div class="article-body">{P}{P}{P}</div></article></body></html>')
    brand, lead = a.images
    assert not brand.content and "chrome" in brand.reason
    assert lead.content and lead.caption == "Council members vote"


def test_lead_image_outside_body_is_content_when_it_is_the_markup_image():
    a = _article('<html><head><meta property="og:image" content="https://ex.com/up/lead-1200x800.jpg"></head><body>'
                 '<div class="top"><img src="https://ex.com/up/lead-800x533.jpg"></div>'
                 f'<div class="article-body">{P}{P}{P}</div></body></html>')
    (img,) = a.images
    assert img.content and "lead image" in img.reason


def test_caption_after_image_by_class():
    a = _article(f'<html><body><article>{P}<table><tr><td><img src="/p.jpg" alt=""></td></tr>'
                 '<tr><td class="pCaption">Các bị cáo tại tòa</td></tr></table></article></body></html>')
    (img,) = a.images
    assert img.caption == "Các bị cáo tại tòa"


def test_inspect_explains_each_image():
    from lint.inspect import inspect_article

    doc = Document.from_text(f'<html><body><article>{P}<img src="/a.jpg"><img src="/p.gif" width="1" height="1">'
                             '</article></body></html>', "page.html")
    out = inspect_article(doc)
    imgs = out["images"]
    assert [i["content"] for i in imgs] == [True, False]
    assert all({"src", "alt", "caption", "width", "height", "content", "reason"} <= set(i) for i in imgs)
    assert "pixel" in imgs[1]["reason"]


# ---------------------------------------------------------------- alt text judgement
@pytest.mark.parametrize("alt", ["IMG_2041.jpg", "DSC0001", "photo-1.png", "IMG_20231102_151509",
                                 "https://cdn.example.com/a/b.jpg", "z4523791-anh-hien-truong-2",
                                 "milano-design-week-2018-flos-jewels-01", "W-20251115_151509.jpg"])
def test_file_names(alt):
    assert file_name_like(alt)


@pytest.mark.parametrize("alt", ["COVID-19", "Jean-Pierre", "iPhone 15 Pro", "Người dân xếp hàng ở phường 12",
                                 "A-ha", "F-16", "2024", "U.S. troops", "Mr. Smith"])
def test_words_are_not_file_names(alt):
    assert not file_name_like(alt)


def test_placeholder_words_with_numbers():
    words = frozenset(norm(w) for w in ["ảnh minh họa", "image", "ảnh"])
    assert is_placeholder("Ảnh minh họa", words)
    assert is_placeholder("Image 2", words)
    assert is_placeholder("ảnh (3)", words)
    assert not is_placeholder("Ảnh chụp cầu Long Biên", words)
    # NFD input (combining marks) is the same text
    import unicodedata

    assert is_placeholder(unicodedata.normalize("NFD", "ảnh minh họa"), words)


def test_many_images_on_one_line_point_at_their_own_tags():
    html = (f'<html><body><article>{P}' + "".join(f'<img src="/{i}.jpg" alt="">' for i in range(3))
            + '<img src="/x.jpg"></article></body></html>')
    res = lint_snippet(html, select=["IM001", "IM002"])
    line = html
    cols = [html.find(f'<img src="/{i}.jpg"') for i in range(3)]
    assert _codes(res, "IM002") == [(1, line.find('alt=""', c) + 1) for c in cols]
    assert _codes(res, "IM001") == [(1, html.find('<img src="/x.jpg"') + 1)]


def test_markdown_images_are_located_in_the_markdown_file():
    md = "---\ntitle: Harbour reopens\n---\nBoats came back on Sunday.\n\n![](img/a.jpg)\n\nText.\n\n![IMG_1.jpg](img/b.jpg)\n"
    res = lint_snippet(md, kind="markdown", select=["IM002", "IM003"])
    assert _codes(res, "IM002") == [(6, 1)]
    assert _codes(res, "IM003") == [(10, 1)]


def test_duplicate_alt_same_file_in_two_sizes_is_one_image():
    html = (f'<html><body><article>{P}<img src="/up/a-300x200.jpg" alt="Fireworks over the river">'
            '<img src="/up/a-1024x683.jpg" alt="Fireworks over the river">'
            '<img src="/up/b.jpg" alt="Fireworks over the river"></article></body></html>')
    res = lint_snippet(html, select=["IM009"])
    assert len(_codes(res, "IM009")) == 1


def test_alt_too_long_threshold_is_configurable():
    html = f'<html><body><article>{P}<img src="/a.jpg" alt="{"word " * 30}"></article></body></html>'
    assert not _codes(lint_snippet(html, select=["IM008"]), "IM008")
    assert _codes(lint_snippet(html, select=["IM008"], rules={"IM008": {"max-length": 100}}), "IM008")


# ---------------------------------------------------------------- markup images and audit data
ART = ('<html lang="en"><head><script type="application/ld+json">{"@context": "https://schema.org", '
       '"@type": "NewsArticle", "headline": "Gold rises", "image": IMAGE}</script></head><body><article>'
       f'{P}{P}{P}</article></body></html>')


def _lint_markup(image_json: str, extra=None, select=("IM020", "IM021", "IM022", "IM023", "IM024")):
    from lint import Config
    from lint.engine import Linter

    doc = Document.from_text(ART.replace("IMAGE", image_json), "page.html")
    return Linter(Config.model_validate({"select": list(select)})).lint(doc, extra=extra)


def test_audit_fetch_status_and_robots():
    url = "https://ex.com/gold.jpg"
    res = _lint_markup(json.dumps(url), {"image_fetch": {url: {"status": 404}}})
    (v,) = [v for v in res.violations if v.code == "IM021"]
    assert "404" in v.message
    assert res.violations[0].column == ART.find("IMAGE") + 2  # at the URL inside the JSON-LD
    res = _lint_markup(json.dumps(url), {"image_fetch": {url: {"status": 200, "robots_allowed": False}}})
    assert [v.code for v in res.violations] == ["IM021"]
    res = _lint_markup(json.dumps(url), {"image_fetch": {url: {"status": 200, "width": 1200, "height": 800}}})
    assert res.violations == []


def test_fetched_size_wins_over_declared_size():
    url = "https://ex.com/gold.jpg"
    img = json.dumps({"@type": "ImageObject", "url": url, "width": 1200, "height": 800})
    res = _lint_markup(img, {"image_fetch": {url: {"status": 200, "width": 160, "height": 120}}})
    (v,) = res.violations
    assert v.code == "IM022" and "fetched" in v.message
    assert _lint_markup(img).violations == []


def test_escaped_slashes_in_json_ld_are_located():
    res = _lint_markup('"\\/uploads\\/gold.jpg"')
    (v,) = res.violations
    assert v.code == "IM021" and v.column == ART.find("IMAGE") + 2


@pytest.mark.parametrize("image_json", [
    "123", "null", "true", "[]", "{}", '{"url": 5}', '{"url": ["https://ex.com/a.jpg"], "width": "abc"}',
    '[{"contentUrl": "https://ex.com/a.jpg", "width": {"value": "10"}, "height": 1e308}]',
    json.dumps("https://ex.com/" + "a" * 100000 + ".jpg"), '{"@id": "#primaryimage"}',
])
def test_odd_markup_values_do_not_crash(image_json):
    res = _lint_markup(image_json, extra={"image_fetch": {"x": None}})
    assert res.error is None


def test_odd_image_markup_does_not_crash():
    html = ('<html><body><article>' + P + '<img><img src=""><img alt><img width="100%" height="-5" src="a.jpg">'
            '<img src="data:image/png;base64,AAAA" alt="IMG_1.jpg"><img srcset=", ,, 2x" src="b.jpg" alt="x">'
            '<figure><figcaption></figcaption></figure><img src="' + "x" * 50000 + '.jpg" alt="' + "y" * 5000 + '">'
            '</article></body></html>')
    res = lint_snippet(html, select=["IM"])
    assert res.error is None


# ---------------------------------------------------------------- real pages
def test_vnexpress_alt_copies_the_caption():
    corpus = require_corpus()
    path = corpus / "vietnamese/htmldate/VnExpress.net-Kinh-doanh.html.gz"
    doc = Document.from_bytes(gzip.open(path).read(), str(path))
    from lint import Config
    from lint.engine import Linter

    res = Linter(Config.model_validate({"select": ["IM"]})).lint(doc)
    hits = [v for v in res.violations if v.code == "IM005"]
    assert len(hits) == 1
    line = doc.line_text(hits[0].line)
    assert line[hits[0].column - 1:].startswith("alt=")
    assert not [v for v in res.violations if v.code in ("IM001", "IM002")]


def test_mutator_finds_each_kind_on_a_real_page():
    corpus = require_corpus()
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import images_mutate as mu
    from lint.extract.images import image_span

    path = corpus / "vietnamese/htmldate/VnExpress.net-Kinh-doanh.html.gz"
    doc = Document.from_bytes(gzip.open(path).read(), str(path))
    art = Article(doc)
    (img,) = [i for i in art.images if mu._eligible(i, art.body.element)]
    from lint import Config
    from lint.engine import Linter

    linter = Linter(Config.model_validate({"select": ["IM001", "IM003", "IM005"]}))
    for kind, code, value in [("remove-alt", "IM001", None), ("file-name", "IM003", "IMG_4821.jpg")]:
        text, (s, e) = mu.mutate(doc.text, image_span(art, img), kind, value)
        res = linter.lint(Document.from_text(text, str(path), kind="html"))
        assert any(v.code == code and s <= v.offset < e for v in res.violations), kind


def test_tags_written_over_several_lines_are_located_at_their_start():
    html = (f'<html><body><article>{P}\n<img\n  src="/a.jpg"\n  alt="">\n<img src="/b.jpg"\n'
            '  alt="DSC_0412.JPG"><img\nsrc="/c.jpg"></article></body></html>')
    res = lint_snippet(html, select=["IM001", "IM002", "IM003"])
    assert _codes(res, "IM002") == [(4, 3)]
    assert _codes(res, "IM003") == [(6, 3)]
    assert _codes(res, "IM001") == [(6, 22)]


def test_a_story_photo_named_after_its_subject_is_content():
    a = _article(f'<html><body><article>{P}<img src="/uploads/2016/06/Facebook-1024-250x188.jpg" alt="x">'
                 '<img src="/uploads/digital-ad-ux.jpg" alt="y"><img src="/social/fb.png" alt="z"></article></body></html>')
    fb, ad, icon = a.images
    assert fb.content and ad.content
    assert not icon.content


def test_image_hidden_until_a_lazy_loader_shows_it_is_content():
    a = _article(f'<html><body><article>{P}<figure><img data-cfsrc="/k.jpg" alt="Kinder" '
                 'style="display:none;visibility:hidden;"><noscript><img src="/k.jpg" alt="Kinder"></noscript>'
                 '</figure></article></body></html>')
    shown, copy = a.images
    assert shown.content and shown.src == "/k.jpg"
    assert not copy.content


def test_a_story_photo_of_a_logo_is_not_the_site_logo():
    res = _lint_markup(json.dumps("https://ex.com/2015/08/alibaba-logo-getty-1024-683.jpg"), select=["IM023"])
    assert res.violations == []
    res = _lint_markup(json.dumps("https://ex.com/static/logos/ex_logo_social.png"), select=["IM023"])
    assert [v.code for v in res.violations] == ["IM023"]


def test_image_service_urls_without_a_file_name_are_not_one_file():
    from lint.extract.images import file_key

    a = "https://cdn.ex.com/resize/1200x630/quality/90/?url=https%3A%2F%2Fs3%2Fstory.jpg"
    b = "https://cdn.ex.com/resize/1200x630/quality/90/?url=https%3A%2F%2Fs3%2Flogo.png"
    assert file_key(a) != file_key(b)
    assert file_key("https://ex.com/up/a-300x200.jpg") == file_key("https://ex.com/up/a.jpg")


@pytest.mark.parametrize("url", [
    "https://ex.com/up/a.jpg?w=300#x", "HTTP://EX.com/A.JPG", "//cdn.ex.com/a.jpg", "https://ex.com", "//ex.com?q=/a.jpg",
    "/up/a.jpg", "a.jpg#f?q", "?q=/a.jpg", "img:2.jpg", "/a.jpg?u=https://x/b.jpg", "/up/a\tb.jpg", "/\t/host/a.jpg",
    "https://ex.com/a b.jpg", "https://[::1]/a.jpg", "//ex.com:8080/a.jpg", "http:/up/a.jpg", "\x01/a.jpg", "",
    "https://ex\u2100.com/a.jpg", "data:image/png;base64,iVBOR/w0KGgo=",
])
def test_url_path_reads_the_path_as_urlsplit_does(url):
    from urllib.parse import urlsplit

    from lint.extract.images import url_path

    try:
        want = urlsplit(url).path
    except ValueError:
        with pytest.raises(ValueError):
            url_path(url)
    else:
        assert url_path(url) == want


@pytest.mark.parametrize("markup,page", [
    ("https://ex.com/up/Big-Photo_2024-1200x630.jpg", "/up/big-photo_2024-300x158.JPG"),
    ("https://ex.com/up/a.b@2x-1200x800.webp", "https://cdn.ex.com/up/A.B@2X.webp?w=300"),
    ("https://ex.com/up/caf%C3%A9-1200x800.jpg", "/up/café-300x200.jpg"),
    ("https://ex.com/up/caf%C3%A9.jpg", "/up/caf%c3%a9-600x400.jpg"),
    ("https://ex.com/up/x%2Fy.jpg", "/up/x%2fy.jpg"),
    ("https://img.ex.com/resize/1200x630/?url=story", "https://img.ex.com/resize/1200x630/?url=STORY"),
    ("https://ex.com/-1200x800.jpg", "/up/-300x200.jpg"),
])
def test_a_markup_image_is_found_on_the_page_however_its_url_is_written(markup, page):
    from lint.extract.images import file_key, markup_images

    assert file_key(markup) == file_key(page)
    for attrs in (f'src="{page}"', f'src="/other.jpg" srcset="/other.jpg 300w, {page} 600w"'):
        a = _article(f'<html><head><meta property="og:image" content="{markup}"></head><body><article>'
                     f'<img src="/first.jpg" srcset="/first-300x200.jpg 300w"><img {attrs}>{P}</article></body></html>')
        (mi,) = markup_images(a)
        assert mi.on_page is a.images[1]


def test_thin_strips_and_social_files_outside_the_body_are_decoration():
    a = _article(f'<html><body><article><div class="article-body">{P}{P}{P}'
                 '<img src="/up/pin-it-later.jpg" width="500" height="47" alt=""></div>'
                 '<img src="/designimages/Social-Facebook-34.png"></article></body></html>')
    strip, social = a.images
    assert not strip.content and "strip" in strip.reason
    assert not social.content


def test_inline_one_pixel_placeholder_without_a_file_is_not_content_unless_captioned():
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    a = _article(f'<html><body><article>{P}<img src="{gif}"><figure><img src="{gif}">'
                 '<figcaption>Photo: iFixit</figcaption></figure></article></body></html>')
    bare, captioned = a.images
    assert not bare.content and "placeholder" in bare.reason
    assert captioned.content


def test_mutator_leaves_out_images_the_page_marks_as_chrome():
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import images_mutate as mu

    html = ('<html><body><h1>Budget approved</h1><article><div class="story">' + P * 3
            + '<img src="/photos/council-meeting.jpg" alt="Council members vote on the budget" width="800" height="500">'
            + '<div class="author-box"><img src="/u/jane.jpg" alt="Jane Doe, city reporter" width="300" height="300"></div>'
            + '<img src="/photos/lead.jpg" alt="The mayor speaks to the council" style="display:none">'
            + '<button><img src="/ui/copy.svg" alt="Copy link to this story" width="200" height="200"></button>'
            + '</div></article></body></html>')
    a = _article(html)
    body = a.body.element
    picked = [i.src for i in a.images if mu._eligible(i, body)]
    assert picked == ["/photos/council-meeting.jpg"]
    assert [i.src for i in a.images if mu._eligible(i, body, chrome=True)] == [
        "/photos/council-meeting.jpg", "/u/jane.jpg"]


def test_an_image_under_10000_pixels_without_caption_is_decoration():
    a = _article(f'<html><body><article>{P}<img src="/img/BizWest-TV-200x40.png">'
                 f'<img src="/img/thumb.jpg" width="90" height="90"></article></body></html>')
    assert [(i.content, i.reason.split(" (")[0]) for i in a.images] == [
        (False, "too small for a content photo"), (False, "too small for a content photo")]
    b = _article(f'<html><body><article>{P}<figure><img src="/img/chart.png" width="90" height="90">'
                 f'<figcaption>Biểu đồ tăng trưởng</figcaption></figure></article></body></html>')
    assert b.images[0].content is True


from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CAPTION_PARTS = st.sampled_from(["a", "Z", "_", "-", ".", "/", " ", "1", "ſ", "İ", "K", "é", ".jpg", ".JPEG", ".Png",
                                  ".tif", ".tiff", ".heic", ".jpgx", ".gif.", "IMG_20", "ảnh", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CAPTION_PARTS, max_size=24).map("".join))
@example("Ảnh: IMG_2041.JPG (nguồn)")
@example("photo.tiff.")
def test_caption_file_name_scan_misses_no_file_name(text):
    """IM011 skips its file-name scan of a caption without a "." and an image extension where a
    file name would end; the scan finds no file name in such a caption."""
    from lint.checks.images import _EXT_AFTER_DOT, _FILE_IN_TEXT

    if _FILE_IN_TEXT.search(text):
        assert _EXT_AFTER_DOT.search(text)


_NAME_PARTS = st.sampled_from(["logo", "logos", "icon", "ico", "avatar", "btn", "placeholder", "banner", "ad", "ads",
                               "advert", "advertising", "author", "fb", "share", "mail", "e-mail", "qr", "star",
                               "a", "x", "2", "٣", "²", "İ", "é", "_", "-", ".", "/", " ", "?", "%", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAME_PARTS, max_size=16).map("".join))
@example("/uploads/e-mail-2x.png")
@example("advert_banner")
def test_decoration_words_asked_piece_by_piece_match_the_word_lists(text):
    """The images view asks the decoration word lists of each piece of a src, class or id between
    separators; the answers are those of the lists searched in the whole text."""
    from lint.extract.images import _DECOR_HINT_LC, _DECOR_WEAK_LC, _HINT, _WEAK, _decor_bits

    low = text.lower()
    bits = _decor_bits(low)
    assert bool(bits & _HINT) == (_DECOR_HINT_LC.search(" " + low) is not None)
    assert bool(bits & _WEAK) == (_DECOR_WEAK_LC.search(" " + low) is not None)
