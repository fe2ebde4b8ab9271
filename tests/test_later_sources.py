"""What happened after 2019: every later fact on a page traces to a later source, euros
never share a chart with US dollars, and the timeline keeps article and later events in
one date order. Expected values come from the data files and the pages' front matter."""
from __future__ import annotations

import csv
import re
from html import unescape

import pytest
import yaml

from conftest import EDITIONS, ROOT, TOPIC_PAGES, built
from sitelib import render, trade
from sitelib.data import ARTICLE_YEAR, is_later

AFTER = f"after-{ARTICLE_YEAR}"  # the id of each topic page's section on later sources
# The euro in any edition: its sign, its Chinese name, its code, or the word (« milliards d’euros »).
EURO = re.compile(r"€|欧元|\bEUR\b|\beuros?\b", re.I)
CITE = re.compile(r'href="(?:\.\./)*sources/(?:[\w-]+/)?#source-([\w-]+)"')


def test_a_source_of_2019_is_later_only_from_july():
    """The article is from mid-2019: a source of 2019 is later only when its date names a
    month after June; a source dated "2019" alone is not."""
    assert is_later({"published": "2019-12-26"}) and is_later({"published": "2020"})
    assert not is_later({"published": "2019-04"}) and not is_later({"published": "2019"})


def after_section(site, lang: str, md: str) -> str:
    """The HTML of the page's later part: its "After 2019" section, from that heading to
    the next h2; or, on a page with no article part and so no such section, the whole
    page from its title to the Sources list the hook adds."""
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    if f'<h2 id="{AFTER}"' not in html:  # a page told wholly from later sources
        start = html.index("<h1")
        return html[start:html.index('id="page-sources"', start)]
    start = html.index(f'<h2 id="{AFTER}"')
    end = html.index("<h2", start + 1)
    return html[start:end]


CONTEXT = re.compile(r'<p class="cb-later__context">(.*?)</p>', flags=re.S)


def statements(section: str) -> list[str]:
    """Each list item, paragraph and table row of the section, but for its introduction
    and its notes of context from before the article (see context_notes)."""
    section = re.sub(r'<p class="cb-later__intro">.*?</p>', " ", section, flags=re.S)
    section = CONTEXT.sub(" ", section)
    section = re.sub(r"<thead>.*?</thead>", " ", section, flags=re.S)
    return re.findall(r"<(li|p|tr)\b[^>]*>(.*?)</\1>", section, flags=re.S)


def context_notes(section: str) -> list[str]:
    """Paragraphs marked as context (class cb-later__context): a fact from before the
    article, such as a date the article tells as a plan, with its own source."""
    return CONTEXT.findall(section)


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("md", TOPIC_PAGES)
def test_every_later_fact_names_a_later_source_the_page_lists(site, datasets, lang, md):
    sources = datasets[lang]["sources"]
    listed = set(datasets[lang]["pages"][md])
    found = statements(after_section(site, lang, md))
    assert found, f"{md}: no After 2019 section"
    unsourced, for_the_section = [], set()
    for _, html in found:
        text = unescape(re.sub(r"<[^>]+>", " ", html))
        cited = CITE.findall(html)
        for_the_section |= set(cited)
        if re.search(r"\d", text) and not any(is_later(sources[key]) for key in cited):
            unsourced.append(" ".join(text.split())[:120])
    assert not unsourced, "\n".join(unsourced)
    assert for_the_section <= listed, for_the_section - listed
    assert all(is_later(sources[key]) for key in for_the_section), for_the_section
    # A note of context is the only place for a source from the article's year or before,
    # and it must cite one: a later fact cannot hide there.
    for html in context_notes(after_section(site, lang, md)):
        cited = CITE.findall(html)
        assert cited and set(cited) <= listed, html[:120]
        assert not any(is_later(sources[key]) for key in cited), html[:120]


@pytest.mark.parametrize("lang", EDITIONS)
def test_later_sources_are_dated_after_the_article_and_undated_ones_say_so(datasets, lang):
    sources = datasets[lang]["sources"]
    used = {key for md in TOPIC_PAGES for key in datasets[lang]["pages"][md]}
    for key, source in sources.items():
        if source.get("approx"):
            assert source.get("note"), f"{key}: a worked-out date needs a note saying how"
    for table in ("tonnage",):
        for row in datasets[lang][table]:
            assert is_later(sources[row["source"]]), row
            assert int(sources[row["source"]]["published"][:4]) > row["year"], row
    later_events = [e for e in datasets[lang]["events"] if e.get("later")]
    assert later_events
    for event in later_events:
        assert is_later(sources[event["source"]]), event["id"]
        page = event["page"].split("#")[0]
        assert event["source"] in datasets[lang]["pages"][page], event["id"]
        assert event["source"] in datasets[lang]["pages"]["timeline.md"], event["id"]
    assert used  # the topic pages list their sources


