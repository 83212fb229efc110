"""Documents: where the bytes came from, what kind they are, the decoded text and a line index.

A ``Document`` is the first stage of the pipeline (inputs -> Document -> Article -> rules).
Reading and decoding failures raise :class:`InputError`, which the engine turns into an
``error`` entry for that document alone.
"""

from __future__ import annotations

import bisect
import codecs
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from .limits import LIMITS

HTML, MARKDOWN, TEXT = "html", "markdown", "text"

_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


class InputError(Exception):
    """A document that cannot be read, decoded or parsed, or that is over a budget."""


def kind_for_name(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = Path(lower).suffix
    if suffix in _MD_SUFFIXES:
        return MARKDOWN
    if suffix in _HTML_SUFFIXES:
        return HTML
    if suffix == ".txt":
        return TEXT
    return ""


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)

# Labels that browsers map to another codec (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "gb2312": "gbk",
    "x-gbk": "gbk",
    "ks_c_5601-1987": "euc-kr",
    "shift-jis": "shift_jis",
    "x-sjis": "shift_jis",
    "tis-620": "cp874",
    "utf8": "utf-8",
    "unicode": "utf-16",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> str | None:
    head = data[:8]
    for magic, what in (
        (b"\x89PNG", "a PNG image"),
        (b"%PDF", "a PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an executable"),
    ):
        if head.startswith(magic):
            return what
    return None


# Bytes that text never contains (C0 controls other than tab, line feed, form feed and
# carriage return, and DEL). Random or compressed data is about 10 % of them.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_CONTROL_SHARE = 0.05
_HIGH_BYTES = bytes(range(128, 256))
# windows-1258 writes Vietnamese tone marks as combining characters after the vowel.
_VI_TONE = re.compile("[aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ][\u0300\u0301\u0303\u0309\u0323]")


