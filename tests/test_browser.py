"""The built site in a real browser (Debian's Chromium driven by Playwright), as readers use it.

Each page is opened three times: on a desktop in each palette (a clean load under the
page's own Content-Security-Policy, and axe-core's WCAG 2.1 A/AA and best-practice rules),
and cold on a phone (a clean load, its weight, and its language links). axe runs once per
page and palette, not per width as well: the HTML is the same at every width, the colours
are the palette's at every width, and the desktop shows every part of the page (tabs,
both sidebars) that the phone hides; a run at both widths found nothing the desktop run
did not. The phone's own parts (drawer, search opener) have their own tests.
"""
from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest

from conftest import EDITIONS, FIRST, PAGES, ROOT, heading, url
from sitelib import maps

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {"phone": 390, "desktop": 1280}
NOT_FOUND = [(lang, "404") for lang in EDITIONS]
# A cold page on a phone, gzip-compressed bytes: every page of every edition within 80 KB
# and 8 requests (BENCHMARKS.md lists each page's weight; scripts/page_weight.py).
BUDGET_KB, BUDGET_REQUESTS = 80, 8
WEIGHTS: dict[str, tuple[int, float]] = {}  # page -> (requests, KB), printed at the end
WORDS = {lang: edition["words"] for lang, edition in EDITIONS.items()}


def _heading(page) -> str:
    return page.locator("article h1").inner_text().rstrip("¶").strip()


@pytest.fixture
def open_page(browser, base_url):
    """open_page(path, width=1280, scheme="light", axe=False) -> (page, record), in a
    fresh context (a cold load). Pages load under their Content-Security-Policy; with
    axe, axe-core is added to the page by the browser itself, which the policy allows."""
    contexts = []

    def _open(path: str, width: int = 1280, scheme: str = "light", axe: bool = False):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        if axe:
            context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        record = {"requests": [], "failed": [], "errors": [], "responses": []}
        page.on("request", lambda r: record["requests"].append(r.url))
        page.on("requestfailed", lambda r: record["failed"].append((r.url, r.failure)))
        page.on("response", lambda r: record["responses"].append(r))
        page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
        page.on("pageerror", lambda e: record["errors"].append(str(e)))
        record["status"] = page.goto(base_url + path, wait_until="networkidle").status
        return page, record

    yield _open
    for context in contexts:
        context.close()


def address(lang: str, md: str) -> str:
    return url(lang, md) if md != "404" else EDITIONS[lang]["prefix"] + "no-such-page/"


def _loaded_cleanly(record: dict, base_url: str, status: int = 200):
    """The page answered, and nothing failed, logged an error (a Content-Security-Policy
    violation included) or came from another host."""
    assert record["status"] == status
    if status == 200:
        assert record["errors"] == []
        assert [r.url for r in record["responses"] if r.status >= 400] == []
    else:
        assert all("404" in e for e in record["errors"])  # only the page's own status
    assert record["failed"] == []
    assert [u for u in record["requests"] if not u.startswith(base_url)] == []


def _axe(page) -> list[dict]:
    result = page.evaluate("tags => axe.run({runOnly: {type: 'tag', values: tags}})", AXE_RULES)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang, md", PAGES + NOT_FOUND)
def test_page_is_clean_and_accessible_in_each_palette(open_page, base_url, lang, md, scheme):
    page, record = open_page(address(lang, md), WIDTHS["desktop"], scheme, axe=True)
    _loaded_cleanly(record, base_url, 404 if md == "404" else 200)
    assert page.locator("article h1").count() == 1
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert _axe(page) == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_unknown_address_shows_the_themed_404_page(open_page, lang):
    words = WORDS[lang]
    page, record = open_page(EDITIONS[lang]["prefix"] + "no/such/page/")
    assert record["status"] == 404
    assert _heading(page) == words["not_found_title"]
    page.locator("article").get_by_role("link", name=words["not_found_timeline"]).click()
    assert urlsplit(page.url).path == "/" + EDITIONS[lang]["prefix"] + "timeline/"


# True once the search shows its outcome, in the page's own language: Material's
# messages ("No matching documents", "# matching documents", …) from its page config.
SEARCH_DONE = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations;
  const shown = document.querySelector(".md-search-result__meta").textContent.trim();
  return [t["search.result.none"], t["search.result.one"], t["search.result.other"]]
    .includes(shown.replace(/\\d+/, "#"));
}"""


def _search(page, query: str):
    """Type into the search field as a reader does (opening it first on a phone). What
    readers' queries find is tested in tests/test_search.py."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():
        opener.click()
    field = page.locator(".md-search__input")
    field.press_sequentially(query, delay=20)
    field.press("End")  # Chinese characters arrive as text input, without a keyup
    page.wait_for_function(SEARCH_DONE)
    return page.locator(".md-search-result__item > .md-search-result__link")


def _result_paths(results) -> set[str]:
    """The result pages as paths below the site root ('wallonia/', 'zh/wallonia/')."""
    return {urlsplit(href).path.lstrip("/")
            for href in results.evaluate_all("links => links.map(a => a.href)")}


