"""The site's editions, listed once in `extra.editions` of mkdocs.yml, and the loader that
reads a configuration as MkDocs does (INHERIT and !ENV resolved).

The first edition is built from mkdocs.yml at the site root; every other from
mkdocs.<lang>.yml into its `path` (zh/). Hooks read the list from their config; the
tests, the scripts (scripts/editions.py for the Makefile) and this module read it here.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from .errors import DataError

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("lang", "hreflang", "locale", "name", "path")
# Optional: the characters at which this edition's search splits words beyond the shared
# separator (plugins.search.separator of mkdocs.yml), such as the apostrophe in French.
SEPARATORS = "search_separators"
_CLASS = re.compile(r"^\[((?:\\.|[^\]\\])*)\]")


def load_config(path: Path) -> dict:
    """A configuration file as MkDocs reads it: INHERIT merged, !ENV resolved."""
    with open(path, "rb") as handle:
        return yaml_load(handle)


def check(editions) -> list[dict]:
    """extra.editions, each with every field; the first at the site root."""
    if not isinstance(editions, list) or not editions:
        raise DataError("mkdocs.yml: extra.editions must list the editions")
    for number, edition in enumerate(editions):
        key = edition.get("lang", f"#{number + 1}") if isinstance(edition, dict) else f"#{number + 1}"
        for field in FIELDS:
            if not isinstance(edition, dict) or not isinstance(edition.get(field), str):
                raise DataError(f"mkdocs.yml: extra.editions, entry {key!r}, field {field!r}: is required")
        if (edition["path"] == "") != (number == 0) or not (number == 0 or edition["path"].endswith("/")):
            raise DataError(f"mkdocs.yml: extra.editions, entry {key!r}, field 'path': the first "
                            "edition is at the site root (''), each other in a folder ('zh/')")
    return editions


def _escaped(char: str) -> str:
    if char in "\\]^-[":
        return "\\" + char
    if unicodedata.category(char)[0] in "ZC" and char != " ":  # invisible: U+200B, U+3000
        return f"\\u{ord(char):04x}"
    return char


def separator(shared: str, edition: dict) -> str:
    """The shared search separator with the edition's own characters added to its first
    character class ('[\\s\\-]+|…' and "’«»" give '[\\s\\-’«»]+|…')."""
    extra = edition.get(SEPARATORS) or ""
    if not isinstance(extra, str):
        raise DataError(f"mkdocs.yml: extra.editions, entry {edition.get('lang')!r}, field "
                        f"{SEPARATORS!r}: must be a text of characters")
    if not extra:
        return shared
    match = _CLASS.match(shared or "")
    if not match:
        raise DataError(f"mkdocs.yml: plugins.search.separator {shared!r} must start with a "
                        f"character class ([…]) for {SEPARATORS!r} to add to")
    added = "".join(_escaped(c) for c in dict.fromkeys(extra) if c not in match.group(1))
    return shared[:match.end(1)] + added + shared[match.end(1):]


def config_file(edition: dict) -> str:
    return "mkdocs.yml" if edition["path"] == "" else f"mkdocs.{edition['lang']}.yml"


def editions(root: Path = ROOT) -> list[dict]:
    """Each edition with the name of its config file ('config')."""
    listed = check(load_config(root / "mkdocs.yml").get("extra", {}).get("editions"))
    return [{**edition, "config": config_file(edition)} for edition in listed]


def nav_pages(nav) -> list[str]:
    """The pages of a nav (mkdocs.yml), in its order."""
    pages = []
    for item in nav or []:
        for value in (item.values() if isinstance(item, dict) else [item]):
            pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def nav_section(nav, title: str) -> list[str]:
    """The pages of one section of a nav, named by its entry (nav_topics)."""
    for item in nav or []:
        if isinstance(item, dict) and title in item:
            return nav_pages(item[title])
        if isinstance(item, dict) and isinstance(next(iter(item.values())), list):
            found = nav_section(next(iter(item.values())), title)
            if found:
                return found
    return []
