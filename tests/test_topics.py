"""The timeline's topics and the grouped Sources page: every event carries the topic of
the page that tells more about it, a reader can show one topic or all (no script of
ours), the open data names the topic, and each source sits under the first topic page
that draws on it."""
from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest

from conftest import EDITIONS, NAV, ROOT, built, heading, page_path, url
from sitelib.render import TOPIC_SLOTS, page_of


def _topics(data) -> list[str]:
    """The topic pages the data implies: those its events link to, in nav order."""
    linked = {page_of(e) for e in data["events"]}
    return [p for p in NAV if p in linked]


def _html(site, lang, md) -> str:
    return (site / built(lang, md)).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", EDITIONS)
def test_timeline_offers_every_topic_page_with_its_count(site, datasets, lang):
    data, html = datasets[lang], _html(site, lang, "timeline.md")
    topics = _topics(data)
    assert 2 <= len(topics) <= TOPIC_SLOTS
    radios = re.findall(r'<input type="radio" name="cb-topic" id="cb-topic-(\w+)"[^>]*?( checked)?>'
                        r'<label for="cb-topic-\1" class="cb-filter__label">(.*?) '
                        r'<span class="cb-filter__count">\((\d+)\)</span></label>', html)
    assert [(r[0], r[1], r[3]) for r in radios] == (
        [("all", " checked", str(len(data["events"])))]
        + [(str(i), "", str(sum(page_of(e) == p for e in data["events"])))
           for i, p in enumerate(topics, 1)])
    assert [r[2] for r in radios[1:]] == [heading(lang, p) for p in topics]
    assert f'<legend class="cb-filter__legend">{data["words"]["topic_filter"]}</legend>' in html


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_event_links_to_its_topic_page_marked_with_its_topic(site, datasets, lang):
    data, html = datasets[lang], _html(site, lang, "timeline.md")
    slot = {p: i for i, p in enumerate(_topics(data), 1)}
    timeline = html[html.index('<div class="cb-timeline"'):]
    items = re.findall(r"<li>(.*?)</li>", timeline[:timeline.index("</ol>")], re.S)
    assert len(items) == len(data["events"])
    for item, event in zip(items, data["events"]):
        assert f'id="event-{event["id"]}"' in item
        link = re.search(r'<a class="cb-topic-(\d+)" href="([^"]+)"', item)
        assert link, event["id"]
        assert int(link.group(1)) == slot[page_of(event)], event["id"]


def test_stylesheet_hides_the_other_topics_for_every_slot():
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    for i in range(1, TOPIC_SLOTS + 1):
        assert (f".cb-timeline:has(#cb-topic-{i}:checked) > ol > li:not(:has(.cb-topic-{i}))"
                in css), i


@pytest.mark.parametrize("lang", EDITIONS)
def test_open_data_names_each_events_topic(site, datasets, lang):
    data = datasets[lang]
    table = (site / EDITIONS[lang]["prefix"] / "data" / "timeline.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["topic"] for r in rows] == [heading(lang, page_of(e)) for e in data["events"]]


def _page_sources(site, lang, md) -> list[str]:
    """The sources a built page lists in its own Sources section."""
    html = _html(site, lang, md)
    part = html[html.index('id="page-sources"'):] if 'id="page-sources"' in html else ""
    return list(dict.fromkeys(re.findall(r'sources/(?:[\w-]+/)?#source-([\w-]+)"', part)))


def _entries(site, lang, md) -> list[str]:
    """The sources whose entries a built Sources page holds (h4 source-… headings)."""
    return re.findall(r'<h4 id="source-([\w-]+)"', _html(site, lang, md))


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_source_has_one_entry_on_the_page_of_the_first_topic_page_using_it(site, datasets, lang):
    """The Sources index holds the article (and any source no topic page uses); each topic
    page's page of sources (sources/trade.md) the sources it is the first to draw on."""
    data = datasets[lang]
    expected, placed = {"sources/index.md": ["article"]}, {"article"}
    for md in _topics(data):
        keys = [key for key in _page_sources(site, lang, md) if key not in placed]
        placed.update(keys)
        expected["sources/" + md] = keys
    expected["sources/index.md"] += [key for key in data["sources"] if key not in placed]
    found = {md: _entries(site, lang, md) for md in expected}
    assert {md: sorted(keys) for md, keys in found.items()} == {md: sorted(keys) for md, keys in expected.items()}
    every = [key for keys in found.values() for key in keys]
    assert sorted(every) == sorted(data["sources"])  # every source once, on one page
    assert set(EDITIONS[lang]["nav"]) >= set(expected)  # each page of sources is in the nav


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_page_of_sources_is_titled_by_its_topic_page_and_links_it(site, lang):
    for md in [p for p in EDITIONS[lang]["nav"] if p.startswith("sources/") and p != "sources/index.md"]:
        topic = md.removeprefix("sources/")
        assert heading(lang, topic) in heading(lang, md), md
        assert f'href="../../{topic[:-3]}/"' in _html(site, lang, md), md
        index = _html(site, lang, "sources/index.md")
        assert f'href="{topic[:-3]}/"' in index, md  # the index links every page of sources


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
def test_a_reader_shows_one_topic_by_keyboard_and_all_again(browser, base_url, datasets, lang):
    data = datasets[lang]
    topics = _topics(data)
    page = browser.new_page()
    try:
        page.goto(base_url + url(lang, "timeline.md"))
        events = page.locator(".cb-timeline > ol > li")
        assert events.count() == len(data["events"])
        assert page.locator(".cb-timeline > ol > li:visible").count() == len(data["events"])
        page.locator("#cb-topic-all").focus()
        for i, md in enumerate(topics, 1):
            page.keyboard.press("ArrowRight")  # a radio group moves and checks with arrows
            assert page.locator(f"#cb-topic-{i}").is_checked()
            shown = page.locator(".cb-timeline > ol > li:visible")
            assert shown.count() == sum(page_of(e) == md for e in data["events"]), md
        page.locator(f'label[for="cb-topic-all"]').click()
        assert page.locator(".cb-timeline > ol > li:visible").count() == len(data["events"])
    finally:
        page.close()


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_timeline_event_names_its_source_linked_to_its_entry(site, datasets, lang):
    """Each event cites "(publisher, year)" from data/timeline.yml, linked to the page of
    sources that holds that source's entry."""
    data, html = datasets[lang], _html(site, lang, "timeline.md")
    timeline = html[html.index('<div class="cb-timeline"'):]
    items = re.findall(r"<li>(.*?)</li>", timeline[:timeline.index("</ol>")], re.S)
    assert len(items) == len(data["events"])
    entries = {key: md for md in EDITIONS[lang]["nav"] if md.startswith("sources/")
               for key in _entries(site, lang, md)}
    for event, item in zip(data["events"], items):
        source = data["sources"][event["source"]]
        cited = re.search(r'<span class="cb-cite">.*?<a href="([^"]+)#source-([\w-]+)">(.*?)</a>', item, re.S)
        assert cited, event["id"]
        target, key, text = cited.groups()
        text = unescape(re.sub(r"<[^>]+>", "", text))  # a publisher may hold an abbreviation
        publisher = unescape(re.sub(r"<[^>]+>", "", source["publisher"]))
        assert key == event["source"] and publisher in text and source["published"][:4] in text
        assert target == "../" + page_path(entries[key]), (event["id"], target)
