"""The foot of every page: when its content last changed, and how to cite it.

- Last updated: the latest of the page file's last commit (the git-revision-date-localized
  plugin), the last commits that changed the data the page shows (sitelib/history.py)
  and the changes data/changes.yml lists for it; written as the edition writes dates.
  Without git history (a copy of the project) the build's date stands in.
- Cite this page: a reference in the edition's conventions (cite_page in
  data/interface.yml): the page's title, the site, the edition, the date above and the
  page's canonical address; the reader adds the date they read it. It is a code block,
  so the theme's copy button (content.code.copy) copies it.

Both are added to the page's HTML before the print-site plugin takes it (a higher event
priority), so the PDF carries them too, and kept out of the search index.
"""
from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

from sitelib.changes import load_changes
from sitelib.dates import format_date
from sitelib.files import page_title
from sitelib.history import data_date

PLUGIN = "git-revision-date-localized"
CHANGES: dict = {}  # page file name -> the latest day data/changes.yml names it


def build_day() -> dt.date:
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date() if stamp else dt.date.today()


def on_config(config):
    CHANGES.clear()
    root = Path(config.config_file_path).parent
    langs = [edition["lang"] for edition in config.extra["editions"]]
    docs = Path(config.docs_dir)
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    for change in load_changes(root, config.theme["language"], langs, pages):
        for page in change["pages"]:
            CHANGES[page] = max(CHANGES.get(page, change["date"]), change["date"])


def updated(page, config) -> dt.date:
    """The day the page's content last changed."""
    root = Path(config.config_file_path).parent
    days = []
    if page.meta.get(f"{PLUGIN.replace('-', '_')}_hash"):  # the plugin found a commit
        days.append(dt.date.fromisoformat(page.meta[f"{PLUGIN.replace('-', '_')}_raw_iso_date"]))
    markdown, _ = get_data(page.file.content_string)
    # The Sources section, where the page has one, shows the titles of its sources
    # (data/pages.yml, put in page.meta by hooks/site_data.py, which runs first).
    listed = (page.meta.get("sources") or ()) if page.meta.get("sources_section", True) else ()
    days.append(data_date(root, config.theme["language"], markdown, listed))
    days.append(CHANGES.get(page.file.src_uri))
    days = [day for day in days if day]
    return max(days) if days else build_day()


def title(page) -> str:
    """The page's own title (its H1; the nav may name it otherwise: Overview)."""
    return page_title(page.file.content_string) or page.title


def block(page, config, day: dt.date) -> str:
    words = config.extra["words"]
    date = format_date({"when": (day.year, day.month, day.day)}, words)
    reference = words.format("cite_page", title=title(page), site=config.site_name,
                             edition=words["print_edition"], date=date, iso=day.isoformat(),
                             url=page.canonical_url)
    line = html.escape(words["last_updated"]).replace(
        "{date}", f'<time datetime="{day.isoformat()}">{html.escape(date)}</time>')
    return (f'<aside class="cb-page-info" aria-label="{html.escape(words["page_info_label"])}" data-search-exclude>'
            f'<p class="cb-updated">{line}</p>'
            f'<h2 class="cb-cite__title">{html.escape(words["cite_heading"])}</h2>'
            f'<p>{html.escape(words["cite_hint"])}</p>'
            f'<pre class="cb-cite"><code>{html.escape(reference)}</code></pre>'
            "</aside>")


@event_priority(50)  # before print-site keeps the page's HTML for the PDF
def on_page_content(html_text, page, config, files):
    day = updated(page, config)
    page.meta["updated"] = day.isoformat()
    return html_text + block(page, config, day)
