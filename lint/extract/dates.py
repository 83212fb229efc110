"""Dates of the page: machine dates (JSON-LD, meta, microdata, ``<time datetime>``, front matter)
and the visible dateline a reader sees, each parsed to a value.

Common shapes (``dd/mm/yyyy hh:mm``, ``Thứ …, dd/mm/yyyy``, ISO 8601, ``Month d, yyyy``,
``d. Monat yyyy``, ``ngày d tháng m năm yyyy``) take a fast path of precompiled patterns; the
rest go to ``dateparser``, imported only then. A day/month order that the text leaves open is
resolved with the page's machine dates, else with the language's convention, and marked
``ambiguous`` so a rule can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache, partial
from itertools import chain, compress, islice, repeat
from operator import and_

from lxml import etree

from .. import locate as _locate
from ..document import HTML, MARKDOWN, TEXT
from ..model import Loc, lazy_loc
from .named import BYLINE, DATE, house_style_elements, named_elements, page_names
from .named import DATE_CLASS as _DATE_CLASS

_META_DATES = {
    "article:published_time": "published",
    "article:modified_time": "modified",
    "og:published_time": "published",
    "og:updated_time": "modified",
    "og:article:published_time": "published",
    "og:article:modified_time": "modified",
    "date": "published",
    "pubdate": "published",
    "publishdate": "published",
    "publish-date": "published",
    "publish_date": "published",
    "published_time": "published",
    "datepublished": "published",
    "datemodified": "modified",
    "dc.date": "published",
    "dc.date.issued": "published",
    "dc.date.created": "published",
    "dcterms.date": "published",
    "dcterms.created": "published",
    "dcterms.issued": "published",
    "dcterms.modified": "modified",
    "parsely-pub-date": "published",
    "sailthru.date": "published",
    "article.published": "published",
    "article.updated": "modified",
    "last-modified": "modified",
    "lastmod": "modified",
}
ARTICLE_ITEMTYPES = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                     "OpinionNewsArticle", "TechArticle", "ScholarlyArticle", "LiveBlogPosting", "WebPage",
                     "SocialMediaPosting", "Report", "Blog", "ItemPage", "CreativeWork"}
_ITEMPROP_ROLE = {"datepublished": "published", "datemodified": "modified", "datecreated": "other",
                  "uploaddate": "other"}

# --------------------------------------------------------------------------- the fast path
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?\s?[Mm]\.?|SA|CH)(?![\w]))?"
_TZ = (r"\(?\s*(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\s*\)?"
       r"|\(?(?:GMT|UTC)\)?(?![\w])|\b(?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|BST|CET|CEST|ICT)\b")
_VI_WD = (r"(?:Thứ\s*(?:[2-7](?!\d)|hai|ba|tư|tu|năm|sáu|bảy|bẩy)|Chủ\s*nhật|Chủ\s*Nhật|CN)(?![\w])")
_EN_WD = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
          r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:\.|(?=,)))(?![\w])")
_DE_WD = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
_WD = f"(?:{_VI_WD}|{_EN_WD}|{_DE_WD})"
_SEP = r"\s*(?:[|,·•\-–—/]|\bat\b|\blúc\b|\bum\b)?\s*"

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "märz.": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "okt": 10, "dez": 12,
    # Arabic (Egypt and the Levant's Latin-derived names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # French, Spanish, Italian, Portuguese, Dutch, Romanian (full names only: short forms collide)
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7, "septembrie": 9,
    "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    # Russian and Ukrainian, as written after a day (genitive)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7, "серпня": 8,
    "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
}
def _one_of(words: list) -> str:
    """An alternation of regular-expression ``words``, grouped by their first character (the order
    within a group kept). The engine skips a whole group on one character compare when its first
    character differs, where a flat alternation tries each word; words with different first
    characters never match at the same place, so the same word matches as with the flat list."""
    groups: dict = {}
    for w in words:
        assert w[:1].isalnum(), w  # a plain first character, not an escape
        groups.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


_MONTH = _one_of(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_NUMERIC_SRC = (
    rf"(?P<wd>{_WD}\s*,?\s*)?(?:ngày\s*)?"
    rf"(?:(?P<t1>{_TIME})(?:\s*(?P<tz1>{_TZ}))?{_SEP})?"
    r"(?<![\d./-])(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d])"
    rf"(?:{_SEP}(?P<t2>{_TIME}))?(?:\s*(?P<tz>{_TZ}))?"
)
ISO = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})(?P<s>[-/.]|\s*年\s*)(?P<m>\d{1,2})(?:(?P=s)|\s*月\s*)(?P<d>\d{1,2})(?![\d])\s*日?"
    r"(?:(?:T|\s+|\s*,\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?",
)
_WORDS_SRC = (
    rf"(?P<wd>{_WD}\s*,?\s*)?"
    rf"(?:(?P<t1>{_TIME})(?:\s*(?P<tz1>{_TZ}))?{_SEP})?"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?(?P<mon2>{_MONTH})\.?,?\s+(?:de\s+)?"
    rf"(?P<y2>\d{{4}}))(?![\w])"
    rf"(?:{_SEP}(?P<t2>{_TIME}))?(?:\s*(?P<tz>{_TZ}))?"
)
_VI_WORDS_SRC = (
    rf"(?P<wd>{_VI_WD}\s*,?\s*)?ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s*(?:năm|,)\s*(?P<y>\d{{4}})"
    rf"(?:{_SEP}(?P<t2>{_TIME}))?"
)


def _lower_case(src: str) -> re.Pattern:
    """A case-blind pattern's source, written in lower case and compiled case-sensitive: searched
    in a lower-cased text it finds the same matches (see :func:`_lowered`) at about a third of the
    cost, since the engine then skips an alternative on its first letter."""
    assert not re.search(r"\\[A-Z]", src)  # no \D, \W, \S... that lower case would turn around
    return re.compile(src.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))


NUMERIC_LOWER = _lower_case(_NUMERIC_SRC)
WORDS_LOWER = _lower_case(_WORDS_SRC)
VI_WORDS_LOWER = _lower_case(_VI_WORDS_SRC)


@lru_cache(maxsize=1)
def case_blind_patterns() -> tuple:
    """(NUMERIC, WORDS, VI_WORDS) as case-blind patterns: the reference the lower-case ones are held
    to, searched in a text :func:`_lowered` cannot lower safely. Compiled when first needed."""
    return tuple(re.compile(src, re.IGNORECASE) for src in (_NUMERIC_SRC, _WORDS_SRC, _VI_WORDS_SRC))


# Characters a case-blind search matches to a letter other than the one str.lower() gives them:
# the extra case equivalences of Python's regular expressions (re._casefix: ſ is s, ı is i, ᲀ is в,
# ϐ is β...) and Σ, which str.lower() writes as ς at the end of a word. A text with one of them is
# searched case-blind. (İ, whose lower case is two characters, is caught by the length.)
_FOLDS = re.compile(
    "[µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιΐΰꙋﬅﬆΣ]"
)


def _lowered(text: str) -> str | None:
    """``text`` in lower case, when a case-sensitive search of it with the lower-case patterns finds
    exactly what the case-blind patterns find in ``text`` (same places, same lengths); else None."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and _FOLDS.search(text)):
        return None
    return low


