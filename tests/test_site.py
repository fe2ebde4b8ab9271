"""The built site, as a reader and an editor see it: pages, links, search, data."""
from __future__ import annotations

import csv
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import CONFIG, EDITIONS, PAGES, ROOT, built
from htmlpages import all_pages

CJK = re.compile(r"[\u4e00-\u9fff]")


def front_matter(lang: str, md: str) -> dict:
    text = (EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


@pytest.fixture(scope="session")
def pages(site):
    return all_pages(site)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_in_docs_is_in_the_nav(lang):
    docs = EDITIONS[lang]["docs"]
    on_disk = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert sorted(EDITIONS[lang]["nav"]) == on_disk


def test_no_markdown_extension_is_listed_twice():
    names = [next(iter(e)) if isinstance(e, dict) else e for e in CONFIG["markdown_extensions"]]
    short = [n.removeprefix("markdown.extensions.") for n in names]
    assert len(short) == len(set(short)), short


@pytest.mark.parametrize("lang, md", PAGES)
def test_page_has_title_description_and_one_h1(pages, lang, md, hook, datasets):
    page = pages[built(lang, md)]
    assert page.title.endswith(EDITIONS[lang]["config"]["site_name"]), page.title
    description = hook.expand(front_matter(lang, md)["description"], datasets[lang], {}, md)
    description = " ".join(description.split())
    assert "<!--" not in description and len(description) > 30
    assert page.meta["description"] == description
    assert page.meta["og:description"] == page.meta["description"]
    assert len(page.h1) == 1, page.h1


@pytest.mark.parametrize("lang, md", [p for p in PAGES if p[1] not in ("sources.md", "downloads.md")])
def test_page_cites_its_sources(site, lang, md, datasets):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    section = html[html.index('id="page-sources"'):html.index("</article>")]
    text = unescape(re.sub(r"<[^>]+>", "", section))  # a title may hold an abbreviation (<abbr>EU</abbr>)
    for key in front_matter(lang, md)["sources"]:
        assert datasets[lang]["sources"][key]["title"] in text, key
        assert f"sources/#source-{key}" in section, key


@pytest.mark.parametrize("lang", EDITIONS)
def test_404_page_is_themed_and_links_back(pages, lang):
    prefix, config = EDITIONS[lang]["prefix"], EDITIONS[lang]["config"]
    page = pages[prefix + "404.html"]
    assert page.h1 == [config["extra"]["not_found"]["title"]]
    hrefs = [a.get("href") for tag, a in page.tags if tag == "a"]
    assert f"/{prefix}timeline/" in hrefs and f"/{prefix}sources/" in hrefs
    assert any(tag == "link" and "extra.css" in a.get("href", "") for tag, a in page.tags)


# The terms that data/terms.yml says a page must name: a reader searches for them.
TERMS = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))["terms"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_search_index_holds_every_page_of_its_edition_only(site, lang):
    prefix = EDITIONS[lang]["prefix"]
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    text_by_page: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        text_by_page[location] = text_by_page.get(location, "") + " " + doc["title"] + " " + doc["text"]
    expected = {"" if md == "index.md" else md[:-3] + "/" for md in EDITIONS[lang]["nav"]}
    assert set(text_by_page) == expected  # no page of another edition
    for term in TERMS:
        forms = [term["name"][lang], *term.get("short", {}).get(lang, [])]
        for md in term.get("pages", []):
            text = text_by_page["" if md == "index.md" else md[:-3] + "/"].replace("\u200b", "")
            assert any(form in text for form in forms), (term["id"], md)
    cjk = sum(bool(CJK.search(text)) for text in text_by_page.values())
    assert cjk == (len(expected) if lang == "zh" else 0)


def _internal_targets(pages):
    """(page, href, path in the site, fragment) for every link to the site itself."""
    for name, page in pages.items():
        for tag, attrs in page.tags:
            if tag not in ("a", "link") or not attrs.get("href"):
                continue
            url = urlsplit(urljoin("http://site.test/" + name, attrs["href"]))
            if url.netloc != "site.test":
                continue  # another host, mailto: and the like
            path = unquote(url.path).lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            yield name, attrs["href"], path, url.fragment


def test_every_internal_link_and_anchor_resolves(site, pages):
    links = list(_internal_targets(pages))
    assert len(links) > 100  # the walk really saw the site's links
    broken = [(name, href) for name, href, path, fragment in links
              if not (site / path).is_file()
              or (fragment and path.endswith(".html") and fragment not in pages[path].ids)]
    assert not broken


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                "apple-touch-icon"}


def test_no_page_loads_anything_from_another_host(site, pages):
    remote = re.compile(r"^\s*(https?:)?//", re.I)
    offending = []
    for name, page in pages.items():
        for tag, attrs in page.tags:
            if tag == "a":
                continue
            if tag == "link" and not LOADING_RELS & set(attrs.get("rel", "").split()):
                continue  # canonical and alternate links are addresses, not downloads
            for attr in ("href", "src", "srcset", "data", "poster"):
                value = attrs.get(attr) or ""
                if any(remote.match(part) for part in value.split(",")):
                    offending.append((name, tag, value))
            if remote.search(attrs.get("style", "").replace("url(", "url(\n")):
                offending.append((name, tag, attrs["style"]))
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if remote.match(url):
                offending.append((css.name, "css", url))
    assert not offending


def test_every_image_has_alt_text(pages):
    missing = [(name, a.get("src")) for name, p in pages.items() for t, a in p.tags
               if t == "img" and not (a.get("alt") or "").strip()]
    assert not missing
    for name, page in pages.items():
        for tag, attrs in page.tags:
            if tag == "svg" and attrs.get("role") == "img":
                labels = attrs.get("aria-labelledby", "").split()
                assert labels and all(label in page.ids for label in labels), name


