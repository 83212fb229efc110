"""DT: dates, visible and machine-readable: in house style, well-formed, and in agreement."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from ..extract.dates import EN_MONTH_NAMES, EN_WEEKDAY_NAMES, VI_WEEKDAY_NAMES
from ..model import Problem
from ..registry import check

ISO_8601 = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)

# Default house style per language (``[tool.newslint.house-style] date-format`` overrides it).
# Tokens: {weekday} {weekday_digit} (Thứ 6) {d} {dd} {m} {mm} {month} {mon} {yyyy} {H} {HH} {MM} {SS} {time} {sep};
# [...] is optional; " || " separates accepted alternatives (the first is the one suggested).
DEFAULT_FORMATS = {
    "vi": "{weekday}, {dd}/{mm}/{yyyy}[, {HH}:{MM}][ (GMT+7)] || {weekday}, {d}/{m}/{yyyy}[, {HH}:{MM}][ (GMT+7)]",
    "en": "[{time}{sep}][{weekday}{sep}]{month} {d}, {yyyy}[{sep}{time}]"
          " || [{time}{sep}][{weekday}{sep}]{d} {month} {yyyy}[{sep}{time}]",
}

_REDUCED = re.compile(r"^\d{4}(?:-\d{2})?$")
_HUMAN_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|[A-Za-z]{3,}\.?\s+\d|\d\s+[A-Za-z]{3,}|\d{4}-\d{1,2}-\d{1,2}")
_VI_WD_WORD = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+Nhật)"
_TOKENS = {
    "weekday": None,  # by language
    "d": r"(?:[1-9]|[12]\d|3[01])",
    "dd": r"(?:0[1-9]|[12]\d|3[01])",
    "m": r"(?:[1-9]|1[0-2])",
    "mm": r"(?:0[1-9]|1[0-2])",
    "month": "(?:" + "|".join(EN_MONTH_NAMES) + ")",
    "mon": r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?",
    "yyyy": r"\d{4}",
    "H": r"(?:[01]?\d|2[0-3])",
    "HH": r"(?:[01]\d|2[0-3])",
    "h": r"(?:1[0-2]|0?[1-9])",
    "MM": r"[0-5]\d",
    "SS": r"[0-5]\d",
    "ampm": r"(?:[AaPp]\.?\s?[Mm]\.?)",
    "time": r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:[A-Z]{2,4}|\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?))?)",
    "sep": r"(?:\s*[,|·•–-]\s*|\s+at\s+|\s+)",
}
_TOKEN = re.compile(r"\{(\w+)\}")
_compiled: dict = {}


def _weekday_rx(lang: str) -> str:
    if lang == "vi":
        return _VI_WD_WORD
    return "(?:" + "|".join(EN_WEEKDAY_NAMES) + ")"


def compile_format(fmt: str, lang: str) -> re.Pattern:
    """A house-style format as one regular expression over the visible date text."""
    key = (fmt, lang)
    if key in _compiled:
        return _compiled[key]
    alts = []
    for alt in fmt.split(" || "):
        out = []
        i = 0
        while i < len(alt):
            c = alt[i]
            if c == "{":
                j = alt.find("}", i)
                name = alt[i + 1:j] if j > 0 else ""
                if name == "weekday":
                    out.append(_weekday_rx(lang))
                elif name == "weekday_digit":
                    out.append(r"(?:Thứ\s*[2-7]|Chủ\s*nhật|CN)")
                elif name in _TOKENS:
                    out.append(_TOKENS[name])
                else:
                    out.append(re.escape(alt[i:j + 1] if j > 0 else c))
                i = (j + 1) if j > 0 else i + 1
                continue
            if c == "[":
                out.append("(?:")
            elif c == "]":
                out.append(")?")
            elif c == " ":
                out.append(r"\s+")
            else:
                out.append(re.escape(c))
            i += 1
        alts.append("".join(out))
    rx = re.compile("^(?:" + "|".join(alts) + r")$", re.IGNORECASE)
    _compiled[key] = rx
    return rx


def render_format(fmt: str, value: datetime, lang: str, has_time: bool) -> str:
    """The first alternative of a house-style format, written out for ``value``."""
    wd = (VI_WEEKDAY_NAMES if lang == "vi" else EN_WEEKDAY_NAMES)[value.weekday()]
    vals = {"weekday": wd, "weekday_digit": f"Thứ {value.weekday() + 2}" if value.weekday() < 6 else "Chủ nhật", "d": str(value.day), "dd": f"{value.day:02d}", "m": str(value.month),
            "mm": f"{value.month:02d}", "month": EN_MONTH_NAMES[value.month - 1],
            "mon": EN_MONTH_NAMES[value.month - 1][:3], "yyyy": str(value.year), "H": str(value.hour),
            "HH": f"{value.hour:02d}", "MM": f"{value.minute:02d}", "SS": f"{value.second:02d}",
            "h": str((value.hour % 12) or 12), "ampm": "AM" if value.hour < 12 else "PM",
            "time": f"{(value.hour % 12) or 12}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}",
            "sep": ", "}
    return _TOKEN.sub(lambda m: vals.get(m.group(1), m.group(0)), _render_template(fmt, has_time)).strip()


@lru_cache(maxsize=64)
def _render_template(fmt: str, has_time: bool) -> str:
    """The first alternative of ``fmt`` with its optional parts kept or dropped for a value with
    (or without) a time of day: the tokens are left for :func:`render_format` to fill (a filled
    value never holds a token, so filling once at the end is filling each part as it is kept)."""
    alt = fmt.split(" || ")[0]
    time_tokens = {"H", "HH", "MM", "SS", "h", "ampm", "time"}
    out = []
    i = 0
    while i < len(alt):
        if alt[i] == "[":
            j = alt.find("]", i)
            j = len(alt) if j < 0 else j
            part = alt[i + 1:j]
            names = set(_TOKEN.findall(part))
            keep = has_time and (names & time_tokens or "GMT" in part) and not part.startswith("{time}")
            if keep and "weekday" not in names and "weekday_digit" not in names:
                out.append(part)
            i = j + 1
            continue
        out.append(alt[i])
        i += 1
    return "".join(out)


def _house_style(article):
    cfg = getattr(article, "config", None)
    return getattr(cfg, "house_style", None)


def _fmt_delta(delta: timedelta) -> str:
    secs = abs(delta.total_seconds())
    days = secs / 86400
    if days >= 1.5:
        return f"{days:.0f} days"
    if secs >= 3600:
        return f"{secs / 3600:.0f} hours"
    return f"{secs / 60:.0f} minutes"


def _dt_text(v: datetime) -> str:
    return v.isoformat(sep=" ") if (v.hour or v.minute or v.second) else v.date().isoformat()


# --------------------------------------------------------------------------- rules
@check("DT001")
def machine_date_not_iso(article, options):
    """A machine-readable date that is not ISO 8601, or not a real date."""
    for md in article.dates.machine:
        value = md.raw.strip()
        if not value or not md.standard:
            continue
        if ISO_8601.match(value) and md.value is not None:
            continue
        if _REDUCED.match(value):
            continue  # a year or a year-month: reduced precision is ISO 8601 too
        if md.source == "time" and not _HUMAN_DATE.search(value):
            continue  # HTML allows times, durations, weeks and yearless dates in <time datetime>
        if ISO_8601.match(value):
            msg = f"{md.source} {md.prop} {value!r} is not a real date"
        else:
            msg = (f"{md.source} {md.prop} {value[:60]!r} is not an ISO 8601 date "
                   "(write e.g. 2021-02-26T16:38:00+07:00)")
        yield Problem(msg, md.loc, anchor=f"{md.prop}={value[:80]}")


@check("DT002")
def visible_date_missing(article, options):
    """An article that shows its reader no date."""
    if article.dates.visible:
        return
    head = article.page.headline_el
    from ..model import Loc

    yield Problem("no visible publication date: show a labelled date near the headline "
                  "(search engines and readers take the date from the page)",
                  Loc(element=head) if head is not None else None, anchor="no-visible-date")


@check("DT003")
def date_house_style(article, options):
    """A visible date not written in the house style."""
    hs = _house_style(article)
    lang = article.lang or ""
    formats = dict(DEFAULT_FORMATS)
    if hs is not None and getattr(hs, "date_format", None):
        formats.update(hs.date_format)
    fmt = formats.get(lang)
    if not fmt:
        return
    rx = compile_format(fmt, lang)
    for v in article.dates.visible:
        if not isinstance(v.value, datetime) or rx.match(v.text.strip()):
            continue
        want = render_format(fmt, v.value, lang, v.has_time)
        yield Problem(f"visible date {v.text!r} is not in the house style: write {want!r} (format {fmt.split(' || ')[0]!r})",
                      v.loc, anchor=f"house-style:{v.text}", data={"expected": want, "format": fmt})


@check("DT004")
def weekday_mismatch(article, options):
    """The weekday written with a date is not that date's weekday."""
    lang = article.lang or ""
    names = VI_WEEKDAY_NAMES if lang == "vi" else EN_WEEKDAY_NAMES
    for v in article.dates.visible:
        if v.weekday is None or not isinstance(v.value, datetime):
            continue
        if v.weekday != v.value.weekday():
            right = names[v.value.weekday()]
            yield Problem(f"{v.weekday_text!r} does not match {v.value.date().isoformat()}, which is a "
                          f"{EN_WEEKDAY_NAMES[v.value.weekday()]} ({right})",
                          v.weekday_loc or v.loc, anchor=f"weekday:{v.text}")


