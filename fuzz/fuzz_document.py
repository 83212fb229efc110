"""Coverage-guided fuzzing of the single-document entry point with atheris.

Every input is turned into one document (HTML, Markdown or plain text, chosen by the first byte)
and linted with every rule selected. The property: linting returns a DocumentResult (violations
and/or an ``error`` string) and raises nothing. Any exception is a crash that atheris reports with
the input that caused it. See fuzz/README.md for the command.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["lint"]):
    from lint import Config
    from lint.document import Document, InputError
    from lint.engine import Linter
    from lint.model import DocumentResult

_LINTER = Linter(Config.model_validate({"select": ["ALL"]}))
_KINDS = ("html", "markdown", "text")
_SUFFIX = {"html": "html", "markdown": "md", "text": "txt"}


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = _KINDS[data[0] % 3]
    payload = data[1:]
    try:
        doc = Document.from_bytes(payload, "fuzz." + _SUFFIX[kind], kind=kind)
    except InputError:
        return
    res = _LINTER.lint(doc)
    assert isinstance(res, DocumentResult)
    for v in res.violations:  # every violation points inside the document
        assert 1 <= v.line <= len(doc.line_starts), (v.code, v.line)
        assert v.column >= 1, (v.code, v.column)
    if res.error and "internal error" in res.error:  # a rule or an extractor raised
        raise RuntimeError(res.error)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
