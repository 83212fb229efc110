"""The built wheel carries the catalogue and the schemas: newslint works without a checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_ships_rules_and_schemas(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("newslint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "lint/_data/rules/TX/TX001-glued-no-space.yaml" in names
    assert "lint/_data/schemas/report.schema.json" in names
    if shutil.which("cc") or shutil.which("gcc"):  # the optional C walk is built where a compiler is
        assert any(n.startswith("lint/_walk.") and n.endswith(".so") for n in names), names

    venv = tmp_path / "venv"
    # The installed wheel must answer, not a checkout that PYTHONPATH points at.
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300, env=clean)
    where = subprocess.run([str(py), "-c", "import lint; print(lint.__file__)"], capture_output=True, text=True,
                           cwd=tmp_path, check=True, env=clean).stdout
    assert str(venv) in where, where  # the wheel, not the checkout
    p = subprocess.run([str(venv / "bin" / "newslint"), "rules", "--format", "json"], capture_output=True,
                       text=True, cwd=tmp_path, env={"NEWSLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr
    codes = {r["code"] for r in json.loads(p.stdout)}
    assert {"TX001", "IM001", "SD001", "SD002", "DT001", "BY001"} <= codes
    # Every rule runs from the installed data: no rule needs a checkout's files.
    for name in ("seed-article.html", "clean-article.html"):
        p = subprocess.run([str(venv / "bin" / "newslint"), "check", "--format", "json", "--select", "ALL",
                            str(ROOT / "examples" / name)], capture_output=True, text=True, cwd=tmp_path,
                           env={"NEWSLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"})
        doc = json.loads(p.stdout)["documents"][0]
        assert doc["error"] is None, doc["error"]