@pytest.mark.parametrize("device", WIDTHS)
def test_search_finds_cainiao_and_highlights_it(open_page, device):
    page, _ = open_page("", WIDTHS[device])
    results = _search(page, "Cainiao")
    assert "cainiao/" in _result_paths(results)
    results.filter(has=page.locator("h1", has_text="Cainiao")).first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/cainiao/")
    assert "h=cainiao" in page.url.lower()
    marks = page.locator("article mark")
    marks.first.wait_for()  # highlighted once the index has arrived
    assert marks.first.inner_text().lower() == "cainiao"


@pytest.mark.parametrize("lang, md", PAGES + NOT_FOUND)
def test_on_a_phone_the_page_is_light_and_links_to_its_twins(open_page, base_url, lang, md):
    """A cold load on a phone: clean, within the budget of requests and (gzipped) bytes,
    and its language links lead to the same page in every other edition."""
    page, record = open_page(address(lang, md), WIDTHS["phone"])
    _loaded_cleanly(record, base_url, 404 if md == "404" else 200)
    if md != "404":
        total = 0
        for response in record["responses"]:
            body = response.body()
            total += min(len(body), len(gzip.compress(body, 6)))
        WEIGHTS["/" + url(lang, md)] = (len(record["responses"]), total / 1024)
        assert len(record["responses"]) <= BUDGET_REQUESTS, [r.url for r in record["responses"]]
        assert total / 1024 <= BUDGET_KB
    links = page.locator(".cb-lang a")
    others = [code for code in EDITIONS if code != lang]
    assert links.count() == len(others) and links.first.is_visible()
    start = page.url
    for number, other in enumerate(others):
        if number:
            page.goto(start)
        link = page.locator(".cb-lang a").nth(number)
        assert link.get_attribute("hreflang") == EDITIONS[other]["hreflang"]
        link.click()
        page.wait_for_load_state()
        twin = url(other, md) if md != "404" else EDITIONS[other]["prefix"]
        assert urlsplit(page.url).path == "/" + twin
        assert page.locator("html").get_attribute("lang").startswith(other)


def test_search_for_nonsense_says_nothing_was_found(open_page):
    page, _ = open_page("")
    results = _search(page, "qxzvwplk")
    assert results.count() == 0
    none = page.evaluate('() => JSON.parse(document.getElementById("__config").textContent)'
                         '.translations["search.result.none"]')  # the theme's words, in the page's language
    assert none and page.locator(".md-search-result__meta").inner_text() == none


def test_phone_drawer_opens_and_its_links_navigate(open_page):
    page, _ = open_page("", WIDTHS["phone"])
    drawer = page.locator("nav.md-nav--primary").first
    assert not page.locator("#__drawer").is_checked()
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.locator("#__drawer").is_checked()
    drawer.get_by_role("link", name=heading(FIRST, "timeline.md"), exact=True).click()
    page.wait_for_load_state()
    assert _heading(page) == heading(FIRST, "timeline.md")


@pytest.mark.parametrize("device", WIDTHS)
def test_footer_previous_and_next_follow_the_nav(open_page, device):
    page, _ = open_page("timeline/", WIDTHS[device])
    assert page.locator("a.md-footer__link--prev").get_attribute("aria-label").endswith(
        WORDS[FIRST]["nav_overview"])
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/trade/")


def test_breadcrumbs_show_where_a_topic_page_sits(open_page):
    page, _ = open_page("wallonia/")
    crumbs = page.locator("nav.md-path")
    assert crumbs.is_visible()
    assert WORDS[FIRST]["nav_topics"] in crumbs.inner_text()


def test_skip_link_moves_focus_to_the_content_and_tab_reaches_search(open_page):
    page, _ = open_page("diplomacy/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')")
    page.goto(page.url.split("#")[0])
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search field")


