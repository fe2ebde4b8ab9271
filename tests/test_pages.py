"""What a page shares with its twins (data/pages.yml): every page of the nav, in every
edition, lists the same sources and ranks alike in its edition's search. Expected values
come from data/pages.yml and data/timeline.yml, read through the loader."""
from __future__ import annotations

import json
import re

import pytest

from conftest import EDITIONS, FIRST, NAV, built, url

SOURCE_LINK = re.compile(r'href="(?:\.\./)*sources/(?:[\w-]+/)?#source-([\w-]+)"')


def listed_sources(site, lang: str, md: str) -> list[str]:
    """The ids of the sources the page's built "Sources" section lists, in its order."""
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    if 'id="page-sources"' not in html:
        return []
    section = html[html.index('id="page-sources"'):html.index("</article>")]
    return list(dict.fromkeys(SOURCE_LINK.findall(section)))


def boosts(site, lang: str) -> dict[str, set]:
    """Page address -> the boosts its entries carry in the edition's built search index."""
    index = json.loads((site / EDITIONS[lang]["prefix"] / "search" / "search_index.json").read_text("utf-8"))
    found: dict[str, set] = {}
    for doc in index["docs"]:
        found.setdefault(doc["location"].split("#")[0], set()).add(doc.get("boost"))
    return found


@pytest.mark.parametrize("md", NAV)
def test_twins_list_the_same_sources(site, datasets, md):
    """Each edition's page lists what pages.yml (and, for the timeline, its events) gives
    it; twins differ only by what pages.yml gives one edition alone (edition_sources)."""
    own = {lang: data["page_data"][md]["sources"] for lang, data in datasets.items()}
    shared = [key for key in own[FIRST] if all(key in ids for ids in own.values())]
    for lang, data in datasets.items():
        shown = listed_sources(site, lang, md)
        if data["page_data"][md]["sources_section"]:
            assert shown == data["pages"][md], lang
        else:
            assert shown == [], lang
        assert set(data["pages"][md]) - set(shared) <= set(own[lang]) - set(shared) | {
            e["source"] for e in data["events"]}, lang


@pytest.mark.parametrize("md", NAV)
def test_twins_rank_alike(site, datasets, md):
    """The page's search weight, in every edition, is the one of pages.yml."""
    for lang, data in datasets.items():
        expected = data["page_data"][md]["boost"]
        found = boosts(site, lang).get(url(lang, md).removeprefix(EDITIONS[lang]["prefix"]))
        if found is None:  # a page kept out of the index: its twins too
            assert all(boosts(site, other).get(url(other, md).removeprefix(EDITIONS[other]["prefix"])) is None
                       for other in EDITIONS), md
            continue
        assert found == {expected}, (lang, found)


def test_the_timeline_lists_exactly_its_events_sources(datasets):
    for lang, data in datasets.items():
        events = {e["source"] for e in data["events"]}
        assert set(data["pages"]["timeline.md"]) == events | set(data["page_data"]["timeline.md"]["sources"])


def test_the_timeline_intro_runs_from_the_first_to_the_last_event(site, datasets):
    from sitelib.dates import format_date

    for lang, data in datasets.items():
        html = (site / built(lang, "timeline.md")).read_text(encoding="utf-8")
        intro = html[html.index("<h1"):html.index('class="cb-timeline"')]
        intro = " ".join(re.sub(r"<[^>]+>", " ", intro).split())
        first, last = (format_date(data["events"][n], data["words"], inline=True) for n in (0, -1))
        assert first in intro and last in intro, (lang, first, last)
        assert intro.index(first) < intro.index(last)


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_edition_splits_words_where_the_shared_separator_does_and_at_its_own_characters(site, lang):
    """One separator for all (mkdocs.yml), each edition adding only its characters
    (search_separators of extra.editions)."""
    from sitelib.editions import SEPARATORS, separator

    shared = EDITIONS[FIRST]["settings"]["plugins"]["search"]["separator"]
    index = json.loads((site / EDITIONS[lang]["prefix"] / "search" / "search_index.json").read_text("utf-8"))
    split = re.compile(index["config"]["separator"])
    assert index["config"]["separator"] == separator(shared, EDITIONS[lang])
    for char in EDITIONS[lang].get(SEPARATORS, "") + " -():;?":
        assert split.split(f"ab{char}cd") == ["ab", "cd"], (lang, char)
    assert split.split("220,000 3.97") == ["220,000", "3.97"]  # numbers stay whole
