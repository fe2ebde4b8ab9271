"""What's new: the changes of data/changes.yml that concern this edition, newest first,

- as a list on the What's new page, where it writes <!-- site:changes -->: the day (as the
  edition writes dates), the kind (a correction says so), the text and links to the pages;
- as an Atom feed at the edition's root (feed.xml), one entry per change, dated, its kind
  as a category (corrections labelled as such in the title too), linked to its first
  page; overrides/main.html links it from every page's head.

Every word comes from data/interface.yml (change_*, feed_*); a change's figures and dates
come from data/ through the same shortcodes as the pages'. The feed is dated by its
newest entry, not by the build, so builds repeat.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sitelib.changes import load_changes
from sitelib.data import load_all
from sitelib.dates import format_date
from sitelib.files import page_title
from sitelib.render import inline
from sitelib.shortcodes import block, expand

FEED = "feed.xml"
STATE: dict = {}


def _day(words, day) -> str:
    return format_date({"when": (day.year, day.month, day.day)}, words)


def on_config(config):
    root = Path(config.config_file_path).parent
    langs = [edition["lang"] for edition in config.extra["editions"]]
    docs = Path(config.docs_dir)
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    # A figure or a date in a change is written once, in data/ (<!-- site:fact ID -->,
    # <!-- site:date ID -->), and shown as the pages show it, in the list and in the feed.
    handlers = inline(load_all(root, config.theme["language"]))
    STATE["changes"] = [{**change, "text": expand(change["text"], handlers, f"changes.yml: {change['id']}")}
                        for change in load_changes(root, config.theme["language"], langs, pages)]
    # For the link in every page's head (overrides/main.html)
    config.extra["feed"] = {"path": FEED, "title": config.extra["words"].format("feed_title", site=config.site_name)}


def on_files(files, config):
    """Note every page's title (its H1) and address; add the feed."""
    STATE["titles"] = {}
    for file in files.documentation_pages():
        STATE["titles"][file.src_uri] = page_title(file.content_string) or file.src_uri
    STATE["urls"] = {file.src_uri: config.site_url + ("" if file.url == "./" else file.url)
                     for file in files.documentation_pages()}
    files.append(File.generated(config, FEED, content=feed(config)))
    return files


def listing(config) -> str:
    words = config.extra["words"]
    # The list is out of search: it repeats the titles of the pages it links and the words
    # of their changes, which those pages answer; the page's own text and the feed link stay.
    lines = ['<div class="cb-changes" data-search-exclude markdown>', ""]
    for change in STATE["changes"]:
        links = words["list_separator"].join(f"[{STATE['titles'][page]}]({page})" for page in change["pages"])
        date = f'<time datetime="{change["date"].isoformat()}">{_day(words, change["date"])}</time>'
        lines.append("- " + words.format("change_line", date=date, kind=words[f"change_{change['kind'].replace('-', '_')}"],
                                         text=change["text"], pages=links))
    lines += ["", "</div>", ""]
    lines.append(f"[{words['feed_link']}]({FEED})")
    return "\n".join(lines) + "\n"


@event_priority(10)  # before hooks/site_data.py, which stops at a shortcode it does not know
def on_page_markdown(markdown, page, config, files):
    return expand(markdown, {"changes": block(lambda: listing(config))}, page.file.src_uri, strict=False)


def _plain(markdown: str) -> str:
    """A change's text without its Markdown (links keep their words)."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown).replace("**", "").replace("`", "")


def feed(config) -> str:
    words = config.extra["words"]
    edition = config.extra["edition"]
    self_url = config.site_url + FEED
    title = words.format("feed_title", site=config.site_name)
    changes = STATE["changes"]
    page_url = STATE["urls"].get("whats-new.md", config.site_url)
    entries = []
    for change in changes:
        kind = words[f"change_{change['kind'].replace('-', '_')}"]
        pages = words["list_separator"].join(STATE["titles"][page] for page in change["pages"])
        stamp = change["date"].isoformat() + "T00:00:00Z"
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(page_url)}#{change['id']}</id>\n"
            f"    <title>{escape(words.format('feed_entry', kind=kind, pages=pages))}</title>\n"
            f"    <updated>{stamp}</updated>\n"
            f"    <published>{stamp}</published>\n"
            f"    <link rel=\"alternate\" href={quoteattr(STATE['urls'][change['pages'][0]])}/>\n"
            f"    <category term=\"{change['kind']}\" label={quoteattr(kind)}/>\n"
            f"    <summary type=\"text\">{escape(_plain(change['text']))}</summary>\n"
            "  </entry>\n")
    updated = (changes[0]["date"].isoformat() if changes else "1970-01-01") + "T00:00:00Z"
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{edition["hreflang"]}">\n'
            f"  <id>{escape(self_url)}</id>\n"
            f"  <title>{escape(title)}</title>\n"
            f"  <updated>{updated}</updated>\n"
            f"  <author><name>{escape(config.site_name)}</name></author>\n"
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>\n'
            f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>\n'
            + "".join(entries) + "</feed>\n")
