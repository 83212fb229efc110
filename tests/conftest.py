"""Shared test helpers.

Corpus and browser tests read ``../shared/`` (or ``$NEWSLINT_SHARED``) and headless Chromium.
Where they are missing the tests skip with the reason; under ``CI=true`` a skip of either kind is
a failure, because CI has both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from common import find_shared  # noqa: E402  (the benchmarks' corpus lookup, one for both)

SHARED = find_shared()
os.environ.setdefault("NEWSLINT_SHARED", str(SHARED))  # the benchmark scripts some tests run read it
CORPUS = SHARED / "corpus"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run in CI)")
    pytest.skip(reason)


def require_corpus() -> Path:
    if not (CORPUS / "manifest.jsonl").is_file():
        _unavailable(f"the development corpus is not at {CORPUS} (set NEWSLINT_SHARED)")
    return CORPUS


def require_shared(rel: str) -> Path:
    p = SHARED / rel
    if not p.exists():
        _unavailable(f"{p} is not available (set NEWSLINT_SHARED)")
    return p


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def require_chromium() -> str:
    p = chromium_path()
    if not p:
        _unavailable("no headless Chromium on this machine (apt-get install chromium)")
    return p


@pytest.fixture
def corpus() -> Path:
    return require_corpus()


def run_cli(*args, stdin: bytes | None = None, cwd=None, env=None, timeout=300):
    """Run ``python -m lint`` as a user would; returns CompletedProcess with text output."""
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "lint", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, env=e, timeout=timeout)


def out(proc) -> str:
    return proc.stdout.decode("utf-8", "replace")


def lint_snippet(text: str, kind: str = "html", select=None, **config):
    """Lint a snippet with an isolated config; returns the DocumentResult."""
    from lint import Config
    from lint.document import Document
    from lint.engine import Linter

    cfg = Config.model_validate({**({"select": select} if select else {}), **config})
    return Linter(cfg).lint(Document.from_text(text, f"<{kind}>", kind=kind))


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    os.environ["NEWSLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
