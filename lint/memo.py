"""A bounded memo for answers about a page's names (class, id) shared by every page of a run."""

from __future__ import annotations


class NameMemo(dict):
    """Answers per class or id text, kept across pages: a site's layout names repeat on every page.
    Emptied when it reaches ``size`` entries, so a crawl over many sites cannot grow it without end.
    Read it with ``get`` (the dict's own, in C); write with ``put``, or ``put_all`` for many."""

    def __init__(self, size: int = 20_000):
        super().__init__()
        self.size = size

    def put(self, key, value):
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value

    def put_all(self, answers: dict) -> None:
        """Keep every answer of ``answers`` (emptied first if they would take it past ``size``)."""
        if len(self) + len(answers) > self.size:
            self.clear()
        self.update(answers)
