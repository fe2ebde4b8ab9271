"""When a page's content last changed, from git: the page file's last commit (the
git-revision-date-localized plugin reads it), and the last commit that changed each data
entry the page shows (git blame of the committed data files, here).

A page shows data through its shortcodes (sitelib/shortcodes.py) and its Sources section
(front matter `sources:`). DEPENDS says what each shortcode shows: an entry of a data file
(`<!-- site:fact ID -->`: the entry ID of data/facts.yml), or a whole file (`<!-- site:timeline
-->`). An entry that itself holds shortcodes (a timeline note quoting a figure) or names an
event (a figure that is an event's date) shows those too. A shortcode not listed here shows
no data (the downloads of make publish, for instance).

Only committed history counts (HEAD), as for the plugin, so two builds of one commit give
the same dates; without git (a copy of the project), there are no dates here and the
caller falls back to the build's date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
from pathlib import Path

import yaml

from .shortcodes import PATTERN

# shortcode -> (file, True when its argument names an entry of the file); {lang} is the edition's.
DEPENDS = {
    "fact": ("data/facts.yml", True),
    "date": ("data/timeline.yml", True),
    "trade": ("data/trade.csv", True),
    "cite": ("data/sources.yml", True),
    "timeline": ("data/timeline.yml", False),
    "key-figures": ("data/facts.yml", False),
    "trade-chart": ("data/trade.csv", False),
    "trade-table": ("data/trade.csv", False),
    "sources": ("data/sources.yml", False),
    "tonnage": ("data/tonnage.yml", False),
    "glossary": ("includes/abbreviations.{lang}.md", False),
    "map": ("includes/maps/{arg}.{lang}.svg", False),
    "downloads": ("data/{arg}.*", False),
    "changes": ("data/changes.yml", False),
}
_EVENT = re.compile(r"^\s*event:\s*([\w-]+)\s*$", re.M)


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              check=True, encoding="utf-8").stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def _day(stamp: str | int) -> dt.date:
    return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date()


@functools.lru_cache(maxsize=None)
def file_date(root: Path, path: str) -> dt.date | None:
    """The day of the last commit (author date, UTC) that changed `path` (a glob allowed)."""
    out = _git(root, "log", "-1", "--format=%at", "--", path)
    return _day(out.strip()) if out and out.strip() else None


def _spans(path: str, text: str) -> dict[str, tuple[int, int]]:
    """key -> (first line, line after the last) of each entry of the committed file: a
    top-level key (sources.yml), a list item's id (facts.yml) or a CSV row's first field."""
    lines = text.splitlines()
    starts: list[tuple[str, int]] = []
    if path.endswith(".csv"):
        starts = [(line.split(",", 1)[0], number) for number, line in enumerate(lines) if number and line]
    elif path.endswith(".yml"):
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if isinstance(node, yaml.MappingNode):
            starts = [(key.value, key.start_mark.line) for key, _ in node.value]
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                ident = next((v.value for k, v in getattr(item, "value", [])
                              if isinstance(v, yaml.ScalarNode) and k.value == "id"), None)
                if ident:
                    starts.append((ident, item.start_mark.line))
    ends = [line for _, line in starts[1:]] + [len(lines)]
    return {key: (first, end) for (key, first), end in zip(starts, ends)}


@functools.lru_cache(maxsize=None)
def entries(root: Path, path: str) -> dict[str, tuple[dt.date, str]]:
    """key -> (day of the last commit that changed a line of the entry, its committed
    text), for each entry of a data file as committed at HEAD; whitespace-only changes
    do not count. Empty without git or when the file is not committed."""
    text = _git(root, "show", f"HEAD:{path}")
    blame = _git(root, "blame", "-w", "--line-porcelain", "HEAD", "--", path)
    if text is None or blame is None:
        return {}
    times, current = [], "0"
    for line in blame.splitlines():
        if line.startswith("author-time "):
            current = line.split()[1]
        elif line.startswith("\t"):
            times.append(int(current))
    lines = text.splitlines()
    return {key: (_day(max(times[first:end])), "\n".join(lines[first:end]))
            for key, (first, end) in _spans(path, text).items() if times[first:end]}


def _shown(root: Path, lang: str, name: str, arg: str | None, depth: int = 0):
    """The dates of what one shortcode shows, and of what that holds in turn."""
    if name not in DEPENDS or depth > 5:
        return
    path, keyed = DEPENDS[name]
    path = path.format(lang=lang, arg=arg or "")
    if not keyed:
        yield file_date(root, path)
        return
    entry = entries(root, path).get(arg or "")
    if entry:
        day, text = entry
        yield day
        for inner, inner_arg in PATTERN.findall(text):
            yield from _shown(root, lang, inner, inner_arg or None, depth + 1)
        for event in _EVENT.findall(text):
            yield from _shown(root, lang, "date", event, depth + 1)


def data_date(root: Path, lang: str, markdown: str, sources=()) -> dt.date | None:
    """The last day any data a page shows changed: its shortcodes' entries and files, and
    the entries of data/sources.yml its Sources section lists."""
    days = [day for name, arg in PATTERN.findall(markdown) for day in _shown(root, lang, name, arg or None)]
    days += [day for source in sources for day in _shown(root, lang, "cite", source)]
    days = [day for day in days if day]
    return max(days) if days else None