def test_euros_and_dollars_never_share_a_chart(site):
    with (ROOT / "data" / "trade.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(set(row) == {"year", "usd_billion", "qualifier", "source"} for row in rows)
    for lang in EDITIONS:
        html = (site / built(lang, "trade.md")).read_text(encoding="utf-8")
        for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
            assert not EURO.search(svg)
        # The euro figures have their own table, after the chart's, under their own heading.
        euros = html[html.index(f'id="{AFTER}-euros"'):]
        assert "<svg" not in euros.split("<h2")[0]
        assert any(EURO.search(table) for table in re.findall(r"<table>.*?</table>", euros, flags=re.S))


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_chart_shows_the_later_trade_year_with_its_hedge_and_source(site, datasets, lang):
    data = datasets[lang]
    later = [r for r in data["trade"] if is_later(data["sources"][r["source"]])]
    assert later, "no trade figure from a later source"
    html = (site / built(lang, "trade.md")).read_text(encoding="utf-8")
    svg = re.search(r'<svg class="cb-chart__svg".*?</svg>', html, re.S).group(0)
    for row in later:
        assert f">{row['year']}</text>" in svg
        assert f">{trade.label(row, data['words'])}</text>" in svg
    # The chart's scale reaches past the highest figure, so every bar fits.
    ticks = re.findall(r'class="cb-chart__axis"[^>]*text-anchor="middle">([\d.,]+)<', svg)
    top = max(float(t.replace(",", "")) for t in ticks)
    assert top >= max(trade.value(r, data["words"]) for r in data["trade"])


@pytest.mark.parametrize("lang", EDITIONS)
def test_timeline_orders_article_and_later_events_together(site, datasets, lang):
    data = datasets[lang]
    html = (site / built(lang, "timeline.md")).read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", html[html.index('class="cb-timeline"'):], flags=re.S)
    shown = [(re.search(r'id="event-([\w-]+)"', item).group(1),
              re.search(r'datetime="([\d-]+)"', item).group(1),
              'class="cb-timeline__later"' in item) for item in items if 'id="event-' in item]
    assert [e[0] for e in shown] == [e["id"] for e in data["events"]]
    stamps = [tuple(int(x) for x in stamp.split("-")) for _, stamp, _ in shown]
    assert stamps == sorted(stamps)
    kinds = [later for *_, later in shown]
    assert kinds == [bool(e.get("later")) for e in data["events"]]
    assert True in kinds and False in kinds
    # Later events are labelled in words, not only by colour.
    label = data["words"]["later_source"]
    assert all(label in item for item in items if 'class="cb-timeline__later"' in item)


@pytest.mark.parametrize("lang", EDITIONS)
def test_tonnage_table_equals_its_data_and_keeps_both_figures_of_a_disputed_year(site, datasets, lang):
    data = datasets[lang]
    raw = yaml.safe_load((ROOT / "data" / "tonnage.yml").read_text(encoding="utf-8"))
    html = (site / built(lang, "wallonia.md")).read_text(encoding="utf-8")
    table = re.search(r'<div class="cb-trade-table cb-tonnage">.*?</table>', html, re.S).group(0)
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(rows) == len(raw)
    for cells, entry in zip(rows, raw):
        assert cells[0] == str(entry["year"])
        assert cells[1] == render.tonnes({"approx": entry.get("approx", ""), **entry}, data["words"])
        assert f'#source-{entry["source"]}"' in cells[2]
    years = [entry["year"] for entry in raw]
    for year in {y for y in years if years.count(y) > 1}:
        values = {entry["tonnes"] for entry in raw if entry["year"] == year}
        assert len(values) > 1, f"{year}: the same figure twice"


@pytest.mark.parametrize("lang", EDITIONS)
def test_cards_updated_by_later_sources_point_to_the_after_2019_sections(site, datasets, lang):
    html = (site / built(lang, "index.md")).read_text(encoding="utf-8")
    cards = html[html.index('class="grid cards cb-cards"'):]
    cards = cards[:cards.index("</div>")]
    updated = [f for f in datasets[lang]["facts"].values() if f.get("card") and AFTER in f["label"]]
    assert updated
    for fact in updated:
        page = re.search(rf"\((\w+)\.md#{AFTER}\)", fact["label"]).group(1)
        assert f'href="{page}/#{AFTER}"' in cards, fact["id"]
    note = html[html.index('class="admonition note"'):]
    note = note[:note.index("</div>")]
    for md in TOPIC_PAGES:  # its After 2019 section, or the page itself if it is all later
        page = (site / built(lang, md)).read_text(encoding="utf-8")
        later_part = f"#{AFTER}" if f'<h2 id="{AFTER}"' in page else ""
        assert f'href="{md[:-3]}/{later_part}"' in note, md
