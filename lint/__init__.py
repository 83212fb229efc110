"""newslint: a rule-based linter for published news articles.

The public API lints one document and returns the same objects the command line renders::

    from lint import lint_html
    result = lint_html(html, url="https://example.org/a.html")
    for v in result.violations:
        print(v.line, v.column, v.code, v.message)
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["lint_html", "lint_text", "lint_markdown", "lint_file", "Linter", "Config", "__version__"]

_linters: dict = {}


def _linter(config):
    from .engine import Linter

    if config is None:
        if "default" not in _linters:
            _linters["default"] = Linter()
        return _linters["default"]
    if isinstance(config, dict):
        from .config import Config

        config = Config.model_validate(config)
    return Linter(config)


def lint_html(html, url: str | None = None, config=None, source: str | None = None):
    """Lint an HTML page given as ``str`` or ``bytes``. Returns a :class:`lint.model.DocumentResult`.

    ``config`` is a :class:`lint.config.Config`, a dict of ``[tool.newslint]`` keys, or None.
    A page that cannot be decoded or parsed gives a result whose ``error`` says why.
    """
    return _lint(html, "html", url, config, source)


def lint_markdown(text, config=None, source: str | None = None):
    return _lint(text, "markdown", None, config, source)


def lint_text(text, config=None, source: str | None = None):
    return _lint(text, "text", None, config, source)


def lint_file(path: str, config=None):
    from .inputs import Item
    from .runner import lint_item

    return lint_item(Item(str(path)), _linter(config))


def _lint(data, kind, url, config, source):
    from .document import Document, InputError
    from .model import DocumentResult

    source = source or url or f"<{kind}>"
    try:
        if isinstance(data, bytes):
            doc = Document.from_bytes(data, source, kind=kind, url=url)
        else:
            doc = Document.from_text(data, source, kind=kind, url=url)
    except InputError as exc:
        return DocumentResult(source=source, kind=kind, url=url, error=str(exc))
    try:
        return _linter(config).lint(doc)
    except InputError as exc:
        return DocumentResult(source=source, kind=kind, url=url, error=str(exc))


def __getattr__(name):
    if name == "Linter":
        from .engine import Linter

        return Linter
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(name)
