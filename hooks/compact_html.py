"""Each built page without the theme's runs of blank lines and indents.

Material's templates leave every page with hundreds of indented blank lines; a run of
white space that holds a line break becomes that one line break, which the browser renders
the same, and a cold page on a phone is about 0.7 KB lighter (gzip), toward the 80 KB
budget (scripts/page_weight.py). The text of <pre>, <textarea> and <script> is kept as
written: a code block's lines, and the inline scripts whose hashes the
Content-Security-Policy names (hooks/publish.py). Last of the page hooks, after every other
hook has read the theme's output as it writes it.

The data-search-exclude marks go too: the search plugin has read them when it indexed the
page (on_page_context), and no reader or style needs them.
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

_KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_BREAKS = re.compile(r"[ \t]*\n\s*")
_SEARCH_MARK = re.compile(r"(<[a-z][\w-]*\b[^<>]*?)\s+data-search-exclude(?=[\s>])")


def compact(html: str) -> str:
    """The page with each white-space run that holds a line break written as one break,
    outside <pre>, <textarea> and <script>."""
    parts = _KEPT.split(html)
    # split() gives text, then each kept element and its tag name, in turn
    return "".join(part if i % 3 else _SEARCH_MARK.sub(r"\1", _BREAKS.sub("\n", part))
                   for i, part in enumerate(parts) if i % 3 != 2)


@event_priority(-100)
def on_post_page(output, page, config):
    return compact(output)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    return compact(output_content) if template_name.endswith(".html") else output_content