@check("DT005")
def machine_date_no_offset(article, options):
    """A machine date with a time of day but no time-zone offset."""
    for md in article.dates.machine:
        if md.value is None or not md.has_time or md.has_offset:
            continue
        if md.source in ("front-matter", "time") or not md.standard:
            continue  # Hugo applies the site's zone; a plain <time> may hold a local time
        tz = article.dates.site_tz
        off = tz.utcoffset(md.value) if tz is not None else None
        if off is None:
            suffix = "Z"
        else:
            mins = int(off.total_seconds() // 60)
            suffix = f"{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
        yield Problem(f"{md.source} {md.prop} {md.raw!r} has a time but no time-zone offset: readers' "
                      "software and search engines guess the zone (write e.g. "
                      f"{md.value.strftime('%Y-%m-%dT%H:%M:%S')}{suffix})", md.loc,
                      anchor=f"no-offset:{md.prop}={md.raw}")


def _comparable(dates, v):
    """(local datetime, has time) of a machine or visible value, in the site's time zone."""
    val = dates.local(v.value)
    return val.replace(tzinfo=None), v.has_time


@check("DT006")
def dates_disagree(article, options):
    """The visible date and the markup's dates (or two markup dates) name different days."""
    tol = timedelta(minutes=int(options.get("tolerance_minutes", 60) or 0))
    d = article.dates
    machine = [m for m in d.machine if m.value is not None and m.role in ("published", "modified")]
    seen = set()

    def differ(a, b):
        (va, ta), (vb, tb) = a, b
        if va.date() == vb.date():
            return None
        delta = va - vb if ta and tb else (datetime.combine(va.date(), datetime.min.time())
                                           - datetime.combine(vb.date(), datetime.min.time()))
        if ta and tb and abs(delta) <= tol:
            return None
        return delta

    # The visible dates against the markup date of the same role: reported when none of the
    # page's datelines agrees with it (a page may show a "today" date or a related story's too).
    # Only datelines newslint is sure of: the configured selector, itemprop, a plain-text
    # dateline, or one close to the headline (a date far from it is often another story's).
    near = int(options.get("max_lines_from_headline", 25) or 0)
    shown = [v for v in d.visible if isinstance(v.value, datetime) and not v.ambiguous
             and (v.found_in in ("selector", "itemprop") or (v.found_in == "text" and article.kind != "html") or
                  (v.found_in in ("time", "class") and v.distance is not None and v.distance <= near))]
    zone_known = bool(d.site_tz_from) and not d.site_tz_from.startswith("the language")
    for m in machine:
        if (m.source, m.prop) in seen:
            continue
        same = [v for v in shown if v.role == m.role]
        if not same:
            continue
        mc = _comparable(d, m)
        deltas = []
        for v in same:
            delta = differ((v.value, v.has_time), mc)
            if delta is not None and not zone_known and m.has_offset and not m.value.utcoffset():
                # A UTC value and no known site zone: any zone from -12 to +14 hours may be meant.
                span = (v.value - mc[0]) if v.has_time else None
                if (span is not None and timedelta(hours=-12) <= span <= timedelta(hours=14)) or \
                        (span is None and abs((v.value.date() - mc[0].date()).days) <= 1):
                    delta = None
            if delta is None:
                break
            deltas.append((v, delta))
        else:
            v, delta = deltas[0]
            seen.add((m.source, m.prop))
            yield Problem(f"{m.source} {m.prop} {m.raw!r} is {_dt_text(mc[0])} in the site's time "
                          f"zone ({d.site_tz_from or 'as written'}), but the page shows {v.text!r}: "
                          f"{_fmt_delta(delta)} apart", m.loc, anchor=f"disagree:{m.prop}={m.raw}",
                          data={"visible": v.text, "machine": m.raw, "seconds": delta.total_seconds()})
    # Without a parsed dateline: markup dates of the same role against each other (the first of
    # each role is the reference).
    if shown:
        return
    for role in ("published", "modified"):
        ms = [m for m in machine if m.role == role and m.standard
              and m.source in ("json-ld", "meta", "microdata", "front-matter")]
        if len(ms) < 2:
            continue
        ref = ms[0]
        for m in ms[1:]:
            if (m.source, m.prop) in seen or m.raw == ref.raw:
                continue
            delta = differ(_comparable(d, m), _comparable(d, ref))
            if delta is None:
                continue
            seen.add((m.source, m.prop))
            yield Problem(f"{m.source} {m.prop} {m.raw!r} disagrees with {ref.source} {ref.prop} {ref.raw!r} "
                          f"by {_fmt_delta(delta)}", m.loc, anchor=f"disagree:{m.prop}={m.raw}")


def _aware(dates, v: datetime) -> datetime:
    if v.tzinfo is None:
        return v.replace(tzinfo=dates.site_tz or timezone.utc)
    return v


_FRONT_MATTER_PAIRS = tuple((p, q) for p in ("date", "publishDate", "publishdate") for q in ("lastmod", "modified", "updated"))


@check("DT007")
def modified_before_published(article, options):
    """dateModified earlier than datePublished."""
    from ..extract.dates import PAIRS

    d = article.dates
    slack = timedelta(minutes=int(options.get("tolerance_minutes", 5) or 0))
    by_source: dict = {}  # source -> prop -> its first machine date with a value
    for m in d.machine:
        if m.value is not None:
            by_source.setdefault(m.source, {}).setdefault(m.prop, m)
    seen = set()
    for src in ("json-ld", "meta", "microdata", "front-matter"):
        by_prop = by_source.get(src)
        if by_prop is None:
            continue
        for p, q in PAIRS if src != "front-matter" else _FRONT_MATTER_PAIRS:
            pub = by_prop.get(p)
            mod = by_prop.get(q)
            if pub is None or mod is None or id(mod) in seen:
                continue
            if pub.has_offset != mod.has_offset and pub.has_time and mod.has_time:
                continue  # one local, one with an offset: not comparable without guessing
            a, b = _aware(d, pub.value), _aware(d, mod.value)
            if pub.has_time and mod.has_time:
                later = a - b > slack
            else:
                later = b.date() < a.date()
            if later:
                seen.add(id(mod))
                yield Problem(f"{mod.prop} {mod.raw!r} is earlier than {pub.prop} {pub.raw!r}: an article cannot be "
                              "modified before it is published", mod.loc, anchor=f"mod<pub:{mod.raw}")


def _now(options) -> datetime:
    fixed = options.get("now")
    if fixed:
        try:
            v = datetime.fromisoformat(str(fixed))
            return v if v.tzinfo else v.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc)