@pytest.mark.parametrize("lang", EDITIONS)
def test_palette_toggle_is_named_in_the_editions_words_and_survives_navigation(open_page, lang):
    page, _ = open_page(EDITIONS[lang]["prefix"])
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator(f"label[title='{WORDS[lang]['palette_dark']}']").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.get_by_role("link", name=heading(lang, "timeline.md"), exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_print_shows_the_article_without_header_navigation_or_search(open_page):
    page, _ = open_page("wallonia/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    article = page.locator("article")
    assert article.is_visible()
    for section in page.locator("article h2").all():
        assert section.is_visible()
    assert page.locator("article p").last.is_visible()


def test_timeline_chart_and_table_are_shown(open_page, datasets):
    data = datasets[FIRST]
    page, _ = open_page("timeline/", WIDTHS["phone"])
    dots = page.locator(".cb-timeline li")
    assert dots.count() == len(data["events"]) and dots.first.is_visible() and dots.last.is_visible()
    page, _ = open_page("trade/", WIDTHS["phone"])
    chart = page.locator("svg.cb-chart__svg")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= WIDTHS["phone"]
    assert chart.locator("title").first.text_content() == data["words"]["chart_title"]
    assert len(chart.locator("desc").text_content()) > 80
    assert page.locator("table").first.is_visible()


# ---------------------------------------------------------------- the maps (Wallonia page)

MAP_FILE = re.compile(r"/maps/(\w+)\.(light|dark)\.svg")


def _maps_fetched(record: dict) -> list[tuple[str, str]]:
    """(map, variant) of every map file the page asked for."""
    return [MAP_FILE.search(u).groups() for u in record["requests"] if MAP_FILE.search(u)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", EDITIONS)
def test_wallonia_maps_load_when_near_and_only_in_the_readers_palette(open_page, base_url, lang, scheme):
    """A cold load on a phone (a first visit, before Material has stored a palette): the
    map far below is not fetched until the reader scrolls near it, the other palette's
    files never are; each map shows in the room its width and height keep for it."""
    page, record = open_page(url(lang, "wallonia.md"), WIDTHS["phone"], scheme)
    assert ("centre", scheme) not in _maps_fetched(record)
    figures = page.locator("figure.cb-map")
    assert figures.count() == 2
    for number in range(figures.count()):
        figure = figures.nth(number)
        figure.scroll_into_view_if_needed()
        shown = figure.locator(f'img[src$="#only-{scheme}"]')
        shown.wait_for(state="visible")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
        box = shown.bounding_box()
        ratio = int(shown.get_attribute("height")) / int(shown.get_attribute("width"))
        assert box["width"] <= WIDTHS["phone"] and abs(box["height"] - box["width"] * ratio) < 1.5
        assert figure.locator("img").count() == 2 and not figure.locator(
            f'img:not([src$="#only-{scheme}"])').is_visible()
        assert figure.locator("figcaption").is_visible()
    page.wait_for_load_state("networkidle")
    assert sorted(_maps_fetched(record)) == [("centre", scheme), ("link", scheme)]
    _loaded_cleanly(record, base_url)


def test_wallonia_map_follows_the_palette_toggle(open_page, base_url):
    page, record = open_page(url(FIRST, "wallonia.md"))
    figure = page.locator("figure.cb-map").first
    figure.scroll_into_view_if_needed()
    assert figure.locator('img[src$="#only-light"]').is_visible()
    page.locator(f"label[title='{WORDS[FIRST]['palette_dark']}']").click()
    dark = figure.locator('img[src$="#only-dark"]')
    dark.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=dark.element_handle())
    assert not figure.locator('img[src$="#only-light"]').is_visible()
    _loaded_cleanly(record, base_url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wallonia_maps_print_in_the_light_palette_whichever_the_reader_chose(open_page, scheme):
    page, _ = open_page(url(FIRST, "wallonia.md"), WIDTHS["desktop"], scheme)
    page.emulate_media(media="print")
    for figure in page.locator("figure.cb-map").all():
        assert figure.locator('img[src$="#only-light"]').is_visible()
        assert not figure.locator('img[src$="#only-dark"]').is_visible()


# The value of each CSS variable as the browser computes it on the page's <body>.
COMPUTED = """names => names.map(name => {
  const probe = document.createElement("i");
  probe.style.setProperty("color", `var(${name})`);
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
})"""


def _rule_values(css: str) -> dict[tuple[str, str], str]:
    """(selector, property) -> value of a stylesheet's plain rules (its @media left out)."""
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    found = {}
    for head, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for selector in head.split(","):
            for declaration in filter(None, body.split(";")):
                prop, _, value = declaration.partition(":")
                found[(selector.strip(), prop.strip())] = value.strip()
    return found


def _channels(colour: str) -> tuple[float, ...]:
    if colour.startswith("#"):
        digits = colour[1:]
        digits = "".join(c * 2 for c in digits) if len(digits) in (3, 4) else digits
        rgb = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
        return (*rgb, int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0)
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", EDITIONS)
def test_wallonia_map_files_have_the_colours_and_font_of_the_page(open_page, site, lang, scheme):
    """What the build resolved into each map file is what the browser computes for the
    same CSS variables on the page, in the same palette."""
    page, _ = open_page(url(lang, "wallonia.md"), WIDTHS["desktop"], scheme)
    template = _rule_values(maps.RULES)
    uses = {}  # variable -> a (selector, property) of the rules that reads it
    for key, value in template.items():
        for name in re.findall(r"var\((--[\w-]+)\)", value):
            uses.setdefault(name, key)
    colours = sorted(name for name in uses if name != maps.FONT)
    computed = dict(zip(colours, page.evaluate(COMPUTED, colours)))
    font = page.evaluate(f"getComputedStyle(document.body).getPropertyValue('{maps.FONT}')")
    for name in maps.drawn(ROOT, lang):
        svg = (site / EDITIONS[lang]["prefix"] / maps.source(name, scheme)).read_text(encoding="utf-8")
        served = _rule_values(re.search(r"<style>(.*?)</style>", svg, re.S).group(1))
        for variable in colours:
            file, browser = _channels(served[uses[variable]]), _channels(computed[variable])
            assert all(abs(a - b) <= 1 for a, b in zip(file[:3], browser[:3])), (name, variable, file, browser)
            assert abs(file[3] - browser[3]) < 0.01, (name, variable, file, browser)
        assert " ".join(served[uses[maps.FONT]].split()) == " ".join(font.split())
