"""The rule catalogue: one YAML file per rule under ``rules/<FAMILY>/``, validated by
:class:`lint.specs.RuleSpec`, loaded at run time from a compiled cache.

The cache (``~/.cache/newslint/catalogue-<key>.pickle``, or ``$NEWSLINT_CACHE_DIR``) is keyed by
newslint's version and the names, sizes and mtimes of the catalogue files, and is written by atomic
replace, so parallel processes never see a torn file. A catalogue change rebuilds it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__

FAMILIES = {
    "DT": "dates",
    "BY": "byline",
    "IM": "images",
    "SD": "structured data",
    "TX": "text",
    "NL": "newslint itself",
}


@dataclass(slots=True)
class Rule:
    code: str
    slug: str
    family: str
    severity: str
    summary: str
    why: str = ""
    languages: tuple = ("any",)
    kinds: tuple = ("html", "markdown", "text")
    article_only: bool = False
    default: bool = True
    status: str = "stable"
    since: str = "0.1.0"
    check: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)  # name -> {"default":..., "description":..., "type":...}
    false_positives: str = ""
    examples: list = field(default_factory=list)
    references: list = field(default_factory=list)
    aliases: tuple = ()
    path: str = ""

    def option_defaults(self) -> dict:
        return {k: v.get("default") for k, v in self.options.items()}

    def applies_to_language(self, lang: str) -> bool:
        return "any" in self.languages or lang in self.languages

    @property
    def doc_url(self) -> str:
        return f"https://newslint.invalid/rules/{self.code}"  # replaced by docs_url in reporters


@lru_cache(maxsize=8)
def data_dir(name: str) -> Path:
    """``rules`` or ``schemas``: beside the package in a checkout, inside it in a wheel."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / name, here / "_data" / name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"newslint's {name}/ folder is missing from the installation")


def rule_files(root: Path | None = None) -> list[Path]:
    root = root or data_dir("rules")
    return sorted(p for p in root.glob("[A-Z][A-Z]/*.yaml"))


def _cache_dir() -> Path:
    d = os.environ.get("NEWSLINT_CACHE_DIR")
    if d:
        return Path(d)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def _key(files: list[Path]) -> str:
    h = hashlib.sha1(__version__.encode())
    for p in files:
        st = p.stat()
        h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


def load_specs(files: list[Path]) -> dict[str, Rule]:
    """Read and validate every catalogue file (slow path: pydantic and YAML)."""
    import yaml

    from .specs import RuleSpec

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rules: dict[str, Rule] = {}
    slugs: dict[str, str] = {}
    for p in files:
        with open(p, encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=loader)
        try:
            spec = RuleSpec.model_validate(raw)
        except Exception as exc:
            raise CatalogueError(f"{p}: {exc}") from None
        if p.stem.split("-", 1)[0] != spec.code:
            raise CatalogueError(f"{p}: file name must start with the rule's code {spec.code}")
        if spec.code in rules:
            raise CatalogueError(f"{p}: code {spec.code} is used twice")
        if spec.slug in slugs:
            raise CatalogueError(f"{p}: slug {spec.slug} is used by {slugs[spec.slug]} too")
        slugs[spec.slug] = spec.code
        rules[spec.code] = spec.to_rule(str(p))
    return rules


class CatalogueError(Exception):
    pass


_LOADED: dict[str, Rule] | None = None


def load(root: Path | None = None, use_cache: bool = True) -> dict[str, Rule]:
    global _LOADED
    if _LOADED is not None and root is None:
        return _LOADED
    files = rule_files(root)
    key = _key(files)
    cache = _cache_dir() / f"catalogue-{key}.pickle"
    rules = None
    if use_cache:
        try:
            with open(cache, "rb") as fh:
                rules = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            rules = None
    if rules is None:
        rules = load_specs(files)
        if use_cache:
            write_atomic(cache, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
    if root is None:
        _LOADED = rules
    return rules


def load_yaml(path: str):
    """A data file's parsed YAML, from a compiled cache (see :func:`load_cached`).

    Language packs are read by most rules; reading them from the cache keeps PyYAML off the
    start-up path of a ``newslint check``.
    """
    def parse(p: str):
        import yaml

        with open(p, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return load_cached(path, parse, "data")


def load_cached(path: str, parse, kind: str):
    """``parse(path)``, from a compiled cache keyed by the file's path, size and mtime and by
    ``kind`` (what ``parse`` makes of it). A cache that cannot be read or written is no error: the
    file is parsed again."""
    cache = None
    try:
        st = os.stat(path)
        h = hashlib.sha1(f"{__version__}\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}".encode(
            "utf-8", "surrogatepass"))
        cache = _cache_dir() / f"{kind}-{h.hexdigest()[:16]}.pickle"
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        pass
    data = parse(path)
    if cache is not None:
        write_atomic(cache, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` by rename, so readers see the old file or the new one, whole."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            try:  # keep the replaced file's mode (mkstemp makes 0600), else the umask's default
                mode = os.stat(path).st_mode & 0o7777
            except FileNotFoundError:
                mask = os.umask(0)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except OSError:
        return False


def resolve_selectors(selectors, rules: dict[str, Rule]) -> set[str]:
    """Codes matched by selectors: ``ALL``, a family (``TX``), a code prefix (``TX0``), a code or a slug."""
    out: set[str] = set()
    by_slug = {r.slug: c for c, r in rules.items()}
    for alias_rule in rules.values():
        for a in alias_rule.aliases:
            by_slug.setdefault(a, alias_rule.code)
    for sel in selectors or ():
        s = sel.strip()
        if not s:
            continue
        if s.upper() == "ALL":
            out.update(rules)
            continue
        if s in by_slug:
            out.add(by_slug[s])
            continue
        su = s.upper()
        matched = {c for c in rules if c.startswith(su)}
        if not matched:
            raise UnknownSelector(s, suggest(s, list(rules) + list(by_slug)))
        out.update(matched)
    return out


class UnknownSelector(ValueError):
    def __init__(self, sel: str, hint: str | None):
        self.sel, self.hint = sel, hint
        super().__init__(f"unknown rule selector {sel!r}" + (f" (did you mean {hint!r}?)" if hint else ""))


def suggest(word: str, choices) -> str | None:
    import difflib

    m = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return m[0] if m else None
