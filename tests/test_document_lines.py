"""Offsets to lines and columns: what every reported location rests on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import lint.document as document
from lint.document import Document


def _reference(text: str):
    """The plain definition: a line starts at 0 and after every newline."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(o):
        o = max(0, min(o, len(text)))
        line = max(i for i, s in enumerate(starts) if s <= o)
        return line + 1, o - starts[line] + 1

    def offset(line, col):
        line = max(1, min(line, len(starts)))
        return min(starts[line - 1] + col - 1, len(text))

    def line_text(line):
        if not 1 <= line <= len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(text)
        return text[starts[line - 1]:end]

    return starts, position, offset, line_text


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab\nđ ", max_size=120), chunk=st.sampled_from([1, 2, 3, 8, 4096]),
       probes=st.lists(st.tuples(st.integers(-3, 125), st.integers(-2, 40), st.integers(-1, 6)), max_size=12))
def test_lines_and_columns_match_the_definition(text, chunk, probes):
    old, document._CHUNK = document._CHUNK, chunk  # small chunks put lines across chunk edges
    try:
        doc = Document(source="t.txt", text=text)
        starts, position, offset, line_text = _reference(text)
        assert doc.line_starts == starts and doc.line_count() == len(starts)
        for o, line, col in probes:
            assert doc.position(o) == position(o)
            assert doc.line_of(o) == position(o)[0]
            assert doc.offset(line, col) == offset(line, col)
            assert doc.line_text(line) == line_text(line)
    finally:
        document._CHUNK = old


def test_a_long_page_reports_its_last_line():
    text = "".join(f"line {i}\n" for i in range(20_000)) + "end"
    doc = Document(source="t.html", text=text)
    o = text.index("line 12345")
    assert doc.position(o + 3) == (12346, 4)
    assert doc.offset(12346) == o and doc.line_text(12346) == "line 12345"
    assert doc.position(len(text)) == (20_001, 4) and doc.line_text(20_001) == "end"
