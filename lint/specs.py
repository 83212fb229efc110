"""The pydantic model of a catalogue file (exported as ``schemas/rule.schema.json``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .catalogue import FAMILIES, Rule

Severity = Literal["error", "warning", "info"]


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class Example(BaseModel):
    """A snippet the tests run: a bad example must fire exactly at ``expect``; a good one not at all."""

    model_config = ConfigDict(extra="forbid")
    name: str
    lang: Literal["vi", "en"]
    kind: Literal["html", "markdown", "text"] = "html"
    input: str | None = None
    corpus: str | None = Field(None, description="a page of the development corpus, relative to shared/corpus/")
    url: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict, description="[tool.newslint] keys for this example")
    expect: list[Expect] = Field(default_factory=list)

    @model_validator(mode="after")
    def _input(self):
        if (self.input is None) == (self.corpus is None):
            raise ValueError("an example has either input or corpus")
        return self


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bad: list[Example]
    good: list[Example]

    @field_validator("bad")
    @classmethod
    def _bad_fire(cls, v):
        for ex in v:
            if not ex.expect:
                raise ValueError(f"bad example {ex.name!r} must list where it fires (expect)")
        return v

    @field_validator("good")
    @classmethod
    def _good_silent(cls, v):
        for ex in v:
            if ex.expect:
                raise ValueError(f"good example {ex.name!r} must not expect violations")
        return v


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["integer", "number", "string", "boolean", "array", "object"]
    default: Any = None
    description: str


class Check(BaseModel):
    """Either ``python: module`` (a function registered with ``@check(CODE)``) or a declarative kind."""

    model_config = ConfigDict(extra="forbid")
    python: str | None = Field(None, pattern=r"^lint\.checks\.[a-z_]+$")
    kind: Literal["phrases", "pattern", "engine"] | None = None
    pack: str | None = Field(None, description="language pack file under rules/packs/<lang>/, without .yaml")
    scope: Literal["body", "headline", "caption", "alt", "byline", "raw"] | None = None
    patterns: list[str] = Field(default_factory=list)
    message: str | None = None

    @model_validator(mode="after")
    def _one(self):
        if (self.python is None) == (self.kind is None):
            raise ValueError("check needs exactly one of python or kind")
        return self


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^(DT|BY|IM|SD|TX|NL)\d{3}$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    family: Literal["DT", "BY", "IM", "SD", "TX", "NL"]
    severity: Severity
    status: Literal["stable", "preview", "deprecated", "removed"] = "stable"
    since: str = "0.1.0"
    default: bool = Field(True, description="selected when the config does not say otherwise")
    languages: list[str] = Field(default_factory=lambda: ["any"])
    kinds: list[Literal["html", "markdown", "text"]] = Field(default_factory=lambda: ["html", "markdown", "text"])
    article_only: bool = Field(False, description="runs only on pages judged to be an article")
    summary: str = Field(max_length=200)
    why: str
    check: Check
    options: dict[str, Option] = Field(default_factory=dict)
    false_positives: str = Field("", description="measured false-hit rate on the corpus, with how")
    references: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    examples: Examples

    @model_validator(mode="after")
    def _family(self):
        if not self.code.startswith(self.family):
            raise ValueError(f"code {self.code} does not start with its family {self.family}")
        if self.family not in FAMILIES:
            raise ValueError(f"unknown family {self.family}")
        langs = {e.lang for e in self.examples.bad + self.examples.good}
        if self.family != "NL" and not {"vi", "en"} <= langs:
            raise ValueError("examples must include both vi and en")
        return self

    def to_rule(self, path: str) -> Rule:
        return Rule(
            code=self.code, slug=self.slug, family=self.family, severity=self.severity,
            summary=self.summary, why=self.why.strip(), languages=tuple(self.languages),
            kinds=tuple(self.kinds), article_only=self.article_only, default=self.default,
            status=self.status, since=self.since,
            check=self.check.model_dump(exclude_none=True, exclude_defaults=True),
            options={k: o.model_dump() for k, o in self.options.items()},
            false_positives=self.false_positives.strip(),
            examples=[("bad", e.model_dump(exclude_none=True)) for e in self.examples.bad]
            + [("good", e.model_dump(exclude_none=True)) for e in self.examples.good],
            references=list(self.references), aliases=tuple(self.aliases), path=path,
        )
