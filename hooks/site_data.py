"""Renders the site's data files (data/*) into its pages, so each fact is written once.

Pages use shortcodes that read as plain comments in raw Markdown:

    <!-- site:fact ID -->     a figure from data/facts.yml (inline)
    <!-- site:date ID -->     the date of an event in data/timeline.yml (inline)
    <!-- site:trade YEAR -->  a year's reported trade total from data/trade.csv (inline)
    <!-- site:timeline -->    the whole timeline
    <!-- site:key-figures --> the overview cards
    <!-- site:trade-chart --> the trade chart (inline SVG) from data/trade.csv
    <!-- site:trade-table --> the same figures as a table
    <!-- site:sources -->     the list of sources and which pages use them
    <!-- site:glossary -->    the abbreviations of includes/abbreviations.<lang>.md
    <!-- site:map NAME -->    a map drawn by scripts/maps/make_maps.py, with its caption
    <!-- site:downloads NAME --> links to the open data files (timeline, trade)
    <!-- site:cite ID -->     a later source, inline: "(publisher, date)" linked to the Sources page
    <!-- site:tonnage -->     Liège Airport's yearly freight tonnage, from data/tonnage.yml

The timeline and the trade figures are also published as CSV and JSON (open data) in
each edition's data/ folder, every row with its source.

Every page also gets a "Sources" section built from its front matter (`sources:`).
A bad data file stops the build with a message naming the file, the entry and the field.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

DATA: dict = {}  # filled by on_config; the hook module is reloaded on every config load
APPROX = {"early", "end", "planned", "derived"}
ARTICLE_YEAR = 2019  # sources published after this year are later sources
QUALIFIERS = {"", "over", "almost"}
TRADE_FIELDS = ("year", "usd_billion", "qualifier", "source")
SHORTCODE = re.compile(r"<!--\s*site:([\w-]+)(?:\s+([\w-]+))?\s*-->")
ABBR = re.compile(r"^\*\[(.+?)\]:\s*(.+)$")

class DataError(PluginError):
    """A data file or a page's front matter is wrong; the message says where."""


def fail(where: str, entry, field: str, problem: str):
    raise DataError(f"{where}: entry {entry!r}, field {field!r}: {problem}")


# ---------------------------------------------------------------- loading and checking


def _yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from err


def parse_date(value) -> tuple[int, int | None, int | None]:
    """'2019', '2019-03' or '2019-03-02' (or a YAML date/int) as (year, month, day)."""
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    problem = f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if not match:
        raise ValueError(problem)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)  # rejects 2019-13 and 2019-02-30
    except ValueError as err:
        raise ValueError(f"{problem}: {err}") from None
    return year, month, day


def _text(entry: dict, field: str, lang: str, where: str, key, keep_spaces: bool = False) -> str:
    """The entry's text in `lang`; `keep_spaces` keeps a quoted text's own leading and
    trailing spaces (interface words such as ", " or " ({text})")."""
    value = entry.get(field)
    if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
        fail(where, key, field, f"missing its {lang!r} text")
    return value[lang].strip("\n") if keep_spaces else value[lang].strip()


def _require(entry: dict, fields, where: str, key):
    for field in fields:
        if entry.get(field) in (None, ""):
            fail(where, key, field, "is required")


def _local(entry: dict, field: str, lang: str, where: str, key) -> str:
    """A field that is either one text for all editions or a text per language."""
    value = entry.get(field)
    return value.strip() if isinstance(value, str) else _text(entry, field, lang, where, key)


def _source(entry: dict, sources: dict, where: str, key):
    if entry.get("source") not in sources:
        fail(where, key, "source", f"unknown source {entry.get('source')!r} (see sources.yml)")


def load_interface(path: Path, lang: str) -> dict:
    data = _yaml(path)
    if not isinstance(data, dict) or not data:
        raise DataError(f"{path.name}: expected a mapping of interface words")
    words = {key: _text(data, key, lang, path.name, key, keep_spaces=True) for key in data}
    words["month_names"] = words["month_names"].split()
    words["unit_factor"] = float(words["unit_factor"])
    words["small_factor"] = float(words["small_factor"])
    return words


