"""Per-document resource budgets. Checked before work starts, never by a watchdog.

Every budget is checked where the work is cheapest to refuse: the size before decoding and
parsing; the element count and nesting depth right after the (C) parse, before any rule walks
the tree; JSON-LD block size before ``json.loads``; node counts and ``@id`` resolutions while the
(iterative) walks run. A document over a budget gives one ``error`` entry whose message starts
with ``over the ... budget`` and names the limit, and the run goes on with the next document.

The largest page of the development corpus is 1.6 MB with about 30,000 elements and nesting
under 60 levels, so the defaults leave ten times the room a real page needs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Limits:
    max_bytes: int = 16 * 1024 * 1024  # decoded or decompressed size of one document (--max-bytes)
    max_elements: int = 500_000  # HTML elements in one tree
    max_depth: int = 2_000  # element or JSON nesting that rules will walk (libxml2 stops at 2,048)
    max_jsonld_bytes: int = 8 * 1024 * 1024  # one JSON-LD block
    max_jsonld_nodes: int = 20_000  # nodes gathered from all JSON-LD blocks of a page
    max_id_refs: int = 10_000  # @id resolutions per page
    max_text_blocks: int = 50_000
    max_front_matter_nodes: int = 10_000  # values in a Markdown front matter (YAML aliases expand)
    max_front_matter_depth: int = 100  # nesting of front matter values
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 16 * 1024 * 1024
    doc_seconds: float = 30.0  # audit: a worker over this is replaced and the page recorded


LIMITS = Limits()
