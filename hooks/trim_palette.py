"""The theme's palette stylesheet with only the colours this site uses.

Material's palette.css holds its dark scheme (slate) and the rules of each of its named
primary and accent colours (red, pink, indigo …: half its 2 KB gzip). The site sets its
own colours (primary and accent `custom`, in extra.css), so every rule that only one of
the named colours would use is removed from the built file, which keeps its name; what
remains is the theme's own text, so nothing is copied by hand and nothing drifts when the
theme changes. About 1 KB less on every cold page (gzip), toward the 80 KB budget.
Before hooks/shared_assets.py, which then finds the same bytes in every edition.
"""
from __future__ import annotations

import re
from pathlib import Path

from sitelib.errors import DataError

_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")


def _blocks(css: str) -> list[str]:
    """The top-level rules and at-rules of a stylesheet, as written."""
    blocks, depth, start = [], 0, 0
    for i, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start:i + 1])
                start = i + 1
    return blocks


def _unused(selectors: str, used: set[str]) -> bool:
    """True when every selector of the list names a colour the site does not use."""
    return all(any(value not in used for _, value in _COLOUR.findall(one)) and _COLOUR.search(one)
               for one in selectors.split(","))


def trim(css: str, used: set[str]) -> str:
    kept = []
    for block in _blocks(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        head, _, body = block.partition("{")
        if head.lstrip().startswith("@media"):
            inner = [rule for rule in _blocks(body[:-1]) if not _unused(rule.partition("{")[0], used)]
            if inner:
                kept.append(head + "{" + "".join(inner) + "}")
        elif not _unused(head, used):
            kept.append(block)
    return "".join(kept) + "\n"


def on_post_build(config):
    palette = config.theme["palette"]
    schemes = palette if isinstance(palette, list) else [palette]
    used = {str(scheme.get(key)) for scheme in schemes for key in ("primary", "accent")}
    found = list(Path(config.site_dir, "assets", "stylesheets").glob("palette.*.min.css"))
    if len(found) != 1:
        raise DataError(f"hooks/trim_palette.py: expected one palette stylesheet, found {len(found)}")
    path = found[0]
    before = path.read_text(encoding="utf-8")
    after = trim(before, used)
    if "[data-md-color-scheme=slate]" not in after:
        raise DataError("hooks/trim_palette.py: the theme's dark scheme is gone from palette.css; "
                        "read the theme's new stylesheet and adjust the trimming")
    path.write_text(after, encoding="utf-8")
