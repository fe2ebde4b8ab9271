"""The one error a bad input raises: MkDocs stops the build and prints its message
(no traceback), which names the file, the entry and the field."""
from __future__ import annotations

from typing import NoReturn

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    """A data file, a page's front matter or a shortcode is wrong; the message says where."""


def fail(where: str, entry, field: str, problem: str) -> NoReturn:
    raise DataError(f"{where}: entry {entry!r}, field {field!r}: {problem}")
