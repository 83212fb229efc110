"""Configuration: ``[tool.newslint]`` in ``pyproject.toml``, or ``newslint.toml`` / ``.newslint.toml``.

Discovery walks up from the linted path (or the working directory) and stops at the first file
that has our table; nothing merges implicitly, but ``extend = "path"`` inherits explicitly.
The pydantic model (:mod:`lint.configmodel`, exported as ``schemas/config.schema.json``) validates
a config file the first time newslint meets it; the validated values are cached beside the compiled
catalogue (keyed by newslint's version, the model's source and the name, size and mtime of every file
in the ``extend`` chain) and come back as a :class:`Settings`, which reads like the model. So a
``newslint check`` that pre-commit starts again and again does not import pydantic at all.
"""

from __future__ import annotations

import copy
import fnmatch
import os
from pathlib import Path
CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file that cannot be read or has an unknown key or bad value (exit code 2)."""


def _read_toml(path: Path) -> dict | None:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("newslint")
    return data.get("tool", {}).get("newslint", data)


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    if start.is_file() or not start.exists():
        start = start.parent
    home = Path.home().resolve()
    for d in (start, *start.parents):
        for name in CONFIG_NAMES:
            p = d / name
            if p.is_file():
                try:
                    if _read_toml(p) is not None:
                        return p
                except ConfigError:
                    return p  # report the broken file rather than skipping it
        if d == home:
            break
    return None


def __getattr__(name: str):
    # The pydantic models load on first use, so importing this module costs no pydantic import.
    if name in ("Config", "HouseStyle"):
        from . import configmodel

        return getattr(configmodel, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Settings:
    """Validated settings as plain attributes, read like :class:`lint.configmodel.Config`.

    Built from a validated model (or its cached values) without importing pydantic. Fields that
    are sub-models (``house_style``) are nested ``Settings``; dicts and lists stay as they are.
    """

    def __init__(self, data: dict, models: dict | None = None, path: str | None = None):
        models = models or {}
        self.__dict__.update(data)
        for name, sub in models.items():
            if isinstance(data.get(name), dict):
                self.__dict__[name] = Settings(data[name], sub)
        self.__dict__["_models"] = models
        self.__dict__["path"] = path

    @classmethod
    def from_model(cls, model, path: str | None = None) -> "Settings":
        return cls(model.model_dump(), _model_tree(model), path)

    def _fields(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_models", "path")}

    def model_dump(self, by_alias: bool = False, **_ignored) -> dict:
        out = {}
        for k, v in self._fields().items():
            if isinstance(v, Settings):
                v = v.model_dump(by_alias=by_alias)
            else:
                v = copy.deepcopy(v)
            out[k.replace("_", "-") if by_alias else k] = v
        return out

    def model_copy(self, update: dict | None = None, **_ignored) -> "Settings":
        """A copy with ``update`` applied as given (not validated, like pydantic's ``model_copy``)."""
        data = self.model_dump()
        data.update(update or {})
        return Settings(data, self._models, self.path)

    def __eq__(self, other) -> bool:
        if isinstance(other, Settings):
            return self.model_dump() == other.model_dump()
        dump = getattr(other, "model_dump", None)
        return dump() == self.model_dump() if callable(dump) else NotImplemented

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self._fields().items()) + ")"


def _model_tree(model) -> dict:
    """{field: subtree} for the fields of ``model`` that are models themselves."""
    out = {}
    for name in type(model).model_fields:
        v = getattr(model, name, None)
        if hasattr(type(v), "model_fields"):
            out[name] = _model_tree(v)
    return out


def _stat(path: Path) -> tuple:
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


def _cache_file(key: tuple) -> Path:
    import hashlib

    from . import __version__
    from .catalogue import _cache_dir

    model = Path(__file__).with_name("configmodel.py")
    h = hashlib.sha1(repr((__version__, _stat(model), key)).encode("utf-8", "surrogatepass"))
    return _cache_dir() / f"config-{h.hexdigest()[:16]}.pickle"


