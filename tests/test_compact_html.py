"""The built pages without the templates' blank runs (hooks/compact_html.py)."""
from __future__ import annotations

import re

import pytest

from compact_html import compact
from conftest import EDITIONS, PAGES, built


def test_white_space_with_a_line_break_becomes_one_break_outside_pre_and_scripts():
    page = ('<div>\n\n    <p>One  two</p>\n      \n</div><pre><code>a\n\n    b</code></pre>'
            '<script>var a = "x\n\n   y";</script><textarea>\n\n t</textarea>')
    assert compact(page) == ('<div>\n<p>One  two</p>\n</div><pre><code>a\n\n    b</code></pre>'
                             '<script>var a = "x\n\n   y";</script><textarea>\n\n t</textarea>')


def test_the_search_marks_go_once_the_index_is_made():
    assert compact('<span class="cb-cite" data-search-exclude>x</span><p data-search-exclude>y</p>') \
        == '<span class="cb-cite">x</span><p>y</p>'
    assert compact("<pre>data-search-exclude</pre>") == "<pre>data-search-exclude</pre>"


@pytest.mark.parametrize("lang, md", PAGES)
def test_built_pages_have_no_blank_runs_and_no_search_marks(site, lang, md):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|script|textarea)\b.*?</\1>", "<kept/>", html, flags=re.S)
    assert not re.search(r"\n\s*\n", outside)
    assert "data-search-exclude" not in outside
    assert "\u00a0" not in re.findall(r"\n\s*", outside)  # no-break spaces are text, kept


def test_the_search_index_still_leaves_out_what_was_marked(site):
    """The marks were read before they went: the Sources lists are not in the index."""
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    used_on = EDITIONS["en"]["words"]["used_on"].split("{pages}")[0].strip()
    assert used_on not in index
