"""Export the JSON Schemas generated from the pydantic models: ``python -m lint.schemas``.

``schemas/rule.schema.json`` (catalogue files) and ``schemas/config.schema.json`` (the
``[tool.newslint]`` table) come from the models; ``schemas/report.schema.json`` is the
hand-kept contract of the JSON report and ``schemas/newsarticle.profile.json`` the NewsArticle
profile.
"""

from __future__ import annotations

import json


def exported() -> dict:
    from .config import Config
    from .specs import RuleSpec

    rule = RuleSpec.model_json_schema()
    rule["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    rule["title"] = "newslint rule catalogue entry"
    cfg = Config.model_json_schema(by_alias=True)
    cfg["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    cfg["title"] = "newslint configuration ([tool.newslint] or newslint.toml)"
    return {"rule.schema.json": rule, "config.schema.json": cfg}


def main() -> None:
    from .catalogue import data_dir

    d = data_dir("schemas")
    for name, schema in exported().items():
        (d / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {d / name}")


if __name__ == "__main__":
    main()
