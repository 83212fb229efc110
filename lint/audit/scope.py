"""What the crawler may fetch: http(s) only, the audited hosts only, no private or loopback
addresses unless the audit started at one, and the user's include/exclude patterns."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|igshid)$", re.IGNORECASE)
_NOT_PAGES = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|zip|gz|tgz|rar|7z|mp[34]|m4a|mov|avi|"
                        r"webm|ogg|wav|css|js|json|xml|rss|atom|woff2?|ttf|eot|exe|dmg|apk|docx?|xlsx?|pptx?)$",
                        re.IGNORECASE)


def normalize(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL without fragment, default port or tracking parameters; else None."""
    try:
        if base:
            url = urljoin(base, url.strip())
        url, _ = urldefrag(url.strip())
        p = urlsplit(url)
    except ValueError:
        return None
    scheme = p.scheme.lower()
    if scheme not in ("http", "https") or not p.hostname:
        return None
    host = p.hostname.lower()
    try:
        port = p.port
    except ValueError:
        return None
    netloc = host if ":" not in host else f"[{host}]"
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        netloc += f":{port}"
    query = "&".join(kv for kv in p.query.split("&") if kv and not _TRACKING.match(kv.split("=", 1)[0]))
    return urlunsplit((scheme, netloc, p.path or "/", query, ""))


def host_of(url: str) -> str:
    try:
        p = urlsplit(url)
        return (p.hostname or "").lower() + (f":{p.port}" if p.port else "")
    except ValueError:
        return ""


def site_of(host: str) -> str:
    """``www.example.com`` and ``example.com`` are one site."""
    return host[4:] if host.startswith("www.") else host


def is_private_ip(ip: str) -> bool:
    try:
        a = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if a.version == 6 and a.ipv4_mapped:
        a = a.ipv4_mapped
    return a.is_private or a.is_loopback or a.is_link_local or a.is_reserved or a.is_multicast or a.is_unspecified


class Scope:
    def __init__(self, start_urls: list[str], hosts: list[str] | None = None, include=None, exclude=None,
                 allow_private: bool | None = None):
        self.sites = {site_of(host_of(u)) for u in start_urls if host_of(u)}
        self.sites |= {site_of(h.lower()) for h in hosts or []}
        self.include = [re.compile(p) for p in include or []]
        self.exclude = [re.compile(p) for p in exclude or []]
        if allow_private is None:
            hosts_seen = {}
            for u in start_urls:  # one look-up per host, however long the URL list
                h = (urlsplit(u).hostname or "").lower()
                if h not in hosts_seen:
                    hosts_seen[h] = self._literal_private(u)
            allow_private = any(hosts_seen.values())
        self.allow_private = allow_private
        self._resolved: dict[str, bool] = {}

    @staticmethod
    def _literal_private(url: str) -> bool:
        h = (urlsplit(url).hostname or "").lower()
        if h == "localhost" or h.endswith(".localhost"):
            return True
        if is_private_ip(h):
            return True
        try:
            return any(is_private_ip(ai[4][0]) for ai in socket.getaddrinfo(h, None))
        except (OSError, UnicodeError):
            return False

    def in_scope(self, url: str) -> bool:
        h = host_of(url)
        return bool(h) and site_of(h) in self.sites

    def wanted(self, url: str) -> bool:
        """In scope and passing include/exclude (patterns are regular expressions, searched)."""
        if not self.in_scope(url):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    def likely_page(self, url: str) -> bool:
        return not _NOT_PAGES.search(urlsplit(url).path)

    async def address_allowed(self, url: str, loop) -> bool:
        """False for a host that is or resolves to a private/loopback address (unless allowed)."""
        if self.allow_private:
            return True
        host = (urlsplit(url).hostname or "").lower()
        if host in self._resolved:
            return self._resolved[host]
        if host == "localhost" or host.endswith(".localhost") or is_private_ip(host):
            ok = False
        else:
            try:
                infos = await loop.getaddrinfo(host, None)
                ok = not any(is_private_ip(ai[4][0]) for ai in infos)
            except (OSError, UnicodeError):
                ok = True  # the fetch itself will fail and be recorded
        self._resolved[host] = ok
        return ok
