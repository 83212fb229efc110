"""robots.txt by the rules search engines use (Protego: wildcards, ``$``, longest match)."""

from __future__ import annotations

from .. import __version__

UA_TOKEN = "newslint"
USER_AGENT = f"newslint/{__version__} (+https://pypi.org/project/newslint/)"


class Robots:
    """The rules of one host. ``status``: the HTTP status robots.txt came back with (None: not
    fetched). 4xx means no rules; 5xx or a network failure means everything is disallowed."""

    def __init__(self, text: str | None, status: int | None):
        self.status = status
        self.parser = None
        self.allow_all = False
        self.deny_all = False
        if status is None or status >= 500:
            self.deny_all = True
        elif status >= 400 or not text:
            self.allow_all = True
        else:
            from protego import Protego

            try:
                self.parser = Protego.parse(text)
            except Exception:
                self.allow_all = True

    def allowed(self, url: str) -> bool:
        if self.allow_all:
            return True
        if self.deny_all:
            return False
        try:
            return bool(self.parser.can_fetch(url, UA_TOKEN))
        except Exception:
            return True

    def crawl_delay(self) -> float:
        if self.parser is None:
            return 0.0
        try:
            d = self.parser.crawl_delay(UA_TOKEN)
        except Exception:
            return 0.0
        return min(float(d or 0.0), 60.0)

    def sitemaps(self) -> list[str]:
        if self.parser is None:
            return []
        try:
            return list(self.parser.sitemaps)
        except Exception:
            return []
