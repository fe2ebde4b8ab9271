"""The built site in a real browser (Debian's Chromium driven by Playwright), as readers use it."""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import EDITIONS, PAGES, ROOT, url

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"phone": 390, "desktop": 1280}
NOT_FOUND = [(lang, "404") for lang in EDITIONS]
BUDGET_KB, BUDGET_REQUESTS = 100, 10
WEIGHTS: dict[str, tuple[int, float]] = {}  # page -> (requests, KB), printed at the end


def heading(page) -> str:
    return page.locator("article h1").inner_text().rstrip("¶").strip()


@pytest.fixture
def open_page(browser, base_url):
    """open_page(path, width=1280, scheme="light", bypass_csp=False) -> (page, record).
    Pages load under their Content-Security-Policy unless bypass_csp is set."""
    contexts = []

    def _open(path: str, width: int = 1280, scheme: str = "light", bypass_csp: bool = False):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=scheme, bypass_csp=bypass_csp)
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


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("lang, md", PAGES)
def test_page_loads_cleanly_from_this_host_only(open_page, base_url, lang, md, device):
    page, record = open_page(url(lang, md), WIDTHS[device])
    assert record["status"] == 200
    assert record["errors"] == []  # includes any Content-Security-Policy violation
    assert record["failed"] == []
    assert [r.url for r in record["responses"] if r.status >= 400] == []
    assert [u for u in record["requests"] if not u.startswith(base_url)] == []
    assert page.locator("article h1").count() == 1


@pytest.mark.parametrize("lang", EDITIONS)
def test_unknown_address_shows_the_themed_404_page(open_page, lang):
    texts = EDITIONS[lang]["config"]["extra"]["not_found"]
    page, record = open_page(EDITIONS[lang]["prefix"] + "no/such/page/")
    assert record["status"] == 404
    assert heading(page) == texts["title"]
    assert all("404" in e for e in record["errors"])  # only the page's own status
    page.locator("article").get_by_role("link", name=texts["timeline"]).click()
    assert urlsplit(page.url).path == "/" + EDITIONS[lang]["prefix"] + "timeline/"


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run({runOnly: {type: 'tag', values: tags}})", WCAG_A_AA)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("lang, md", PAGES + NOT_FOUND)
def test_no_accessibility_violations(open_page, lang, md, device, scheme):
    # The policy would rightly refuse the injected axe-core script; only this test bypasses it.
    page, _ = open_page(address(lang, md), WIDTHS[device], scheme, bypass_csp=True)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert _axe(page) == []


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
def test_language_link_lands_on_the_twin_page(open_page, lang, md):
    page, _ = open_page(address(lang, md), WIDTHS["phone"])
    other = next(code for code in EDITIONS if code != lang)
    link = page.locator(".cb-lang a")
    assert link.count() == 1 and link.is_visible()
    assert link.get_attribute("hreflang").startswith(other)
    link.click()
    page.wait_for_load_state()
    twin = url(other, md) if md != "404" else EDITIONS[other]["prefix"]
    assert urlsplit(page.url).path == "/" + twin
    assert page.locator("html").get_attribute("lang").startswith(other)


def test_search_for_nonsense_says_nothing_was_found(open_page):
    page, _ = open_page("")
    results = _search(page, "qxzvwplk")
    assert results.count() == 0
    assert page.locator(".md-search-result__meta").inner_text() == "No matching documents"


def test_phone_drawer_opens_and_its_links_navigate(open_page):
    page, _ = open_page("", WIDTHS["phone"])
    drawer = page.locator("nav.md-nav--primary").first
    assert not page.locator("#__drawer").is_checked()
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.locator("#__drawer").is_checked()
    drawer.get_by_role("link", name="Timeline", exact=True).click()
    page.wait_for_load_state()
    assert heading(page) == "Timeline"


@pytest.mark.parametrize("device", WIDTHS)
def test_footer_previous_and_next_follow_the_nav(open_page, device):
    page, _ = open_page("timeline/", WIDTHS[device])
    assert page.locator("a.md-footer__link--prev").get_attribute("aria-label").endswith("Overview")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/trade/")


def test_breadcrumbs_show_where_a_topic_page_sits(open_page):
    page, _ = open_page("wallonia/")
    crumbs = page.locator("nav.md-path")
    assert crumbs.is_visible()
    assert "Topics" in crumbs.inner_text()


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


def test_palette_toggle_switches_and_survives_navigation(open_page):
    page, _ = open_page("")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.get_by_role("link", name="Timeline", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_print_shows_the_article_without_header_navigation_or_search(open_page):
    page, _ = open_page("wallonia/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    article = page.locator("article")
    assert article.is_visible()
    for heading in page.locator("article h2").all():
        assert heading.is_visible()
    assert page.locator("article p").last.is_visible()


def test_timeline_chart_and_table_are_shown(open_page):
    page, _ = open_page("timeline/", WIDTHS["phone"])
    dots = page.locator(".cb-timeline li")
    assert dots.count() >= 10 and dots.first.is_visible() and dots.last.is_visible()
    page, _ = open_page("trade/", WIDTHS["phone"])
    chart = page.locator("svg.cb-chart__svg")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= 390
    assert chart.locator("title").first.text_content().startswith("Reported")
    assert len(chart.locator("desc").text_content()) > 80
    assert page.locator("table").first.is_visible()


@pytest.mark.parametrize("lang, md", PAGES)
def test_page_weight_within_budget(browser, base_url, lang, md):
    """Cold load: everything the browser fetches, counted as a server would gzip it."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + url(lang, md), wait_until="networkidle")
    total = 0
    for response in responses:
        body = response.body()
        total += min(len(body), len(gzip.compress(body, 6)))
    context.close()
    kb = total / 1024
    WEIGHTS["/" + url(lang, md)] = (len(responses), kb)
    assert len(responses) <= BUDGET_REQUESTS, [r.url for r in responses]
    assert kb <= BUDGET_KB


def test_html_is_valid(site):
    """Every built page passes the Nu HTML Checker (vnu-jar from npm) with no error."""
    import json
    import subprocess

    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = sorted(str(p) for p in Path(site).rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [(re.sub(r".*/site\d*/", "", m.get("url", "")), m.get("lastLine"), m["message"])
              for m in messages if m["type"] == "error"]
    assert errors == []
    assert len(pages) == len(PAGES) + len(EDITIONS)
