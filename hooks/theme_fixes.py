"""Small fixes to the theme's output: valid, accessible pages and lighter stylesheets.

- Material writes autocomplete="off" on its drawer and search checkboxes; the attribute
  is only valid on text-like inputs (Nu HTML Checker error).
- It writes tabindex="" on section labels that should carry no tabindex at all (error).
- Its search dialog (role="dialog") has no accessible name (axe: aria-dialog-name); it
  gets the label of its own search field, so it is named in every language.
- It names the breadcrumbs (navigation.path) "Navigation", like the main navigation, so
  two landmarks share a name (axe: landmark-unique); they get the entry `breadcrumbs`
  of data/interface.yml.
- Python-Markdown's table of contents collapses every space of a heading, no-break
  spaces included (str.split), so the sidebar's « pont du Nord » lost the spaces French
  sets inside guillemets; each entry gets its heading's own spaces back.
- Our stylesheets (extra_css) are written with comments for editors; every page loads
  them, so the built copies lose the comments and the indentation.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s*\n\s*")
_SEARCH_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*aria-label="([^"]+)"')
_BREADCRUMBS = re.compile(r'(<nav class="md-path" aria-label=")[^"]*(")')
_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)


def _dialog(match: re.Match, html: str, words) -> str:
    label = _SEARCH_LABEL.search(html)
    return match.group(1) + (f' aria-label="{label.group(1)}"' if label else "") + match.group(2)


# Each fix: what it is for, the theme's output it expects, what it writes instead, and how
# many times a page may hold that output (None: any number). Every fix must find its
# output somewhere in the build, or the build stops naming it: the theme changed, so read
# its new output and adjust the pattern (tests/test_theme_fixes.py breaks each one).
FIXES = [
    ("no autocomplete on checkboxes (valid HTML)",
     re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"'),
     lambda m, html, words: m.group(1), None),
    ("no empty tabindex on section labels (valid HTML)",
     re.compile(r'\s+tabindex=""'), lambda m, html, words: "", None),
    ("the search dialog named by its field (axe: aria-dialog-name)",
     re.compile(r'(<div class="md-search"[^>]*role="dialog")(>)'), _dialog, 1),
    ("the breadcrumbs named apart from the main navigation (axe: landmark-unique)",
     re.compile(r'(<nav class="md-path" aria-label=")[^"]*(")'),
     lambda m, html, words: m.group(1) + words["breadcrumbs"] + m.group(2), 1),
]
FOUND: dict[str, int] = {}  # fix -> how many times this build applied it


def fix(html: str, words, where: str = "a page") -> str:
    for purpose, pattern, replace, most in FIXES:
        original = html
        html, count = pattern.subn(lambda m: replace(m, original, words), html)
        if most is not None and count > most:
            raise PluginError(f"theme fix '{purpose}' (hooks/theme_fixes.py): {where} holds the "
                              f"theme's output {count} times, not at most {most}")
        FOUND[purpose] = FOUND.get(purpose, 0) + count
    return html


def check_found():
    """Every fix found the theme output it fixes, somewhere in the build."""
    missing = [purpose for purpose, *_ in FIXES if not FOUND.get(purpose)]
    if missing:
        raise PluginError("theme fixes (hooks/theme_fixes.py) that found nothing to fix, so the "
                          "theme's output changed: " + "; ".join(f"'{m}'" for m in missing)
                          + ". Read the theme's new output and adjust the pattern.")


def on_config(config):
    FOUND.clear()


def toc_with_heading_spaces(html: str, toc) -> None:
    """Give each entry of `toc` its heading's text as written, where the two differ only
    in their spaces (a no-break space that the table of contents made ordinary)."""
    texts = {}
    for _, anchor, inner in _HEADING.findall(html):
        text = re.sub(r"<[^>]+>", "", _HEADERLINK.sub("", inner))
        texts[anchor] = re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")
    for item in toc:
        text = texts.get(item.id)
        if text and text != item.title and " ".join(text.split()) == " ".join(item.title.split()):
            item.title = text
        toc_with_heading_spaces(html, item.children)


def on_page_content(html, page, config, files):
    toc_with_heading_spaces(html, page.toc)
    return html


def on_post_page(output, page, config):
    return fix(output, config.extra["words"], page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return fix(output_content, config.extra["words"], template_name)


def on_post_build(config):
    check_found()
    for stylesheet in config.extra_css:
        path = Path(config.site_dir) / stylesheet
        if path.exists():
            css = _CSS_SPACE.sub("\n", _CSS_COMMENT.sub("", path.read_text(encoding="utf-8")))
            path.write_text(css.strip() + "\n", encoding="utf-8")
