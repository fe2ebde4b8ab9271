"""The printed copy of each edition (make pdf builds with PDF=true; scripts/pdf.py prints).

The print-site plugin writes every page of the edition into print_page/index.html. After
it, this hook makes that page a copy a reader would keep:

- a title page: the site's name, the edition, the date of the build and where the facts
  come from, with the site's address when it is built for publishing (SITE_URL);
- the edition's own title, which Chromium writes into the PDF's metadata (the plugin's is
  "Print Site - …");
- page footers in the edition's language (the plugin's say "Page" in every edition), in a
  stylesheet written beside the page;
- nothing interactive on paper: buttons, permalinks and language links are hidden (the
  rules are in overrides/assets/stylesheets/extra.css, under #print-site-page).

Every word comes from data/interface.yml (print_*), the date of the build from
SOURCE_DATE_EPOCH when it is set (make sets it from the last commit), so builds repeat.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

from sitelib.build import printing as enabled
from sitelib.dates import format_date

STYLESHEET = "assets/stylesheets/print-copy.css"
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_CONTENT = re.compile(r'<div id="print-site-page"[^>]*>')


def built_on() -> dt.date:
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date() if stamp else dt.date.today()


def css_content(pattern: str) -> str:
    """'第 {page} 页' as CSS generated content: "第 " counter(page) " 页"."""
    before, _, after = pattern.partition("{page}")
    parts = [f'"{before}"' if before else "", "counter(page)", f'"{after}"' if after else ""]
    return " ".join(part for part in parts if part)


def cover(config, words) -> str:
    day = built_on()
    date = format_date({"when": (day.year, day.month, day.day)}, words)
    lines = [
        f'<h1 class="cb-cover__title">{html.escape(config.site_name)}</h1>',
        f'<p class="cb-cover__edition">{html.escape(words["print_edition"])}</p>',
        f'<p>{html.escape(words.format("print_built", date=date))}</p>',
        f'<p>{html.escape(words["credit_text"])}</p>',
        f'<p>{html.escape(words["print_sources"])}</p>',
    ]
    if os.environ.get("SITE_URL"):  # the published address; a local build has none
        lines.append(f'<p>{html.escape(words.format("print_online", url=config.site_url))}</p>')
    return '<section class="cb-cover">' + "".join(lines) + "</section>"


def on_post_build(config):
    if not enabled(config):
        return
    page = Path(config.site_dir) / "print_page" / "index.html"
    if not page.exists():
        return
    words = config.extra["words"]
    text = page.read_text(encoding="utf-8")
    title = words.format("print_title", site=config.site_name, edition=words["print_edition"])
    text = _TITLE.sub(f"<title>{html.escape(title)}</title>", text, count=1)
    text = _CONTENT.sub(lambda m: m.group(0) + cover(config, words), text, count=1)
    text = text.replace("</head>", f'<link rel="stylesheet" href="../{STYLESHEET}">\n</head>', 1)
    page.write_text(text, encoding="utf-8")
    footer = css_content(words["print_page_number"])
    (Path(config.site_dir) / STYLESHEET).write_text(
        f"@page {{ @bottom-right {{ content: {footer}; }} }}\n"
        "@page :first { @bottom-center { content: none; } @bottom-right { content: none; } }\n",
        encoding="utf-8")
