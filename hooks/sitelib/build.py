"""How this build runs and what it writes, in one place for the hooks, the scripts, the
Makefile (through scripts/outputs.py) and the tests.

The mode: `make pdf` builds with PDF=true (the print-site plugin on), `make offline`
with OFFLINE=true (Material's offline plugin on), `make serve` under `mkdocs serve`
(live reload). The outputs: one PDF per edition, the offline zip and its folder, the
checksums, and the folder of the site that offers them (downloads/).
"""
from __future__ import annotations

PRODUCT = "china-belgium"
OFFLINE_FOLDER = f"{PRODUCT}-offline"  # what the zip unpacks into
OFFLINE_ZIP = f"{OFFLINE_FOLDER}.zip"
CHECKSUMS = "SHA256SUMS"
PDF_SITE = "pdf-site"  # the build that make pdf prints, under BUILD
DOWNLOADS = "downloads"  # the site's folder of the copies, at its root

# Set by hooks/publish.py's on_startup for the whole run of the mkdocs command.
SERVING = {"live_reload": False}


def pdf_name(lang: str) -> str:
    return f"{PRODUCT}.{lang}.pdf"


def copies(editions: list[dict]) -> list[str]:
    """Every take-away copy make publish writes: a PDF per edition, then the zip."""
    return [pdf_name(edition["lang"]) for edition in editions] + [OFFLINE_ZIP]


def _enabled(config, suffix: str) -> bool:
    return any(name.endswith(suffix) and plugin.config.get("enabled")
               for name, plugin in config.plugins.items())


def offline(config) -> bool:
    """Built as the offline copy (OFFLINE=true)."""
    return _enabled(config, "offline")


def printing(config) -> bool:
    """Built for the PDFs (PDF=true)."""
    return _enabled(config, "print-site")


def serving() -> bool:
    """Under `mkdocs serve` (make serve): its pages live-reload."""
    return SERVING["live_reload"]
