"""One copy of the theme's files for every edition: each edition's build writes the
theme's stylesheets, scripts and images under its own path (zh/assets/…), byte for byte
the same as the first edition's; a reader who moves between editions would download and
cache them again, and the offline zip would hold them once per edition.

After an edition below the site root is built, every file of its assets/ that the site
root already holds with the same bytes is removed, and its pages name the root's copy
(../assets/… from zh/, /assets/… where the theme writes absolute paths, as on the 404
page). Files that differ, or an edition built alone (no root beside it, as under
`mkdocs serve`), keep their own copy, so no page ever names a file that is not there.
The references are attributes and the page's JSON config, never an inline script, so the
Content-Security-Policy hashes stay as hooks/publish.py computed them.
"""
from __future__ import annotations

import filecmp
import re
from pathlib import Path

_REFERENCE = re.compile(r"""(["'(=])((?:\.\./)*|\./|/[^"'()\s]*?)(assets/[^"'()\s?#]+)""")


def shared_files(site: Path, root: Path) -> set[str]:
    """The files of site/assets that root/assets holds with the same bytes."""
    found = set()
    for path in (site / "assets").rglob("*"):
        relative = path.relative_to(site).as_posix()
        twin = root / relative
        if path.is_file() and twin.is_file() and filecmp.cmp(path, twin, shallow=False):
            found.add(relative)
    return found


def point_to_root(html: str, shared: set[str], edition_path: str) -> str:
    depth = edition_path.strip("/").count("/") + 1

    def replace(match):
        before, prefix, target = match.groups()
        if target not in shared:
            return match.group(0)
        if prefix.startswith("/"):
            if not prefix.endswith("/" + edition_path):
                return match.group(0)
            prefix = prefix[: len(prefix) - len(edition_path)]
        else:
            prefix += "../" * depth
        return before + prefix + target

    return _REFERENCE.sub(replace, html)


def on_post_build(config):
    edition_path = config.extra["edition"]["path"]
    if not edition_path:
        return
    site = Path(config.site_dir)
    root = site.parents[edition_path.strip("/").count("/")]
    if site.resolve() != (root / edition_path).resolve():
        return  # not built under its path (mkdocs serve builds into a folder of its own)
    shared = shared_files(site, root)
    if not shared:
        return
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        changed = point_to_root(html, shared, edition_path)
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    for relative in shared:
        (site / relative).unlink()
    for folder in sorted((p for p in (site / "assets").rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if (site / "assets").is_dir() and not any((site / "assets").iterdir()):
        (site / "assets").rmdir()
