"""The foot of every page, as a reader uses it: the day its content last changed (the page
or the data it shows), written as the edition writes dates, and a reference to cite it
with its own canonical address, on screen and in the PDF's page."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from html import unescape

import pytest

from conftest import EDITIONS, PAGES, ROOT, build, built, heading
from sitelib.changes import load_changes
from sitelib.dates import format_date
from sitelib.history import DEPENDS, data_date, entries
from sitelib.shortcodes import PATTERN

UPDATED = re.compile(r'<p class="cb-updated">(.*?)</p>', re.S)
TIME = re.compile(r'<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)</time>')
CITE = re.compile(r'<pre class="cb-cite"><code>(.*?)</code></pre>', re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def git_day(*paths: str) -> dt.date | None:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%at", "--", *paths],
                         capture_output=True, text=True).stdout.strip()
    return dt.datetime.fromtimestamp(int(out), dt.timezone.utc).date() if out else None


def day_words(day: dt.date, lang: str) -> str:
    return format_date({"when": (day.year, day.month, day.day)}, EDITIONS[lang]["words"])


def shown_day(site, lang, md) -> dt.date:
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    lines = UPDATED.findall(html)
    assert len(lines) == 1, lines
    return dt.date.fromisoformat(TIME.search(lines[0]).group(1))


@pytest.mark.parametrize("lang, md", PAGES)
def test_every_page_says_when_it_last_changed_in_its_edition_s_words(site, lang, md):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    (line,) = UPDATED.findall(html)
    iso, text = TIME.search(line).groups()
    day = dt.date.fromisoformat(iso)
    words = EDITIONS[lang]["words"]
    assert text == day_words(day, lang)
    assert unescape(re.sub(r"<[^>]+>", "", line)) == words.format("last_updated", date=text)


@pytest.mark.parametrize("lang, md", PAGES)
def test_the_date_counts_the_page_its_data_and_its_listed_changes(site, lang, md):
    """No earlier than the page file's last commit, the last commit of every data file it
    shows whole (the timeline, the trade chart…) and each change of data/changes.yml that
    names it; no later than the last commit."""
    day = shown_day(site, lang, md)
    source = (EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8")
    path = (EDITIONS[lang]["docs"] / md).relative_to(ROOT).as_posix()
    floor = [git_day(path)]
    for name, arg in PATTERN.findall(source):
        if name in DEPENDS and not DEPENDS[name][1]:
            floor.append(git_day(DEPENDS[name][0].format(lang=lang, arg=arg)))
    langs = list(EDITIONS)
    changes = load_changes(ROOT, lang, langs, set(EDITIONS[lang]["nav"]))
    floor += [change["date"] for change in changes if md in change["pages"]]
    floor = [d for d in floor if d]
    assert day >= max(floor, default=day), (day, floor)
    assert day <= git_day(".")


def _commit(repo, when: str, message: str):
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def test_a_data_entry_dates_only_the_pages_that_show_it(tmp_path):
    """A figure changed later makes the page quoting it newer, not the page quoting
    another figure of the same file; a figure that is an event's date follows the event."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    data = tmp_path / "data"
    data.mkdir()
    (data / "timeline.yml").write_text("- id: ties\n  date: '1971'\n", encoding="utf-8")
    (data / "facts.yml").write_text(
        "- id: rank\n  value: sixth\n\n- id: loans\n  value: two\n\n- id: ties\n  event: ties\n",
        encoding="utf-8")
    _commit(tmp_path, "2026-01-10T12:00:00Z", "first")
    (data / "facts.yml").write_text(
        "- id: rank\n  value: seventh\n\n- id: loans\n  value: two\n\n- id: ties\n  event: ties\n",
        encoding="utf-8")
    _commit(tmp_path, "2026-02-20T12:00:00Z", "rank corrected")
    (data / "timeline.yml").write_text("- id: ties\n  date: '1971-10'\n", encoding="utf-8")
    _commit(tmp_path, "2026-03-30T12:00:00Z", "date made precise")
    entries.cache_clear()
    assert data_date(tmp_path, "en", "<!-- site:fact rank -->") == dt.date(2026, 2, 20)
    assert data_date(tmp_path, "en", "<!-- site:fact loans -->") == dt.date(2026, 1, 10)
    assert data_date(tmp_path, "en", "<!-- site:fact ties -->") == dt.date(2026, 3, 30)
    assert data_date(tmp_path, "en", "no data here") is None


@pytest.mark.parametrize("lang, md", PAGES)
def test_every_page_can_be_cited_with_its_own_address_and_date(site, lang, md):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    (reference,) = [unescape(text) for text in CITE.findall(html)]
    canonical = CANONICAL.search(html).group(1)
    day = shown_day(site, lang, md)
    words = EDITIONS[lang]["words"]
    assert reference == words.format(
        "cite_page", title=heading(lang, md), site=EDITIONS[lang]["settings"]["site_name"],
        edition=words["print_edition"], date=day_words(day, lang), iso=day.isoformat(), url=canonical)
    assert canonical in reference
    # The theme's copy button on code blocks, which the reference is.
    assert "content.code.copy" in EDITIONS[lang]["settings"]["theme"]["features"]
    block = html[html.index('<aside class="cb-page-info"'):]
    assert words["cite_heading"] in block[:block.index("</aside>")]


@pytest.mark.slow  # a print build of its own per edition (make test; make check leaves it out)
@pytest.mark.parametrize("lang", EDITIONS)
def test_the_printed_edition_carries_every_page_s_reference(tmp_path, lang):
    """The PDF is printed from the print-site page (make pdf): it holds each page's last
    updated line and reference (Chromium prints what is there; tests/test_pdf.py reads
    the PDF itself)."""
    edition = EDITIONS[lang]
    result = build(ROOT / edition["config"], tmp_path / "site", PDF="true")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "print_page" / "index.html").read_text(encoding="utf-8")
    excluded = edition["settings"]["plugins"]["print-site"]["exclude"]
    printed = [md for md in edition["nav"] if md not in excluded]
    references = [unescape(text) for text in CITE.findall(html)]
    assert len(references) == len(printed) == len(UPDATED.findall(html))
    for md in printed:
        assert any(heading(lang, md) in reference for reference in references), md
