"""Loading and checking the data (data/*, the glossary): each loader returns what the pages
need for one edition, or stops the build with the file, the entry and the field."""
from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from .dates import format_date, capitalised, parse_date, sort_key
from .errors import DataError, fail
from .files import read_text, read_yaml
from .shortcodes import PATTERN as SHORTCODE
from .words import load_interface

APPROX = {"early", "end", "planned", "derived"}
ARTICLE_YEAR = 2019  # the year of the article; sources published after it are later sources
ARTICLE_MONTH = 6  # mid-2019: a source of 2019 dated after June is later too
QUALIFIERS = {"", "over", "almost"}
TRADE_FIELDS = ("year", "usd_billion", "qualifier", "source")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ABBR = re.compile(r"^\*\[(.+?)\]:\s*(.+)$")


# ---------------------------------------------------------------- one field


def _require(entry: dict, fields, where: str, key):
    for field in fields:
        if entry.get(field) in (None, ""):
            fail(where, key, field, "is required")


def _string(entry: dict, field: str, where: str, key) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        fail(where, key, field, f"must be a text, not {value!r}")
    return value.strip()


def _text(entry: dict, field: str, lang: str, where: str, key) -> str:
    """A text per language ({en: …, zh: …}): this edition's."""
    value = entry.get(field)
    if not isinstance(value, dict):
        fail(where, key, field, f"must give a text per language ({lang}: …), not {value!r}")
    if not isinstance(value.get(lang), str) or not value[lang].strip():
        fail(where, key, field, f"missing its {lang!r} text")
    return value[lang].strip()


def _local(entry: dict, field: str, lang: str, where: str, key) -> str:
    """A field that is either one text for all editions or a text per language."""
    value = entry.get(field)
    return value.strip() if isinstance(value, str) else _text(entry, field, lang, where, key)


def _reference(entry: dict, field: str, known, where: str, key, what: str):
    value = entry.get(field)
    if not isinstance(value, str) or value not in known:
        fail(where, key, field, f"unknown {what} {value!r}")
    return value


def _date(entry: dict, field: str, where: str, key) -> tuple:
    try:
        return parse_date(entry[field])
    except ValueError as err:
        fail(where, key, field, str(err))


def _entries(data, where: str, what: str):
    """(key, entry) for each entry of a list of mappings with unique slug ids."""
    if not isinstance(data, list) or not data:
        raise DataError(f"{where}: expected a list of {what}")
    seen = set()
    for number, entry in enumerate(data, 1):
        key = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{number}"
        if not isinstance(entry, dict):
            fail(where, key, "-", "expected a mapping of fields")
        _require(entry, ("id",), where, key)
        if not isinstance(entry["id"], str) or not SLUG.fullmatch(entry["id"]):
            fail(where, key, "id", f"{entry['id']!r} is not a slug (lowercase letters, digits, hyphens)")
        if key in seen:
            fail(where, key, "id", "is used twice")
        seen.add(key)
        yield key, entry


def is_later(source: dict) -> bool:
    """A later source: published after the article, which its own references place in
    mid-2019 (data/sources.yml): after ARTICLE_YEAR, or in it when its date names a month
    after ARTICLE_MONTH. A source dated only "2019" is not later."""
    year, month, _ = parse_date(source["published"])
    return year > ARTICLE_YEAR or (year == ARTICLE_YEAR and (month or 0) > ARTICLE_MONTH)


# ---------------------------------------------------------------- one file


def load_sources(path: Path, lang: str) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise DataError(f"{path.name}: expected a mapping of source ids")
    sources = {}
    for key, entry in data.items():
        if not isinstance(key, str) or not SLUG.fullmatch(key):
            fail(path.name, key, "id", f"{key!r} is not a slug (lowercase letters, digits, hyphens)")
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping of fields")
        _require(entry, ("title", "publisher", "published"), path.name, key)
        _date(entry, "published", path.name, key)
        if entry.get("approx", "derived") != "derived":
            fail(path.name, key, "approx", "must be 'derived' (a date worked out from the text)")
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and re.fullmatch(r"https?://\S+", url)):
            fail(path.name, key, "url", f"{url!r} is not an http(s) address")
        sources[key] = {**entry, **{field: _local(entry, field, lang, path.name, key)
                                    for field in ("title", "publisher", "note") if field in entry},
                        "published": str(entry["published"])}
    return sources


def load_timeline(path: Path, sources: dict, lang: str) -> list[dict]:
    events = []
    for key, entry in _entries(read_yaml(path), path.name, "events"):
        _require(entry, ("date", "what", "page", "source"), path.name, key)
        when = _date(entry, "date", path.name, key)
        approx = entry.get("approx", "early")
        if not isinstance(approx, str) or approx not in APPROX:
            fail(path.name, key, "approx", f"must be one of {sorted(APPROX)}")
        if "later" in entry:
            fail(path.name, key, "later", "is worked out from the source's date (published after "
                                          f"{ARTICLE_YEAR}, the article's year): remove it")
        _string(entry, "page", path.name, key)
        _reference(entry, "source", sources, path.name, key, "source")
        events.append({
            **entry, "when": when, "what": _text(entry, "what", lang, path.name, key),
            "later": is_later(sources[entry["source"]]),
            "note": _text(entry, "note", lang, path.name, key) if "note" in entry else "",
        })
    for before, event in zip(events, events[1:]):
        if sort_key(event["when"]) < sort_key(before["when"]):
            fail(path.name, event["id"], "date", "is earlier than the event before it")
    return events


