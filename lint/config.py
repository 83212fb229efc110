"""Configuration: ``[tool.newslint]`` in ``pyproject.toml``, or ``newslint.toml`` / ``.newslint.toml``.

Discovery walks up from the linted path (or the working directory) and stops at the first file
that has our table; nothing merges implicitly, but ``extend = "path"`` inherits explicitly.
The pydantic model is exported as ``schemas/config.schema.json``.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)


class HouseStyle(_Model):
    """House style for dates and bylines (``[tool.newslint.house-style]``)."""

    date_format: dict[str, str] = Field(
        default_factory=dict,
        description="visible date format per language, e.g. {vi = \"{weekday}, {dd}/{mm}/{yyyy}, {HH}:{MM} (GMT+7)\"}",
    )
    timezone: str | None = Field(None, description="site time zone (IANA name or ±HH:MM); default: the page's offsets")
    site_domain: str | None = Field(None, description="the site's own domain, accepted as a byline source")
    known_sources: list[str] = Field(default_factory=list, description="sources accepted in a byline's parentheses")
    future_tolerance_minutes: int = Field(10, ge=0)
    oldest_year: int = Field(1995, ge=1800)
    byline_selector: str | None = None
    date_selector: str | None = None


class Config(_Model):
    """newslint's settings. Every key is optional."""

    extend: str | None = Field(None, description="another config file to inherit, relative to this one")
    select: list[str] | None = Field(None, description="rules to run (codes, families, slugs, ALL); default: every default rule")
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict,
                                                                     description="severity overrides by code, slug or family")
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    language: str = Field("auto", description="vi, en, another ISO 639-1 code, or auto")
    exclude: list[str] = Field(default_factory=list, description="gitignore-style patterns of paths not to lint")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    baseline: str | None = None
    body_selectors: list[str] = Field(default_factory=list, description="CSS selectors of the article body, tried in order")
    article_urls: list[str] = Field(default_factory=list, description="glob patterns of URLs or paths that are articles")
    non_article_urls: list[str] = Field(default_factory=list, description="glob patterns of URLs or paths that are not articles")
    profile: Literal["schema.org", "google-article", "google-news-paywall", "social"] = "google-article"
    house_style: HouseStyle = Field(default_factory=HouseStyle)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="options per rule code")
    packs: list[str] = Field(default_factory=list, description="folders of extra language packs")
    max_bytes: int | None = Field(None, ge=1024)
    jobs: int | None = Field(None, ge=1)

    # Not from files: where this config came from.
    path: str | None = Field(None, exclude=True)

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _strip(cls, v):
        return [s.strip() for s in v] if v is not None else v


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


def _format_error(path: Path, exc: ValidationError) -> str:
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


def load_config(path: Path, _seen: tuple = ()) -> Config:
    path = Path(path)
    if path in _seen:
        raise ConfigError(f"{path}: extend chain loops back to itself")
    data = _read_toml(path)
    if data is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: has no [tool.newslint] table")
        data = {}
    base: dict = {}
    if data.get("extend"):
        parent = (path.parent / data["extend"]).resolve()
        base = load_config(parent, _seen + (path,)).model_dump(by_alias=True, exclude_unset=True)
    merged = {**base, **data}
    merged.pop("extend", None)
    try:
        cfg = Config.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(_format_error(path, exc)) from None
    cfg.path = str(path)
    return cfg


def resolve_config(config_file: str | None, isolated: bool, start: Path) -> Config:
    if isolated:
        return Config()
    if config_file:
        return load_config(Path(config_file))
    found = find_config(start)
    return load_config(found) if found else Config()


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
