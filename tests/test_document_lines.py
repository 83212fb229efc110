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


def _context_reference(doc: Document, line: int, col: int, ecol: int | None, width: int = 100) -> str:
    """The context a violation shows: its line, stripped, when short; else ``width`` characters
    from a third of that before the column, with an ellipsis at a cut end."""
    text = doc.line_text(line)
    if len(text) <= width:
        return text.strip()
    start = max(0, col - 1 - width // 3)
    end = min(len(text), max(start + width, (ecol or col) - 1))
    snippet = text[start:end]
    return ("…" if start > 0 else "") + snippet.strip() + ("…" if end < len(text) else "")


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.text(alphabet="ab đ ", max_size=80), max_size=6).map("\n".join),
       chunk=st.sampled_from([1, 2, 3, 8, 64, 4096]),
       width=st.sampled_from([4, 10, 100]),
       spans=st.lists(st.tuples(st.integers(-3, 500), st.integers(-3, 500)), max_size=12))
def test_a_violation_is_placed_as_its_two_positions_and_its_line_say(text, chunk, width, spans):
    from lint.engine import _place

    old, document._CHUNK = document._CHUNK, chunk
    try:
        doc = Document(source="t.txt", text=text)
        for start, end in spans:
            line, col = doc.position(start)
            eline, ecol = doc.position(end)
            want = (line, col, eline, ecol, _context_reference(doc, line, col, ecol if eline == line else None, width))
            assert _place(doc, start, end, width) == want
    finally:
        document._CHUNK = old


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.text(alphabet="ab đ ", max_size=80), max_size=6).map("\n".join),
       chunk=st.sampled_from([1, 2, 3, 8, 64, 4096]),
       offsets=st.lists(st.integers(-3, 500), max_size=12))
def test_a_position_from_the_line_index_is_the_one_counted_from_the_start(text, chunk, offsets):
    old, document._CHUNK = document._CHUNK, chunk
    try:
        doc = Document(source="t.txt", text=text)
        for o in offsets:
            c = max(0, min(o, len(text)))
            assert doc.start_of_line_at(o) == text.rfind("\n", 0, c) + 1
            assert doc.position(o) == (text.count("\n", 0, c) + 1, c - text.rfind("\n", 0, c))
    finally:
        document._CHUNK = old


def test_a_violation_on_a_long_minified_line_shows_a_short_context():
    from lint.engine import _place

    text = "<html>\n" + "<p>word</p>" * 50_000 + "<img src=x.jpg>" + "<p>tail</p>" * 50_000 + "\nend"
    doc = Document(source="t.html", text=text)
    o = text.index("<img")
    line, col, eline, ecol, context = _place(doc, o, o + 15)
    assert (line, col, eline, ecol) == (2, o - 6, 2, o - 6 + 15)
    assert context.startswith("…") and context.endswith("…") and "<img src=x.jpg>" in context
    assert len(context) == 102
