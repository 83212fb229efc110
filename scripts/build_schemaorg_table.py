#!/usr/bin/env python3
"""Derive schemas/schemaorg-table.json from a schema.org release (the ``-https.jsonld`` file).

    python scripts/build_schemaorg_table.py ../shared/external-schemas/schemaorg-current-https.jsonld --release 30.0

The table keeps only what the SD rules need: each type with its direct parents (and whether it
is pending or an enumeration member's class), each property with the types it is defined on,
its expected types, and whether it is pending or superseded. The schema.org vocabulary is
licensed CC BY-SA 3.0; the derived table is shared under the same licence (see NOTICE).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "schemas" / "schemaorg-table.json"


def _ids(v) -> list[str]:
    vs = v if isinstance(v, list) else [v] if v is not None else []
    out = []
    for x in vs:
        i = x.get("@id") if isinstance(x, dict) else x
        if isinstance(i, str) and i.startswith("schema:"):
            out.append(i[len("schema:"):])
    return sorted(set(out))


def _types(n) -> list[str]:
    t = n.get("@type")
    return t if isinstance(t, list) else [t]


def build(src: Path, release: str) -> dict:
    graph = json.loads(src.read_text(encoding="utf-8"))["@graph"]
    types: dict = {}
    props: dict = {}
    members: dict = {}
    for n in graph:
        nid = n.get("@id", "")
        if not nid.startswith("schema:"):
            continue
        name = nid[len("schema:"):]
        ts = _types(n)
        pending = _ids(n.get("schema:isPartOf")) == [] and any(
            isinstance(p, dict) and "pending" in p.get("@id", "") for p in
            (n.get("schema:isPartOf") if isinstance(n.get("schema:isPartOf"), list) else [n.get("schema:isPartOf")]))
        superseded = _ids(n.get("schema:supersededBy"))
        if "rdf:Property" in ts:
            entry = {"domains": _ids(n.get("schema:domainIncludes")), "ranges": _ids(n.get("schema:rangeIncludes"))}
            parents = _ids(n.get("rdfs:subPropertyOf"))
            if parents:
                entry["parents"] = parents
            if pending:
                entry["pending"] = True
            if superseded:
                entry["superseded_by"] = superseded
            props[name] = entry
        elif "rdfs:Class" in ts or "schema:DataType" in ts:
            entry = {"parents": _ids(n.get("rdfs:subClassOf"))}
            if "schema:DataType" in ts:
                entry["datatype"] = True
            if pending:
                entry["pending"] = True
            if superseded:
                entry["superseded_by"] = superseded
            types[name] = entry
        else:  # an enumeration member: an individual of its class
            members[name] = [t[len("schema:"):] for t in ts if isinstance(t, str) and t.startswith("schema:")]
    # Data types are subclasses of DataType in the vocabulary (Text, URL < Text, DateTime ...).
    return {
        "release": release,
        "source": "https://github.com/schemaorg/schemaorg/tree/main/data/releases/" + release,
        "licence": "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/), derived from schema.org",
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(props.items())),
        "members": dict(sorted(members.items())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="schemaorg-current-https.jsonld of a release")
    ap.add_argument("--release", required=True, help="the release number, e.g. 30.0")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    a = ap.parse_args(argv)
    table = build(a.source, a.release)
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # One entry per line keeps diffs between releases readable.
    text = text.replace('},"', '},\n"')
    a.output.write_text(text + "\n", encoding="utf-8")
    print(f"{a.output}: {len(table['types'])} types, {len(table['properties'])} properties, "
          f"{len(table['members'])} enumeration members (schema.org {a.release})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