_EPOCH = re.compile(r"^\d{9,13}$")
# What a match of each pattern must hold, searched first: cheap, and most texts hold neither.
_NUMERIC_CORE = re.compile(r"\d[./-]\d{1,2}[./-]\d")  # every NUMERIC match
_HAS_FOUR_DIGITS = re.compile(r"\d{4}")  # every ISO, WORDS and VI_WORDS match (the year)

# Labels in front of a date: what the date is (published or updated).
_LABEL = re.compile(
    r"(?P<upd>cập\s*nhật(?:\s*lúc)?|updated?(?:\s+on|\s+at)?|last\s+(?:updated|modified|edited)(?:\s+on)?|modified|edited|"
    r"sửa\s+lần\s+cuối|aktualisiert(?:\s+am)?|zuletzt\s+aktualisiert|stand)"
    r"|(?P<pub>đăng(?:\s*lúc|\s*ngày)?|ngày\s+đăng|xuất\s+bản|published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|"
    r"first\s+published|veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|publié\s+le|publicado)",
    re.IGNORECASE,
)
_LABEL_LOWER = _lower_case(_LABEL.pattern)


def _last_label(text: str):
    """The last label in ``text`` (a match of _LABEL: its place and whether it says updated), or
    None. Searched in lower case when :func:`_lowered` allows, like the dates."""
    low = _lowered(text)
    m = None
    for m in (_LABEL.finditer(text) if low is None else _LABEL_LOWER.finditer(low)):
        pass
    return m


_VI_WEEKDAY = {"2": 0, "hai": 0, "3": 1, "ba": 1, "4": 2, "tư": 2, "tu": 2, "5": 3, "năm": 3, "6": 4, "sáu": 4,
               "7": 5, "bảy": 5, "bẩy": 5}
_EN_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DE_WEEKDAY = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
               "sonnabend": 5, "sonntag": 6}
VI_WEEKDAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
EN_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]


@dataclass(slots=True)
class MachineDate:
    source: str  # 'json-ld', 'meta', 'microdata', 'time', 'front-matter'
    prop: str  # 'datePublished', 'article:published_time', 'datetime', 'date'...
    role: str  # 'published' | 'modified' | 'other'
    raw: str
    _loc: Loc | None = None  # read and set as ``loc``
    value: datetime | None = None  # parsed (aware when the value has an offset)
    has_time: bool = False
    has_offset: bool = False
    element: object = None
    _locate: object = None  # a function that gives ``loc``, called when ``loc`` is first read

    loc = lazy_loc("Where the date is written (a JSON-LD value is located in its block when first asked for).")

    @property
    def standard(self) -> bool:
        """A property a standard defines (schema.org, Open Graph, Dublin Core, HTML), not a
        vendor's own meta tag (sailthru.date, parsely-pub-date...)."""
        if self.source in ("json-ld", "microdata", "time", "front-matter"):
            return True
        p = self.prop.lower()
        return p.startswith(("article:", "og:", "dc.", "dcterms.")) or p in ("datepublished", "datemodified")


# Published/modified pairs that belong together, for comparing one with the other.
PAIRS = (("datePublished", "dateModified"), ("article:published_time", "article:modified_time"),
         ("og:published_time", "og:updated_time"), ("dcterms.created", "dcterms.modified"),
         ("dcterms.issued", "dcterms.modified"), ("dc.date.issued", "dcterms.modified"),
         ("datepublished", "datemodified"))


@dataclass(slots=True)
class VisibleDate:
    text: str  # the date as shown, labels stripped
    _loc: Loc | None = None  # read and set as ``loc``
    value: object = None  # a datetime (naive: in the site's time zone) when parsed
    role: str = "published"  # 'published' | 'modified' (from a label like "Cập nhật")
    has_time: bool = False
    weekday: int | None = None  # the weekday as written (0 = Monday), when it is
    weekday_text: str | None = None
    _weekday_loc: Loc | None = None  # read and set as ``weekday_loc``
    order: str | None = None  # 'DMY', 'MDY', 'YMD', 'words'
    ambiguous: bool = False  # day and month could be swapped and nothing on the page decided
    order_from: str | None = None  # how the order was decided
    offset: timedelta | None = None  # an offset written with it (GMT+7)
    found_in: str = ""  # 'time', 'selector', 'class', 'itemprop', 'text'
    element: object = None
    datetime_attr: MachineDate | None = None  # the <time datetime> of the same element
    distance: int | None = None  # source lines from the headline, when both are known
    _locate: object = None  # a function that gives (loc, weekday_loc), called when either is first read

    def _located(self):
        if self._locate is not None:
            (self._loc, self._weekday_loc), self._locate = self._locate(), None

    @property
    def loc(self) -> Loc | None:
        """Where the date is shown. A date read from an element is found in the source only when
        asked for: only a violation needs it, and finding rendered text in the source may take a
        regular-expression search."""
        self._located()
        return self._loc

    @loc.setter
    def loc(self, value: Loc | None):
        self._located()
        self._loc = value

    @property
    def weekday_loc(self) -> Loc | None:
        """Where the weekday written with the date is, when it is."""
        self._located()
        return self._weekday_loc

    @weekday_loc.setter
    def weekday_loc(self, value: Loc | None):
        self._located()
        self._weekday_loc = value

    @property
    def extra(self) -> dict:
        return {"role": self.role, "found_in": self.found_in, "order": self.order,
                **({"ambiguous": True} if self.ambiguous else {})}


