"""What a ``newslint check`` started again and again (pre-commit) must not pay for: pydantic,
PyYAML, extruct, jsonschema or dateparser on a plain page, once the caches are warm; and the
cached settings must be the validated ones, rebuilt when a config file changes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lint.config import ConfigError, Settings, default_settings, load_config
from lint.configmodel import Config

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council approves budget</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">
<meta name="author" content="Jane Doe"></head>
<body><article><h1>Council approves budget</h1>
<p class="byline">By Jane Doe</p><p class="date">March 5, 2024</p>
<p>The city council approved the budget on Tuesday after a long debate about schools and roads.</p>
<p>The vote was seven to two, and the mayor said the plan would be published next week.</p>
</article></body></html>
"""

HEAVY = ("pydantic", "yaml", "extruct", "jsonschema", "dateparser")


def _imported(cwd, env, *args) -> set[str]:
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "lint", "check", *args], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode in (0, 1), p.stderr[-2000:]
    mods = set()
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            mods.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return mods


@pytest.mark.parametrize("with_config", [False, True])
def test_warm_check_imports_nothing_heavy(tmp_path, with_config):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    if with_config:
        (tmp_path / "pyproject.toml").write_text(
            '[tool.newslint]\nignore = ["TX001"]\nfail-on = "warning"\n\n'
            '[tool.newslint.house-style]\ntimezone = "Asia/Ho_Chi_Minh"\n', encoding="utf-8")
    env = dict(os.environ, NEWSLINT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("GITHUB_ACTIONS", None)
    first = _imported(tmp_path, env, "page.html")
    assert "pydantic" in first or "yaml" in first  # the first run validates and builds the caches
    warm = _imported(tmp_path, env, "page.html")
    assert not warm & set(HEAVY), sorted(warm & set(HEAVY))


def test_cached_settings_are_the_validated_config_and_follow_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    base = tmp_path / "base.toml"
    base.write_text('select = ["TX"]\n\n[house-style]\noldest-year = 2001\n', encoding="utf-8")
    cfg = tmp_path / "newslint.toml"
    cfg.write_text('extend = "base.toml"\nignore = ["TX001"]\n', encoding="utf-8")
    want = Config.model_validate({"select": ["TX"], "ignore": ["TX001"], "house-style": {"oldest-year": 2001}})
    for _ in range(2):  # validated, then from the cache
        s = load_config(cfg)
        assert isinstance(s, Settings)
        assert s.model_dump() == want.model_dump()
        assert s.house_style.oldest_year == 2001 and s.path == str(cfg)
    # Editing a file of the extend chain is seen at once.
    base.write_text('select = ["IM", "SD"]\n\n[house-style]\noldest-year = 1999\n', encoding="utf-8")
    s = load_config(cfg)
    assert s.select == ["IM", "SD"] and s.house_style.oldest_year == 1999
    # A broken edit is an error, never a stale cached value.
    cfg.write_text('extend = "base.toml"\nignor = ["TX001"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'ignore'"):
        load_config(cfg)


def test_default_settings_match_the_model_and_are_independent_copies(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    a = default_settings()
    assert a.model_dump() == Config().model_dump()
    a.ignore.append("TX001")
    assert default_settings().ignore == []
    c = a.model_copy(update={"fail_on": "warning"})
    assert c.fail_on == "warning" and a.fail_on == "error"
