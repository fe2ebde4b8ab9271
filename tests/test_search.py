"""Search as readers use it: what they type finds the page that answers it, in every
edition, however the text reaches the field. The reader queries and their pages come
from scripts/search_queries.yml (the benchmark's set; those marked `test: true` here)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from conftest import EDITIONS, ROOT, url
from search_probe import ask, open_search

QUERIES = yaml.safe_load((ROOT / "scripts" / "search_queries.yml").read_text(encoding="utf-8"))
CHECKED = [(lang, str(item["q"]), item["page"])
           for lang, items in QUERIES.items() for item in items if item.get("test")]
MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"


def _search_hook():
    spec = importlib.util.spec_from_file_location("search_hook", ROOT / "hooks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ without a browser

def test_the_pinned_worker_takes_every_patch_and_a_changed_one_stops_the_build():
    from mkdocs.exceptions import PluginError

    hook = _search_hook()
    worker = next(MATERIAL.glob("assets/javascripts/workers/search.*.min.js")).read_text(encoding="utf-8")
    patched = hook.patch_worker(worker)
    assert "<=" in patched and "self.prepareQuery(" in patched
    for purpose, pattern, _ in hook.PATCHES:
        broken = pattern.sub("/* changed by the theme */", worker)
        with pytest.raises(PluginError, match="search worker"):
            hook.patch_worker(broken)


def test_words_inside_chinese_compounds_are_indexed():
    import jieba

    jieba.initialize()
    hook = _search_hook()
    words = hook.subwords("两家\u200b中国工商银行\u200b分行", jieba.get_FREQ)
    assert {"工商银行", "银行", "中国"} <= set(words)
    assert "中国工商银行" not in words and "两家" not in words


def test_names_are_indexed_as_every_edition_writes_them():
    hook = _search_hook()
    terms = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))["terms"]
    for term in terms:
        for lang, name in term["name"].items():
            found = hook.aliases(f"… {name} …", lang, terms)
            assert all(other in found for code, other in term["name"].items() if code != lang)


def test_the_built_index_holds_the_shorter_chinese_words(site):
    import json

    lang = "zh"  # the edition whose index jieba segments
    index = json.loads((site / EDITIONS[lang]["prefix"] / "search" / "search_index.json").read_text("utf-8"))
    assert "subwords" in index["config"]["fields"]
    assert any("工商银行" in doc.get("subwords", "").split() for doc in index["docs"])


# --------------------------------------------------------------------- in the browser
# (marked `browser`: make check leaves them out)

@pytest.fixture
def search_page(browser, base_url):
    """search_page(lang, width=1280) -> a page of that edition with its search open."""
    contexts = []

    def _open(lang: str, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + EDITIONS[lang]["prefix"], wait_until="networkidle")
        open_search(page)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, md", CHECKED)
def test_reader_query_puts_its_page_first(search_page, lang, query, md):
    pages, _ = ask(search_page(lang), query)
    assert pages, "no results"
    assert pages[0] == url(lang, md), pages[:3]
    assert all(p.startswith(EDITIONS[lang]["prefix"]) for p in pages)  # its own edition only


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
def test_names_are_found_without_their_accents(search_page, lang):
    page = search_page(lang)
    with_accents, _ = ask(page, "Liège")
    without, _ = ask(page, "liege")
    assert with_accents and without == with_accents


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_text_that_arrives_without_keys_is_searched(search_page, width):
    """Pasted, dictated or autofilled text fires `input` but no key events."""
    page = search_page(next(iter(EDITIONS)), width)
    page.locator(".md-search__input").fill("Cainiao")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert "cainiao/" in page.locator(".md-search-result__item a").first.get_attribute("href")


@pytest.mark.browser
def test_the_index_is_fetched_only_when_the_search_opens(browser, base_url):
    """A reader who never searches does not download the index (hooks/search.py)."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: "search_index" in r.url and fetched.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    assert fetched == []
    open_search(page)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    page.wait_for_load_state("networkidle")
    assert len(fetched) == 1
    context.close()
