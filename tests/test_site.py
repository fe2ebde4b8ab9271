"""The built site, as a reader and an editor see it: pages, links, search, data."""
from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import EDITIONS, FIRST, PAGES, ROOT, built, front_matter, page_path, url
from htmlpages import all_pages, collapse
from site_data import expand
from sitelib.dates import capitalised, format_date, iso_date
from sitelib import trade

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="session")
def pages(site):
    return all_pages(site)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_has_exactly_the_pages_of_the_nav(lang):
    """One nav (mkdocs.yml) for every edition: so every page has its twin in each."""
    docs = EDITIONS[lang]["docs"]
    on_disk = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert sorted(EDITIONS[lang]["nav"]) == on_disk


@pytest.mark.parametrize("lang", [lang for lang in EDITIONS if lang != FIRST])
def test_an_edition_config_changes_only_the_plugin_settings_it_names(lang):
    """plugins: is a mapping, so INHERIT merges it key by key: an edition's config keeps
    every setting of mkdocs.yml that it does not name, nested ones included."""
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    def plugin_settings(config_file: str) -> dict:
        config = load_config(str(ROOT / config_file))
        return {name.split("/")[-1]: dict(plugin.config) for name, plugin in config.plugins.items()
                if not name.startswith("hooks/")}

    first, edition = plugin_settings(EDITIONS[FIRST]["config"]), plugin_settings(EDITIONS[lang]["config"])
    # The file as written (MkDocs' loader resolves INHERIT only for a file, not a text).
    own = yaml_load((ROOT / EDITIONS[lang]["config"]).read_text(encoding="utf-8")).get("plugins") or {}
    assert isinstance(own, dict) and set(own) <= set(first)
    assert list(edition) == list(first)
    for name, settings in first.items():
        for key, value in settings.items():
            expected = own[name][key] if key in (own.get(name) or {}) else value
            if isinstance(edition[name][key], list) and isinstance(expected, str):
                expected = [expected]  # one item for a list of one (search: lang: fr)
            assert edition[name][key] == expected, (name, key)


def test_no_markdown_extension_is_listed_twice():
    names = [next(iter(e)) if isinstance(e, dict) else e
             for e in EDITIONS[FIRST]["settings"]["markdown_extensions"]]
    short = [n.removeprefix("markdown.extensions.") for n in names]
    assert len(short) == len(set(short)), short


@pytest.mark.parametrize("lang, md", PAGES)
def test_page_has_title_description_and_one_h1(pages, lang, md, datasets):
    page = pages[built(lang, md)]
    assert page.title.endswith(EDITIONS[lang]["settings"]["site_name"]), page.title
    description = expand(front_matter(lang, md)["description"], datasets[lang], {}, md)
    description = collapse(description)
    assert "<!--" not in description and len(description) > 30
    assert page.meta["description"] == description
    assert page.meta["og:description"] == page.meta["description"]
    assert len(page.h1) == 1, page.h1


