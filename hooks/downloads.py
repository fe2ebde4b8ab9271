"""The site's take-away copies on its Downloads page: one PDF per edition (make pdf) and
the offline zip (make offline), each with its size and SHA-256 so a reader who got it
from a mirror can check it.

    <!-- site:copies pdf -->      the PDFs
    <!-- site:copies offline -->  the offline zip

DOWNLOADS names the folder that holds the built copies (`make publish` sets it to build/).
The edition at the site root copies them into downloads/; every edition links there.
With DOWNLOADS set, a missing copy stops the build, so a published site never offers a
broken link; without it (`mkdocs serve`, a plain `make build`) the page says the copies
are not part of this build. The offline copy cannot hold itself, so there the zip is
described instead of linked.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from sitelib.build import DOWNLOADS, OFFLINE_ZIP, offline, pdf_name
from sitelib.errors import DataError
from sitelib.shortcodes import expand, keyed

FOLDER = DOWNLOADS
COPIES: dict = {}  # kind -> [(file name, label in interface.yml, edition of the file or None)]
FOUND: dict[str, Path] = {}  # file name -> built copy, filled by on_config


def copies(editions: list[dict]) -> dict:
    """One PDF per edition (labelled copy_pdf, with the edition's name), one offline zip."""
    return {"pdf": [(pdf_name(e["lang"]), "copy_pdf", e) for e in editions],
            "offline": [(OFFLINE_ZIP, "copy_offline", None)]}


def on_config(config):
    COPIES.clear()
    COPIES.update(copies(config.extra["editions"]))
    FOUND.clear()
    folder = os.environ.get("DOWNLOADS")
    if not folder:
        return
    for kind, files in COPIES.items():
        for name, _, _ in files:
            path = Path(folder) / name
            if path.is_file():
                FOUND[name] = path
            elif not (kind == "offline" and offline(config)):
                raise DataError(f"DOWNLOADS={folder}: {name} is missing "
                                "(make pdf and make offline write it)")


def on_files(files, config):
    if config.extra["edition"]["path"] == "":  # the root edition carries the files for all
        for name, path in FOUND.items():
            files.append(File.generated(config, f"{FOLDER}/{name}", abs_src_path=str(path)))
    return files


def size(path: Path, words: dict) -> str:
    kilobytes = path.stat().st_size / 1000
    if kilobytes < 1000:
        return words.format("size_kb", value=f"{kilobytes:.0f}")
    # in the edition's decimal mark (3.2 MB, 3,2 Mo)
    return words.format("size_mb", value=words.number(kilobytes / 1000, places=1, trim=False))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render(kind: str, page, config) -> str:
    words = config.extra["words"]
    # From this page up to the site root (the Chinese edition lives one folder down).
    up = "../" * (page.url.count("/") + config.extra["edition"]["path"].count("/"))
    items = []
    for name, key, edition in COPIES[kind]:
        label, hreflang = words[key], None
        if edition:  # its name in its own language, marked as such (English, 中文); out of
            # the search, which holds the edition's own language only
            hreflang = edition["hreflang"]
            same = edition["lang"] == config.extra["edition"]["lang"]
            label = words.format(key, edition=edition["name"] if same else
                                 f'<span lang="{hreflang}" data-search-exclude>{edition["name"]}</span>')
        path = FOUND.get(name)
        if path is None:
            missing = "copy_this" if kind == "offline" and offline(config) else "copy_absent"
            items.append("- " + words.format("copy_missing", label=label, note=words[missing]))
            continue
        lang = f' hreflang="{hreflang}"' if hreflang else ""
        link = f'<a href="{up}{FOLDER}/{name}" download{lang}><code>{name}</code></a>'
        line = words.format("copy_line", label=label, link=link, size=size(path, words))
        items.append(f"- {line}<br>\n"
                     f'  <span class="cb-checksum">SHA-256 <code>{sha256(path)}</code></span>')
    return '<div class="cb-copies" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


@event_priority(50)  # before site_data, which rejects shortcodes nobody rendered
def on_page_markdown(markdown, page, config, files):
    handlers = {"copies": keyed(COPIES, lambda kind: render(kind, page, config))}
    return expand(markdown, handlers, page.file.src_uri, strict=False)