def load_sources(path: Path, lang: str) -> dict:
    data = _yaml(path)
    if not isinstance(data, dict) or not data:
        raise DataError(f"{path.name}: expected a mapping of source ids")
    for key, entry in data.items():
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping")
        _require(entry, ("title", "publisher", "published"), path.name, key)
        try:
            parse_date(entry["published"])
        except ValueError as err:
            fail(path.name, key, "published", str(err))
        if entry.get("approx", "derived") != "derived":
            fail(path.name, key, "approx", "must be 'derived' (a date worked out from the text)")
        url = entry.get("url")
        if url is not None and not re.fullmatch(r"https?://\S+", str(url)):
            fail(path.name, key, "url", f"{url!r} is not an http(s) address")
        entry.update({field: _local(entry, field, lang, path.name, key)
                      for field in ("title", "publisher", "note") if field in entry})
        entry["published"] = str(entry["published"])
    return data


def load_timeline(path: Path, sources: dict, words: dict, lang: str) -> list[dict]:
    data = _yaml(path)
    if not isinstance(data, list) or not data:
        raise DataError(f"{path.name}: expected a list of events")
    events, seen = [], set()
    for number, entry in enumerate(data, 1):
        key = entry.get("id", f"#{number}") if isinstance(entry, dict) else f"#{number}"
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping")
        _require(entry, ("id", "date", "what", "page", "source"), path.name, key)
        if key in seen:
            fail(path.name, key, "id", "is used twice")
        seen.add(key)
        try:
            when = parse_date(entry["date"])
        except ValueError as err:
            fail(path.name, key, "date", str(err))
        if entry.get("approx", "early") not in APPROX:
            fail(path.name, key, "approx", f"must be one of {sorted(APPROX)}")
        if entry.get("later", False) not in (True, False):
            fail(path.name, key, "later", "must be true or false")
        _source(entry, sources, path.name, key)
        events.append({
            **entry, "when": when, "what": _text(entry, "what", lang, path.name, key),
            "note": _text(entry, "note", lang, path.name, key) if "note" in entry else "",
        })
    order = [e["when"][0:1] + tuple(x or 0 for x in e["when"][1:]) for e in events]
    for before, after, event in zip(order, order[1:], events[1:]):
        if after < before:
            fail(path.name, event["id"], "date", "is earlier than the event before it")
    return events


def load_facts(path: Path, sources: dict, events: dict, words: dict, lang: str) -> dict:
    data = _yaml(path)
    if not isinstance(data, list) or not data:
        raise DataError(f"{path.name}: expected a list of figures")
    facts = {}
    for number, entry in enumerate(data, 1):
        key = entry.get("id", f"#{number}") if isinstance(entry, dict) else f"#{number}"
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping")
        _require(entry, ("id", "page", "source"), path.name, key)
        if key in facts:
            fail(path.name, key, "id", "is used twice")
        _source(entry, sources, path.name, key)
        if "event" in entry:
            if entry["event"] not in events:
                fail(path.name, key, "event", f"unknown event {entry['event']!r}")
            value = capitalised(format_date(events[entry["event"]], words))
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


def load_trade(path: Path, sources: dict) -> list[dict]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from err
    if not rows:
        raise DataError(f"{path.name}: holds no figures")
    if tuple(rows[0]) != TRADE_FIELDS:
        raise DataError(f"{path.name}: the header must be {','.join(TRADE_FIELDS)}")
    trade, years = [], set()
    for number, row in enumerate(rows, 2):  # line numbers as an editor sees them
        key = f"line {number}"
        if None in row or None in row.values():
            fail(path.name, key, "*", f"expected {len(TRADE_FIELDS)} fields ({','.join(TRADE_FIELDS)})")
        _require(row, ("year", "usd_billion", "source"), path.name, key)
        try:
            year = int(row["year"])
        except ValueError:
            fail(path.name, key, "year", f"{row['year']!r} is not a year")
        if year in years:
            fail(path.name, key, "year", f"{year} is given twice")
        years.add(year)
        try:
            value = float(row["usd_billion"])
        except ValueError:
            fail(path.name, key, "usd_billion", f"{row['usd_billion']!r} is not a number")
        if not value > 0:
            fail(path.name, key, "usd_billion", "must be greater than 0")
        if (row.get("qualifier") or "") not in QUALIFIERS:
            fail(path.name, key, "qualifier", "must be empty, 'over' or 'almost'")
        _source(row, sources, path.name, key)
        trade.append({"year": year, "value": value, "qualifier": row.get("qualifier") or "",
                      "source": row["source"], "raw": row["usd_billion"]})
    return sorted(trade, key=lambda r: r["year"])