def load_facts(path: Path, sources: dict, events: dict, words, lang: str) -> dict:
    facts = {}
    for key, entry in _entries(read_yaml(path), path.name, "figures"):
        _require(entry, ("page", "source"), path.name, key)
        _string(entry, "page", path.name, key)
        _reference(entry, "source", sources, path.name, key, "source")
        if not isinstance(entry.get("card", False), bool):
            fail(path.name, key, "card", f"must be true or false, not {entry['card']!r}")
        if "event" in entry:
            event = events[_reference(entry, "event", events, path.name, key, "event")]
            value = capitalised(format_date(event, words))
        else:
            value = _text(entry, "value", lang, path.name, key)
        if "label" not in entry and "event" in entry:
            label = events[entry["event"]]["what"]
        elif entry.get("card") or "label" in entry:
            label = _text(entry, "label", lang, path.name, key)
        else:
            label = ""
        facts[key] = {**entry, "value": value, "label": label}
    return facts


def _number(row: dict, field: str, where: str, key) -> float:
    try:
        value = float(row[field])
    except ValueError:
        fail(where, key, field, f"{row[field]!r} is not a number")
    if not (math.isfinite(value) and value > 0):
        fail(where, key, field, "must be a number greater than 0")
    return value


def load_trade(path: Path, sources: dict) -> list[dict]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from None
    if tuple(reader.fieldnames or ()) != TRADE_FIELDS:
        fail(path.name, "line 1", "header", f"must be {','.join(TRADE_FIELDS)}")
    if not rows:
        raise DataError(f"{path.name}: holds no figures")
    trade, years = [], set()
    for number, row in enumerate(rows, 2):  # line numbers as an editor sees them
        key = f"line {number}"
        if None in row or None in row.values():
            fail(path.name, key, "*", f"expected {len(TRADE_FIELDS)} fields ({','.join(TRADE_FIELDS)})")
        _require(row, ("year", "usd_billion", "source"), path.name, key)
        if not re.fullmatch(r"\d{4}", row["year"].strip()):
            fail(path.name, key, "year", f"{row['year']!r} is not a year")
        year = int(row["year"])
        if year in years:
            fail(path.name, key, "year", f"{year} is given twice")
        years.add(year)
        value = _number(row, "usd_billion", path.name, key)
        if (row.get("qualifier") or "") not in QUALIFIERS:
            fail(path.name, key, "qualifier", "must be empty, 'over' or 'almost'")
        _reference(row, "source", sources, path.name, key, "source")
        trade.append({"year": year, "value": value, "qualifier": row.get("qualifier") or "",
                      "source": row["source"], "raw": row["usd_billion"]})
    return sorted(trade, key=lambda r: r["year"])


def load_tonnage(path: Path, sources: dict) -> list[dict]:
    """Liège Airport's yearly freight, in year order; a year may have a row per source."""
    data = read_yaml(path)
    if not isinstance(data, list) or not data:
        raise DataError(f"{path.name}: expected a list of yearly figures")
    rows = []
    for number, entry in enumerate(data, 1):
        key = f"#{number}"
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping of fields")
        _require(entry, ("year", "tonnes", "source"), path.name, key)
        for field in ("year", "tonnes"):
            if not isinstance(entry[field], int) or isinstance(entry[field], bool) or entry[field] <= 0:
                fail(path.name, key, field, f"{entry[field]!r} is not a whole positive number")
        if entry.get("approx", "about") != "about":
            fail(path.name, key, "approx", "must be 'about' (the source rounds the figure)")
        _reference(entry, "source", sources, path.name, key, "source")
        rows.append({"year": entry["year"], "tonnes": entry["tonnes"],
                     "approx": entry.get("approx", ""), "source": entry["source"]})
    if [r["year"] for r in rows] != sorted(r["year"] for r in rows):
        fail(path.name, "-", "year", "the rows must be in year order")
    return rows


