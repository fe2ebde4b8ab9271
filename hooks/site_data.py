"""Renders the site's data files (data/*) into its pages, so each fact is written once.

Pages use shortcodes that read as plain comments in raw Markdown (sitelib/shortcodes.py
parses them; README lists them):

    <!-- site:fact ID -->     a figure from data/facts.yml (inline)
    <!-- site:date ID -->     the date of an event in data/timeline.yml (inline)
    <!-- site:first-date -->  the date of the timeline's first event (inline)
    <!-- site:last-date -->   the date of its last event (inline)
    <!-- site:trade YEAR -->  a year's reported trade total from data/trade.csv (inline)
    <!-- site:timeline -->    the whole timeline
    <!-- site:key-figures --> the overview cards
    <!-- site:trade-chart --> the trade chart (inline SVG) from data/trade.csv
    <!-- site:trade-table --> the same figures as a table
    <!-- site:sources -->     the Sources index: the article, the pages of sources by topic
    <!-- site:sources PAGE -->  the sources first drawn on by a topic page (trade), by year
    <!-- site:glossary -->    the abbreviations of includes/abbreviations.<lang>.md
    <!-- site:map NAME -->    a map drawn by scripts/maps/make_maps.py, with its caption
                              (two images, light and dark, which load when scrolled to)
    <!-- site:downloads NAME --> links to the open data files (timeline, trade)
    <!-- site:cite ID -->     a source, inline: "(publisher, date)" linked to its entry
    <!-- site:tonnage -->     Liège Airport's yearly freight tonnage, from data/tonnage.yml

The timeline and the trade figures are also published as CSV and JSON (open data) in
each edition's data/ folder, every row with its source; each map as two SVG files in its
maps/ folder, one per palette, its colours resolved (sitelib/maps.py). Every page also gets a "Sources"
section built from its entry of data/pages.yml, which also gives it its search weight
(`search.boost`), the same in every edition. Loading and checking the data is
sitelib/data.py; a bad data file stops the build naming the file, the entry and the field.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from sitelib import maps, render, trade
from sitelib.dates import format_date
from sitelib.editions import nav_pages
from sitelib.files import page_title
from sitelib.data import check_front_matter, check_references, load_all, page_sources
from sitelib.shortcodes import block, expand as expand_shortcodes, keyed

DATA: dict = {}  # this build's data, filled by on_config


def shortcodes(data: dict, titles: dict, where: str) -> dict:
    """Every shortcode this hook renders, by name."""
    words = data["words"]
    years = {str(r["year"]): r for r in data["trade"]}
    return {
        **render.inline(data),
        "first-date": block(lambda: format_date(data["events"][0], words, inline=True)),
        "last-date": block(lambda: format_date(data["events"][-1], words, inline=True)),
        "trade": keyed(years, lambda year: trade.money(years[year], words)),
        "timeline": block(lambda: render.timeline(data, titles, where)),
        "key-figures": block(lambda: render.cards(data, titles)),
        "trade-chart": block(lambda: trade.chart(data)),
        "trade-table": block(lambda: trade.table(data)),
        "sources": lambda group: (render.sources(data, titles, where, group)
                                  if group is None or f"{group}.md" in data["topics"] else None),
        "glossary": block(lambda: render.glossary(data)),
        "map": lambda name: render.map_figure(data, name, where) if name else None,
        "downloads": keyed(render.OPEN_DATA, lambda name: render.downloads(data, name)),
        "cite": keyed(data["sources"], lambda key: render.cite(data, key, where)),
        "tonnage": block(lambda: render.tonnage(data, where)),
    }


def expand(markdown: str, data: dict, titles: dict, where: str) -> str:
    return expand_shortcodes(markdown, shortcodes(data, titles, where), where)


def on_config(config):
    DATA.clear()
    DATA.update(load_all(Path(config.config_file_path).parent, config.theme["language"]))


def on_files(files, config):
    """Read every page once: check its front matter, note its title and its sources."""
    pages = {f.src_uri: f for f in files.documentation_pages()}
    check_references(DATA, set(pages))
    titles = {}
    for uri, file in pages.items():
        markdown, meta = get_data(file.content_string)
        check_front_matter(uri, meta)
        DATA["pages"][uri] = page_sources(DATA, uri, markdown)
        titles[uri] = page_title(file.content_string) or uri
    DATA["titles"] = titles
    DATA["topics"] = render.topics(DATA["events"], nav_pages(config.nav))
    for path, content in render.open_data(DATA, lambda text: expand(text, DATA, {}, "timeline.yml")).items():
        files.append(File.generated(config, path, content=content))
    for path, content in maps.files(config, DATA["lang"]).items():  # the maps, one file per palette
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    where = page.file.src_uri
    # What every twin shares (data/pages.yml), before the search plugin reads the boost.
    entry = DATA["page_data"][where]
    page.meta["sources"] = DATA["pages"][where]
    page.meta["sources_section"] = entry["sources_section"]  # read by hooks/page_info.py
    if entry["boost"] is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": entry["boost"]}
    page.meta["description"] = expand(str(page.meta["description"]), DATA, DATA["titles"], where)
    markdown = expand(markdown, DATA, DATA["titles"], where)
    if entry["sources_section"]:
        markdown += render.page_sources(DATA, page.meta["sources"], where)
    # The glossary, so every abbreviation on the page gets its tooltip (abbr extension).
    return markdown + "\n\n" + DATA["abbreviations"]