def _cached(key: tuple) -> Settings | None:
    import pickle

    try:
        with open(_cache_file(key), "rb") as fh:
            chain, data, models = pickle.load(fh)
        if any(_stat(Path(p)) != (p, *st) for p, *st in chain):
            return None
        return Settings(data, models)
    except Exception:  # no cache, a torn or stale one: validate again
        return None


def _store(key: tuple, chain: list, settings: Settings) -> None:
    import pickle

    from .catalogue import write_atomic

    try:
        blob = pickle.dumps((chain, settings.model_dump(), settings._models), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that does not pickle: just do not cache
        return
    write_atomic(_cache_file(key), blob)


def default_settings() -> Settings:
    """The defaults (no config file), validated once and then read from the cache."""
    global _DEFAULTS
    if _DEFAULTS is None:
        s = _cached(("defaults",))
        if s is None:
            from .configmodel import Config

            s = Settings.from_model(Config())
            _store(("defaults",), [], s)
        _DEFAULTS = s
    return _DEFAULTS.model_copy()


_DEFAULTS: Settings | None = None


def _format_error(path: Path, exc) -> str:
    from .configmodel import Config, HouseStyle

    lines = []
    for err in exc.errors():
        key = ".".join(str(x) for x in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            from .catalogue import suggest

            hint = suggest(str(err["loc"][-1]), [f.alias or n for n, f in Config.model_fields.items()]
                           + [f.alias or n for n, f in HouseStyle.model_fields.items()])
            msg = "unknown key" + (f" (did you mean {hint!r}?)" if hint else "")
        lines.append(f"{path}: [tool.newslint] {key}: {msg}")
    return "\n".join(lines)


def _load_model(path: Path, _seen: tuple = (), chain: list | None = None):
    """Read and validate a config file and its ``extend`` chain with pydantic (the slow path)."""
    from pydantic import ValidationError

    from .configmodel import Config

    path = Path(path)
    if path in _seen:
        raise ConfigError(f"{path}: extend chain loops back to itself")
    data = _read_toml(path)
    if chain is not None:
        chain.append(_stat(path))
    if data is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: has no [tool.newslint] table")
        data = {}
    base: dict = {}
    if data.get("extend"):
        parent = (path.parent / data["extend"]).resolve()
        base = _load_model(parent, _seen + (path,), chain).model_dump(by_alias=True, exclude_unset=True)
    merged = {**base, **data}
    merged.pop("extend", None)
    try:
        cfg = Config.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(_format_error(path, exc)) from None
    cfg.path = str(path)
    return cfg


def load_config(path: Path) -> Settings:
    """The validated settings of a config file (from the cache when no file of its chain changed)."""
    path = Path(path)
    try:
        key = ("file", _stat(path.resolve()))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    s = _cached(key)
    if s is None:
        chain: list = []
        s = Settings.from_model(_load_model(path, chain=chain))
        _store(key, chain, s)
    s.__dict__["path"] = str(path)
    return s


def resolve_config(config_file: str | None, isolated: bool, start: Path) -> Settings:
    if isolated:
        return default_settings()
    if config_file:
        return load_config(Path(config_file))
    found = find_config(start)
    return load_config(found) if found else default_settings()


def matches(path: str, pattern: str, root: str | None = None) -> bool:
    """gitignore-ish matching of a path against a pattern (``**`` and plain names work)."""
    p = path.replace(os.sep, "/")
    if root:
        try:
            p = os.path.relpath(path, root).replace(os.sep, "/")
        except ValueError:
            pass
    pat = pattern.strip().rstrip("/")
    if not pat:
        return False
    if "/" not in pat:
        return any(fnmatch.fnmatch(part, pat) for part in p.split("/"))
    pat = pat.lstrip("/")
    if fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(p, pat + "/*") or fnmatch.fnmatch(p, pat.replace("**/", "")):
        return True
    return p.startswith(pat.rstrip("*").rstrip("/") + "/") if pat.endswith("**") else False
