"""Per-document resource budgets. Checked before work starts, never by a watchdog."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024  # decoded or decompressed size of one document
    max_elements: int = 500_000  # HTML elements in one tree
    max_depth: int = 2_000  # element or JSON nesting that rules will walk
    max_jsonld_bytes: int = 8 * 1024 * 1024  # one JSON-LD block
    max_jsonld_nodes: int = 20_000  # nodes gathered from all JSON-LD blocks of a page
    max_id_refs: int = 10_000  # @id resolutions per page
    max_text_blocks: int = 50_000
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 16 * 1024 * 1024
    doc_seconds: float = 30.0  # audit: a worker over this is replaced and the page recorded


LIMITS = Limits()
