"""Markdown with YAML front matter (Hugo and Jekyll style).

The front matter is read twice: by a YAML loader for values, and line by line for the raw text
and position of each top-level key (YAML loaders turn dates into objects and forget where they
stood). Site-generator syntax is not article text: a Hugo ``figure`` shortcode becomes the
``<figure>`` it renders; every other shortcode and Liquid tag is blanked out (same length, same
lines) before the body is rendered by a CommonMark parser. Block elements carry ``data-line``
(1-based line in the Markdown file), so locations point into the file the user edits.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..document import InputError
from ..limits import LIMITS

_FM = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n)\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FM_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
_LIQUID = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.DOTALL)
_FIGURE = re.compile(r"\{\{<\s*figure\s+(.*?)\s*/?>\}\}", re.DOTALL)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


@dataclass(slots=True)
class FrontMatterValue:
    key: str
    raw: str  # the text after "key:" as written (quotes kept)
    line: int  # 1-based line in the file
    column: int  # 1-based column of the value


@dataclass(slots=True)
class MarkdownDoc:
    front_matter: dict = field(default_factory=dict)  # loaded values, keys lower-cased
    raw_front_matter: dict = field(default_factory=dict)  # key -> FrontMatterValue
    front_matter_error: str | None = None
    front_matter_lines: int = 0
    body_line_offset: int = 0  # data-line values are already absolute: kept at 0
    html: str = ""
    tree: object = None
    figures: list = field(default_factory=list)  # (line, col, attrs) of figure shortcodes


def _over_budget(value) -> bool:
    """More values than the budget (each use of a YAML alias counts), or nested deeper than the
    budget. Iterative, and it ends on cycles."""
    stack, n = [(value, 0)], 0
    while stack:
        v, depth = stack.pop()
        n += 1
        if n > LIMITS.max_front_matter_nodes or depth > LIMITS.max_front_matter_depth:
            return True
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend((x, depth + 1) for x in v)
    return False


def _blank(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def parse_markdown(text: str) -> MarkdownDoc:
    md = MarkdownDoc()
    body = text
    m = _FM.match(text)
    if m:
        fm_text = m.group(2)
        md.front_matter_lines = text[: m.end()].count("\n")
        first = text[: m.start(2)].count("\n") + 1
        for i, line in enumerate(fm_text.split("\n")):
            km = _FM_KEY.match(line)
            if km and not line.startswith((" ", "\t")):
                md.raw_front_matter[km.group(1).lower()] = FrontMatterValue(
                    km.group(1), km.group(2), first + i, km.start(2) + 1)
        if m.group(1) == "---":
            import yaml

            try:
                loaded = yaml.load(fm_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError as exc:
                md.front_matter_error = " ".join(str(exc).split())
                loaded = None
            except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # 2024-13-45, deep nesting
                md.front_matter_error = f"front matter does not load: {exc}"
                loaded = None
        else:
            import tomllib

            try:
                loaded = tomllib.loads(fm_text)
            except tomllib.TOMLDecodeError as exc:
                md.front_matter_error = str(exc)
                loaded = None
            except (ValueError, RecursionError) as exc:
                md.front_matter_error = f"front matter does not load: {exc}"
                loaded = None
        if loaded is not None and _over_budget(loaded):
            md.front_matter_error = (f"over the front matter budget: more than {LIMITS.max_front_matter_nodes:,} "
                                     f"values (YAML aliases expand) or {LIMITS.max_front_matter_depth} levels")
            loaded = None
        if isinstance(loaded, dict):
            md.front_matter = {str(k).lower(): v for k, v in loaded.items()}
        elif loaded is not None:
            md.front_matter_error = "front matter is not a mapping of keys to values"
        # Keep line numbers: replace the front matter with as many empty lines.
        body = "\n" * md.front_matter_lines + text[m.end():]

    def figure(fm: re.Match) -> str:
        attrs = {a.group(1).lower(): next(g for g in a.groups()[1:] if g is not None)
                 for a in _ATTR.finditer(fm.group(1))}
        line = body.count("\n", 0, fm.start()) + 1
        md.figures.append((line, attrs))
        img = f'<img src="{html.escape(attrs.get("src", ""))}"'
        if "alt" in attrs:
            img += f' alt="{html.escape(attrs["alt"])}"'
        for k in ("width", "height"):
            if k in attrs:
                img += f' {k}="{html.escape(attrs[k])}"'
        img += f' data-shortcode="{line}">'
        cap = attrs.get("caption") or attrs.get("title")
        out = f"<figure>{img}" + (f"<figcaption>{html.escape(cap)}</figcaption>" if cap else "") + "</figure>"
        # Keep the line count of the original shortcode.
        return out + "\n" * fm.group(0).count("\n")

    body = _FIGURE.sub(figure, body)
    body = _SHORTCODE.sub(_blank, body)
    body = _LIQUID.sub(_blank, body)
    md.html = render(body)
    from ..article import parse_html

    try:
        md.tree = parse_html("<html><body>" + md.html + "</body></html>") if md.html.strip() else None
    except InputError:
        md.tree = None
    return md


_MD = None


def render(body: str) -> str:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        mdit = MarkdownIt("commonmark", {"html": True}).enable("table")
        default = mdit.renderer.renderToken

        def render_token(self, tokens, idx, options, env):
            tok = tokens[idx]
            if tok.map and tok.nesting == 1:
                tok.attrSet("data-line", str(tok.map[0] + 1))
            return default(tokens, idx, options, env)

        mdit.renderer.renderToken = render_token.__get__(mdit.renderer)
        _MD = mdit
    return _MD.render(body)