# Pages without a Sources section of their own (sources_section: false in data/pages.yml)
# list or draw on every source instead (the Sources page, What's new, the Downloads page).
PAGE_DATA = yaml.safe_load((ROOT / "data" / "pages.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang, md", [p for p in PAGES
                                      if PAGE_DATA[p[1]].get("sources_section", True)])
def test_page_cites_its_sources(site, lang, md, datasets):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    section = html[html.index('id="page-sources"'):html.index("</article>")]
    text = unescape(re.sub(r"<[^>]+>", "", section))  # a title may hold an abbreviation (<abbr>EU</abbr>)
    for key in datasets[lang]["pages"][md]:
        assert datasets[lang]["sources"][key]["title"] in text, key
        assert re.search(rf'href="[^"]*sources/(?:[\w-]+/)?#source-{re.escape(key)}"', section), key


@pytest.mark.parametrize("lang", EDITIONS)
def test_404_page_is_themed_and_links_back(pages, lang):
    prefix = EDITIONS[lang]["prefix"]
    page = pages[prefix + "404.html"]
    assert page.h1 == [EDITIONS[lang]["words"]["not_found_title"]]
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
    expected = {page_path(md) for md in EDITIONS[lang]["nav"]}
    assert set(text_by_page) == expected  # no page of another edition
    for term in TERMS:
        forms = [term["name"][lang], *term.get("short", {}).get(lang, [])]
        for md in term.get("pages", []):
            text = text_by_page[page_path(md)].replace("\u200b", "")
            assert any(form in text for form in forms), (term["id"], md)
    cjk = sum(bool(CJK.search(text)) for text in text_by_page.values())
    segmented = "jieba_dict_user" in EDITIONS[lang]["settings"]["plugins"]["search"]  # written in Chinese
    assert cjk == (len(expected) if segmented else 0)


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
def test_timeline_is_in_date_order_and_matches_its_data(pages, datasets, lang):
    data = datasets[lang]
    page = pages[built(lang, "timeline.md")]
    times = [a for t, a in page.tags if t == "time" and a.get("id", "").startswith("event-")]
    assert [a["id"].removeprefix("event-") for a in times] == [e["id"] for e in data["events"]]
    stamps = [a["datetime"] for a in times]
    assert stamps == sorted(stamps, key=lambda s: tuple(int(x) for x in s.split("-")))
    for attrs, event in zip(times, data["events"]):
        assert attrs["datetime"] == iso_date(event)
        assert page.text_of[attrs["id"]] == capitalised(format_date(event, data["words"]))
    # The article's first event opens the list; the last is the latest event of any source.
    assert stamps[0] == min(stamps) and stamps[-1] == max(iso_date(e) for e in data["events"])


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
    return bars, gaps, [(r[0], re.sub(r"<[^>]+>", "", r[1])) for r in rows]  # without tooltips


@pytest.mark.parametrize("lang", EDITIONS)
def test_trade_chart_and_table_equal_the_data_file(site, datasets, lang):
    """Every row of data/trade.csv, in the edition's unit and with its hedge; after the
    first year, every year to the last, those without a figure shown as gaps."""
    words, rows = datasets[lang]["words"], datasets[lang]["trade"]
    expected = []
    for row in rows:
        amount = float(row["raw"]) * words["unit_factor"]
        # Under one unit, in the smaller unit and named (US$20 million, 2000万美元).
        number = (words.number(amount) if amount >= 1 else
                  words.format("money_small",
                               value=words.number(amount * words["small_factor"]).replace(words["number_marks"][0], "")))
        expected.append((str(row["year"]), words.format(row["qualifier"], value=number)
                         if row["qualifier"] else number))
    bars, gaps, table = _chart_and_table(site, lang)
    assert bars == expected
    assert table == expected
    years = [row["year"] for row in rows]
    assert [int(g) for g in gaps] == [y for y in range(years[1], years[-1]) if y not in years]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_abbreviation_on_a_page_shows_its_meaning(site, pages, datasets, lang):
    """Wherever a glossary abbreviation stands in an article, it carries its tooltip; the
    Glossary page lists every one."""
    glossary = dict(datasets[lang]["glossary"])
    for md in EDITIONS[lang]["nav"]:
        html = (site / built(lang, md)).read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        shown = {abbr: unescape(title)
                 for title, abbr in re.findall(r'<abbr title="([^"]*)">([^<]+)</abbr>', article)}
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(svg|script)\b.*?</\1>", " ", article, flags=re.S))
        for abbr, meaning in glossary.items():
            if re.search(rf"\b{re.escape(abbr)}\b", text):  # as the abbr extension finds them
                assert shown.get(abbr) == meaning, (md, abbr)
    table = pages[built(lang, "glossary.md")]
    assert sum(1 for t, a in table.tags if t == "tr") == len(glossary) + 1


@pytest.mark.parametrize("lang", EDITIONS)
def test_key_figure_cards_show_the_data_and_link_to_their_pages(site, datasets, lang):
    data = datasets[lang]
    html = (site / built(lang, "index.md")).read_text(encoding="utf-8")
    cards = [f for f in data["facts"].values() if f.get("card")]
    shown = [re.sub(r"<[^>]+>", "", f) for f in re.findall(r'<span class="cb-figure">(.*?)</span>', html)]
    assert shown == [capitalised(fact["value"]) for fact in cards]
    for fact in cards:
        page, _, anchor = fact["page"].partition("#")
        assert f'href="{page[:-3]}/#{anchor}"' in html, fact["id"]


# A value as a whole: "September 2025" is not retyped inside "11 September 2025" (or
# "1er septembre 2025", "2025年9月11日"), which names a day of that month.
WHOLE_DATE = r"(?<!\d)(?<!\d\s)(?<!\der\s){}(?!\d)"


@pytest.mark.parametrize("lang", EDITIONS)
def test_figures_and_dates_from_the_data_are_not_retyped_in_pages(datasets, lang):
    """A page writes a shortcode, never the figure itself, so two pages cannot disagree:
    no page's Markdown holds a figure of data/facts.yml or data/trade.csv (a number of
    three characters or more in them), a trade total as the pages write it, or a date of
    the timeline. Front matter (search boosts) is not text."""
    data = datasets[lang]
    words = data["words"]
    figures = [f["value"] for f in data["facts"].values() if "event" not in f]
    values = figures + [format_date(e, words, inline=True) for e in data["events"] if e["when"][1]]
    values += [trade.money(row, words) for row in data["trade"]]
    # A number with the edition's marks inside it (220,000; 220 000 with a narrow space).
    number = rf"\d[\d,.{re.escape(words['number_marks'][0])}]*\d"
    numbers = {n for value in figures for n in re.findall(number, value)}
    numbers = {n for n in numbers if len(n) >= 3} - {str(r["year"]) for r in data["trade"]}
    retyped = []
    for md in EDITIONS[lang]["nav"]:
        text = (EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        flat = collapse(text)  # a date broken over two lines reads as one
        retyped += [(md, value) for value in values if any(c.isdigit() for c in value)
                    and re.search(WHOLE_DATE.format(re.escape(value)), flat)]
        retyped += [(md, n) for n in re.findall(number + r"|\d", text) if n in numbers]
    assert not retyped


def test_theme_fixes_make_the_html_valid_and_named(site, pages):
    """Checkbox autocomplete and empty tabindex gone; the search dialog has a name; no
    two navigation landmarks share one."""
    for name in pages:
        html = (site / name).read_text(encoding="utf-8")
        assert 'tabindex=""' not in html, name
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', html), name
        assert re.search(r'<div class="md-search"[^>]*role="dialog" aria-label="[^"]+"', html), name
        words = EDITIONS[next(lang for lang in reversed(EDITIONS) if name.startswith(EDITIONS[lang]["prefix"]))]["words"]
        if '<nav class="md-path"' in html:
            assert f'<nav class="md-path" aria-label="{words["breadcrumbs"]}"' in html, name
        # The palette toggles, named in the edition's words
        assert re.findall(r'<label class="md-header__button md-icon" title="([^"]+)" for="__palette', html) == [
            words["palette_dark"], words["palette_light"]], name


@pytest.mark.parametrize("lang, md", PAGES)
def test_head_names_every_edition_of_the_page_and_its_locale(pages, lang, md):
    """hreflang alternates for search engines (x-default: the first edition), and
    og:locale with its territory for link previews."""
    head = [(tag, attrs) for tag, attrs in pages[built(lang, md)].tags if tag in ("link", "meta")]
    links = [a for t, a in head if t == "link" and "hreflang" in a]
    # One link type, "alternate", but not the exact text the theme's script looks for
    # (overrides/main.html says why).
    assert all(a["rel"].split() == ["alternate"] and a["rel"] != "alternate" for a in links)
    alternates = {a["hreflang"]: a["href"] for a in links}
    canonical = next(a["href"] for t, a in head if t == "link" and a.get("rel") == "canonical")
    root = canonical[:len(canonical) - len(url(lang, md))]
    assert alternates == {**{e["hreflang"]: root + url(other, md) for other, e in EDITIONS.items()},
                          "x-default": root + url(FIRST, md)}
    assert alternates[EDITIONS[lang]["hreflang"]] == canonical
    locales = [a["content"] for t, a in head if t == "meta" and a.get("property") == "og:locale"]
    assert locales == [EDITIONS[lang]["locale"]]
    assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", locales[0])
    others = [a["content"] for t, a in head if t == "meta" and a.get("property") == "og:locale:alternate"]
    assert others == [e["locale"] for other, e in EDITIONS.items() if other != lang]


def test_html_is_valid(site):
    """Every built page passes the Nu HTML Checker (vnu-jar from npm, run by Java) with no error."""
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = sorted(str(p) for p in Path(site).rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [(re.sub(r".*/site\d*/", "", m.get("url", "")), m.get("lastLine"), m["message"])
              for m in messages if m["type"] == "error"]
    assert errors == []
    assert len(pages) == len(PAGES) + len(EDITIONS)
