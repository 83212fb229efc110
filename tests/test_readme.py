"""The README tells the truth: its set-up commands are the ones CI runs, its config example loads."""

from __future__ import annotations

import re

from conftest import ROOT


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.DOTALL)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1]
    first, second = [b.strip() for b in sh_blocks(quick)[:2]]
    assert "newslint check examples/" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()


def test_readme_config_example_is_valid(tmp_path):
    from lint.config import load_config
    from lint.engine import Linter

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    toml = re.search(r"```toml\n(.*?)```", readme, re.DOTALL).group(1)
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    cfg = load_config(tmp_path / "pyproject.toml")
    assert cfg.fail_on == "error" and cfg.house_style.site_domain == "nbtv.vn"
    Linter(cfg)  # selectors, severities and rule options all resolve


def test_github_format_is_automatic_in_actions(tmp_path):
    from conftest import out, run_cli

    page = tmp_path / "a.html"
    page.write_text("<html lang='en'><body><article><p>The council met.</p><img src='a.jpg'></article></body></html>",
                    encoding="utf-8")
    p = run_cli("check", "--isolated", "--select", "IM001", page, env={"GITHUB_ACTIONS": "true"})
    assert out(p).startswith("::error file=")
