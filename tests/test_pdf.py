"""The PDFs (make pdf, run by make publish): one per edition, with a title page, its own
title, footers in its language, its contents title, every page's title and the key
figures, the chart, the maps, no download buttons and no missing glyph."""
from __future__ import annotations

import re
import unicodedata
from html import unescape

import pytest
from pypdf import PdfReader

from conftest import EDITIONS, ROOT, heading
from sitelib import maps
from sitelib.build import PDF_SITE, pdf_name
from sitelib.dates import capitalised

pytestmark = pytest.mark.browser  # make publish prints them with Chromium


def _flat(text: str) -> str:
    # Noto CJK maps some characters to compatibility forms (⽐ for 比): NFKC undoes it;
    # extraction spaces CJK and Latin apart, so spaces are left out of the comparison.
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pattern(text: str) -> re.Pattern:
    """The text as extracted: a CJK character may also come out as a form from the CJK
    Radicals Supplement (⻦ for 鸟), which NFKC leaves alone."""
    return re.compile("".join(f"[{re.escape(c)}\u2e80-\u2eff]" if "\u4e00" <= c <= "\u9fff"
                              else re.escape(c) for c in _flat(text)))


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_edition_prints_to_one_numbered_pdf_with_the_key_facts(publication, datasets, lang):
    build, _ = publication
    reader = PdfReader(build / pdf_name(lang))
    pages = [page.extract_text() for page in reader.pages]
    text = _flat("".join(pages))
    data, edition = datasets[lang], EDITIONS[lang]
    words = data["words"]
    # A title page of its own: the site, the edition, where the facts come from; its
    # title in the PDF's metadata; footers in the edition's words from page 2 on.
    site_name = edition["settings"]["site_name"]
    for line in (site_name, words["print_edition"], words["credit_text"], words["print_sources"]):
        assert _pattern(line).search(_flat(pages[0])), line
    assert reader.metadata.title == words.format("print_title", site=site_name,
                                                 edition=words["print_edition"])
    assert all(_pattern(words.format("print_page_number", page=n)).search(_flat(page))
               for n, page in enumerate(pages[1:], 2))
    # Nothing on paper that only works on a screen: no download buttons.
    assert _flat(words.format("download", format="CSV")) not in text
    expected = [data["words"]["contents"], data["words"]["chart_caption"]]
    expected += [capitalised(fact["value"]) for fact in data["facts"].values() if fact.get("card")]
    for md in edition["nav"]:
        if md != "downloads.md":  # left out: a PDF cannot hold itself
            expected.append(heading(lang, md))
    for fact in expected:
        assert _pattern(fact).search(text), fact
    # Each printed page with its last-updated line and its reference (hooks/page_info.py).
    printed = [md for md in edition["nav"] if md != "downloads.md"]
    assert len(_pattern(words["cite_heading"]).findall(text)) == len(printed)
    assert "\ufffd" not in text and "□" not in text  # no missing glyphs
    assert "SHA-256" not in text  # the Downloads page stays out


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_pdf_shows_the_maps_once_in_the_light_palette(publication, lang):
    """The maps are images of their own (one per palette) that the printed page loads at
    once (the print-site plugin drops loading="lazy"): each map's labels are in the PDF's
    text more often than in the printed page's own, and a label that only the map has
    comes out once or twice (its halo and its letters), not more, as it would if the
    dark copy were printed too."""
    build, _ = publication
    prefix = EDITIONS[lang]["prefix"]
    html = (build / PDF_SITE / prefix / "print_page" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html[html.index('id="print-site-page"'):], flags=re.S)
    text = _flat(unescape(re.sub(r"<[^>]+>", " ", html)))
    pdf = _flat("".join(page.extract_text() for page in PdfReader(build / pdf_name(lang)).pages))
    assert 'loading="lazy"' not in html
    for name in maps.drawn(ROOT, lang):
        svg = (build / PDF_SITE / prefix / maps.source(name, "light")).read_text(encoding="utf-8")
        counts = {label: (len(_pattern(label).findall(text)), len(_pattern(label).findall(pdf)))
                  for label in (unescape(w) for w in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg))}
        assert any(written < shown for written, shown in counts.values()), (name, counts)
        assert all(1 <= shown <= 2 for written, shown in counts.values() if not written), (name, counts)