@dataclass(slots=True)
class Dates:
    machine: list = field(default_factory=list)
    visible: list = field(default_factory=list)
    site_tz: timezone | None = None  # the site's zone: configured, or from the page's offsets
    site_tz_from: str = ""
    url_date: date | None = None
    fallback: list = field(default_factory=list)  # (value, where): other markup nodes' dates
    lang: str = ""  # the page's language, for reading a date in words

    def published(self):
        """The best estimate of the publication date: (datetime, where from) or (None, '')."""
        order = (("json-ld", "published"), ("meta", "published"), ("microdata", "published"),
                 ("front-matter", "published"), ("time", "published"))
        for src, role in order:
            for md in self.machine:
                if md.source == src and md.role == role and md.value is not None:
                    return md.value, f"{md.source} {md.prop}"
        for md in self.machine:  # a publication date in the markup, written in another format
            if md.role == "published" and md.value is None and md.source != "time":
                p = parse_visible(md.raw[:80], "DMY")
                if p is not None and not p.ambiguous and p.order != "MDY":
                    v = p.value
                    if p.offset is not None:
                        v = v.replace(tzinfo=timezone(p.offset))
                    return v, f"{md.source} {md.prop} (not ISO 8601)"
                if p is None and self.lang and re.search(r"\d{4}", md.raw[:80]):
                    p = parse_slow(md.raw[:80], self.lang, "DMY")
                    if p is not None:
                        return p.value, f"{md.source} {md.prop} (not ISO 8601)"
        for v in self.visible:
            if v.role == "published" and isinstance(v.value, datetime):
                return v.value, f"visible date ({v.found_in})"
        for md in self.machine:
            if md.source == "json-ld" and md.prop == "dateCreated" and md.value is not None:
                return md.value, "json-ld dateCreated"
        for value, where in self.fallback:
            return value, where
        for v in self.visible:
            if isinstance(v.value, datetime):
                return v.value, f"visible date ({v.found_in}, labelled updated)"
        if self.url_date is not None:
            return datetime(self.url_date.year, self.url_date.month, self.url_date.day), "the URL"
        return None, ""

    def local(self, value: datetime) -> datetime:
        """A value in the site's time zone (naive values are taken as already local)."""
        if value.tzinfo is not None and self.site_tz is not None:
            try:
                return value.astimezone(self.site_tz)
            except (OverflowError, ValueError):
                return value
        return value


# --------------------------------------------------------------------------- parsing
@dataclass(slots=True)
class Parsed:
    value: datetime
    start: int
    end: int
    has_time: bool = False
    weekday: int | None = None
    weekday_text: str | None = None
    weekday_span: tuple | None = None
    order: str = ""
    ambiguous: bool = False
    offset: timedelta | None = None
    a: int = 0  # the two numbers of a numeric date, as written
    b: int = 0


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


def _time(s: str | None) -> tuple[int, int, int] | None:
    if not s:
        return None
    m = re.match(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([AaPp]|SA|CH|sa|ch)?", s)
    if not m:
        return None
    h, mi, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    ap = (m.group(4) or "").lower()
    if ap in ("p", "ch") and h < 12:
        h += 12
    elif ap in ("a", "sa") and h == 12:
        h = 0
    if h > 23 or mi > 59 or sec > 59:
        return None
    return h, mi, sec


_US_ZONES = {"et": -5, "est": -5, "edt": -4, "ct": -6, "cst": -6, "cdt": -5, "pt": -8, "pst": -8, "pdt": -7,
             "bst": 1, "cet": 1, "cest": 2, "ict": 7, "gmt": 0, "utc": 0}


def _tz(s: str | None) -> timedelta | None:
    if not s:
        return None
    m = re.search(r"(?:GMT|UTC)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?", s, re.IGNORECASE)
    if m:
        sign = -1 if m.group(1) in "-−" else 1
        return sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    key = re.sub(r"[^a-z]", "", s.lower())
    if key in _US_ZONES:
        return timedelta(hours=_US_ZONES[key])
    return None


def _weekday(s: str | None) -> int | None:
    if not s:
        return None
    w = " ".join(s.strip(" ,").split()).lower()
    if w.startswith("chủ") or w == "cn":
        return 6
    if w.startswith("thứ"):
        return _VI_WEEKDAY.get(w[3:].strip())
    if w in _DE_WEEKDAY:
        return _DE_WEEKDAY[w]
    return _EN_WEEKDAY.get(w[:3])


def _mk(y: int, mo: int, d: int, t) -> datetime | None:
    try:
        return datetime(y, mo, d, *(t or (0, 0, 0)))
    except ValueError:
        return None


def _first_date(text: str, low: str | None = "") -> tuple | None:
    """The first match in ``text`` of the fast path's patterns: (which: "numeric", "iso", "words" or
    "vi-words", the match, its groups as written in ``text``), or None. The patterns other than ISO
    are case-blind: they are searched in lower case in ``low`` (by default :func:`_lowered` of
    ``text``), or, when it is None, with the case-blind patterns in ``text``."""
    four = _HAS_FOUR_DIGITS.search(text)
    numeric = _NUMERIC_CORE.search(text)
    if not four and not numeric:
        return None
    if low == "":
        low = _lowered(text)
    if low is None:
        subject, (rx_numeric, rx_words, rx_vi) = text, case_blind_patterns()
    else:
        subject, rx_numeric, rx_words, rx_vi = low, NUMERIC_LOWER, WORDS_LOWER, VI_WORDS_LOWER
    best = None
    if numeric:
        m = rx_numeric.search(subject)
        if m:
            best = ("numeric", m)
    if four:  # ISO, WORDS and VI_WORDS all need a four-digit year
        for which, rx, s in (("iso", ISO, text), ("words", rx_words, subject), ("vi-words", rx_vi, subject)):
            m = rx.search(s)
            if m and (best is None or m.start() < best[1].start()):
                best = (which, m)
    if best is None:
        return None
    which, m = best
    if low is None or which == "iso":
        return which, m, m.groupdict()
    regs = m.regs  # the groups' places are the same in ``text``: read them there, as written
    return which, m, {name: (text[regs[i][0]:regs[i][1]] if regs[i][0] >= 0 else None)
                      for name, i in m.re.groupindex.items()}


@lru_cache(maxsize=2048)
def parse_visible(text: str, order: str = "DMY") -> Parsed | None:
    """The first date in ``text`` on the fast path, or None. ``order`` decides an ambiguous
    numeric date (both numbers ≤ 12); the result says whether it had to.

    Kept per text (a fifth of the texts a page hands over come again: a dateline's box and the
    <time> inside it, a byline box repeated): the result is shared, so read it, never change it."""
    found = _first_date(text)
    if found is None:
        return None
    rx, m, g = found
    t = _time(g.get("t2") or g.get("t1") or (f"{g['H']}:{g['M']}:{g.get('S') or '00'}" if g.get("H") else None))
    p = None
    if rx == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), _year(g["y"])
        if a > 31 or b > 31 or a == 0 or b == 0:
            return None
        if a > 12 and b <= 12:
            o, amb = "DMY", False
        elif b > 12 and a <= 12:
            o, amb = "MDY", False
        elif a > 12 and b > 12:
            return None
        elif g["s"] == ".":
            o, amb = "DMY", False  # nobody writes month.day.year with dots
        else:
            o, amb = order, a != b
        d, mo = (a, b) if o == "DMY" else (b, a)
        v = _mk(y, mo, d, t)
        if v is None:
            return None
        p = Parsed(v, m.start(), m.end(), t is not None, order=o, ambiguous=amb, a=a, b=b)
        p.offset = _tz(g.get("tz") or g.get("tz1"))
    elif rx == "iso":
        v = _mk(int(g["y"]), int(g["m"]), int(g["d"]), t)
        if v is None:
            return None
        p = Parsed(v, m.start(), m.end(), t is not None, order="YMD")
        if g.get("off"):
            p.offset = _offset(g["off"])
    elif rx == "words":
        mon = (g.get("mon") or g.get("mon2") or "").lower().rstrip(".")
        mo = MONTHS.get(mon)
        d = int(g.get("d") or g.get("d2"))
        y = int(g.get("y") or g.get("y2"))
        v = _mk(y, mo, d, t) if mo else None
        if v is None:
            return None
        p = Parsed(v, m.start(), m.end(), t is not None, order="words")
        p.offset = _tz(g.get("tz") or g.get("tz1"))
    else:
        v = _mk(int(g["y"]), int(g["m"]), int(g["d"]), t)
        if v is None:
            return None
        p = Parsed(v, m.start(), m.end(), t is not None, order="words")
    if g.get("wd"):
        p.weekday_text = g["wd"].strip(" ,")
        p.weekday = _weekday(p.weekday_text)
        p.weekday_span = (m.start("wd"), m.start("wd") + len(g["wd"].rstrip(" ,")))
    return p


