"""The offline copy (make offline, run by make publish): a zip of every edition and the
PDFs that works opened from disk, the maps' files included."""
from __future__ import annotations

import posixpath
import zipfile

import pytest
import yaml

from conftest import EDITIONS, ROOT
from sitelib import maps
from sitelib.build import DOWNLOADS, OFFLINE_FOLDER, OFFLINE_ZIP, pdf_name
from htmlpages import download_links, read

pytestmark = pytest.mark.browser  # make publish prints the PDFs the zip carries


@pytest.fixture(scope="module")
def unzipped(publication, tmp_path_factory):
    """The zip `make publish` made, unpacked elsewhere, as a reader would."""
    build, _ = publication
    reader = tmp_path_factory.mktemp("reader")
    with zipfile.ZipFile(build / OFFLINE_ZIP) as handle:
        handle.extractall(reader)
    return reader / OFFLINE_FOLDER


def test_the_copy_has_flat_pages_and_no_reference_to_other_hosts(unzipped):
    for edition in EDITIONS.values():
        for page in ("index.html", "trade.html", "downloads.html"):
            assert (unzipped / edition["prefix"] / page).exists()
    for page in unzipped.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and 'src="http' not in html, page.name


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_copy_carries_the_pdfs_and_says_it_is_the_zip(unzipped, lang):
    page = EDITIONS[lang]["prefix"] + "downloads.html"
    targets = [target for _, target in download_links(unzipped, page)]
    for edition in EDITIONS:
        assert f"{DOWNLOADS}/{pdf_name(edition)}" in targets
    assert all((unzipped / target).is_file() for target in targets)  # PDFs and data, from disk
    assert EDITIONS[lang]["words"]["copy_this"] in (unzipped / page).read_text(encoding="utf-8")


def first_checked_queries() -> list[tuple[str, str, str]]:
    """(query, edition, flat page) for each edition: its first reader query marked
    `test: true` in scripts/search_queries.yml, so a new edition is searched offline too."""
    queries = yaml.safe_load((ROOT / "scripts" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
    found = []
    for lang, edition in EDITIONS.items():
        item = next(item for item in queries[lang] if item.get("test"))
        found.append((str(item["q"]), lang, edition["prefix"] + item["page"][:-3] + ".html"))
    return found


@pytest.mark.parametrize("query, lang, target", first_checked_queries())
def test_search_navigation_and_languages_work_from_disk(browser, unzipped, query, lang, target):
    context = browser.new_context()
    page = context.new_page()
    errors, remote = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: r.url.startswith("file:") or remote.append(r.url))
    start = unzipped / EDITIONS[lang]["prefix"] / "index.html"
    page.goto(start.as_uri())
    field = page.locator(".md-search__input")
    field.press_sequentially(query, delay=20)
    field.press("End")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(href.split("?")[0].endswith(target) for href in hrefs)
    for other in (code for code in EDITIONS if code != lang):  # the same page in each other edition
        page.goto((unzipped / target).as_uri())
        page.locator(f'.cb-lang a[hreflang="{EDITIONS[other]["hreflang"]}"]').click()
        page.wait_for_load_state()
        twin = EDITIONS[other]["prefix"] + target.removeprefix(EDITIONS[lang]["prefix"])
        assert page.url == (unzipped / twin).as_uri()
    page.locator("a.md-footer__link--next").click()  # and on through the site
    page.wait_for_load_state()
    assert page.url.endswith(".html")
    assert errors == [] and remote == []
    context.close()


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_copy_holds_the_maps_and_shows_them_from_disk(browser, unzipped, lang):
    """Each edition's map files are in the zip, the Wallonia page names them, and a
    reader who scrolls to a map from disk sees it."""
    prefix = EDITIONS[lang]["prefix"]
    for name in maps.drawn(ROOT, lang):
        for variant in maps.VARIANTS:
            assert (unzipped / prefix / maps.source(name, variant)).is_file()
    page_path = prefix + "wallonia.html"
    sources = [attrs["src"] for tag, attrs in read(unzipped / page_path).tags
               if tag == "img" and "/maps/" in "/" + attrs.get("src", "")]
    assert len(sources) == 2 * len(maps.drawn(ROOT, lang))
    for src in sources:
        assert (unzipped / posixpath.dirname(page_path) / src.split("#")[0]).is_file(), src
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto((unzipped / page_path).as_uri())
    for figure in page.locator("figure.cb-map").all():
        figure.scroll_into_view_if_needed()
        shown = figure.locator('img[src$="#only-light"]')
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
    context.close()
