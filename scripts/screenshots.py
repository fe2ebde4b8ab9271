"""Screenshots of every built page at phone and desktop widths, light and dark.

usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]   (defaults: site, screenshots)
Serves SITE_DIR on 127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import sys
from pathlib import Path

from chromium import ARGS, CHROMIUM
from local_site import serve
from playwright.sync_api import sync_playwright

WIDTHS = {"phone": 390, "desktop": 1280}
# A full-page shot does not scroll: images that load when scrolled near (the maps) are
# brought into view first, each waited for, so the shot shows them.
LOAD_LAZY_IMAGES = """async () => {
  for (const img of document.querySelectorAll('img[loading="lazy"]')) {
    if (getComputedStyle(img).display === "none") continue;
    img.scrollIntoView();
    await img.decode().catch(() => {});
  }
  window.scrollTo(0, 0);
}"""


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for scheme in ("light", "dark"):
            for device, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme)
                page = context.new_page()
                for path in pages:
                    page.goto(base + ("" if path == "." else path + "/"), wait_until="networkidle")
                    page.evaluate(LOAD_LAZY_IMAGES)
                    name = "home" if path == "." else path.replace("/", "_")
                    page.screenshot(path=out / f"{name}-{device}-{scheme}.png", full_page=True)
                context.close()
        browser.close()
    print(f"{len(pages) * 4} screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"),
         Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots"))
