"""`make serve` as an editor uses it, without a browser: one address answers every page of
every edition, in its language, with MkDocs' live reload; the language links lead to
the twin pages; and an edit to a page of an edition other than the first shows there
after its rebuild (scripts/dev_server.py). test_serve checks the reload in a browser."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urljoin

import pytest

from conftest import BUILD_ENV, EDITIONS, NAV, ROOT, url

pytestmark = pytest.mark.slow  # it builds every edition under mkdocs serve
PROJECT = ("mkdocs.yml", "docs", "data", "includes", "hooks", "overrides", "scripts")
LANGUAGE_LINK = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" rel="alternate">')


def _get(address: str, seconds: float = 180) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(address, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve`'s command (scripts/editions.py serve) on a copy of the project."""
    from dev_server import free_port

    project = tmp_path_factory.mktemp("served")
    for part in PROJECT:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / part)
    for edition in EDITIONS.values():
        shutil.copy(ROOT / edition["config"], project / edition["config"])
    address = f"127.0.0.1:{free_port('127.0.0.1')}"
    process = subprocess.Popen([sys.executable, "scripts/editions.py", "serve"], cwd=project,
                               env={**os.environ, **BUILD_ENV, "DEV_ADDR": address},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        yield project, f"http://{address}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


@pytest.mark.parametrize("lang", EDITIONS)
def test_one_address_serves_every_page_of_the_edition_with_live_reload(served, lang):
    _, base = served
    language = EDITIONS[lang]["settings"]["theme"]["language"]
    for md in NAV:
        status, html = _get(base + url(lang, md))
        assert status == 200, md
        assert f'<html lang="{language}"' in html, md
        assert "/livereload/" in html, md  # the reload script of mkdocs serve
        links = LANGUAGE_LINK.findall(html)
        assert {hreflang for _, hreflang in links} == {
            e["hreflang"] for code, e in EDITIONS.items() if code != lang}, md
        for href, hreflang in links:
            other = next(code for code, e in EDITIONS.items() if e["hreflang"] == hreflang)
            target = urljoin(base + url(lang, md), href)
            assert target == base + url(other, md)
            status, twin = _get(target)
            assert status == 200 and f'<html lang="{EDITIONS[other]["settings"]["theme"]["language"]}"' in twin


def test_an_edit_to_an_edition_shows_at_the_one_address(served):
    project, base = served
    lang = list(EDITIONS)[-1]
    assert _get(base + url(lang, "timeline.md"))[0] == 200
    marker = f"Edited while serving {uuid.uuid4().hex[:8]}."
    source = EDITIONS[lang]["docs"].relative_to(ROOT)
    page = project / source / "timeline.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    deadline = time.monotonic() + 120
    while marker not in _get(base + url(lang, "timeline.md"))[1]:
        assert time.monotonic() < deadline, "the edit did not show"
        time.sleep(1)