def load_glossary(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The glossary file's text (appended to every page) and its entries."""
    text = read_text(path)
    entries, seen = [], set()
    for line in text.splitlines():
        match = ABBR.match(line)
        if match:
            if match.group(1) in seen:
                fail(path.name, match.group(1), "abbreviation", "is defined twice")
            seen.add(match.group(1))
            entries.append(match.groups())
    return text, entries


PAGE_FIELDS = ("sources", "edition_sources", "boost", "sources_section")


def _source_ids(value, sources: dict, where: str, key, field: str) -> list[str]:
    if not isinstance(value, list):
        fail(where, key, field, f"must list ids of sources.yml, not {value!r}")
    for source in value:
        if not isinstance(source, str) or source not in sources:
            fail(where, key, field, f"unknown source {source!r} (see sources.yml)")
    if len(set(value)) != len(value):
        fail(where, key, field, "names a source twice")
    return list(value)


def load_pages(path: Path, sources: dict, lang: str) -> dict:
    """data/pages.yml: each page's sources and search weight, one entry for all its twins;
    edition `lang`'s view of it (edition_sources added)."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise DataError(f"{path.name}: expected a mapping of page file names (index.md: …)")
    pages = {}
    for uri, entry in data.items():
        if not isinstance(uri, str) or not uri.endswith(".md"):
            fail(path.name, uri, "-", "must be a page's file name, as in the nav (trade.md)")
        if not isinstance(entry, dict):
            fail(path.name, uri, "-", "expected a mapping of fields (sources: […])")
        for field in entry:
            if field not in PAGE_FIELDS:
                fail(path.name, uri, field, f"is not a field of a page ({', '.join(PAGE_FIELDS)})")
        if "sources" not in entry:
            fail(path.name, uri, "sources", "is required (a list, [] for a page that retells none)")
        ids = _source_ids(entry["sources"], sources, path.name, uri, "sources")
        extra = entry.get("edition_sources", {})
        if not isinstance(extra, dict) or not all(isinstance(k, str) for k in extra):
            fail(path.name, uri, "edition_sources", "must map a language to its own sources ({zh: [id]})")
        for edition, more in extra.items():
            for source in _source_ids(more, sources, path.name, uri, f"edition_sources.{edition}"):
                if source in ids:
                    fail(path.name, uri, f"edition_sources.{edition}",
                         f"{source!r} is already in sources (every edition has it)")
        boost = entry.get("boost")
        if boost is not None and (isinstance(boost, bool) or not isinstance(boost, (int, float))
                                  or not 0 < boost < float("inf")):
            fail(path.name, uri, "boost", f"must be a number greater than 0, not {boost!r}")
        section = entry.get("sources_section", True)
        if not isinstance(section, bool):
            fail(path.name, uri, "sources_section", f"must be true or false, not {section!r}")
        pages[uri] = {"sources": ids + list(extra.get(lang, [])), "boost": boost,
                      "sources_section": section}
    return pages


def page_sources(data: dict, uri: str, markdown: str) -> list[str]:
    """A page's sources: its entry of pages.yml and, on a page that shows the timeline
    (<!-- site:timeline -->), the source of every event, in date order."""
    entry = data["page_data"].get(uri)
    if entry is None:
        fail("pages.yml", uri, "sources", "the page has no entry: add one with its sources "
                                          "(README, 'A page's sources')")
    ids = list(entry["sources"])
    if any(match.group(1) == "timeline" for match in SHORTCODE.finditer(markdown)):
        ids += [event["source"] for event in data["events"]]
    ids = list(dict.fromkeys(ids))
    if not ids and entry["sources_section"]:
        fail("pages.yml", uri, "sources", "must list the ids of the page's sources "
                                          "(or sources_section: false)")
    return ids


# ---------------------------------------------------------------- all of it


def load_all(root: Path, lang: str) -> dict:
    """Every data file as edition `lang` renders it."""
    words = load_interface(root / "data" / "interface.yml", lang)
    sources = load_sources(root / "data" / "sources.yml", lang)
    events = load_timeline(root / "data" / "timeline.yml", sources, lang)
    by_id = {e["id"]: e for e in events}
    facts = load_facts(root / "data" / "facts.yml", sources, by_id, words, lang)
    abbreviations, glossary = load_glossary(root / "includes" / f"abbreviations.{lang}.md")
    return {
        "lang": lang, "words": words, "sources": sources, "events": events, "facts": facts,
        "trade": load_trade(root / "data" / "trade.csv", sources),
        "tonnage": load_tonnage(root / "data" / "tonnage.yml", sources),
        "abbreviations": abbreviations, "glossary": glossary, "root": root,
        "page_data": load_pages(root / "data" / "pages.yml", sources, lang),
        "pages": {},  # page -> its sources, filled by site_data.on_files (page_sources)
    }


# What pages.yml holds for every twin at once, refused in a page's front matter.
ONE_HOME = {"sources": "sources", "sources_section": "sources_section", "search": "boost"}


def check_front_matter(uri: str, meta: dict):
    """A page's front matter: a description, in the edition's words. Its sources and its
    search weight are the same for its twins: they are written once, in data/pages.yml."""
    if not str(meta.get("description") or "").strip():
        fail(uri, "front matter", "description", "is required")
    for key, field in ONE_HOME.items():
        if key in meta and (key != "search" or "boost" in (meta[key] or {})):
            fail(uri, "front matter", key, f"is written once for every edition, as {field!r} of "
                                           f"{uri!r} in data/pages.yml: remove it here")


def check_references(data: dict, pages: set[str]):
    """Every `page:` in the data names a page that exists."""
    for name, entries in (("timeline.yml", data["events"]), ("facts.yml", data["facts"].values())):
        for entry in entries:
            page = entry["page"].split("#")[0]
            if page not in pages:
                fail(name, entry["id"], "page", f"no page {page!r} in docs")
    for uri in data["page_data"]:
        if uri not in pages:
            fail("pages.yml", uri, "-", f"no page {uri!r} in docs")
