"""The Makefile's view of the editions (extra.editions in mkdocs.yml): it builds and
serves them through this script, so that a new edition needs no change to the Makefile.

usage: python scripts/editions.py build SITE_DIR   strict build of every edition, the
                                                   first into SITE_DIR, each other into
                                                   its path below it (zh/)
       python scripts/editions.py serve            every edition at http://127.0.0.1:8000/,
                                                   each reloading as it is edited
                                                   (scripts/dev_server.py)
       python scripts/editions.py serve LANG       mkdocs serve of one edition alone on
                                                   127.0.0.1, port 8000 for the first, 8001
                                                   for the second…
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))  # sitelib

from sitelib.editions import ROOT, editions  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_commands(site: Path) -> list[list[str]]:
    """`mkdocs build --strict` of each edition, in order, the first at the site root."""
    return [MKDOCS + ["build", "--strict", "-f", str(ROOT / e["config"]), "-d", str(site / e["path"])]
            for e in editions()]


def build(site: Path) -> int:
    for command in build_commands(site):
        status = subprocess.run(command, cwd=ROOT).returncode
        if status:
            return status
    return 0


def serve(lang: str | None) -> None:
    if lang is None:
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, str(ROOT / "scripts" / "dev_server.py")])
    listed = editions()
    number = next((n for n, e in enumerate(listed) if e["lang"] == lang), None) if lang else 0
    if number is None:
        sys.exit(f"no edition {lang!r}; the editions are {', '.join(e['lang'] for e in listed)}")
    os.chdir(ROOT)
    os.execv(sys.executable, MKDOCS + ["serve", "-f", listed[number]["config"],
                                       "--dev-addr", f"127.0.0.1:{8000 + number}"])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        sys.exit(build(Path(sys.argv[2]).resolve()))
    if len(sys.argv) in (2, 3) and sys.argv[1] == "serve":
        serve(sys.argv[2] if len(sys.argv) == 3 else None)
    sys.exit(__doc__)
