"""The data as Markdown for the pages: the timeline, the overview cards, the sources, the
glossary, the maps, the download buttons, each page's sources section, and the open data
files (CSV and JSON, every row with its source)."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from typing import Callable

from . import maps
from .dates import capitalised, format_date, iso_date, published_date
from .errors import DataError
from .files import read_text
from .shortcodes import keyed

OPEN_DATA = ("timeline", "trade")


def inline(data: dict) -> dict:
    """The shortcodes that write one value into running text, by name: a figure
    (<!-- site:fact ID -->) and an event's date (<!-- site:date ID -->). The pages and the
    changes of What's new and its feed (hooks/changes.py) write them the same way."""
    words, events = data["words"], {e["id"]: e for e in data["events"]}
    return {
        "fact": keyed(data["facts"], lambda key: data["facts"][key]["value"]),
        "date": keyed(events, lambda key: format_date(events[key], words, inline=True)),
    }


def linked_title(source: dict, words) -> str:
    """The title linked to its address, or without one, in the edition's quotation marks
    (quoted_title: “…”, « … »)."""
    return (f'[{source["title"]}]({source["url"]})' if source.get("url")
            else words.format("quoted_title", title=source["title"]))


def _more(words, page: str, titles: dict, topic: int | None = None) -> str:
    target = page.split("#")[0]
    mark = f"{{ .cb-topic-{topic} }}" if topic else ""  # the timeline's filter reads it
    return f'[{words.format("more", title=titles.get(target, target))}]({page}){mark}'


def page_of(event: dict) -> str:
    return event["page"].split("#")[0]


def topics(events: list[dict], nav_pages: list[str]) -> list[str]:
    """The timeline's topics: the pages its events link to, in nav order. An event's
    topic is the page that tells more about it, so a new topic page brings its own."""
    linked = {page_of(e) for e in events}
    return [p for p in nav_pages if p in linked] + sorted(linked - set(nav_pages))


# The filter is CSS only (radio buttons and :has() in extra.css, which holds one rule per
# slot), so it needs no script of ours and every event shows when styles or scripts fail.
TOPIC_SLOTS = 8


def _topic_filter(data: dict, titles: dict) -> str:
    words, counts = data["words"], {}
    for event in data["events"]:
        counts[page_of(event)] = counts.get(page_of(event), 0) + 1
    if len(data["topics"]) > TOPIC_SLOTS:
        raise DataError(f"timeline.yml: {len(data['topics'])} topics, but extra.css styles "
                        f"{TOPIC_SLOTS} (raise TOPIC_SLOTS and add its rule)")
    choices = [("all", words["topic_all"], len(data["events"]))] + [
        (str(i), titles.get(page, page), counts[page]) for i, page in enumerate(data["topics"], 1)]
    radios = "".join(
        f'<input type="radio" name="cb-topic" id="cb-topic-{key}" class="cb-filter__input"'
        f'{" checked" if key == "all" else ""}>'
        f'<label for="cb-topic-{key}" class="cb-filter__label">{label} '
        f'<span class="cb-filter__count">({count})</span></label>'
        for key, label, count in choices)
    return (f'<fieldset class="cb-filter"><legend class="cb-filter__legend">'
            f'{words["topic_filter"]}</legend>{radios}</fieldset>\n\n')


def timeline(data: dict, titles: dict, where: str) -> str:
    words = data["words"]
    slot = {page: i for i, page in enumerate(data["topics"], 1)}
    items = []
    for event in data["events"]:  # in date order: the loader refuses any other
        note = (f'<span class="cb-timeline__note">{words.format("note", text=event["note"])}</span>'
                if event["note"] else "")
        if event.get("later"):  # told by a later source: said in words, not by colour alone
            note = f'<span class="cb-timeline__later">{words["later_source"]}</span>' + note
        items.append(
            f'1.  <time class="cb-timeline__date" id="event-{event["id"]}" '
            f'datetime="{iso_date(event)}">{capitalised(format_date(event, words))}</time>{note}\n\n'
            f'    {event["what"]} {cite(data, event["source"], where, short=True)} '
            f'{_more(words, event["page"], titles, slot[page_of(event)])}\n'
        )
    # Out of search (data-search-exclude): each event is told on its topic page, which
    # the search should find instead; the page itself is found by its title and intro.
    return ('<div class="cb-timeline" markdown data-search-exclude>\n\n'
            + _topic_filter(data, titles) + "\n".join(items) + "\n</div>\n")


def cards(data: dict, titles: dict) -> str:
    items = [
        f'-   <span class="cb-figure">{capitalised(fact["value"])}</span>\n\n'
        f'    {fact["label"]}\n\n'
        f'    {_more(data["words"], fact["page"], titles)}\n'
        for fact in data["facts"].values() if fact.get("card")
    ]
    # Out of search, like the timeline: each card's fact is told on the page it links to.
    return ('<div class="grid cards cb-cards" markdown data-search-exclude>\n\n'
            + "\n".join(items) + "\n</div>\n")


