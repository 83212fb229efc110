"""Build newslint's optional C walk (``lint/_walk.pyx``) into the wheel.

The walk reads lxml's trees through lxml's public C API, so it is compiled against the headers of
the lxml in the build environment (Cython, setuptools' compiler driver and lxml are this hook's
build dependencies, see pyproject.toml). Without a C compiler, or with ``NEWSLINT_PURE_PYTHON=1``
set, the wheel is built without it and newslint uses the same walks written in Python: the results
are the same, a full check a few percent slower (``bench/README.md``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CWalkHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("NEWSLINT_PURE_PYTHON"):
            return
        editable = version == "editable"
        try:
            built = _build(Path(self.root), editable)
        except Exception as exc:  # no compiler, no headers: the Python walks do the same work
            print(f"newslint: the C walk was not built ({type(exc).__name__}: {exc}); "
                  "the Python walks will be used", file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if not editable:  # an editable install imports it from the source tree
            build_data["force_include"][str(built)] = f"lint/{built.name}"


def _build(root: Path, inplace: bool) -> Path:
    """Compile lint/_walk.pyx; the path of the extension module. In place (next to the source) for
    an editable install only: a wheel's build leaves the source tree's module alone, which running
    processes of an editable install may have loaded."""
    import lxml
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    here = os.getcwd()
    os.chdir(root)
    try:
        ext = Extension("lint._walk", ["lint/_walk.pyx"], include_dirs=lxml.get_include())
        dist = Distribution({"name": "newslint-walk", "ext_modules": cythonize([ext], quiet=True),
                             "script_name": "hatch_build.py"})
        cmd = dist.get_command_obj("build_ext")
        cmd.inplace = inplace
        cmd.build_temp = str(root / "build" / "walk")
        cmd.build_lib = str(root / "build" / "walk-lib")
        dist.run_command("build_ext")
        return Path(cmd.get_ext_fullpath("lint._walk")).resolve()
    finally:
        os.chdir(here)
