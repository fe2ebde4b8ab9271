"""Page weight: what a cold load of each built page downloads, split into the theme's
floor and our own bytes above it, gzip-compressed as a host sends them.

usage: python scripts/page_weight.py SITE_DIR   (make bench runs it on its build)

For each page: the files it names for a first paint (its stylesheets, scripts, images and
icon, as in its HTML; the search worker and index wait for the search, and images marked
loading="lazy", the maps, for the reader to scroll near them), gzip -6 sizes. Chromium
fetches a lazy image once it is within about 1250 px of the screen, so a map that near
the top comes with a cold load all the same; the browser test counts what it fetches.
The theme's floor is what Material itself sends: its stylesheets and page script as the
theme ships them (or smaller: its palette stylesheet as hooks/trim_palette.py trims it).
Ours is the rest: the page's HTML, our stylesheet and images, and what our patches add to
the theme's page script (hooks/search.py). The browser test
(tests/test_browser.py) holds a cold phone load within 80 KB and 8 requests.
"""
from __future__ import annotations

import gzip
import importlib.util
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

THEME = Path(importlib.util.find_spec("material").origin).parent / "templates"
_NAMED = re.compile(r'(<(?:link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref|script\b[^>]*\bsrc|img\b[^>]*\bsrc)="([^"]+)"[^>]*>)')
_LAZY = re.compile(r'^<img\b[^>]*\bloading="lazy"')


def gz(data: bytes) -> int:
    return min(len(data), len(gzip.compress(data, 6, mtime=0)))


def theme_twin(path: Path, site: Path) -> Path | None:
    """The theme's own file that `path` (in the site) is, or is a patched copy of."""
    relative = path.relative_to(site).as_posix()
    relative = relative[relative.index("assets/"):] if "assets/" in relative else relative
    if (THEME / relative).is_file():
        return THEME / relative
    stem = re.sub(r"\.[0-9a-f]{8}\.min\.js$", "", relative)
    if stem != relative:
        return next(THEME.glob(stem + ".*.min.js"), None)
    return None


def weigh(site: Path, page: Path) -> dict:
    html = page.read_bytes()
    files = []
    for tag, ref in _NAMED.findall(html.decode("utf-8")):
        if _LAZY.search(tag):
            continue
        ref = urlsplit(ref)
        if ref.scheme or ref.netloc:
            continue
        target = (site / ref.path.lstrip("/")) if ref.path.startswith("/") else (page.parent / ref.path)
        files.append(target.resolve())
    theme = ours = 0
    ours += gz(html)
    for path in dict.fromkeys(files):
        size = gz(path.read_bytes())
        twin = theme_twin(path, site)
        floor = min(size, gz(twin.read_bytes())) if twin else 0
        theme += floor
        ours += size - floor
    return {"requests": 1 + len(dict.fromkeys(files)), "theme": theme / 1024, "ours": ours / 1024,
            "html": gz(html) / 1024}


def table(site: Path) -> list[str]:
    rows = ["| page | requests | KB | theme's floor KB | ours KB | of which HTML KB |",
            "|---|--:|--:|--:|--:|--:|"]
    for page in sorted(site.rglob("index.html"), key=lambda p: p.parent.relative_to(site).as_posix().strip(".")):
        path = page.parent.relative_to(site).as_posix()
        w = weigh(site, page)
        rows.append(f"| `/{'' if path == '.' else path + '/'}` | {w['requests']} | {w['theme'] + w['ours']:.1f} "
                    f"| {w['theme']:.1f} | {w['ours']:.1f} | {w['html']:.1f} |")
    return rows


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print("\n".join(table(Path(sys.argv[1]).resolve())))