def _offset(s: str) -> timedelta | None:
    if s in ("Z", "z"):
        return timedelta(0)
    m = re.match(r"([+-])(\d{2}):?(\d{2})$", s)
    if not m:
        return None
    sign = -1 if m.group(1) == "-" else 1
    return sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))


_ISO_FULL = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{1,2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<off>Z|z|[+-]\d{2}:?\d{2})?)?$"
)


@lru_cache(maxsize=4096)
def parse_machine(raw: str) -> tuple[datetime | None, bool, bool]:
    """(value, has time, has offset) of a machine date; ISO 8601 (and its common slips) only.
    Kept per text: a page writes the same date in its JSON-LD, its meta tags and its <time>."""
    s = raw.strip()
    m = _ISO_FULL.match(s)
    if not m:
        return None, False, False
    g = m.groupdict()
    try:
        v = datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0))
    except ValueError:
        return None, False, False
    off = _offset(g["off"]) if g["off"] else None
    if off is not None:
        try:
            v = v.replace(tzinfo=timezone(off))
        except ValueError:
            return None, False, False
    return v, g["H"] is not None, off is not None


# A day (or month) number and a year apart from it: worth asking dateparser.
_SLOW_WORTH = re.compile(r"(?<!\d)\d{1,2}(?!\d).*?(?<!\d)\d{4}(?!\d)|(?<!\d)\d{4}(?!\d).*?(?<!\d)\d{1,2}(?!\d)")


def parse_slow(text: str, lang: str, order: str) -> Parsed | None:
    """dateparser, for the shapes the fast path does not know. Imported only here."""
    if len(text) > 120 or not _SLOW_WORTH.search(text):
        return None
    p = _parse_slow(text, lang, order)
    return None if p is None else Parsed(p.value, p.start, p.end, p.has_time, order=p.order)


def slow_settings(order: str) -> dict:
    """dateparser's settings: a whole absolute date (never "3 days ago": that is relative to now)."""
    return {"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"]}


# The pieces of a worded date: a time, a number, a word, the gap between them; anything else.
_WORDED_PIECE = re.compile(r"(?P<time>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)(?![0-9])|(?P<num>[0-9]+)"
                           r"|(?P<word>[^\W\d_]+)|(?P<gap>[\s,.|/-]+)|(?P<other>.)", re.DOTALL)


def worded(text: str, lang: str) -> datetime | None:
    """The date of ``text`` as dateparser reads it, for the common shape of a date in words: a day,
    a month named in ``lang``, a four-digit year, in the order D M Y, M D Y or Y M D, with perhaps a
    weekday's name and a time (HH:MM[:SS]), each apart from the next by white space and perhaps one
    of ``, . - | /``. None for any other text, and for a word that is neither a month nor a weekday
    in the table (lint/monthnames.txt, whose names are the ones dateparser reads): dateparser
    decides those."""
    from ..monthnames import names

    table = names(lang)
    if table is None:
        return None
    months, weekdays = table
    text = text.removeprefix("\ufeff")  # a byte-order mark left at the start of an element's text
    shape, values, last = "", {}, "gap"
    for m in _WORDED_PIECE.finditer(text):
        kind, piece = m.lastgroup, m.group()
        if kind == "gap":
            if not piece.isspace() and (m.start() == 0 or m.end() == len(text) or piece.strip() == piece):
                return None  # a mark at either end, or one not set apart by a space
            if "." in piece and (piece[0] != "." or last == "time"):
                return None  # a dot ends a word or a number ("10. marts", "Jan."), else it may be a decimal point
            last = kind
            continue
        if kind == "other" or last != "gap":
            return None  # something else, or two pieces run together ("2020م")
        last = kind
        if kind == "time":
            key, value = "T", tuple(int(x) for x in piece.split(":"))
        elif kind == "num" and len(piece) == 4 and piece[:2] in ("19", "20"):
            key, value = "Y", int(piece)
        elif kind == "num" and len(piece) <= 2:
            key, value = "D", int(piece)
        elif kind == "word" and piece.lower() in months:
            key, value = "M", months[piece.lower()]
        elif kind == "word" and piece.lower() in weekdays:
            key, value = "W", None
        else:
            return None
        if key in values:
            return None
        shape += key
        values[key] = value
    if shape.replace("W", "").replace("T", "") not in ("DMY", "MDY", "YMD"):
        return None
    try:
        return datetime(values["Y"], values["M"], values["D"], *values.get("T", ()))
    except ValueError:
        return None


