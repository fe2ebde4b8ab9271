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
import re
from pathlib import Path

import site_data  # its loader and error type (MkDocs runs the hooks as separate modules)
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from publish import offline

COPIES = {  # kind -> (file name, label in interface.yml, language of the file)
    "pdf": [("china-belgium.en.pdf", "copy_pdf_en", "en"),
            ("china-belgium.zh.pdf", "copy_pdf_zh", "zh-Hans"),
            ("china-belgium.fr.pdf", "copy_pdf_fr", "fr")],
    "offline": [("china-belgium-offline.zip", "copy_offline", None)],
}
FOLDER = "downloads"
SHORTCODE = re.compile(r"<!--\s*site:copies\s+(\w+)\s*-->")
FOUND: dict[str, Path] = {}  # file name -> built copy, filled by on_config
WORDS: dict = {}  # this edition's interface words (data/interface.yml)


def on_config(config):
    root = Path(config.config_file_path).parent
    WORDS.clear()
    WORDS.update(site_data.load_interface(root / "data" / "interface.yml", config.theme["language"]))
    FOUND.clear()
    folder = os.environ.get("DOWNLOADS")
    if not folder:
        return
    for kind, copies in COPIES.items():
        for name, _, _ in copies:
            path = Path(folder) / name
            if path.is_file():
                FOUND[name] = path
            elif not (kind == "offline" and offline(config)):
                raise site_data.DataError(f"DOWNLOADS={folder}: {name} is missing "
                                          "(make pdf and make offline write it)")


def on_files(files, config):
    if config.extra["edition"]["path"] == "":  # the root edition carries the files for all
        for name, path in FOUND.items():
            files.append(File.generated(config, f"{FOLDER}/{name}", abs_src_path=str(path)))
    return files


def size(path: Path, words: dict) -> str:
    kilobytes = path.stat().st_size / 1000
    if kilobytes < 1000:
        return words["size_kb"].format(value=f"{kilobytes:.0f}")
    decimal = words["number_format"][-2]  # the edition's decimal mark (3.2 MB, 3,2 Mo)
    return words["size_mb"].format(value=f"{kilobytes / 1000:.1f}".replace(".", decimal))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render(kind: str, page, config) -> str:
    words = WORDS
    # From this page up to the site root (the Chinese edition lives one folder down).
    up = "../" * (page.url.count("/") + config.extra["edition"]["path"].count("/"))
    items = []
    for name, label, hreflang in COPIES[kind]:
        path = FOUND.get(name)
        if path is None:
            missing = "copy_this" if kind == "offline" and offline(config) else "copy_absent"
            items.append("- " + words["copy_missing"].format(label=words[label], note=words[missing]))
            continue
        lang = f' hreflang="{hreflang}"' if hreflang else ""
        link = f'<a href="{up}{FOLDER}/{name}" download{lang}><code>{name}</code></a>'
        line = words["copy_line"].format(label=words[label], link=link, size=size(path, words))
        items.append(f"- {line}<br>\n"
                     f'  <span class="cb-checksum">SHA-256 <code>{sha256(path)}</code></span>')
    return '<div class="cb-copies" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


@event_priority(50)  # before site_data, which rejects shortcodes it does not know
def on_page_markdown(markdown, page, config, files):
    def one(match: re.Match) -> str:
        if match.group(1) not in COPIES:
            raise site_data.DataError(f"{page.file.src_uri}: unknown shortcode {match.group(0)!r}")
        return render(match.group(1), page, config)
    return SHORTCODE.sub(one, markdown)
