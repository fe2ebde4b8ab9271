"""Shared fixtures: the editions, the data as each renders it, and one strict build of
the site for the whole run (browser tests share one Chromium)."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from chromium import ARGS as CHROMIUM_ARGS, CHROMIUM
from mkdocs.utils.meta import get_data

from sitelib.data import load_all, page_sources
from sitelib.editions import ROOT, editions, load_config, nav_pages, nav_section
from sitelib.files import page_title
from sitelib.words import load_interface


# Each edition: its entry of extra.editions, its config (as MkDocs reads it), its pages.
EDITIONS = {edition["lang"]: dict(edition) for edition in editions()}
for lang, edition in EDITIONS.items():
    edition["prefix"] = edition["path"]
    edition["settings"] = config = load_config(ROOT / edition["config"])
    edition["nav"] = nav_pages(config["nav"])
    edition["docs"] = ROOT / config["docs_dir"]
    edition["words"] = load_interface(ROOT / "data" / "interface.yml", lang)
FIRST = next(iter(EDITIONS))  # the edition at the site root
NAV = EDITIONS[FIRST]["nav"]
TOPIC_PAGES = nav_section(EDITIONS[FIRST]["settings"]["nav"], "nav_topics")  # the topic pages
# (edition, page) pairs, for tests that run on every page of every edition
PAGES = [(lang, md) for lang, edition in EDITIONS.items() for md in edition["nav"]]
# A fixed date for the sitemaps unless `make` set one, so that builds can be compared.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1",
             "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1764000000")}


def _source_titles(lang: str) -> list[str]:
    from htmlpages import collapse
    sources = load_all(ROOT, lang)["sources"]
    return sorted({collapse(s["title"]) for s in sources.values()}, key=len, reverse=True)


# Each edition's source titles, longest first: quoted as published, often in another
# language than the edition's, so their words and figures are not the page's own.
SOURCE_TITLES = {lang: _source_titles(lang) for lang in EDITIONS}


def without_source_titles(text: str, lang: str) -> str:
    """`text` (spaces collapsed as htmlpages.collapse does) without the edition's source titles."""
    for title in SOURCE_TITLES[lang]:
        text = text.replace(title, " ")
    return text


def heading(lang: str, md: str) -> str:
    """A page's title, its H1 as written in its Markdown (as the hooks read it)."""
    return page_title((EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8"))


def built(lang: str, md: str) -> str:
    """Where a page's HTML lands in the site: ('zh', 'trade.md') -> 'zh/trade/index.html'."""
    return url(lang, md) + "index.html"


def url(lang: str, md: str) -> str:
    """A page's address below the site root: ('zh', 'trade.md') -> 'zh/trade/'."""
    return EDITIONS[lang]["prefix"] + page_path(md)


def page_path(md: str) -> str:
    """A page's address below its edition's root, as MkDocs writes it: 'trade.md' ->
    'trade/', 'index.md' -> '', 'sources/index.md' -> 'sources/'."""
    return md.removesuffix("index.md") if md.endswith("index.md") else md[:-3] + "/"


def build(config: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into `site_dir` (with extra environment
    variables, such as OFFLINE=true), output captured."""
    env = {**os.environ, **BUILD_ENV, **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, timeout=300, cwd=config.parent,
    )


def build_all(site_dir: Path, root: Path = ROOT, **env: str) -> list[subprocess.CompletedProcess]:
    """Every edition, in order, the first at the site root (as `make build` does)."""
    results = []
    for edition in EDITIONS.values():
        results.append(build(root / edition["config"], site_dir / edition["prefix"], **env))
        if results[-1].returncode:
            break
    return results


def built_site(site_dir: Path, **env: str) -> Path:
    """Every edition built into site_dir, failing the test if a build fails or warns."""
    for result in build_all(site_dir, **env):
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
        assert not warnings, warnings
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as `make build` writes it, built once for the whole run."""
    return built_site(tmp_path_factory.mktemp("site"))


PUBLISHED_URL = "https://example.org/china-belgium/"


def pytest_collection_modifyitems(items):
    """A test that needs the site as published (a build of its own) is slow: make test
    runs it, make check does not."""
    for item in items:
        if "published" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """The site as published, without a browser: built with a SITE_URL and with stand-ins
    for the PDFs and the offline zip (distinct bytes, sizes in kB and MB) in DOWNLOADS.
    Returns (site, folder of the stand-ins)."""
    from sitelib.build import copies

    work = tmp_path_factory.mktemp("published")
    (work / "copies").mkdir()
    names = copies(list(EDITIONS.values()))
    for number, name in enumerate(names, 1):
        (work / "copies" / name).write_bytes(bytes([number]) * (40_000 * number ** 4))
    site_dir = built_site(work / "site", SITE_URL=PUBLISHED_URL, DOWNLOADS=str(work / "copies"))
    return site_dir, work / "copies"


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> tuple[Path, Path]:
    """`make publish` run once, as the workflow runs it (with a SITE_URL): its (build,
    site) folders, the PDFs and the offline zip in build/. It prints the PDFs with
    Chromium, so only browser-marked tests use it."""
    work = tmp_path_factory.mktemp("make-publish")
    build_dir, site_dir = work / "build", work / "site"
    result = subprocess.run(["make", "publish", f"BUILD={build_dir}", f"SITE={site_dir}"], cwd=ROOT,
                            env={**os.environ, **BUILD_ENV, "SITE_URL": PUBLISHED_URL},
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return build_dir, site_dir


def front_matter(lang: str, md: str) -> dict:
    """A page's front matter, read as the build reads it."""
    return get_data((EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8"))[1]


def load_edition(lang: str) -> dict:
    """The data as edition `lang` renders it, with each page's sources (data/pages.yml and,
    for the timeline, its events'), as the build works them out."""
    data = load_all(ROOT, lang)
    for md in EDITIONS[lang]["nav"]:
        markdown = get_data((EDITIONS[lang]["docs"] / md).read_text(encoding="utf-8"))[0]
        data["pages"][md] = page_sources(data, md, markdown)
    return data


@pytest.fixture(scope="session")
def datasets():
    """The data as each edition renders it."""
    return {lang: load_edition(lang) for lang in EDITIONS}


@pytest.fixture(scope="session")
def data(datasets):
    return datasets[FIRST]


# ---------------------------------------------------------------- browser fixtures

class _StaticSite(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host does, answering unknown paths with the 404
    page of the edition they fall under (as the README asks a host to be set up)."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        prefix = next((e["prefix"] for e in EDITIONS.values()
                       if e["prefix"] and self.path.startswith("/" + e["prefix"])), "")
        page = Path(self.directory) / prefix / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_StaticSite, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test of the run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    """Print the page weights measured by the browser tests."""
    weights = getattr(sys.modules.get("test_browser"), "WEIGHTS", {})
    if weights:
        terminalreporter.section("page weight (cold load, gzip)")
        for page, (requests, kb) in sorted(weights.items()):
            terminalreporter.write_line(f"{page:<14} {requests:>3} requests {kb:>7.1f} KB")
