"""The pydantic model of newslint's settings (exported as ``schemas/config.schema.json``).

Imported only when a config must be validated: a config file newslint has not seen before (its
validated values are cached, see :mod:`lint.config`), a dict given to the API, or the schema export.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


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