def relative(target: str, where: str) -> str:
    """A link from page `where` to `target`, both paths below docs/ ('sources/trade.md',
    'trade.md#banks' -> '../trade.md#banks'), as MkDocs resolves Markdown links."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(where) or ".")
    return link + ("#" + anchor if anchor else "")


def source_groups(data: dict) -> list[tuple[str, list[str]]]:
    """The groups of sources, so a reader finds a source by the page that uses it: the
    article, which every topic page retells, then each other source under the first
    topic page (in nav order) that draws on it, oldest first, then any left."""
    placed, groups = {"article"}, [("article", ["article"])]
    for page in data["topics"]:
        keys = [key for key in data["pages"].get(page, []) if key not in placed]
        placed.update(keys)
        groups.append((page, keys))
    groups.append(("other", [key for key in data["sources"] if key not in placed]))
    by_date = lambda key: data["sources"][key]["published"]  # noqa: E731
    return [(name, sorted(keys, key=by_date)) for name, keys in groups if keys]


SOURCES_INDEX = "sources/index.md"


def sources_page(group: str) -> str:
    """The page that lists a group: each topic page's own page of sources (trade.md ->
    sources/trade.md), the Sources index for the article and the other sources. One page
    for all 150 would outweigh a phone's budget (80 KB per cold page)."""
    return SOURCES_INDEX if group in ("article", "other") else "sources/" + group


def source_link(data: dict, key: str, where: str) -> str:
    """A link from page `where` to a source's entry, on the Sources page that lists it."""
    if "source_pages" not in data:  # once per build: the groups need every page's sources
        data["source_pages"] = {k: sources_page(name) for name, keys in source_groups(data)
                                for k in keys}
    return relative(f'{data["source_pages"][key]}#source-{key}', where)


def _source_block(data: dict, key: str, titles: dict, where: str) -> str:
    words, source = data["words"], data["sources"][key]
    used = [f"[{titles[p]}]({relative(p, where)})" for p, ids in data["pages"].items() if key in ids]
    address = f'<{source["url"]}>' if source.get("url") else words["no_url"]
    note = f'\n{source["note"]}\n' if source.get("note") else ""
    heading = words.format("source_heading", publisher=source["publisher"],
                           year=source["published"][:4])
    line = words.format("source_line", title=source["title"], address=address,
                        published=published_date(source, words))
    pages = words.format("used_on", pages=words["list_separator"].join(used) or "–")
    # The "Used on" line, out of search: it repeats page titles, and their names would
    # rank this reference page for words the pages it lists answer.
    return (f'#### {heading} {{ #source-{key} }}\n\n{line}\n{note}\n'
            f'<div class="cb-used-on" data-search-exclude markdown>\n\n{pages}\n\n</div>\n')


def sources(data: dict, titles: dict, where: str, group: str | None = None) -> str:
    """The entries of one group (a topic page's page of sources: <!-- site:sources trade -->),
    by year; or, on the Sources index (<!-- site:sources -->), the article's entry, the
    pages of the topic groups with their counts, and the sources no topic page uses."""
    words, blocks = data["words"], []
    groups = dict(source_groups(data))
    if group is not None:
        keys = groups.get(group + ".md", [])
        for year in dict.fromkeys(data["sources"][key]["published"][:4] for key in keys):
            blocks.append(f"### {year} {{ #sources-{year} }}\n")
            blocks += [_source_block(data, key, titles, where) for key in keys
                       if data["sources"][key]["published"][:4] == year]
        return "\n".join(blocks)
    blocks.append(f'### {words["sources_group_article"]} {{ #sources-article }}\n')
    blocks.append(_source_block(data, "article", titles, where))
    blocks.append(f'### {words["sources_by_page"]} {{ #sources-by-page }}\n')
    blocks += ["- " + words.format("sources_page_link", title=titles[name], count=len(keys),
                                   link=relative(sources_page(name), where))
               for name, keys in groups.items() if name not in ("article", "other")]
    if "other" in groups:
        blocks.append(f'\n### {words["sources_group_other"]} {{ #sources-other }}\n')
        blocks += [_source_block(data, key, titles, where) for key in groups["other"]]
    return "\n".join(blocks)


def cite(data: dict, key: str, where: str, *, short: bool = False) -> str:
    """A source named inline, "(publisher, date)", linked to its entry on the Sources
    pages; out of search, where the Sources pages list it. Short: "(publisher, year)",
    beside a date that says the rest (the timeline)."""
    source, words = data["sources"][key], data["words"]
    text = (words.format("source_heading", publisher=source["publisher"], year=source["published"][:4])
            if short else words.format("cite_text", publisher=source["publisher"],
                                       published=published_date(source, words)))
    link = words.format("cite", text=text, link=source_link(data, key, where))
    return f'<span class="cb-cite" data-search-exclude>{link}</span>'


def tonnes(row: dict, words) -> str:
    """902,480 (or 90.248万, 902 480): whole tonnes, or in the edition's larger unit, in
    its marks (number_format), with the source's hedge."""
    factor = int(words["tonnes_factor"])
    value = (words.number(row["tonnes"], places=0) if factor == 1 else
             words.format("tonnes_large", value=words.number(row["tonnes"] / factor, places=4)))
    return words.format("about", value=value) if row["approx"] else value


