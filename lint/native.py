"""The optional C walk (``lint/_walk.pyx``), when it is built and fits the lxml in use.

It reads lxml's trees through lxml's C API with the struct layouts of the lxml it was compiled
against, so it is used only with that same lxml version; otherwise, when it is not built (no C
compiler where newslint was installed), or with ``NEWSLINT_PURE_PYTHON=1`` in the environment, the
Python walks do the same work. :data:`WHY` says which, for ``newslint --version``.
"""

from __future__ import annotations

import os


def _load():
    if os.environ.get("NEWSLINT_PURE_PYTHON"):
        return None, "off (NEWSLINT_PURE_PYTHON is set)"
    try:
        from . import _walk
    except ImportError:
        return None, "not built (the Python walks are used)"
    import lxml

    if _walk.BUILT_WITH != lxml.__version__:
        return None, f"built for lxml {_walk.BUILT_WITH}, not {lxml.__version__}: reinstall newslint to rebuild it"
    return _walk, "on"


WALK, WHY = _load()
