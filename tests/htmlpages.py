"""Reads built HTML pages into simple structures the tests can query."""
from __future__ import annotations

from dataclasses import dataclass, field
import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path


def collapse(text: str) -> str:
    """Runs of spaces and line breaks as one space, as a browser shows them; no-break
    spaces (French writes one before : and between thousands) stay."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Page:
    path: Path
    title: str = ""
    meta: dict = field(default_factory=dict)
    ids: set = field(default_factory=set)
    tags: list = field(default_factory=list)  # (tag, attrs) in document order
    h1: list = field(default_factory=list)
    text_of: dict = field(default_factory=dict)  # id -> text inside the element


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []  # open tags we collect text for
        self.buffers: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.page.tags.append((tag, attrs))
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.page.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        key = {"title": "title", "h1": "h1"}.get(tag)
        if tag not in VOID and (key or "id" in attrs):
            marker = key or f"#{attrs['id']}"
            self.buffers[marker] = []
            self.stack.append((tag, marker))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                marker = self.stack.pop(index)[1]
                text = collapse("".join(self.buffers.pop(marker)))
                if marker == "title":
                    self.page.title = self.page.title or text  # <head> first, not SVG titles
                elif marker == "h1":
                    self.page.h1.append(text)
                else:
                    self.page.text_of[marker[1:]] = text
                break

    def handle_data(self, data):
        for _, marker in self.stack:
            self.buffers[marker].append(data)


def read(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    return page


def all_pages(site: Path) -> dict[str, Page]:
    """Every HTML file, keyed by its path relative to the site ('trade/index.html')."""
    return {p.relative_to(site).as_posix(): read(p) for p in sorted(site.rglob("*.html"))}


def download_links(site: Path, page_path: str) -> list[tuple[str, str]]:
    """A page's download links as (href, the file below `site` it points to)."""
    base = posixpath.dirname(page_path)
    return [(attrs["href"], posixpath.normpath(posixpath.join(base, attrs["href"])))
            for tag, attrs in read(site / page_path).tags if tag == "a" and "download" in attrs]


def image_words(site: Path, page_path: str) -> list[str]:
    """The words drawn in the SVG images a page shows from the site (the maps' labels),
    each file once: they are the page's text for a reader, though not in its HTML."""
    base = posixpath.dirname(page_path)
    words, seen = [], set()
    for tag, attrs in read(site / page_path).tags:
        src = attrs.get("src", "").split("#")[0] if tag == "img" else ""
        if not src.endswith(".svg") or "//" in src or src.startswith("data:"):
            continue
        target = posixpath.normpath(posixpath.join(base, src))
        if target not in seen and (site / target).is_file():
            seen.add(target)
            svg = (site / target).read_text(encoding="utf-8")
            words += [collapse(unescape(w)) for w in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]
    return words

