"""The fixes to the theme's output (hooks/theme_fixes.py): each one applies to the output
it names, and a theme that no longer writes that output stops the build naming the fix
(the strict build of the session shows that every fix finds the pinned theme's output)."""
from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

import theme_fixes
from conftest import EDITIONS, FIRST, built

# The theme's output as each fix expects it, in a page as the pinned theme writes it.
THEME = {
    "no autocomplete on checkboxes (valid HTML)":
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    "no empty tabindex on section labels (valid HTML)":
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">',
    "the search dialog named by its field (axe: aria-dialog-name)":
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<input type="text" class="md-search__input" name="query" aria-label="Search">',
    "the breadcrumbs named apart from the main navigation (axe: landmark-unique)":
        '<nav class="md-path" aria-label="Navigation">',
}


def test_every_fix_is_shown_here():
    assert set(THEME) == {purpose for purpose, *_ in theme_fixes.FIXES}


def test_each_fix_applies_to_the_themes_output():
    words = EDITIONS[FIRST]["words"]
    theme_fixes.FOUND.clear()
    fixed = theme_fixes.fix("".join(THEME.values()), words)
    theme_fixes.check_found()
    assert 'autocomplete="off"' not in fixed and 'tabindex=""' not in fixed
    assert 'role="dialog" aria-label="Search">' in fixed
    assert f'<nav class="md-path" aria-label="{words["breadcrumbs"]}">' in fixed


@pytest.mark.parametrize("purpose", THEME)
def test_a_fix_that_finds_nothing_stops_the_build_naming_it(purpose):
    theme_fixes.FOUND.clear()
    theme_fixes.fix("".join(html for name, html in THEME.items() if name != purpose),
                    EDITIONS[FIRST]["words"])
    with pytest.raises(PluginError, match=re.escape(f"'{purpose}'")) as error:
        theme_fixes.check_found()
    assert all(f"'{other}'" not in str(error.value) for other in THEME if other != purpose)


def test_the_built_pages_hold_none_of_the_output_the_fixes_replace(site):
    html = (site / built(FIRST, "trade.md")).read_text(encoding="utf-8")
    for purpose, pattern, *_ in theme_fixes.FIXES:
        if "named" not in purpose:  # the naming fixes leave a pattern that still matches
            assert not pattern.search(html), purpose