def _dateparser(text: str, lang: str, order: str) -> datetime | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        return dateparser.parse(text, languages=[lang], settings=slow_settings(order))
    except Exception:
        return None


@lru_cache(maxsize=256)
def _parse_slow(text: str, lang: str, order: str) -> Parsed | None:
    if not lang or len(lang) != 2 or not lang.isalpha():
        return None  # without a language dateparser tries every locale: far too slow (nor is it imported)
    v = worded(text, lang)
    if v is None:
        v = _dateparser(text, lang, order)
    if v is None:
        return None
    has_time = bool(re.search(r"\d{1,2}[:h]\d{2}", text))
    return Parsed(v.replace(tzinfo=None), 0, len(text.rstrip()), has_time, order="words")


# --------------------------------------------------------------------------- finding them
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")
_URL_DATE8 = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)")


def _lang_order(article) -> str:
    lang = (article.lang or "").lower()
    if lang == "en":
        hl = (article.page.html_lang or "").lower() if article.kind == HTML else ""
        return "MDY" if hl in ("en-us", "en_us", "en") or not hl else "DMY"
    return "DMY"


def _front_matter(article, d: Dates):
    for key in ("date", "publishdate", "pubdate", "published", "lastmod", "modified", "updated", "expirydate"):
        fv = article.markdown.raw_front_matter.get(key)
        if fv is None or key == "expirydate":
            continue
        role = "published" if key in ("date", "publishdate", "pubdate", "published") else "modified"
        raw = fv.raw
        q = raw[:1] if raw[:1] in "\"'" and raw.endswith(raw[:1]) and len(raw) >= 2 else ""
        val = raw[1:-1] if q else raw
        start = article.doc.offset(fv.line, fv.column) + (1 if q else 0)
        md = MachineDate("front-matter", fv.key, role, val, Loc(offset=start, end_offset=start + len(val)))
        md.value, md.has_time, md.has_offset = parse_machine(val)
        d.machine.append(md)


def _jsonld_value_loc(markup, text: str, prop: str, raw: str) -> Loc | None:
    try:
        loc = markup.value_loc(prop)  # the merged entity's locator (follows @id references)
        if loc is not None:
            if loc.offset is not None and loc.end_offset is not None and loc.end_offset - loc.offset >= 2 \
                    and text[loc.offset] == '"' and text[loc.end_offset - 1] == '"':
                return Loc(offset=loc.offset + 1, end_offset=loc.end_offset - 1)  # the date itself, not its quotes
            return loc
    except Exception:
        pass
    for blk in markup.jsonld:
        if blk.offset < 0 or blk.data is None:
            continue
        i = blk.raw.find(f'"{prop}"')
        if i >= 0:
            j = blk.raw.find(raw, i) if isinstance(raw, str) else -1
            if j >= 0:
                return Loc(offset=blk.offset + j, end_offset=blk.offset + j + len(raw))
            return Loc(offset=blk.offset + i, end_offset=blk.offset + i + len(prop) + 2)
    return None


def _machine_html(article, d: Dates):
    art = article.markup.article
    if isinstance(art, dict):
        for prop, role in (("datePublished", "published"), ("dateModified", "modified"), ("dateCreated", "other")):
            v = art.get(prop)
            if isinstance(v, list):
                v = next((x for x in v if isinstance(x, (str, int, float)) and not isinstance(x, bool)), None)
            if isinstance(v, dict):
                v = v.get("@value")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                v = str(v)
            if isinstance(v, str) and v.strip():
                md = MachineDate("json-ld", prop, role, v,
                                 _locate=partial(_jsonld_value_loc, article.markup, article.doc.text, prop, v))
                md.value, md.has_time, md.has_offset = parse_machine(v[:64])
                d.machine.append(md)
    if not isinstance(art, dict):
        _unparsed_jsonld(article, d)
    for n in article.markup.nodes[:200]:
        if n is art or not isinstance(n, dict):
            continue
        for prop in ("datePublished", "dateCreated", "uploadDate"):
            v = n.get(prop)
            if isinstance(v, str):
                val = parse_machine(v[:64])[0]
                if val is not None:
                    d.fallback.append((val, f"json-ld {prop} of another node"))
                    break
    for key, (value, el) in article.meta.items():
        role = _META_DATES.get(key)
        if role and isinstance(value, str) and value.strip():
            src = "microdata" if el is not None and el.get("itemprop") else "meta"
            md = MachineDate(src, key, role, value.strip(), Loc(element=el, attr="content"), element=el)
            md.value, md.has_time, md.has_offset = parse_machine(md.raw[:64])
            d.machine.append(md)


_JSONLD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"\\]{4,64})"')


def _unparsed_jsonld(article, d: Dates):
    """An article's dates in a JSON-LD block that does not parse (a stray comma, a raw line
    break): read as text, the first value of each property."""
    seen = set()
    for blk in article.markup.jsonld:
        if blk.data is not None or not isinstance(blk.raw, str) or '"@type"' not in blk.raw:
            continue
        if not re.search(r'"@type"\s*:\s*"(?:[A-Za-z]*Article|BlogPosting|Report|WebPage)"', blk.raw[:100_000]):
            continue
        for m in _JSONLD_DATE.finditer(blk.raw[:100_000]):
            prop = m.group(1)
            if prop in seen:
                continue
            seen.add(prop)
            loc = Loc(offset=blk.offset + m.start(2), end_offset=blk.offset + m.end(2)) if blk.offset >= 0 else None
            md = MachineDate("json-ld", prop, "published" if prop == "datePublished" else "modified",
                             m.group(2), loc)
            md.value, md.has_time, md.has_offset = parse_machine(md.raw)
            d.machine.append(md)


