"""Search as readers use it: what they type finds the page that answers it, in every
edition, however the text reaches the field. The reader queries and their pages come
from scripts/search_queries.yml (the benchmark's set): all of them are asked of each
built edition's worker in Node (no browser), those marked `test: true` also in Chromium,
with the page's wiring (typing, input events, the index fetched late, highlighting)."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import EDITIONS, FIRST, ROOT, page_path, url
from search_probe import KINDS, ask, hits, kind, node_search, open_search, rank

SETS = yaml.safe_load((ROOT / "scripts" / "search_queries.yml").read_text(encoding="utf-8"))
QUERIES, FLOORS = SETS["queries"], SETS["floors"]
CHECKED = [(lang, str(item["q"]), item["page"])
           for lang, items in QUERIES.items() for item in items if item.get("test")]
MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
THEME_WORKER = next(MATERIAL.glob("assets/javascripts/workers/search.*.min.js"))
THEME_BUNDLE = next(MATERIAL.glob("assets/javascripts/bundle.*.min.js"))


def _search_hook():
    spec = importlib.util.spec_from_file_location("search_hook", ROOT / "hooks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ without a browser

def _patches():
    hook = _search_hook()
    return ([("search worker", THEME_WORKER, hook.patch_worker, patch) for patch in hook.PATCHES]
            + [("page script", THEME_BUNDLE, hook.patch_bundle, patch) for patch in hook.BUNDLE_PATCHES])


PATCHES = _patches()


@pytest.mark.parametrize("asset, theme, apply, patch", PATCHES,
                         ids=[f"{asset}: {patch[0]}" for asset, _, _, patch in PATCHES])
def test_each_patch_changes_the_theme_code_once_and_a_changed_theme_stops_the_build(asset, theme, apply, patch):
    """Each pattern matches the pinned theme once and no more after patching (so the
    patch changed what it names); with its code gone, or there twice, the build stops
    and names the patch."""
    from mkdocs.exceptions import PluginError

    purpose, pattern, _ = patch
    source = theme.read_text(encoding="utf-8")
    assert len(pattern.findall(source)) == 1
    assert pattern.search(apply(source)) is None
    gone = pattern.sub("/* changed by the theme */", source)
    twice = source + ";" + pattern.search(source).group(0)
    for broken in (gone, twice):
        with pytest.raises(PluginError, match=re.escape(purpose)):
            apply(broken)


@pytest.mark.parametrize("script, theme, patch", [("search-worker.js", THEME_WORKER, "patch_worker"),
                                                  ("search-page.js", THEME_BUNDLE, "patch_bundle")])
def test_our_search_scripts_are_valid_javascript_and_go_into_the_theme_s(script, theme, patch):
    """Our JavaScript, held in files of its own, parses (node --check) and is in the
    patched theme script."""
    path = ROOT / "hooks" / script
    checked = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    patched = getattr(_search_hook(), patch)(theme.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").strip() in patched


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


def _index_text(doc: dict) -> str:
    """What the index holds of a section: its title, text and hidden fields, without
    the U+200B that the Chinese index puts between words."""
    return " ".join(str(doc.get(field, "")) for field in ("title", "text", "aliases", "subwords")).replace("\u200b", "")


@pytest.mark.parametrize("lang", EDITIONS)
def test_lists_that_repeat_other_pages_stay_out_of_the_index(site, lang):
    """What's new lists its changes with the titles of the pages they concern, and every
    entry of the Sources page says which pages use it: indexed, they ranked these
    reference pages for the words of the pages they list ("download pdf" found What's
    new). Their own text stays: the What's new page's introduction, each source."""
    from sitelib.changes import load_changes
    from sitelib.dates import format_date

    edition = EDITIONS[lang]
    index = json.loads((site / edition["prefix"] / "search" / "search_index.json").read_text("utf-8"))
    texts = {doc["location"]: _index_text(doc) for doc in index["docs"]}
    used_on = edition["words"]["used_on"].split("{pages}")[0].strip()
    assert not [where for where, text in texts.items() if used_on in text]
    assert any(where.startswith("sources/") and "#source-" in where for where in texts)
    news = texts["whats-new/"]
    assert news.strip()  # its introduction
    for change in load_changes(ROOT, lang, list(EDITIONS), set(edition["nav"])):
        day = change["date"]
        assert format_date({"when": (day.year, day.month, day.day)}, edition["words"]) not in news


def _search_own_index(site, folder: Path, docs: list[dict], queries: list[str]) -> list[list[str]]:
    """The queries asked of the built worker of the first edition over an index of our
    own `docs` (its config kept), set up in `folder`: the pages of the results, in order."""
    built = site / EDITIONS[FIRST]["prefix"]
    index = json.loads((built / "search" / "search_index.json").read_text("utf-8"))
    (folder / "search").mkdir(parents=True)
    (folder / "search" / "search_index.json").write_text(
        json.dumps({"config": index["config"], "docs": docs}), encoding="utf-8")
    shutil.copy(built / "index.html", folder / "index.html")
    (folder / "assets").symlink_to(built / "assets")
    return [answer["pages"] for answer in node_search(folder, queries)]


def _pages(**sections: str) -> list[dict]:
    """An index of one page per keyword, each with one section of the given text."""
    docs = []
    for name, text in sections.items():
        docs += [{"location": f"{name}/", "title": name.title(), "text": ""},
                 {"location": f"{name}/#part", "title": "Part", "text": f"<p>{text}</p>"}]
    return docs


FILLER = " ".join(f"word{n}" for n in range(80))


def test_a_word_said_once_in_a_short_section_ranks_above_a_long_list(site, tmp_path):
    """A name mentioned once in a long list (the "After 2019" sections) and once in a short
    section about it: the short one comes first, whatever the order of the pages (the
    theme ignores length, and a tie goes to the page indexed first)."""
    short = "Jeholet launched the train."
    docs = _pages(first=f"{FILLER} Jeholet confirmed it. {FILLER}", second=short)
    docs_reversed = _pages(second=short, first=f"{FILLER} Jeholet confirmed it. {FILLER}")
    assert _search_own_index(site, tmp_path / "a", docs, ["Jeholet"])[0][0] == "second/"
    assert _search_own_index(site, tmp_path / "b", docs_reversed, ["Jeholet"])[0][0] == "second/"


def test_words_typed_together_find_the_section_that_has_them_in_a_row(site, tmp_path):
    """He Jinping: the section that names him comes before one full of Xi Jinping that
    names a He elsewhere ("he" alone is a stop word, and Jinping is more frequent there).
    Words with punctuation between them are not in a row: that section is not lifted."""
    xi = "Xi Jinping met Xi Jinping's hosts; He Lifeng came too. Xi Jinping left."
    together = _pages(xi=xi, he="In 2018, He Jinping, then Vice-Governor, launched the train.")
    apart = _pages(xi=xi, he="In 2018, He, then Vice-Governor: Jinping launched the train.")
    assert _search_own_index(site, tmp_path / "a", together, ["He Jinping"])[0][0] == "he/"
    assert _search_own_index(site, tmp_path / "b", apart, ["He Jinping"])[0][0] == "xi/"


def test_a_compound_that_finds_nothing_finds_its_parts(site, tmp_path):
    """A long word the pages never write whole is read as the words it is made of
    (railconnection: rail, connection), or its longest known head where the last part is
    unknown (airfreighthub: airfreight); a word the pages write is never split."""
    docs = _pages(rail="The rail link and its connection to Zhengzhou.",
                  air="Airfreight grew at the airport.", other="Trade grew in 2021.")
    found = _search_own_index(site, tmp_path / "a", docs, ["railconnection", "airfreighthub"])
    assert found[0][:1] == ["rail/"], found[0]
    assert found[1][:1] == ["air/"], found[1]
    written = _pages(rail="The rail link and its connection.", other="Its railconnection page.")
    assert _search_own_index(site, tmp_path / "b", written, ["railconnection"])[0] == ["other/"]


@pytest.fixture(scope="session")
def answers(site):
    """lang -> every query of the edition asked of its built worker in Node."""
    return {lang: node_search(site / EDITIONS[lang]["prefix"], [str(i["q"]) for i in items])
            for lang, items in QUERIES.items()}


@pytest.mark.parametrize("lang", QUERIES)
def test_reader_queries_find_their_pages_above_the_floors(answers, lang):
    """hit@1 and hit@3 of each kind of query (a reader's, a slip, pasted syntax) in each
    edition, asked of the built, patched worker, at least the floors of search_queries.yml."""
    ranks, misses = {}, []
    for item, answer in zip(QUERIES[lang], answers[lang]):
        where = rank(answer["pages"], page_path(item["page"]))
        ranks.setdefault(kind(item), []).append(where)
        if where != 1:
            misses.append((item["q"], where, answer["pages"][:3]))
    for name, floor in FLOORS[lang].items():
        assert name in KINDS and ranks.get(name), f"no {name} queries for {lang}"
        found = hits(ranks[name])
        for measure, least in floor.items():
            assert found[measure] >= least, (lang, name, measure, found[measure], misses)


@pytest.mark.parametrize("lang", QUERIES)
def test_search_answers_well_under_fifty_milliseconds(answers, lang):
    """The worker's time per query, in Node (the browser adds the rendering; make bench
    measures both, the worst case too, which a busy machine makes noisy)."""
    times = sorted(answer["ms"] for answer in answers[lang])
    assert times[len(times) // 2] < 20, times


def test_the_patched_scripts_are_named_by_their_content(site):
    """The worker and page script we patch carry a hash of their content, so a cache that
    keeps hashed files for long never serves an older copy, and every page names them."""
    for lang, edition in EDITIONS.items():
        home = (site / edition["prefix"] / "index.html").read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                      home, re.S).group(1))
        bundle = re.search(r'<script src="([^"]*bundle\.[0-9a-f]+\.min\.js)"', home).group(1)
        for ref in (config["search"], bundle):
            path = (site / edition["prefix"] / ref).resolve()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
            assert path.name.split(".")[1] == digest, (lang, ref)
            assert path.name not in (THEME_WORKER.name, THEME_BUNDLE.name)
            assert subprocess.run(["node", "--check", str(path)], capture_output=True).returncode == 0


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
def test_the_worker_and_index_are_fetched_only_when_the_search_opens(browser, base_url):
    """A reader who never searches downloads neither the search worker nor the index
    (hooks/search.py, hooks/search-page.js); opening the search fetches each once."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: ("search_index" in r.url or "/workers/" in r.url) and fetched.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    assert fetched == []
    open_search(page)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    page.wait_for_load_state("networkidle")
    for _ in range(50):  # a busy machine may report the worker's request late
        if len(fetched) >= 2:
            break
        page.wait_for_timeout(100)
    assert sorted("worker" if "/workers/" in u else "index" for u in fetched) == ["index", "worker"]
    context.close()