def tonnage(data: dict, where: str) -> str:
    """Liège Airport's yearly freight (data/tonnage.yml) as a table, each row sourced."""
    words = data["words"]
    lines = [f'| {words["year"]} | {words["tonnes_unit"]} | {words["source"]} |', "|---|---|---|"]
    for row in data["tonnage"]:
        source = data["sources"][row["source"]]
        text = words.format("cite_text", publisher=source["publisher"],
                            published=published_date(source, words))
        lines.append(f'| {row["year"]} | {tonnes(row, words)} | [{text}]({source_link(data, row["source"], where)}) |')
    # Out of search: figures that no reader types; the sentences below the table tell them.
    return ('<div class="cb-trade-table cb-tonnage" data-search-exclude markdown>\n\n'
            + "\n".join(lines) + "\n\n</div>\n")


def glossary(data: dict) -> str:
    words = data["words"]
    rows = [f"| {words['abbreviation']} | {words['meaning']} |", "|---|---|"]
    rows += [f"| {abbr} | {meaning} |" for abbr, meaning in sorted(data["glossary"])]
    return "\n".join(rows) + "\n"


def page_sources(data: dict, ids: list[str], where: str) -> str:
    """A page's own Sources section: each title linked to its entry on the Sources pages,
    which give its address, date and note (the addresses here would double the page)."""
    words = data["words"]
    items = [
        "- " + words.format(
            "page_source", title=data["sources"][key]["title"],
            publisher=data["sources"][key]["publisher"],
            year=data["sources"][key]["published"][:4], link=source_link(data, key, where))
        for key in ids
    ]
    # Left out of search: the same lines on every page would only repeat the Sources pages.
    return (f'\n\n## {words["sources"]} {{ #page-sources data-search-exclude }}\n\n'
            + "\n".join(items) + "\n")


def map_figure(data: dict, name: str, where: str) -> str:
    """The map as two images, one per palette (the files that sitelib/maps.py writes into
    the edition's maps/ folder, colours resolved), each shown by Material in its own palette
    only (#only-light, #only-dark). They load when the reader scrolls near them, and the
    page's HTML stays as light as if it had no map; their size, from the viewBox, keeps
    their room while they load. The alt text is the map's title; its description is the
    caption below, which every reader sees and search indexes."""
    path = data["root"] / "includes" / "maps" / f"{name}.{data['lang']}.svg"
    try:
        svg = read_text(path)
    except DataError as err:
        raise DataError(f"{where}: map {name!r}: {err} (run make maps)") from None
    width, height = maps.view_box(svg)
    alt = re.sub(r"([\\`*_\[\]])", r"\\\1", maps.title(svg))  # as Markdown reads it
    if not alt:
        raise DataError(f"{where}: map {name!r}: it has no <title>, its alt text (run make maps)")
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    caption = f"<figcaption>{desc.group(1)}</figcaption>" if desc else ""
    images = [
        f"![{alt}]({relative(maps.source(name, variant), where)}#only-{variant})"
        f'{{ width="{width}" height="{height}" loading="lazy" decoding="async" }}'
        for variant in maps.VARIANTS]
    # MkDocs writes each image's address relative to the page (and checks the file is
    # there), as for any image in Markdown: hence Markdown inside the figure.
    tall = " cb-map--tall" if height > width else ""  # narrower, to fit a screen's height
    return (f'<figure class="cb-map{tall}" markdown="span">\n' + "\n".join(images)
            + f"\n{caption}\n</figure>\n")


def downloads(data: dict, name: str) -> str:
    """Buttons for one open data file, as CSV and JSON."""
    return " ".join(f'[{data["words"].format("download", format=kind.upper())}](data/{name}.{kind})'
                    f'{{ .md-button download }}' for kind in ("csv", "json")) + "\n"


def _source_columns(data: dict, key: str) -> dict:
    source = data["sources"][key]
    return {"source": key, "source_publisher": source["publisher"], "source_title": source["title"],
            "source_published": source["published"], "source_url": source.get("url", "")}


def plain(text: str) -> str:
    """Rendered text as plain text for the open data: an inline citation keeps its words
    ("(publisher, date)") without its markup and link."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"<[^>]+>", "", text))


def open_data(data: dict, expand: Callable[[str], str]) -> dict[str, str]:
    """The timeline and the trade figures as CSV and JSON, keyed by their path in the
    edition; `expand` renders the shortcodes in the timeline's texts, kept as plain text."""
    trade = [{"year": r["year"], "usd_billion": r["raw"], "qualifier": r["qualifier"],
              **_source_columns(data, r["source"])} for r in data["trade"]]
    events = [{"id": e["id"], "date": iso_date(e), "approx": e.get("approx", ""),
               "date_text": capitalised(format_date(e, data["words"])),
               "what": plain(expand(e["what"])), "note": plain(expand(e["note"])),
               "page": e["page"].replace(".md", "/").replace("index/", ""),
               "topic": data.get("titles", {}).get(page_of(e), page_of(e)),
               **_source_columns(data, e["source"])} for e in data["events"]]
    files = {}
    for name, rows in zip(OPEN_DATA, (events, trade)):
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
