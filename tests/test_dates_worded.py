"""Dates in words that dateparser would read, read without it: a day, a month's name in the page's
language, a year (and perhaps a weekday and a time). The fast path answers exactly what dateparser
answers, or leaves the text to it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.extract import dates
from lint.extract.dates import _dateparser, worded
from lint.monthnames import _rows, names

from conftest import ROOT, require_corpus


def _dateparser_reads(text: str, lang: str) -> list:
    """dateparser's value of ``text`` with either day/month order the page may set."""
    out = []
    for order in ("DMY", "MDY"):
        v = _dateparser(text, lang, order)
        out.append(None if v is None else v.replace(tzinfo=None))
    return out


@pytest.mark.parametrize("lang,text,want", [
    ("tr", "30 Ekim 2020 Cuma 18:28", datetime(2020, 10, 30, 18, 28)),
    ("sq", "13 gusht 2020, 09:08", datetime(2020, 8, 13, 9, 8)),
    ("pl", "31 stycznia 2020 | 10:00", datetime(2020, 1, 31, 10, 0)),
    ("da", "10. marts 2020", datetime(2020, 3, 10)),
    ("ca", "23 Març 2020", datetime(2020, 3, 23)),
    ("id", "Maret 30, 2015", datetime(2015, 3, 30)),
    ("de", "Jan 04 09:34 2021", datetime(2021, 1, 4, 9, 34)),
    ("en", "November 20 15:23 2019", datetime(2019, 11, 20, 15, 23)),
    ("bg", "\ufeffЧетвъртък 15 Октомври 2020", datetime(2020, 10, 15)),
    ("it", "2017 ago 02", datetime(2017, 8, 2)),
])
def test_common_worded_shapes_are_read_as_dateparser_reads_them(lang, text, want):
    assert worded(text, lang) == want
    assert _dateparser_reads(text, lang) == [want, want]


@pytest.mark.parametrize("lang,text", [
    ("ar", "03 يونيو 2020م"),  # a year with a suffix
    ("fa", "۲۹ بهمن ۱۳۹۸ - ۰۶:۵۵"),  # digits of another script
    ("hu", "2020. 06. 04. 11:27"),  # no month's name
    ("sq", "13 gusht 2020, 09:08 Shpërndaje në"),  # a word that is no month nor weekday
    ("zh", "Dec 28 Sat 2013 00:28"),  # names of another language
    ("en", "November 20, 2019, 15:23 EST"),  # a time zone
    ("en", "November 2019"),  # no day
    ("en", "20 November 2019 21 November 2019"),  # two dates
    ("en", "20-November-2019"),  # marks not set apart by a space
    ("en", "November 20 2019 9:05. 3"),  # a dot after a time
    ("en", "February 30 2020"),  # no such day
    ("xx", "20 November 2019"),  # a language the table does not hold
])
def test_anything_else_is_left_to_dateparser(lang, text):
    assert worded(text, lang) is None


def test_the_table_is_read_only_when_a_worded_date_needs_it():
    code = ("import sys\nfrom lint.extract import dates\nfrom lint import monthnames\n"
            "dates.parse_visible('Thứ 6, 26.02.2021 | 16:38:45')\n"
            "before = monthnames._rows.cache_info().currsize\n"
            "dates._parse_slow('13 gusht 2020, 09:08', 'sq', 'DMY')\n"
            "print(before, monthnames._rows.cache_info().currsize, 'dateparser' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.split() == ["0", "1", "False"], out.stderr


# ----------------------------------------------------------------------------- against dateparser
_LANGS = sorted(_rows())
# Mostly shapes the fast path reads (each listed several times), some it must leave to dateparser.
_ORDERS = ["DMY", "MDY", "YMD"] * 3 + ["DYM", "YDM"]
_GAPS = [" ", ", ", ". ", " - ", " | ", " / "] * 3 + ["  ", " , ", "| ", " .", "-", "/", ",", "", "\u00a0"]
_ENDS = [""] * 8 + ["\ufeff", " ", "| ", ".", ","]


@st.composite
def _worded_dates(draw):
    lang = draw(st.sampled_from(_LANGS))
    months, weekdays = names(lang)
    month = draw(st.sampled_from(sorted(months)))
    case = draw(st.sampled_from([str.lower, str.title, str.upper]))
    day = draw(st.one_of(st.integers(1, 28), st.integers(1, 28), st.integers(0, 32)))
    parts = {"D": draw(st.sampled_from([str(day), f"{day:02d}"])), "M": case(month),
             "Y": str(draw(st.one_of(st.integers(1900, 2099), st.integers(1890, 2100))))}
    seq = [parts[c] for c in draw(st.sampled_from(_ORDERS))]
    if weekdays and draw(st.booleans()):
        seq.insert(draw(st.integers(0, len(seq))), case(draw(st.sampled_from(sorted(weekdays)))))
    if draw(st.booleans()):
        h, m, s = draw(st.integers(0, 24)), draw(st.integers(0, 60)), draw(st.integers(0, 59))
        seq.insert(draw(st.integers(0, len(seq))),
                   draw(st.sampled_from([f"{h}:{m:02d}", f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}:{s:02d}"])))
    text = draw(st.sampled_from(_ENDS)) + seq[0]
    for piece in seq[1:]:
        text += draw(st.sampled_from(_GAPS)) + piece
    return lang, text + draw(st.sampled_from(_ENDS))


@settings(max_examples=600, deadline=None)
@given(_worded_dates())
def test_the_fast_path_answers_what_dateparser_answers(case):
    lang, text = case
    fast = worded(text, lang)
    if fast is not None:
        assert _dateparser_reads(text, lang) == [fast, fast]


@pytest.mark.slow
@pytest.mark.corpus
def test_every_corpus_text_sent_to_dateparser_is_read_the_same_or_left_to_it(monkeypatch):
    """The texts the development corpus hands to the slow path: each is left to dateparser, or
    read exactly as dateparser reads it."""
    corpus = require_corpus()
    from common import manifest, read_bytes

    from lint import Config
    from lint.document import Document
    from lint.engine import Linter

    sent = []
    slow = dates._parse_slow.__wrapped__

    def recording(text, lang, order):
        sent.append((text, lang))
        return slow(text, lang, order)

    monkeypatch.setattr(dates, "_parse_slow", recording)
    linter = Linter(Config.model_validate({"select": ["DT"]}))
    for row in manifest():
        linter.lint(Document.from_bytes(read_bytes(corpus / row["file"]), row["file"]))
    assert sent
    read = 0
    for text, lang in sorted(set(sent)):
        fast = worded(text, lang) if len(lang) == 2 else None
        if fast is not None:
            read += 1
            assert _dateparser_reads(text, lang) == [fast, fast], (lang, text)
    print(f"{len(set(sent))} texts sent, {read} read on the fast path")
    assert read
