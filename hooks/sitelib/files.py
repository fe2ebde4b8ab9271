"""Reading the data files: YAML as written, and any unreadable file as a DataError.

Dates stay text (YAML would turn 2019-03-02 into a date, and 2019-13-45 into a crash), so
the loader checks them with the entry's name; a key given twice, which YAML would
silently let the second win, stops the build too.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import DataError, fail

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from None


def _id(node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


def _keys_twice(node, path=()):
    """(keys down to the mapping, key, first line, second line) for every key written twice
    in a mapping at or below node; a list's items are named by their id."""
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in seen:
                yield path, key, seen[key], line
            seen.setdefault(key, line)
            yield from _keys_twice(value, path + (key,))
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value, 1):
            yield from _keys_twice(item, path + (_id(item) or f"#{number}",))


def read_yaml(path: Path):
    """The file's data, or a DataError naming the file (and the line YAML stopped at)."""
    loader = _Loader(read_text(path))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        for keys, key, first, second in _keys_twice(node):
            # A key of the top mapping is an entry's id; below, the entry's first key is its field.
            entry, field = (key, "id") if not keys else (keys[0], keys[1] if len(keys) > 1 else key)
            fail(path.name, entry, field, f"{key!r} is given twice (lines {first} and {second})")
        return loader.construct_document(node)
    except yaml.YAMLError as err:
        raise DataError(f"{path.name}: cannot be read: {err}") from None
    finally:
        loader.dispose()


_H1 = re.compile(r"^# (.+?)(?:\s*\{.*\})?\s*$", re.M)


def page_title(content: str) -> str | None:
    """A page's own title, from its Markdown file's text: `title` in its front matter, or
    its H1 without attributes (the nav may name the page otherwise: Overview)."""
    from mkdocs.utils.meta import get_data  # MkDocs' own front-matter reader

    markdown, meta = get_data(content)
    heading = _H1.search(markdown)
    return meta.get("title") or (heading.group(1) if heading else None)