def _all_dates(article):
    """(value, text, the date object, has time, what) of every published or modified date; a
    rule reads the object's ``loc`` only for a violation (locating costs a search)."""
    d = article.dates
    for m in d.machine:
        if m.value is not None and m.role in ("published", "modified"):
            yield m.value, m.raw, m, m.has_time, f"{m.source} {m.prop}"
    for v in d.visible:
        if isinstance(v.value, datetime):
            yield v.value, v.text, v, v.has_time, "the visible date"


@check("DT008")
def date_in_future(article, options):
    """A publication or modification date later than now."""
    hs = _house_style(article)
    tol = timedelta(minutes=getattr(hs, "future_tolerance_minutes", 10) if hs is not None else 10)
    now = _now(options)
    d = article.dates
    with_time, without_time = now + tol, now + timedelta(days=1)
    for value, raw, date, has_time, what in _all_dates(article):
        v = _aware(d, value)
        if v > (with_time if has_time else without_time):
            yield Problem(f"{what} {raw!r} is in the future ({_fmt_delta(v - now)} from now)", date.loc,
                          anchor=f"future:{raw}")


@check("DT009")
def date_too_old(article, options):
    """A date before the site's oldest year: a default value or a parse slip (1970-01-01)."""
    hs = _house_style(article)
    floor = getattr(hs, "oldest_year", 1995) if hs is not None else 1995
    for value, raw, date, _t, what in _all_dates(article):
        if what == "the visible date" and (value.month, value.day) != (1, 1):
            continue  # an old date in the text is history; on Jan 1 it is a placeholder
        if value.year < floor:
            yield Problem(f"{what} {raw!r} is before {floor}, the oldest year this site publishes "
                          "(a default or placeholder date?)", date.loc, anchor=f"old:{raw}")


