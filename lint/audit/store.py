"""Where an audit's results live while it runs: ``pages.jsonl`` (one record a line, appended and
flushed as pages finish) and, for crawls, a SQLite frontier. Resume reads back what is done."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path


class Results:
    """Append-only JSON Lines of page records; on resume, the sources already recorded."""

    def __init__(self, path: Path, resume: bool):
        self.path = Path(path)
        self.done: set[str] = set()
        if resume and self.path.exists():
            self._recover()
        elif self.path.exists():
            self.path.unlink()
        self.fh = open(self.path, "a", encoding="utf-8", errors="replace")
        self.count = len(self.done)

    def _recover(self):
        # Keep every complete line; drop a line cut short by a kill.
        good_end = 0
        with open(self.path, "rb") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                try:
                    rec = json.loads(line)
                except ValueError:
                    break
                self.done.add(rec.get("source"))
                good_end += len(line)
        if good_end != os.path.getsize(self.path):
            with open(self.path, "r+b") as fh:
                fh.truncate(good_end)

    def add(self, rec: dict):
        rec = {k: v for k, v in rec.items() if not k.startswith("_")}
        self.fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
        self.fh.flush()
        self.done.add(rec["source"])
        self.count += 1

    def close(self):
        self.fh.close()


def iter_records(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.endswith("\n"):
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def _prio(kind: str) -> int:
    return 1 if kind in ("page", "link") else 0


class Frontier:
    """A disk-backed crawl queue: every URL seen once, popped in discovery order (breadth first)."""

    def __init__(self, path: Path, resume: bool):
        path = Path(path)
        if not resume and path.exists():
            path.unlink()
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS urls (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "url TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, depth INTEGER NOT NULL, "
                        "state INTEGER NOT NULL DEFAULT 0, prio INTEGER NOT NULL DEFAULT 1)")
        self.db.execute("CREATE INDEX IF NOT EXISTS urls_next ON urls(state, prio, seq)")
        # Work taken but not finished before a kill goes back to the queue.
        self.db.execute("UPDATE urls SET state=0 WHERE state=1")

    def add(self, url: str, kind: str = "page", depth: int = 0) -> bool:
        cur = self.db.execute("INSERT OR IGNORE INTO urls(url, kind, depth, prio) VALUES (?,?,?,?)",
                              (url, kind, depth, _prio(kind)))
        return cur.rowcount > 0

    def add_many(self, rows):
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR IGNORE INTO urls(url, kind, depth, prio) VALUES (?,?,?,?)",
                            [(u, k, d, _prio(k)) for u, k, d in rows])
        self.db.execute("COMMIT")

    def pop(self, n: int = 1) -> list[tuple[str, str, int]]:
        """Sitemaps and start pages first (they feed the queue), then pages in discovery order."""
        rows = self.db.execute("SELECT seq, url, kind, depth FROM urls WHERE state=0 "
                               "ORDER BY prio, seq LIMIT ?", (n,)).fetchall()
        if rows:
            self.db.executemany("UPDATE urls SET state=1 WHERE seq=?", [(r[0],) for r in rows])
        return [(u, k, d) for _, u, k, d in rows]

    def done(self, url: str):
        self.db.execute("UPDATE urls SET state=2 WHERE url=?", (url,))

    def pending(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE state<2").fetchone()[0]

    def pages(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE prio=1").fetchone()[0]

    def put_back(self, url: str):
        self.db.execute("UPDATE urls SET state=0 WHERE url=?", (url,))

    def seen(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls").fetchone()[0]

    def close(self):
        self.db.close()