def _binary_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _mostly_utf8(data: bytes) -> tuple[bool, str]:
    """(are the bytes UTF-8 with a little damage?, the text with bad bytes replaced)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return bad <= max(2, good // 4), text


def _looks_cp1258(data: bytes) -> bool:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    tones = len(_VI_TONE.findall(text))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return tones >= 3 and tones * 4 >= high


def decode(data: bytes, kind: str, content_type: str | None = None) -> tuple[str, str, str]:
    """Decode bytes to text. Returns (text, codec name, how it was decided).

    A byte order mark wins; then the HTTP header, then ``<meta charset>``; a declaration the
    bytes contradict is ignored; then UTF-16 without a BOM, UTF-8, Vietnamese windows-1258 and a
    statistical guess. Binary data (images, archives, compressed or random bytes) is an error.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name, "byte order mark"
    binary = _looks_binary(data)
    if binary:
        raise InputError(f"not a text document: the file is {binary}")
    declared = None
    how = ""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            declared, how = _codec(m.group(1)), "HTTP header"
    if declared is None and kind == HTML:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared, how = _codec(m.group(1).decode("ascii", "replace")), "<meta charset>"
    # (most pages have no NUL at all, which one ``find`` tells before a count of the first 64 KiB)
    nul_heavy = (len(data) >= 4 and data.find(b"\x00", 0, 65536) >= 0
                 and data.count(b"\x00", 0, 65536) > min(len(data), 65536) // 4)
    if declared and declared.startswith("utf-16") and b"\x00" not in data[:200]:
        declared = "utf-8"  # a page that says utf-16 in ASCII bytes cannot be utf-16
    if not nul_heavy and not (declared or "").startswith(("utf-16", "utf-32")):
        share = _binary_share(data[:65536])
        if share > _CONTROL_SHARE:
            raise InputError(f"not a text document: {share:.0%} of its first bytes are control "
                             "characters (binary or compressed data?)")
    if declared:
        try:
            return data.decode(declared), declared, how
        except UnicodeDecodeError:
            if declared == "utf-8":
                ok, text = _mostly_utf8(data)
                if ok:  # UTF-8 with a few bad bytes is still UTF-8: keep it, mark the damage.
                    return text, "utf-8", how + " (invalid bytes replaced)"
            # The declaration lies; fall through to detection.
            how = f"detected ({how} said {declared} but the bytes do not decode)"
    # UTF-16 without a BOM: many NULs in alternating positions.
    if nul_heavy:
        even = data[0:65536:2].count(0)
        odd = data[1:65536:2].count(0)
        name = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(name), name, "detected (UTF-16 without a byte order mark)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", how or "valid UTF-8"
    except UnicodeDecodeError:
        pass
    ok, text = _mostly_utf8(data)
    if ok:
        return text, "utf-8", (how or "UTF-8") + " (invalid bytes replaced)"
    if _looks_cp1258(data):
        return data.decode("cp1258"), "cp1258", how or "detected (Vietnamese windows-1258)"
    from charset_normalizer import from_bytes  # imported only when a guess is needed

    best = from_bytes(data[: 1 << 20]).best()
    if best is not None and best.encoding:
        name = _codec(best.encoding) or best.encoding
        return data.decode(name, errors="replace"), name, how or "detected by charset-normalizer"
    return data.decode("utf-8", errors="replace"), "utf-8", "undetectable; invalid bytes replaced"


_CHUNK = 4096


@dataclass(slots=True)
class Document:
    """A decoded document with a line index. ``source`` is the path or URL as the user gave it."""

    source: str
    text: str
    kind: str = HTML
    url: str | None = None
    encoding: str = "utf-8"
    encoding_how: str = ""
    headers: dict = field(default_factory=dict)
    _line_starts: list | None = None
    _chunk_lines: list | None = None  # newlines before each chunk of _CHUNK characters (cumulative)
    # The bytes, when they are exactly ``text`` in UTF-8 (a strict decode, no byte order mark, no
    # NUL replaced): the HTML parser reads them directly, a tenth faster than it reads ``text``.
    raw: bytes | None = None

    @property
    def line_starts(self) -> list[int]:
        """The offset of every line's first character (built in full on first use; the lookups
        below do not need it)."""
        if self._line_starts is None:
            starts = [0]
            append = starts.append
            for m in re.finditer("\n", self.text):
                append(m.end())
            self._line_starts = starts
        return self._line_starts

    # Lines are found from a coarse index: the number of newlines before each chunk of _CHUNK
    # characters, counted in C. A lookup counts the newlines inside one chunk. A page with a
    # few violations pays about a tenth of a full index of its ~1,250 lines.
    def _chunks(self) -> list[int]:
        cum = self._chunk_lines
        if cum is None:
            text = self.text
            count = text.count
            cum = [0]
            n = 0
            for a in range(0, len(text), _CHUNK):
                n += count("\n", a, a + _CHUNK)
                cum.append(n)
            self._chunk_lines = cum
        return cum

    def line_of(self, offset: int) -> int:
        """1-based line of a character offset. An offset in the first chunk needs no index (a page
        whose only violations are absences, placed at 0, never builds it)."""
        offset = max(0, min(offset, len(self.text)))
        k = offset // _CHUNK
        before = self._chunks()[k] if k else 0
        return before + self.text.count("\n", k * _CHUNK, offset) + 1

    def start_of_line_at(self, offset: int) -> int:
        """Offset of the first character of the line holding ``offset``. The newline before it is in
        the offset's own chunk or, when that chunk has none before it, is the last newline of the
        nearest chunk before that holds one: one chunk is scanned, however long the line (a
        minified page's lines run to hundreds of thousands of characters, which a plain ``rfind``
        would walk back over)."""
        offset = max(0, min(offset, len(self.text)))
        text = self.text
        k = offset // _CHUNK
        i = text.rfind("\n", k * _CHUNK, offset)
        if i >= 0 or not k:
            return i + 1
        cum = self._chunks()
        before = cum[k]  # newlines before this chunk
        if not before:
            return 0
        j = bisect.bisect_left(cum, before) - 1  # the chunk holding newline number ``before``
        return text.rfind("\n", j * _CHUNK, (j + 1) * _CHUNK) + 1

    def line_count(self) -> int:
        return self._chunks()[-1] + 1

    def _line_start(self, line: int) -> int:
        """Offset of the first character of ``line`` (1 <= line <= line_count())."""
        if line <= 1:
            return 0
        cum = self._chunks()
        need = line - 1  # the newline that ends the line before
        k = bisect.bisect_left(cum, need) - 1  # the chunk holding it: cum[k] < need <= cum[k + 1]
        find = self.text.find
        i = k * _CHUNK - 1
        for _ in range(need - cum[k]):
            i = find("\n", i + 1)
        return i + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, counted in code points."""
        offset = max(0, min(offset, len(self.text)))
        return self.line_of(offset), offset - self.start_of_line_at(offset) + 1

    def offset(self, line: int, column: int = 1) -> int:
        line = max(1, min(line, self.line_count()))
        return min(self._line_start(line) + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        if not 1 <= line <= self.line_count():
            return ""
        start = self._line_start(line)
        end = self.text.find("\n", start)
        return self.text[start:end if end >= 0 else len(self.text)]

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        source: str,
        kind: str | None = None,
        url: str | None = None,
        content_type: str | None = None,
        headers: dict | None = None,
    ) -> "Document":
        if source.lower().endswith(".gz") or data[:2] == b"\x1f\x8b" and (kind or "") != "":
            data = _gunzip(data)
        if len(data) > LIMITS.max_bytes:
            raise InputError(
                f"over the size budget: {len(data):,} bytes (limit {LIMITS.max_bytes:,}; "
                "raise it with --max-bytes)"
            )
        kind = kind or kind_for_name(source) or _sniff_kind(data)
        text, enc, how = decode(data, kind, content_type)
        raw = data if enc == "utf-8" and how in ("valid UTF-8", "<meta charset>", "HTTP header") else None
        # Decoded from UTF-8, the text holds a NUL only where the bytes do: the bytes are searched
        # (in C, a byte at a time) instead of the text (wider characters, several times slower).
        if (enc != "utf-8" or b"\x00" in data) and "\x00" in text:
            if text.count("\x00") > max(16, len(text) // 100):
                raise InputError("not a text document: it is full of NUL bytes")
            text = text.replace("\x00", "\ufffd")
            raw = None
        return cls(source=source, text=text, kind=kind, url=url, encoding=enc,
                   encoding_how=how, headers=headers or {}, raw=raw)

    @classmethod
    def from_text(cls, text: str, source: str = "<string>", kind: str = HTML,
                  url: str | None = None) -> "Document":
        if len(text) > LIMITS.max_bytes:
            raise InputError(f"over the size budget: {len(text):,} characters (limit {LIMITS.max_bytes:,}; "
                             "raise it with --max-bytes)")
        how = "given as text"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: the HTML parser would stop at the first one
            text, how = _SURROGATE.sub("\ufffd", text), "given as text (lone surrogates replaced)"
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
        return cls(source=source, text=text, kind=kind, url=url, encoding="utf-8", encoding_how=how)


def _gunzip(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
            out = fh.read(LIMITS.max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"broken gzip data: {exc}") from None
    if len(out) > LIMITS.max_bytes:
        raise InputError(f"over the size budget after decompression (limit {LIMITS.max_bytes:,} bytes)")
    return out


def _sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return HTML
    if head.startswith(b"---"):
        return MARKDOWN
    if b"<p" in head or b"<div" in head:
        return HTML
    return TEXT
