"""The Python API, as the README documents it."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_block(heading: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_readme_example_runs_as_written(capsys):
    code = readme_block("## Python API")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "IM001 image-alt-missing" in printed
    assert "glued-no-space" in printed  # the caption run into the sentence


def test_lint_html_bytes_config_dict_and_errors():
    from lint import lint_html

    page = "<html lang='vi'><body><article><p><em>Quang cảnh hội nghị</em>Với tinh thần.</p></article></body></html>"
    res = lint_html(page.encode("utf-8"), config={"select": ["TX001"]})
    assert [(v.code, v.line, v.column) for v in res.violations] == [("TX001", 1, 63)]
    bad = lint_html(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert bad.error and "PNG" in bad.error and bad.violations == []


def test_lint_markdown_and_text():
    from lint import lint_markdown, lint_text

    md = lint_markdown("---\ntitle: Tin\nlang: vi\n---\n\nQuang cảnh hội nghịVới tinh thần đoàn kết.\n",
                       config={"select": ["TX001"]})
    assert [(v.line, v.column) for v in md.violations] == [(6, 20)]
    txt = lint_text("Quang cảnh hội nghịVới tinh thần đoàn kết, thống nhất tư tưởng và hành động.\n",
                    config={"select": ["TX001"], "language": "vi"})
    assert [(v.line, v.column) for v in txt.violations] == [(1, 20)]
