"""Prints each edition's one-page version of the site (print-site plugin) to a PDF.

usage: python scripts/pdf.py SITE_DIR OUT_DIR   (make pdf builds SITE_DIR with PDF=true)

Serves SITE_DIR on 127.0.0.1 and prints <edition>/print_page/ with Debian's Chromium:
A4, numbered pages, a table of contents, and every chart and map included.
"""
from __future__ import annotations

import sys
from pathlib import Path

from chromium import ARGS, CHROMIUM
from local_site import serve
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))  # sitelib
from sitelib.build import pdf_name  # noqa: E402
from sitelib.editions import editions  # noqa: E402


def print_pdfs(browser, site: Path, out: Path) -> list[Path]:
    """With a running Playwright browser, print every edition of SITE_DIR into OUT_DIR."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base:
        for edition in editions():
            page = browser.new_page()
            page.goto(f"{base}{edition['path']}print_page/", wait_until="networkidle")
            path = out / pdf_name(edition["lang"])
            # Page numbers come from the print-site plugin's own @page rules.
            page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
            written.append(path)
            page.close()
    return written


def main(site: Path, out: Path) -> list[Path]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            return print_pdfs(browser, site, out)
        finally:
            browser.close()


if __name__ == "__main__":
    for pdf in main(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"{pdf}: {pdf.stat().st_size / 1024:.0f} KB")