@pytest.mark.parametrize("lang", EDITIONS)
def test_timeline_is_in_date_order_and_matches_its_data(pages, datasets, hook, lang):
    data = datasets[lang]
    page = pages[built(lang, "timeline.md")]
    times = [a for t, a in page.tags if t == "time" and a.get("id", "").startswith("event-")]
    assert [a["id"].removeprefix("event-") for a in times] == [e["id"] for e in data["events"]]
    stamps = [a["datetime"] for a in times]
    assert stamps == sorted(stamps, key=lambda s: tuple(int(x) for x in s.split("-")))
    for attrs, event in zip(times, data["events"]):
        assert attrs["datetime"] == hook.iso_date(event)
        assert page.text_of[attrs["id"]] == hook.capitalised(hook.format_date(event, data["words"]))
    # The article's first event opens the list; the last is the latest event of any source.
    assert stamps[0] == "1971" and stamps[-1] == max(hook.iso_date(e) for e in data["events"])


def _chart_and_table(site: Path, lang: str):
    html = (site / built(lang, "trade.md")).read_text(encoding="utf-8")
    svg = re.search(r'<svg class="cb-chart__svg".*?</svg>', html, re.S).group(0)
    bars = re.findall(r'<text class="cb-chart__axis"[^>]*>(\d{4})</text>'
                      r'<g class="cb-chart__bar"><title>[^<]*</title><rect[^>]*/></g>'
                      r'<text class="cb-chart__value"[^>]*>([^<]*)</text>', svg)
    gaps = re.findall(r'>(\d{4})</text><text class="cb-chart__gap"', svg)
    table = re.search(r"<table>.*?</table>", html[html.index("</svg>"):], re.S).group(0)
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    return bars, gaps, [(r[0], r[1]) for r in rows]


# How each edition writes a reported figure: US$ billion, or 亿美元 (US$0.1 billion).
EXPECTED_LABEL = {
    "en": lambda q, v: f"{q} {v}" if q else v,
    "zh": lambda q, v: {"over": "逾", "almost": "近", "": ""}[q] + f"{float(v) * 10:g}",
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_trade_chart_and_table_equal_the_data_file(site, lang):
    with (ROOT / "data" / "trade.csv").open(newline="", encoding="utf-8") as handle:
        expected = [(r["year"], EXPECTED_LABEL[lang](r["qualifier"], r["usd_billion"]))
                    for r in csv.DictReader(handle)]
    bars, gaps, table = _chart_and_table(site, lang)
    assert bars == expected
    assert table == expected
    years = {int(y) for y, _ in expected}
    assert [int(g) for g in gaps] == [y for y in range(2005, max(years)) if y not in years]
    assert {2016, 2017} <= {int(g) for g in gaps}


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_abbreviation_is_defined_once_and_shown_as_tooltip(pages, datasets, lang):
    data = datasets[lang]
    names = [abbr for abbr, _ in data["glossary"]]
    assert len(names) == len(set(names))
    for abbr in ("AWEX", "BRI", "EU", "ICBC", "PRC"):
        assert abbr in names
    wallonia = pages[built(lang, "wallonia.md")]
    titles = {a.get("title") for t, a in wallonia.tags if t == "abbr"}
    assert dict(data["glossary"])["AWEX"] in titles
    glossary = pages[built(lang, "glossary.md")]
    assert sum(1 for t, a in glossary.tags if t == "tr") == len(names) + 1


@pytest.mark.parametrize("lang", EDITIONS)
def test_key_figure_cards_show_the_data_and_link_to_their_pages(site, datasets, hook, lang):
    data = datasets[lang]
    html = (site / built(lang, "index.md")).read_text(encoding="utf-8")
    cards = [f for f in data["facts"].values() if f.get("card")]
    assert len(cards) >= 6
    shown = [re.sub(r"<[^>]+>", "", f) for f in re.findall(r'<span class="cb-figure">(.*?)</span>', html)]
    assert shown == [hook.capitalised(fact["value"]) for fact in cards]
    for fact in cards:
        page, _, anchor = fact["page"].partition("#")
        assert f'href="{page[:-3]}/#{anchor}"' in html, fact["id"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_figures_and_dates_from_the_data_are_not_retyped_in_pages(datasets, hook, lang):
    """A page writes a shortcode, never the figure itself, so two pages cannot disagree."""
    data = datasets[lang]
    retyped = []
    docs = EDITIONS[lang]["docs"]
    pages = {md: (docs / md).read_text(encoding="utf-8") for md in EDITIONS[lang]["nav"]}
    values = [f["value"] for f in data["facts"].values() if "event" not in f]
    values += [hook.format_date(e, data["words"], inline=True) for e in data["events"] if e["when"][1]]
    for md, text in pages.items():
        for value in values:
            if any(c.isdigit() for c in value) and value in text:
                retyped.append((md, value))
        for number in re.findall(r"\d[\d,.]*", text):
            if number in ("397", "351", "220,000", "26.3", "27.3", "3.97", "3.51", "22"):
                retyped.append((md, number))
    assert not retyped


def test_theme_fixes_make_the_html_valid_and_named(site, pages):
    """Checkbox autocomplete and empty tabindex gone; the search dialog has a name."""
    for name in pages:
        html = (site / name).read_text(encoding="utf-8")
        assert 'tabindex=""' not in html, name
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', html), name
        assert re.search(r'<div class="md-search"[^>]*role="dialog" aria-label="[^"]+"', html), name
