"""The pre-commit hook, run by the real pre-commit against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

CLEAN = """<html lang="vi"><head><meta property="og:type" content="website"></head><body>
<p>Các đơn vị trong Khối đã ký kết giao ước thi đua năm 2021.</p>
</body></html>
"""
GLUED = """<html lang="vi"><head><meta property="og:type" content="website"></head><body>
<p><em>Quang cảnh hội nghị</em>Với tinh thần đoàn kết, các đơn vị đã ký kết giao ước thi đua.</p>
</body></html>
"""


def _git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def source_repo(tmp_path_factory):
    """A committed snapshot of this checkout (try-repo needs a git repository)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        return ROOT
    dest = tmp_path_factory.mktemp("src") / "newslint"
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                                               ".pytest_cache", ".hypothesis", "bench"))
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def _try_repo(repo: Path, content_repo: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "newslint", "--verbose"],
                          cwd=content_repo, capture_output=True, text=True, env=env, timeout=900)


def test_hook_passes_clean_page_and_fails_glued_caption(tmp_path, source_repo):
    site = tmp_path / "site"
    site.mkdir()
    _git(site, "init", "-q")
    (site / "clean.html").write_text(CLEAN, encoding="utf-8")
    _git(site, "add", "clean.html")
    ok = _try_repo(source_repo, site)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout

    (site / "glued.html").write_text(GLUED, encoding="utf-8")
    _git(site, "add", "glued.html")
    bad = _try_repo(source_repo, site)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "glued.html:2:32: TX001 glued-no-space" in bad.stdout
