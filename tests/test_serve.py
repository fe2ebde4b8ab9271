"""`mkdocs serve` (make serve) as an editor uses it: an edit to a page shows in the page
open in the browser, with no console error. Under serve, and only there, the policy lets
MkDocs' live-reload script run (hooks/publish.py); test_publish checks the built pages."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from conftest import BUILD_ENV, FIRST, ROOT, heading

pytestmark = pytest.mark.browser
PROJECT = ("mkdocs.yml", "docs", "data", "includes", "hooks", "overrides")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(address: str, process: subprocess.Popen, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve stopped: {process.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(address, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer at {address}")


@pytest.fixture
def served(tmp_path):
    """`mkdocs serve` of a copy of the project (its pages may be edited) on a free port."""
    for part in PROJECT:
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        kwargs = {"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / part).is_dir() else {}
        copy(ROOT / part, tmp_path / part, **kwargs)
    address = f"127.0.0.1:{_free_port()}"
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
                               cwd=tmp_path, env={**os.environ, **BUILD_ENV}, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(f"http://{address}/", process)
        yield tmp_path, f"http://{address}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_edit_shows_in_the_open_page_without_a_console_error(browser, served):
    project, base = served
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "timeline/", wait_until="load")  # never idle: the reload script polls
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == heading(FIRST, "timeline.md")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'unsafe-inline'" in policy and "default-src 'self'" in policy

    marker = f"Edited while serving {uuid.uuid4().hex[:8]}."
    source = project / "docs" / "en" / "timeline.md"
    source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    page.get_by_text(marker).wait_for(timeout=90_000)  # the page reloads itself after the rebuild
    assert errors == []
    context.close()
