"""The one parser of the pages' shortcodes, written as HTML comments so that they vanish
in a raw Markdown preview: <!-- site:NAME --> or <!-- site:NAME ARG -->.

Each hook passes the shortcodes it renders as handlers, name -> handler(arg), where arg is
None when the shortcode has none and the handler returns None for an argument it does not
know. The hook that runs last (site_data) is strict: a shortcode nobody rendered stops the
build with the page and the shortcode.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from .errors import DataError

PATTERN = re.compile(r"<!--\s*site:([\w-]+)(?:\s+([\w-]+))?\s*-->")
Handler = Callable[[Optional[str]], Optional[str]]


def block(render: Callable[[], str]) -> Handler:
    """A shortcode that takes no argument (<!-- site:timeline -->)."""
    return lambda arg: render() if arg is None else None


def keyed(known, render: Callable[[str], str]) -> Handler:
    """A shortcode whose argument must be one of `known` (<!-- site:fact ID -->)."""
    return lambda arg: render(arg) if arg is not None and arg in known else None


def expand(markdown: str, handlers: dict[str, Handler], where: str, *, strict: bool = True) -> str:
    """The Markdown with its shortcodes rendered. Twice: a block may hold inline shortcodes
    (a timeline entry quoting a figure). Strict, an unknown shortcode stops the build."""
    def one(match: re.Match) -> str:
        name, arg = match.groups()
        text = handlers[name](arg) if name in handlers else None
        if text is not None:
            return text
        if strict or name in handlers:
            raise DataError(f"{where}: unknown shortcode {match.group(0)!r}")
        return match.group(0)  # another hook's

    return PATTERN.sub(one, PATTERN.sub(one, markdown))