def _site_tz(article, d: Dates):
    cfg = getattr(article, "config", None)
    hs = getattr(cfg, "house_style", None)
    tzname = getattr(hs, "timezone", None) if hs is not None else None
    if tzname:
        tz = tz_from_name(tzname)
        if tz is not None:
            d.site_tz, d.site_tz_from = tz, "the configured timezone"
            return
    # The page's offsets: the most common non-UTC offset among its machine dates.
    counts: dict = {}
    for md in d.machine:
        if md.value is not None and md.has_offset:
            off = md.value.utcoffset()
            if off:
                counts[off] = counts.get(off, 0) + 1
    if counts:
        off = max(counts, key=counts.get)
        d.site_tz, d.site_tz_from = timezone(off), "the page's machine dates"
        return
    for v in d.visible:
        if v.offset is not None:
            d.site_tz, d.site_tz_from = timezone(v.offset), "the visible date"
            return
    # Markup in UTC and a visible time: the difference is the site's offset.
    shown = next((v for v in d.visible if v.has_time and isinstance(v.value, datetime) and v.role == "published"), None)
    utc = next((m for m in d.machine if m.role == "published" and m.has_offset and m.has_time and m.value), None)
    if shown is not None and utc is not None:
        delta = shown.value - utc.value.replace(tzinfo=None)
        mins = delta.total_seconds() / 60
        if 0 < abs(mins) <= 14 * 60 and abs(mins - round(mins / 15) * 15) <= 2:
            d.site_tz = timezone(timedelta(minutes=round(mins / 15) * 15))
            d.site_tz_from = "the visible time against the markup's UTC time"
            return
    # A <time> whose text shows the day of its UTC value: the site writes its dates in UTC.
    for v in d.visible:
        md = v.datetime_attr
        if md is not None and md.has_offset and md.value is not None and not md.value.utcoffset() \
                and v.role == "published" and isinstance(v.value, datetime) and not v.ambiguous \
                and v.value.date() == md.value.date():
            d.site_tz, d.site_tz_from = timezone.utc, "the visible date of a <time> against its UTC value"
            return
    lang = article.lang or ""
    if lang == "vi":
        d.site_tz, d.site_tz_from = timezone(timedelta(hours=7)), "the language (vi: GMT+7)"
    elif lang in _LANG_ZONES:
        tz = tz_from_name(_LANG_ZONES[lang])
        if tz is not None:
            d.site_tz, d.site_tz_from = tz, f"the language ({lang}: {_LANG_ZONES[lang]})"


# Languages spoken in one time zone (or nearly): the zone a page in them most likely means.
_LANG_ZONES = {"de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam",
               "pl": "Europe/Warsaw", "cs": "Europe/Prague", "ja": "Asia/Tokyo", "ko": "Asia/Seoul",
               "th": "Asia/Bangkok", "id": "Asia/Jakarta", "tr": "Europe/Istanbul", "uk": "Europe/Kyiv"}


def tz_from_name(name: str):
    m = re.match(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$", name.strip())
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    if name.strip().upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name.strip())
    except Exception:
        return None


def _label(text: str, start: int) -> str:
    """'modified' when the text before the date (or the whole short text) says it was updated."""
    head = text[max(0, start - 40):start] if start else text[:40]
    m = _last_label(head)
    if m is None and start == 0:
        return "published"
    if m is not None and m.group("upd"):
        return "modified"
    return "published"


_NOT_CANDIDATE = frozenset(("html", "body", "script", "style", "a", "img", "nav", "meta", "link"))


@dataclass(slots=True)
class Scan:
    """One pass over the page for the DT and BY views."""

    times: list = field(default_factory=list)  # <time> outside nav, footer and aside
    all_times: list = field(default_factory=list)  # every <time>, in document order
    rel_authors: list = field(default_factory=list)  # <a rel="author">, in document order
    date_props: list = field(default_factory=list)  # itemprop datePublished/dateModified (not <meta>)
    prop_values: list = field(default_factory=list)  # itemprop date elements with a machine value
    date_classed: list = field(default_factory=list)
    bylines: list = field(default_factory=list)  # itemprop=author or a byline class


_SKIP_TAGS = ("nav", "footer", "aside")
_get = etree._Element.get  # one method for every element: no bound method made per element


def _in_skipped(el) -> bool:
    """Is ``el`` a nav, footer or aside, or inside one? lxml walks up in C and makes no Python
    object for the ancestors it passes (a walk that made one for each cost several times more on a
    page's first look, when none of them exists yet)."""
    if el.tag in _SKIP_TAGS:
        return True
    for _ in el.iterancestors(*_SKIP_TAGS):
        return True
    return False


def scan(article) -> Scan:
    """The elements the DT and BY views read, from the page's one walk (``named_elements``): ``<time>``,
    itemprop dates and authors, ``<a rel=author>``, and elements whose class or id names a date
    or a byline. Cached on the article."""
    cached = article.__dict__.get("_dtby_scan")
    if cached is not None:
        return cached
    sc = Scan()
    root = article.tree
    if root is not None:
        named = named_elements(article)
        kinds = page_names(article)  # what each class or id names (every one is there)
        kind_of = kinds.__getitem__
        # The few names of the page (of ~180) that say a date or a byline, picked in C.
        said = set(compress(kinds, map(and_, kinds.values(), repeat(DATE | BYLINE))))
        # The elements read below: a <time>, an itemprop, or a name that says a date or a byline
        # (a few dozen of the walk's). The links (most of the rest) are read only for their rel.
        picked = [t for t in named if t[2] or t[3] in said or t[1] == "time"]
        links = [t[0] for t in named if t[1] == "a"]
        # rel="author": the rel of every link is read in C; the few links with one are looked at.
        for el, rel in zip(links, map(_get, links, repeat("rel"))):
            if rel and "author" in rel.lower().split():
                sc.rel_authors.append(el)
        all_times, date_props, prop_values = sc.all_times, sc.date_props, sc.prop_values
        date_classed, bylines = sc.date_classed, sc.bylines
        for el, tag, ip, c in picked:
            if tag == "time":
                all_times.append(el)
                continue
            if ip:
                ipl = ip.lower()
                if ipl in _ITEMPROP_ROLE and tag != "meta":
                    if ipl in ("datepublished", "datemodified"):
                        date_props.append(el)
                    prop_values.append(el)
                    continue
                if ipl == "author" and tag not in ("meta", "link") and not _in_skipped(el):
                    bylines.append(el)
                    continue
            if c not in said or len(c) >= 200:
                continue
            k = kind_of(c) & (DATE | BYLINE)
            if tag not in ("html", "body", "script", "style", "meta", "link") and not _in_skipped(el):
                if k & DATE and tag not in _NOT_CANDIDATE:
                    date_classed.append(el)
                if k & BYLINE:
                    bylines.append(el)
        sc.times = [el for el in all_times if not _in_skipped(el)]
    article.__dict__["_dtby_scan"] = sc
    return sc


