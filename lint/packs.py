"""Language packs: data files under ``rules/packs/<lang>/<name>.yaml`` (phrase lists, word lists,
exceptions). A newsroom adds its own through ``packs = ["./newsroom-packs"]``: files there with
the same name extend the built-in lists. Packs carry data only; they never define codes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .catalogue import data_dir


@lru_cache(maxsize=256)
def _read(path: str) -> dict:
    from .catalogue import load_yaml

    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a language pack is a mapping of list names to lists")
    return data


@lru_cache(maxsize=512)
def load_pack(lang: str, name: str, extra_dirs: tuple = ()) -> dict:
    """The pack ``name`` for ``lang``: built-in lists, extended by the user's pack folders.

    Built once per process and shared: treat the result as read-only.
    """
    out: dict = {}
    dirs = [data_dir("rules") / "packs"] + [Path(d) for d in extra_dirs]
    for d in dirs:
        p = d / lang / f"{name}.yaml"
        if p.is_file():
            for k, v in _read(str(p)).items():
                if isinstance(v, list):
                    out.setdefault(k, [])
                    out[k] = out[k] + [x for x in v if x not in out[k]]
                elif k not in out:
                    out[k] = v
    return out


def pack_languages(name: str) -> set[str]:
    base = data_dir("rules") / "packs"
    return {p.parent.name for p in base.glob(f"*/{name}.yaml")}
