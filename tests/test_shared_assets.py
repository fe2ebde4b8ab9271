"""The editions share one copy of the theme's files (hooks/shared_assets.py): no edition
below the site root holds a file the root holds with the same bytes, and every file a
page names is there."""
from __future__ import annotations

import filecmp
import re
from urllib.parse import urlsplit

from conftest import EDITIONS, FIRST

_NAMED = re.compile(r"""(?:src|href)="([^"]+)"|"search":\s*"([^"]+)\"""")


def test_no_edition_carries_its_own_copy_of_a_shared_file(site):
    for lang, edition in EDITIONS.items():
        if lang == FIRST:
            continue
        own = site / edition["prefix"] / "assets"
        copies = [p for p in own.rglob("*") if p.is_file()
                  and filecmp.cmp(p, site / p.relative_to(site / edition["prefix"]), shallow=False)] \
            if own.exists() else []
        assert copies == [], (lang, copies[:5])


def test_every_file_a_page_names_is_there(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in _NAMED.finditer(html):
            ref = urlsplit(match.group(1) or match.group(2))
            if ref.scheme or ref.netloc or not ref.path or ref.path.startswith("#"):
                continue
            target = (site / ref.path.lstrip("/")) if ref.path.startswith("/") else (page.parent / ref.path)
            if ref.path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), (page.relative_to(site).as_posix(), ref.path)
