"""Shared fixtures: one strict build of the site for the whole test run."""
from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the scripts' browser settings and PDF printer

from chromium import ARGS as CHROMIUM_ARGS, CHROMIUM  # noqa: E402


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
def _config(name: str) -> dict:
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_AnyTag)


def nav_files(nav) -> list[str]:
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


CONFIG = _config("mkdocs.yml")
NAV = nav_files(CONFIG["nav"])
# Each edition: its config file, its own settings, and where it lands in the site.
EDITIONS = {
    edition["lang"]: {
        "file": "mkdocs.yml" if not edition["path"] else f"mkdocs.{edition['lang']}.yml",
        "prefix": edition["path"],
    }
    for edition in CONFIG["extra"]["editions"]
}
for lang, edition in EDITIONS.items():
    edition["config"] = config = {**CONFIG, **_config(edition["file"])}
    edition["nav"] = nav_files(config["nav"])
    edition["docs"] = ROOT / config["docs_dir"]
# (edition, page) pairs, for tests that run on every page of every edition
PAGES = [(lang, md) for lang, edition in EDITIONS.items() for md in edition["nav"]]


def built(lang: str, md: str) -> str:
    """Where a page's HTML lands in the site: ('zh', 'trade.md') -> 'zh/trade/index.html'."""
    return EDITIONS[lang]["prefix"] + ("index.html" if md == "index.md" else md[:-3] + "/index.html")


def url(lang: str, md: str) -> str:
    """A page's address below the site root: ('zh', 'trade.md') -> 'zh/trade/'."""
    return EDITIONS[lang]["prefix"] + ("" if md == "index.md" else md[:-3] + "/")


def build(config: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into `site_dir` (with extra environment
    variables, such as OFFLINE=true), output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, timeout=300, cwd=config.parent,
    )


def build_all(site_dir: Path, root: Path = ROOT, **env: str) -> list[subprocess.CompletedProcess]:
    """Every edition, in order, the first at the site root (as `make build` does)."""
    results = []
    for edition in EDITIONS.values():
        results.append(build(root / edition["file"], site_dir / edition["prefix"], **env))
        if results[-1].returncode:
            break
    return results


def built_site(site_dir: Path, **env: str) -> Path:
    """Both editions built into site_dir, failing the test if a build fails."""
    results = build_all(site_dir, **env)
    assert all(r.returncode == 0 for r in results), results[-1].stderr
    return site_dir


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> tuple[Path, Path]:
    """`make publish` run once, as the workflow runs it: its (build, site) folders, with
    the PDFs and the offline zip in build/. The PDF and offline tests read these."""
    work = tmp_path_factory.mktemp("make-publish")
    build, site_dir = work / "build", work / "site"
    result = subprocess.run(["make", "publish", f"BUILD={build}", f"SITE={site_dir}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return build, site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    for result in build_all(site_dir):
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
        assert not warnings, warnings
    return site_dir


@pytest.fixture(scope="session")
def hook():
    """The hook module, imported from its file as MkDocs does."""
    spec = importlib.util.spec_from_file_location("site_data", ROOT / "hooks" / "site_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def datasets(hook):
    """The data as each edition renders it."""
    return {lang: hook.load_all(ROOT, lang) for lang in EDITIONS}


@pytest.fixture(scope="session")
def data(datasets):
    return datasets["en"]


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
