"""Documentation generated from the catalogue: ``newslint rules``, ``newslint explain`` and
``docs/rules.md`` (a test fails when that file is stale)."""

from __future__ import annotations

from .catalogue import FAMILIES, Rule


def rules_json(rules: dict) -> list[dict]:
    return [{
        "code": r.code, "slug": r.slug, "family": r.family, "severity": r.severity,
        "summary": r.summary, "why": r.why, "languages": list(r.languages), "kinds": list(r.kinds),
        "article_only": r.article_only, "default": r.default, "status": r.status, "since": r.since,
        "options": r.options, "false_positives": r.false_positives, "references": r.references,
    } for _, r in sorted(rules.items())]


def _example_block(ex: dict) -> str:
    fence = {"html": "html", "markdown": "markdown", "text": "text"}[ex.get("kind", "html")]
    if "input" in ex:
        body = ex["input"].rstrip("\n")
    else:
        body = f"(the corpus page {ex['corpus']})"
    where = ", ".join(f"{e['line']}:{e['column']}" for e in ex.get("expect", []))
    head = f"*{ex['name']}* ({ex['lang']})" + (f" — reported at {where}" if where else "")
    return f"{head}\n\n```{fence}\n{body}\n```\n"


def rule_markdown(r: Rule, level: int = 1) -> str:
    h = "#" * level
    out = [f"{h} {r.code} {r.slug}\n",
           f"{r.summary}\n",
           f"- family: {r.family} ({FAMILIES[r.family]}); default severity: {r.severity}"
           + ("" if r.default else "; off by default"),
           f"- languages: {', '.join(r.languages)}; sources: {', '.join(r.kinds)}"
           + ("; articles only" if r.article_only else ""),
           "",
           f"{h}# Why\n", r.why + "\n"]
    if r.options:
        out.append(f"{h}# Options\n")
        for k, o in r.options.items():
            out.append(f"- `{k}` ({o['type']}, default `{o['default']!r}`): {o['description']}")
        out.append("")
    if r.false_positives:
        out += [f"{h}# False positives\n", r.false_positives + "\n"]
    bad = [e for k, e in r.examples if k == "bad"]
    good = [e for k, e in r.examples if k == "good"]
    if bad:
        out.append(f"{h}# Incorrect\n")
        out += [_example_block(e) for e in bad]
    if good:
        out.append(f"{h}# Correct\n")
        out += [_example_block(e) for e in good]
    if r.references:
        out.append(f"{h}# References\n")
        out += [f"- {ref}" for ref in r.references]
        out.append("")
    return "\n".join(out) + "\n"


def rules_markdown(rules: dict) -> str:
    out = ["# Rule reference\n",
           "Generated from the catalogue in `rules/` by `newslint rules --format markdown`; do not edit.\n",
           "| code | slug | severity | summary |", "| --- | --- | --- | --- |"]
    for code, r in sorted(rules.items()):
        summary = r.summary.replace("|", "\\|")
        out.append(f"| [{code}](#{code.lower()}-{r.slug}) | {r.slug} | {r.severity} | {summary} |")
    out.append("")
    for code, r in sorted(rules.items()):
        out.append(rule_markdown(r, level=2))
    return "\n".join(out)