@check("DT010")
def updated_without_date_modified(article, options):
    """The page shows an "updated" date but its markup has no dateModified."""
    d = article.dates
    upd = next((v for v in d.visible if v.role == "modified"), None)
    if upd is None:
        return
    if not any(m.role == "published" for m in d.machine):
        return  # a page without date markup at all is another rule's concern
    if any(m.role == "modified" for m in d.machine):
        return
    yield Problem(f"the page shows an updated date {upd.text!r} but the markup has no dateModified "
                  "(nor article:modified_time)", upd.loc, anchor=f"updated:{upd.text}")


@check("DT011")
def ambiguous_date_order(article, options):
    """A numeric visible date whose day/month order nothing decides, or is against the language."""
    lang = article.lang or ""
    for v in article.dates.visible:
        if not isinstance(v.value, datetime) or v.order not in ("DMY", "MDY"):
            continue
        if v.ambiguous and lang not in ("vi", "de", "fr", "es", "it", "pt", "nl", "ru", "pl"):
            yield Problem(f"{v.text!r} can be read day-first or month-first and nothing on the page decides; "
                          f"write the month as a word ({v.value.strftime('%B')} {v.value.day}, {v.value.year}) "
                          "or give the date in the markup", v.loc, anchor=f"ambiguous:{v.text}")
        elif not v.ambiguous and v.order == "MDY" and lang in ("vi",):
            yield Problem(f"{v.text!r} is written month-first, but {lang} dates are day-first "
                          f"({v.value.day}/{v.value.month}/{v.value.year})", v.loc, anchor=f"mdy:{v.text}")
