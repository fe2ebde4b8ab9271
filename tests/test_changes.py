"""What's new (data/changes.yml): the page in every edition, each edition's Atom feed, the
link to it from every page's head, and the data file's checks."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from html import unescape

import pytest
import yaml

from conftest import EDITIONS, PAGES, ROOT, built, heading
from htmlpages import read
from sitelib.changes import load_changes
from sitelib.dates import format_date
from sitelib.errors import DataError

ATOM = "{http://www.w3.org/2005/Atom}"
LANGS = list(EDITIONS)


def changes(lang):
    return load_changes(ROOT, lang, LANGS, set(EDITIONS[lang]["nav"]))


def kind_word(lang, kind):
    return EDITIONS[lang]["words"][f"change_{kind.replace('-', '_')}"]


def rfc3339(text: str) -> dt.datetime:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", text), text
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_edition_publishes_its_changes_as_an_atom_feed(site, lang):
    edition, words = EDITIONS[lang], EDITIONS[lang]["words"]
    feed = ET.parse(site / edition["prefix"] / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for field in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{field}") is not None, field
    assert edition["settings"]["site_name"] in feed.findtext(f"{ATOM}title")
    expected = changes(lang)
    found = feed.findall(f"{ATOM}entry")
    assert len(found) == len(expected) > 0
    ids = set()
    for entry, change in zip(found, expected):
        ids.add(entry.findtext(f"{ATOM}id"))
        day = rfc3339(entry.findtext(f"{ATOM}updated"))
        assert day.date() == change["date"]
        title = entry.findtext(f"{ATOM}title")
        assert title.startswith(kind_word(lang, change["kind"]))  # "Correction: …"
        (category,) = entry.findall(f"{ATOM}category")
        assert category.get("term") == change["kind"]
        assert category.get("label") == kind_word(lang, change["kind"])
        assert entry.find(f"{ATOM}link").get("href").startswith(feed.findtext(f"{ATOM}id")[:-len("feed.xml")])
        assert entry.findtext(f"{ATOM}summary").strip()
    assert len(ids) == len(found)  # every entry its own id
    assert rfc3339(feed.findtext(f"{ATOM}updated")).date() == max(c["date"] for c in expected)
    assert any(c["kind"] == "correction" for c in changes(LANGS[0]))


@pytest.mark.parametrize("lang, md", PAGES)
def test_every_page_links_its_edition_s_feed_in_its_head(site, lang, md):
    page = read(site / built(lang, md))
    feeds = [a for tag, a in page.tags if tag == "link" and a.get("type") == "application/atom+xml"]
    assert len(feeds) == 1, feeds
    assert feeds[0]["rel"].split() == ["alternate"] and feeds[0].get("title")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(built(lang, md)), feeds[0]["href"]))
    assert target == EDITIONS[lang]["prefix"] + "feed.xml"
    assert (site / target).is_file()


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_whats_new_page_lists_every_change_of_its_edition(site, lang):
    assert "whats-new.md" in EDITIONS[lang]["nav"]
    html = (site / built(lang, "whats-new.md")).read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", html[html.index("<article"):html.index("</article>")], re.S)
    items = [i for i in items if "<time" in i]
    expected = changes(lang)
    assert len(items) == len(expected)
    words = EDITIONS[lang]["words"]
    for item, change in zip(items, expected):
        text = unescape(re.sub(r"<[^>]+>", "", item))
        day = change["date"]
        assert f'<time datetime="{day.isoformat()}">' in item
        assert text.startswith(format_date({"when": (day.year, day.month, day.day)}, words))
        assert kind_word(lang, change["kind"]) in text
        for md in change["pages"]:
            assert heading(lang, md) in text, md
    assert 'href="../feed.xml"' in html


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


BAD = {
    "unknown kind": ("kind: correction", "kind: fix", r"'kind': 'fix' is not one of"),
    "unknown page": ("pages: [diplomacy.md]", "pages: [diplomacie.md]", r"'pages': no page 'diplomacie.md'"),
    "impossible day": ('date: "2026-11-28"', 'date: "2026-11-31"', r"'date': '2026-11-31' is not a day"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_change_stops_the_build_naming_the_entry_and_field(project, case):
    old, new, message = BAD[case]
    path = project / "data" / "changes.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"changes.yml: entry '[\w-]+', field " + message):
        for lang in LANGS:
            load_changes(project, lang, LANGS, set(EDITIONS[lang]["nav"]))


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_changes_figures_and_dates_come_from_the_data(site, datasets, lang):
    """A figure or a date a change names as a shortcode shows as the pages show it, in the
    list and in the feed; none is left unexpanded."""
    raw = yaml.safe_load((ROOT / "data" / "changes.yml").read_text(encoding="utf-8"))
    data, prefix = datasets[lang], EDITIONS[lang]["prefix"]
    feed = unescape((site / prefix / "feed.xml").read_text(encoding="utf-8"))
    page = unescape(re.sub(r"<[^>]+>", "", (site / built(lang, "whats-new.md")).read_text(encoding="utf-8")))
    events = {event["id"]: event for event in data["events"]}
    checked = 0
    for entry in raw:
        for name, key in re.findall(r"<!--\s*site:(fact|date)\s+([\w-]+)\s*-->", entry["text"].get(lang, "")):
            value = (data["facts"][key]["value"] if name == "fact"
                     else format_date(events[key], EDITIONS[lang]["words"], inline=True))
            value = unescape(re.sub(r"<[^>]+>", "", value))
            assert value in feed and value in page, (entry["id"], key)
            checked += 1
    assert checked  # the list does use them
    assert "<!--" not in feed