def _candidate_elements(article):
    """Elements that may hold the dateline, best first: the configured selector, itemprop dates,
    <time>, and short elements whose class or id names a date, near the headline."""
    out = [("selector", el) for el in house_style_elements(article, "date_selector")]
    head = article.page.headline_el
    head_line = getattr(head, "sourceline", None) or 0
    sc = scan(article)
    times, classed = list(sc.times), list(sc.date_classed)

    def near(el):
        # Lines from the headline; a date above it counts four times as far (a header's "today").
        ln = getattr(el, "sourceline", None) or 0
        return ln - head_line if ln >= head_line - 3 else (head_line - ln) * 4

    out.extend(("itemprop", el) for el in sc.date_props)
    if head_line:
        times.sort(key=near)
        classed.sort(key=near)
    if head is not None:
        around = set(head.iterancestors())  # a wrapper of the headline reads the headline's dates
        classed = [el for el in classed if el not in around]
    out.extend(("time", el) for el in times[:8])
    out.extend(("class", el) for el in classed[:30])
    return out


def _element_text(el, limit: int | None = None) -> str:
    """The element's text; its children's texts kept apart (``<span>28.09.19</span><span>12:44</span>``
    is not the year 1912). With ``limit``: once the text is longer, the part read so far (longer
    than ``limit`` too), without reading the rest of a large element.

    Each piece is split into words and joined by single spaces, and the pieces are joined by a space
    or nothing: the text comes out with its white space already collapsed."""
    try:
        if not len(el):  # no children (a <time>, a <span>): its own text is all there is
            t = el.text
            return " ".join(t.split()) if t else ""
    except Exception:
        return ""
    out = ""
    try:
        for t in el.itertext():
            words = t.split()
            if not words:
                continue
            t = " ".join(words)
            if out:
                first, last = t[0], out[-1]
                if last.isdigit() and first.isdigit():
                    out += " "
                elif first not in ",.:;)" and not (last.isalpha() and first.isalpha()):
                    out += " "
            out += t
            if limit is not None and len(out) > limit:
                break  # pieces are joined by single spaces: the text only grows
    except Exception:
        return ""
    return out


def _visible_html(article, d: Dates, order: str):
    seen = set()
    slow_left = 2  # dateparser calls per page
    for found_in, el in _candidate_elements(article):
        if len(d.visible) >= 3:
            break
        if el in seen:
            continue
        seen.add(el)
        text = _element_text(el, 160)
        if not text or len(text) > 160 or not _HAS_DIGIT.search(text):
            continue  # every date read below has a digit
        if found_in != "selector" and _foreign(el):
            continue
        p = parse_visible(text, order)
        if p is None and el.tag == "time" and el.get("datetime"):
            mv = parse_machine(el.get("datetime")[:64])[0]
            if mv is not None and re.search(r"\d", text):
                p = Parsed(d.local(mv).replace(tzinfo=None) if mv.tzinfo else mv, 0, len(text), True,
                           order="words")
        if p is None:
            if len(text) > 60 or not re.search(r"\d{4}", text):
                continue
            if slow_left <= 0:
                continue
            slow_left -= 1
            p = parse_slow(_strip_label(text), article.lang, order)
            if p is None:
                continue
            stripped = _strip_label(text)
            p.start = text.find(stripped)
            p.end = p.start + len(stripped)
        shown = text[p.start:p.end].strip()
        v = _visible(p, shown, found_in, el)
        v.role = _label(text, p.start)
        if v.role == "published" and p.start == 0:
            v.role = _label_before(el)
        if v.role == "published" and _UPDATED_CLASS.search(el.get("class") or ""):
            v.role = "modified"
        ip = (el.get("itemprop") or "").lower()
        if ip == "datemodified":
            v.role = "modified"
        head = article.page.headline_el
        if head is not None and getattr(head, "sourceline", None) and getattr(el, "sourceline", None):
            v.distance = abs(el.sourceline - head.sourceline)
        if el.tag == "time" and el.get("datetime"):
            v.datetime_attr = next((m for m in d.machine if m.element is el), None)
        if any(x.value == v.value or (x.value.date() == v.value.date() and not v.has_time) for x in d.visible):
            continue  # the same date, from an element around one already read
        weekday = text[p.weekday_span[0]:p.weekday_span[1]] if p.weekday_span is not None else None
        v._locate = partial(_locate_shown, article.doc, source_finder(article), el, shown, weekday)
        d.visible.append(v)


def source_finder(article):
    """``article.find_text`` without a reference to the article (a date that keeps it would make
    a reference cycle of every article)."""
    return partial(_locate.find, article.doc.text, markup=article.kind != TEXT)


def _locate_shown(doc, find, el, shown: str, weekday: str | None):
    """(loc, weekday_loc) of a date read from an element: the shown text in the source, from the
    element's line on, and the weekday written with it."""
    span = find(shown, doc.offset(getattr(el, "sourceline", 1) or 1))
    if span is None:
        return Loc(element=el), None
    wloc = None
    if weekday is not None:
        ws = find(weekday, span[0])
        if ws is not None and ws[0] <= span[1]:
            wloc = Loc(offset=ws[0], end_offset=ws[1])
    return Loc(offset=span[0], end_offset=span[1]), wloc


_UPDATED_CLASS = re.compile(r"(?:^|[\s_-])(?:updated?|modified|date-?modified|last-?modified)(?:$|[\s_-])", re.I)


def _label_before(el) -> str:
    """'modified' when the text just before the element says so: ``Updated <time>…</time>``."""
    prev = el.getprevious()
    before = (prev.tail if prev is not None else (el.getparent().text if el.getparent() is not None else "")) or ""
    before = before.strip()[-40:]
    if not before and prev is not None and isinstance(prev.tag, str) and len(prev) == 0:
        before = (prev.text or "").strip()[-40:]
    m = _last_label(before)
    return "modified" if m is not None and m.group("upd") and m.end() >= len(before) - 2 else "published"


def _foreign(el, links: bool = True) -> bool:
    """A date that belongs to another item: a comment's microdata, or a link to another story."""
    for anc in el.iterancestors():
        tag = anc.tag
        if tag == "a" and links:
            rel = (anc.get("rel") or "").lower()
            if "bookmark" not in rel and not _DATE_CLASS.search(anc.get("class") or ""):
                return True
        if anc.get("itemscope") is not None and anc.get("itemtype"):
            t = anc.get("itemtype").rsplit("/", 1)[-1]
            return t not in ARTICLE_ITEMTYPES
        if tag in ("article", "body"):
            return False
    return False


def _strip_label(text: str) -> str:
    m = _LABEL.match(text.strip())
    s = text.strip()
    if m:
        s = s[m.end():].lstrip(" :：-–")
    return s


def _visible(p: Parsed, shown: str, found_in: str, el=None) -> VisibleDate:
    return VisibleDate(shown, None, p.value, "published", p.has_time, p.weekday, p.weekday_text, None, p.order,
                       p.ambiguous, None, p.offset, found_in, el)