def load_tonnage(path: Path, sources: dict) -> list[dict]:
    """Liège Airport's yearly freight, in year order; a year may have a row per source."""
    data = _yaml(path)
    if not isinstance(data, list) or not data:
        raise DataError(f"{path.name}: expected a list of yearly figures")
    rows = []
    for number, entry in enumerate(data, 1):
        key = f"#{number}"
        if not isinstance(entry, dict):
            fail(path.name, key, "-", "expected a mapping")
        _require(entry, ("year", "tonnes", "source"), path.name, key)
        for field in ("year", "tonnes"):
            if not isinstance(entry[field], int) or isinstance(entry[field], bool) or entry[field] <= 0:
                fail(path.name, key, field, f"{entry[field]!r} is not a whole positive number")
        if entry.get("approx", "about") != "about":
            fail(path.name, key, "approx", "must be 'about' (the source rounds the figure)")
        _source(entry, sources, path.name, key)
        rows.append({"year": entry["year"], "tonnes": entry["tonnes"],
                     "approx": entry.get("approx", ""), "source": entry["source"]})
    if [r["year"] for r in rows] != sorted(r["year"] for r in rows):
        fail(path.name, "-", "year", "the rows must be in year order")
    return rows


def load_glossary(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The glossary file's text (appended to every page) and its entries."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from err
    return text, [m.groups() for m in map(ABBR.match, text.splitlines()) if m]


def load_all(root: Path, lang: str) -> dict:
    words = load_interface(root / "data" / "interface.yml", lang)
    sources = load_sources(root / "data" / "sources.yml", lang)
    events = load_timeline(root / "data" / "timeline.yml", sources, words, lang)
    by_id = {e["id"]: e for e in events}
    facts = load_facts(root / "data" / "facts.yml", sources, by_id, words, lang)
    abbreviations, glossary = load_glossary(root / "includes" / f"abbreviations.{lang}.md")
    return {
        "lang": lang, "words": words, "sources": sources, "events": events, "facts": facts,
        "trade": load_trade(root / "data" / "trade.csv", sources),
        "tonnage": load_tonnage(root / "data" / "tonnage.yml", sources),
        "abbreviations": abbreviations, "glossary": glossary, "pages": {}, "root": root,
    }


def check_references(data: dict, pages: set[str]):
    """Every `page:` in the data names a page that exists."""
    for name, entries in (("timeline.yml", data["events"]), ("facts.yml", data["facts"].values())):
        for entry in entries:
            if entry["page"].split("#")[0] not in pages:
                fail(name, entry["id"], "page", f"no page {entry['page'].split('#')[0]!r} in docs")


# ---------------------------------------------------------------- rendering


def format_date(event: dict, words: dict, inline: bool = False) -> str:
    """'2 March 2019', 'early April 2019', '2021 (planned)' (or 2019年3月2日 …). Inline, in a
    sentence that already says so, the planned/derived remark is left out."""
    year, month, day = event["when"]
    pattern = words["date_day" if day else "date_month" if month else "date_year"]
    text = pattern.format(year=year, month=month, day=day,
                          month_name=words["month_names"][month - 1] if month else "")
    approx = event.get("approx")
    if not approx or (inline and approx in ("planned", "derived")):
        return text
    return words[approx].format(date=text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def iso_date(event: dict) -> str:
    year, month, day = event["when"]
    return "-".join([f"{year:04d}"] + [f"{x:02d}" for x in (month, day) if x])


def _more(words: dict, page: str, page_titles: dict) -> str:
    target = page.split("#")[0]
    return f'[{words["more"].format(title=page_titles.get(target, target))}]({page})'


def render_timeline(data: dict, page_titles: dict) -> str:
    words = data["words"]
    items = []
    for event in sorted(data["events"], key=lambda e: tuple(x or 0 for x in e["when"])):
        note = (f'<span class="cb-timeline__note">{words["note"].format(text=event["note"])}</span>'
                if event["note"] else "")
        what = event["what"]
        if event.get("later"):
            note = later_label(words) + note
            # Out of search: the topic page's "After 2019" section tells it, and the index
            # is part of every page's weight.
            what = f'<span data-search-exclude>{what}</span>'
        items.append(
            f'1.  <time class="cb-timeline__date" id="event-{event["id"]}" '
            f'datetime="{iso_date(event)}">{capitalised(format_date(event, words))}</time>{note}\n\n'
            f'    {what} {_more(words, event["page"], page_titles)}\n'
        )
    # Out of search (data-search-exclude): each event is told on its topic page, which
    # the search should find instead; the page itself is found by its title and intro.
    return '<div class="cb-timeline" markdown data-search-exclude>\n\n' + "\n".join(items) + "\n</div>\n"


def render_cards(data: dict, page_titles: dict) -> str:
    cards = [
        f'-   <span class="cb-figure">{capitalised(fact["value"])}</span>\n\n'
        f'    {fact["label"]}\n\n'
        f'    {_more(data["words"], fact["page"], page_titles)}\n'
        for fact in data["facts"].values() if fact.get("card")
    ]
    # Out of search, like the timeline: each card's fact is told on the page it links to.
    return ('<div class="grid cards cb-cards" markdown data-search-exclude>\n\n'
            + "\n".join(cards) + "\n</div>\n")


def format_number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def trade_value(row: dict, words: dict) -> float:
    """The figure in the edition's unit (US$ billion, or 亿美元 = US$0.1 billion)."""
    return row["value"] * words["unit_factor"]


def trade_label(row: dict, words: dict) -> str:
    number = format_number(trade_value(row, words))
    return words[row["qualifier"]].format(value=number) if row["qualifier"] else number


def trade_money(row: dict, words: dict) -> str:
    """The figure with its unit; under one unit, in the edition's smaller unit
    (`money_small`: US$20 million, 2000万美元 rather than 0.2亿美元)."""
    value = trade_value(row, words)
    money = (words["money_small"].format(value=format_number(value * words["small_factor"]).replace(",", ""))
             if value < 1 else words["money"].format(value=format_number(value)))
    return words[row["qualifier"]].format(value=money) if row["qualifier"] else money


def published_date(source: dict, words: dict) -> str:
    """A source's publication date as the edition writes dates (26 September 2013, 2013年9月26日)."""
    return format_date({"when": parse_date(source["published"]), "approx": source.get("approx")}, words)


def source_numbers(data: dict) -> dict:
    """Sources of the trade figures, numbered in order of first use in the chart."""
    numbers: dict = {}
    for row in data["trade"]:
        numbers.setdefault(row["source"], len(numbers) + 1)
    return numbers


def render_trade_chart(data: dict) -> str:
    """Horizontal bar chart as inline SVG, one row per year: the first figure (1971) set
    apart by a break, then every year to the last, those without a figure left as gaps.
    Narrow enough to stay legible on a phone; coloured by CSS for light and dark."""
    words, rows = data["words"], data["trade"]
    by_year = {r["year"]: r for r in rows}
    years = list(range(rows[1]["year"], rows[-1]["year"] + 1)) if len(rows) > 1 else []
    slots = [rows[0]["year"], None] + years  # None is the break
    numbers = source_numbers(data)
    width, left, right, top, row_h = 400, 44, 118, 26, 21
    step = 10 * words["unit_factor"]  # a grid line every US$10 billion
    scale_max = max(step, -(-max(trade_value(r, words) for r in rows) // step) * step)
    x = lambda v: left + (width - left - right) * v / scale_max  # noqa: E731
    height = top + row_h * len(slots) + 6
    points = words["chart_point_separator"].join(
        words["chart_point"].format(year=r["year"], value=trade_money(r, words)) for r in rows)
    gaps = words["list_separator"].join(
        words["date_year"].format(year=y) for y in years if y not in by_year)
    parts = [
        # Out of search (data-search-exclude): the table below indexes the same figures.
        f'<svg class="cb-chart__svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="trade-chart-title trade-chart-desc" data-search-exclude>',
        f'<title id="trade-chart-title">{html.escape(words["chart_title"])}</title>',
        f'<desc id="trade-chart-desc">'
        f'{html.escape(words["chart_desc"].format(points=points, gaps=gaps))}</desc>',
    ]
    tick = 0.0
    while tick <= scale_max:
        parts.append(f'<line class="cb-chart__grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" '
                     f'y1="{top - 4}" y2="{height - 6}"/><text class="cb-chart__axis" '
                     f'x="{x(tick):.1f}" y="{top - 9}" text-anchor="middle">{format_number(tick)}</text>')
        tick += step
    for index, year in enumerate(slots):
        mid = top + row_h * (index + 0.5)
        if year is None:
            parts.append(f'<text class="cb-chart__axis" x="{left - 8}" y="{mid + 4:.1f}" '
                         f'text-anchor="end">⋮</text>')
            continue
        parts.append(f'<text class="cb-chart__axis" x="{left - 8}" y="{mid + 4:.1f}" '
                     f'text-anchor="end">{year}</text>')
        row = by_year.get(year)
        if row is None:
            parts.append(f'<text class="cb-chart__gap" x="{left + 6}" y="{mid + 4:.1f}">'
                         f'{words["no_figure"]}</text>')
            continue
        source = data["sources"][row["source"]]
        tip = words["chart_tip"].format(year=year, value=trade_money(row, words),
                                        publisher=source["publisher"],
                                        published=published_date(source, words))
        end = max(x(trade_value(row, words)), left + 2)
        parts.append(
            f'<g class="cb-chart__bar"><title>{html.escape(tip)}</title>'
            f'<rect x="{left}" y="{mid - row_h * 0.35:.1f}" width="{end - left:.1f}" '
            f'height="{row_h * 0.7:.1f}"/></g>'
            f'<text class="cb-chart__value" x="{end + 5:.1f}" y="{mid + 4:.1f}">'
            f'{trade_label(row, words)}</text>'
            f'<text class="cb-chart__source" x="{width - 2}" y="{mid + 4:.1f}" '
            f'text-anchor="end">[{numbers[row["source"]]}]</text>'
        )
    parts.append(f'<line class="cb-chart__baseline" x1="{left}" x2="{left}" y1="{top - 4}" '
                 f'y2="{height - 6}"/></svg>')
    caption = f'<figcaption>{html.escape(words["chart_caption"])}</figcaption>'
    return '<figure class="cb-chart">\n' + "".join(parts) + caption + "\n</figure>\n"


def _linked_title(source: dict) -> str:
    return f'[{source["title"]}]({source["url"]})' if source.get("url") else f'“{source["title"]}”'


def render_trade_table(data: dict) -> str:
    words = data["words"]
    numbers = source_numbers(data)
    # No column alignment in Markdown: it becomes style attributes, which the
    # Content-Security-Policy refuses. The CSS right-aligns the figures instead.
    lines = [f'| {words["year"]} | {words["unit"]} | {words["source"]} |', "|---|---|---|"]
    for row in data["trade"]:
        source = data["sources"][row["source"]]
        cell = words["table_source"].format(number=numbers[row["source"]], title=_linked_title(source),
                                            publisher=source["publisher"],
                                            published=published_date(source, words))
        lines.append(f'| {row["year"]} | {trade_label(row, words)} | {cell} |')
    return '<div class="cb-trade-table" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


def later_label(words: dict) -> str:
    """The words that set an event told by a later source apart on the timeline (not by colour alone)."""
    return f'<span class="cb-timeline__later" data-search-exclude>{words["later_source"]}</span>'


def render_cite(data: dict, key: str) -> str:
    """A later source named inline, "(publisher, date)", linked to its entry on the Sources page."""
    source = data["sources"][key]
    words = data["words"]
    text = words["cite_text"].format(publisher=source["publisher"], published=published_date(source, words))
    # Out of search (data-search-exclude): the Sources page lists the source, and the
    # same brackets on every line would only weigh down each edition's index.
    return f'<span class="cb-cite" data-search-exclude>{words["cite"].format(text=text, link=f"sources.md#source-{key}")}</span>'



def tonnes_text(row: dict, words: dict) -> str:
    """902,480 (or 90.248万): whole tonnes, or in the edition's larger unit, with the source's hedge."""
    factor = int(words["tonnes_factor"])
    value = (f'{row["tonnes"]:,}' if factor == 1 else
             words["tonnes_large"].format(value=f'{row["tonnes"] / factor:.4f}'.rstrip("0").rstrip(".")))
    return words["about"].format(value=value) if row["approx"] else value


def render_tonnage(data: dict) -> str:
    words = data["words"]
    lines = [f'| {words["year"]} | {words["tonnes_unit"]} | {words["source"]} |', "|---|---|---|"]
    for row in data["tonnage"]:
        source = data["sources"][row["source"]]
        text = words["cite_text"].format(publisher=source["publisher"],
                                         published=published_date(source, words))
        cell = f'[{text}](sources.md#source-{row["source"]})'

        lines.append(f'| {row["year"]} | {tonnes_text(row, words)} | {cell} |')
    # Out of search: figures that no reader types; the sentences below the table tell them.
    return '<div class="cb-trade-table cb-tonnage" data-search-exclude markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


def render_sources(data: dict, page_titles: dict) -> str:
    words = data["words"]
    blocks = []
    for key, source in data["sources"].items():
        used = [f"[{page_titles[p]}]({p})" for p, ids in data["pages"].items() if key in ids]
        address = f'<{source["url"]}>' if source.get("url") else words["no_url"]
        note = f'\n{source["note"]}\n' if source.get("note") else ""
        heading = words["source_heading"].format(publisher=source["publisher"],
                                                 year=source["published"][:4])
        line = words["source_line"].format(title=source["title"], address=address,
                                           published=published_date(source, words))
        pages = words["used_on"].format(pages=words["list_separator"].join(used) or "–")
        # A later source is named, dated and linked where each page cites it, so its entry
        # here stays out of search and out of the weight of every page's index.
        exclude = " data-search-exclude" if int(source["published"][:4]) > ARTICLE_YEAR else ""
        blocks.append(f'### {heading} {{ #source-{key}{exclude} }}\n\n{line}\n{note}\n{pages}\n')
    return "\n".join(blocks)


def render_glossary(data: dict) -> str:
    words = data["words"]
    rows = [f"| {words['abbreviation']} | {words['meaning']} |", "|---|---|"]
    rows += [f"| {abbr} | {meaning} |" for abbr, meaning in sorted(data["glossary"])]
    return "\n".join(rows) + "\n"


def render_page_sources(data: dict, ids: list[str]) -> str:
    words = data["words"]
    items = [
        "- " + words["page_source"].format(
            title=_linked_title(data["sources"][key]), publisher=data["sources"][key]["publisher"],
            year=data["sources"][key]["published"][:4], link=f"sources.md#source-{key}")
        for key in ids
    ]
    # Left out of search: the same lines on every page would only repeat the Sources page.
    return (f'\n\n## {words["sources"]} {{ #page-sources data-search-exclude }}\n\n'
            + "\n".join(items) + "\n")


def render_map(data: dict, name: str, where: str) -> str:
    """The map's SVG inline (so it takes the palette's colours), its description shown
    below it as the caption that every reader sees."""
    path = data["root"] / "includes" / "maps" / f"{name}.{data['lang']}.svg"
    try:
        svg = path.read_text(encoding="utf-8").strip()
    except OSError as err:
        raise DataError(f"{where}: map {name!r}: {err} (run scripts/maps/make_maps.py)") from err
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    caption = f"<figcaption>{desc.group(1)}</figcaption>" if desc else ""
    svg = svg.replace("<svg ", "<svg data-search-exclude ", 1)  # search indexes the caption
    return f'<figure class="cb-map">\n{svg}\n{caption}\n</figure>\n'


def _source_columns(data: dict, key: str) -> dict:
    source = data["sources"][key]
    return {"source": key, "source_publisher": source["publisher"], "source_title": source["title"],
            "source_published": source["published"], "source_url": source.get("url", "")}


def open_data(data: dict) -> dict[str, str]:
    """The timeline and the trade figures as CSV and JSON, keyed by their path in the edition."""
    trade = [{"year": r["year"], "usd_billion": r["raw"], "qualifier": r["qualifier"],
              **_source_columns(data, r["source"])} for r in data["trade"]]
    timeline = [{"id": e["id"], "date": iso_date(e), "approx": e.get("approx", ""),
                 "date_text": capitalised(format_date(e, data["words"])),
                 "what": expand(e["what"], data, {}, "timeline.yml"),
                 "note": expand(e["note"], data, {}, "timeline.yml"),
                 "page": e["page"].replace(".md", "/").replace("index/", ""),
                 **_source_columns(data, e["source"])} for e in data["events"]]
    files = {}
    for name, rows in (("timeline", timeline), ("trade", trade)):
        table = io.StringIO()
        writer = csv.DictWriter(table, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        files[f"data/{name}.csv"] = table.getvalue()
        numbers = [{**row, "usd_billion": float(row["usd_billion"])} if "usd_billion" in row else row
                   for row in rows]  # figures as numbers in JSON, as written in CSV
        files[f"data/{name}.json"] = json.dumps(
            {"name": name, "licence": data["words"]["data_licence"], "rows": numbers},
            ensure_ascii=False, indent=1) + "\n"
    return files


def render_downloads(data: dict, name: str) -> str:
    words = data["words"]
    return " ".join(f'[{words["download"].format(format=kind.upper())}](data/{name}.{kind})'
                    f'{{ .md-button download }}' for kind in ("csv", "json")) + "\n"


def expand(markdown: str, data: dict, page_titles: dict, where: str) -> str:
    blocks = {
        "timeline": lambda: render_timeline(data, page_titles),
        "key-figures": lambda: render_cards(data, page_titles),
        "trade-chart": lambda: render_trade_chart(data),
        "trade-table": lambda: render_trade_table(data),
        "sources": lambda: render_sources(data, page_titles),
        "glossary": lambda: render_glossary(data),
        "tonnage": lambda: render_tonnage(data),
    }
    events = {e["id"]: e for e in data["events"]}
    trade = {str(r["year"]): r for r in data["trade"]}

    def one(match: re.Match) -> str:
        name, arg = match.groups()
        if name in blocks and not arg:
            return blocks[name]()
        if name == "fact" and arg in data["facts"]:
            return data["facts"][arg]["value"]
        if name == "date" and arg in events:
            return format_date(events[arg], data["words"], inline=True)
        if name == "downloads" and arg in ("timeline", "trade"):
            return render_downloads(data, arg)
        if name == "map" and arg:
            return render_map(data, arg, where)
        if name == "cite" and arg in data["sources"]:
            return render_cite(data, arg)
        if name == "trade" and arg in trade:
            return trade_money(trade[arg], data["words"])
        raise DataError(f"{where}: unknown shortcode {match.group(0)!r}")

    # Twice: blocks may hold inline shortcodes (a timeline entry quoting a figure).
    return SHORTCODE.sub(one, SHORTCODE.sub(one, markdown))


# ---------------------------------------------------------------- MkDocs hooks


def on_config(config):
    root = Path(config.config_file_path).parent
    lang = config.theme["language"]
    DATA.clear()
    DATA.update(load_all(root, lang))
    # Each edition lives under its own path of the one site (see extra.editions). Found
    # once here, as extra.edition, for the other hooks and the templates.
    edition = next(e for e in config.extra["editions"] if e["lang"] == lang)
    config.extra["edition"] = edition
    if config.site_url and not config.site_url.endswith("/" + edition["path"]):
        config.site_url = config.site_url.rstrip("/") + "/" + edition["path"]


def on_files(files, config):
    """Read every page's front matter once: check it, and note titles and sources."""
    pages = {f.src_uri: f for f in files.documentation_pages()}
    check_references(DATA, set(pages))
    titles = {}
    for uri, file in pages.items():
        markdown, meta = get_data(file.content_string)
        if not str(meta.get("description") or "").strip():
            fail(uri, "front matter", "description", "is required")
        ids = meta.get("sources")
        # Only a page without a sources section (one that retells no source) may list none.
        if not isinstance(ids, list) or (not ids and meta.get("sources_section", True)):
            fail(uri, "front matter", "sources", "must list the ids of the page's sources")
        for key in ids:
            if key not in DATA["sources"]:
                fail(uri, "front matter", "sources", f"unknown source {key!r} (see sources.yml)")
        DATA["pages"][uri] = ids
        heading = re.search(r"^# (.+?)(?:\s*\{.*\})?\s*$", markdown, re.M)
        titles[uri] = meta.get("title") or (heading.group(1) if heading else uri)
    DATA["titles"] = titles
    for path, content in open_data(DATA).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    where = page.file.src_uri
    page.meta["description"] = expand(page.meta["description"], DATA, DATA["titles"], where)
    markdown = expand(markdown, DATA, DATA["titles"], where)
    if page.meta.get("sources_section", True):
        markdown += render_page_sources(DATA, page.meta["sources"])
    # The glossary, so every abbreviation on the page gets its tooltip (abbr extension).
    return markdown + "\n\n" + DATA["abbreviations"]