_PLAIN_DATELINE = re.compile(r"^\W{0,3}(?:\w+\W+){0,4}?$")


def _visible_blocks(article, d: Dates, order: str, limit: int = 8):
    """Datelines among the first text blocks (plain text, Markdown, or an HTML body that holds its
    own dateline): a short block that is mostly the date."""
    for blk in article.blocks[:limit]:
        t = blk.text
        if len(t) > 120:
            continue
        p = parse_visible(t, order)
        if p is None:
            continue
        rest = (t[:p.start] + " " + t[p.end:]).strip()
        rest = _LABEL.sub("", rest).strip(" :|-–,·•()")
        opening = p.start == 0 and re.match(r"\s*[-–—|]\s", t[p.end:])  # "27.1.2022 - Bei der …"
        if len(rest) > 40 and not opening:  # a sentence mentioning a date, not a dateline
            continue
        if opening and len(rest) > 40:
            t = t[:p.end]
        shown = t[p.start:p.end].strip()
        v = _visible(p, shown, "text", blk.element)
        v.role = _label(t, p.start)
        v.loc = Loc(block=blk, start=p.start, end=p.start + len(shown))
        if p.weekday_span is not None:
            v.weekday_loc = Loc(block=blk, start=p.weekday_span[0], end=p.weekday_span[1])
        d.visible.append(v)
        if len(d.visible) >= 2:
            break


_HAS_DIGIT = re.compile(r"\d")


def _following(start):
    """``start``, its descendants, then everything after it in document order. lxml walks each
    subtree in C; Python steps only from one subtree to the next."""

    def subtrees():
        node = start
        while node is not None:
            for sib in node.itersiblings():
                yield sib.iter()
            node = node.getparent()

    return chain(start.iter(), chain.from_iterable(subtrees()))


_NO_TEXT_TAGS = frozenset(("script", "style", "noscript", "template"))


def _visible_near_headline(article, d: Dates, order: str, limit: int = 400):
    """Last resort: a short text after the headline (or from the top of the body) that is mostly
    a date, such as ``<small>31.01.2022</small>`` or ``Datum: 03.11.2021``."""
    start = article.page.headline_el
    if start is not None and start.getparent() is not None and start.getparent().tag not in ("body", "html"):
        start = start.getparent()  # a date just above the headline, in the same header
    if start is None:
        start = article.body.element
    if start is None:
        return
    for n, el in enumerate(islice(_following(start), limit), 1):
        tag = el.tag
        element = isinstance(tag, str)
        if not element:
            texts = (el.tail,)  # the text after a comment is the page's
        elif tag in _NO_TEXT_TAGS:
            continue
        else:
            text, tail = el.text, el.tail
            # Most elements have no digit in either: one search of both tells.
            if not _HAS_DIGIT.search(f"{text or ''}\n{tail or ''}"):
                continue
            texts = (text, tail)
        skipped = None  # inside a nav, footer or aside: asked only of an element with a digit to read
        for t in texts:
            if not t or len(t) > 2000 or not _HAS_DIGIT.search(t):
                continue
            if element:
                if skipped is None:
                    skipped = _in_skipped(el)
                if skipped:
                    break
            t1 = " ".join(t.split())
            if len(t1) > 160:
                continue
            p = parse_visible(t1, order)
            if p is None:
                continue
            rest = _LABEL.sub("", (t1[:p.start] + " " + t1[p.end:])).strip(" :|-–,·•()")
            if len(rest) > 30 and not (p.start == 0 and n <= 30):
                continue
            shown = t1[p.start:p.end].strip()
            v = _visible(p, shown, "near-headline", el)
            v.role = _label(t1, p.start)
            v._locate = partial(_locate_shown, article.doc, source_finder(article), el, shown, None)
            d.visible.append(v)
            return


def _resolve_order(d: Dates, lang_order: str):
    """Resolve an ambiguous day/month order with the page's machine dates."""
    machine_days = {md.value.date() if md.value.tzinfo is None else d.local(md.value).date()
                    for md in d.machine if md.value is not None and md.role in ("published", "modified")}
    for v in d.visible:
        if not v.ambiguous or not isinstance(v.value, datetime):
            continue
        swapped = _mk(v.value.year, v.value.day, v.value.month,
                      (v.value.hour, v.value.minute, v.value.second))
        if v.value.date() in machine_days:
            v.ambiguous, v.order_from = False, "agrees with the page's machine date"
        elif swapped is not None and swapped.date() in machine_days:
            v.value = swapped
            v.order = "MDY" if v.order == "DMY" else "DMY"
            v.ambiguous, v.order_from = False, "the page's machine date decides the order"
        else:
            v.order_from = f"the language's convention ({lang_order})"


def extract_dates(article) -> Dates:
    d = Dates()
    d.lang = article.lang or ""
    order = _lang_order(article)
    if article.kind == MARKDOWN:
        _front_matter(article, d)
    if article.kind == HTML:
        _machine_html(article, d)
        for t in scan(article).all_times:
            dt = t.get("datetime")
            if dt is not None and dt.strip():
                ip = (t.get("itemprop") or "").lower()
                role = _ITEMPROP_ROLE.get(ip, "other") if not _foreign(t, links=False) else "other"
                if t.get("pubdate") is not None:
                    role = "published"
                md = MachineDate("microdata" if ip else "time", ip or "datetime", role, dt.strip(),
                                 Loc(element=t, attr="datetime"), element=t)
                md.value, md.has_time, md.has_offset = parse_machine(md.raw[:64])
                d.machine.append(md)
        for el in scan(article).prop_values:
            if el.tag == "time":
                continue
            ip = el.get("itemprop")
            attr = next((a for a in ("content", "datetime", "title") if el.get(a)), None)
            if attr and (attr != "title" or el.tag == "abbr") and not _foreign(el, links=False):
                md = MachineDate("microdata", ip, _ITEMPROP_ROLE[ip.lower()], el.get(attr).strip(),
                                 Loc(element=el, attr=attr), element=el)
                md.value, md.has_time, md.has_offset = parse_machine(md.raw[:64])
                d.machine.append(md)
        _visible_html(article, d, order)
        if not d.visible:
            _visible_blocks(article, d, order, limit=4)
        if not d.visible:
            _visible_near_headline(article, d, order)
        url = article.doc.url or ""
        m = _URL_DATE.search(url) or _URL_DATE8.search(url)
        if m:
            try:
                d.url_date = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    else:
        _visible_blocks(article, d, order)
    _site_tz(article, d)
    _resolve_order(d, order)
    return d
