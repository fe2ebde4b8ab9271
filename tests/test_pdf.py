"""The PDFs (make pdf, run by make publish): one per edition, with contents, page
numbers and the key facts."""
from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

KEY_FACTS = {
    "en": ["Contents", "1971", "220,000 m", "US$397 million", "2 March 2019", "Zhengzhou",
           "Cainiao", "Rail freight link", "Reported China–Belgium trade", "almost 30"],
    "zh": ["目录", "1971年", "22万平方米", "3.97亿美元", "2019年3月2日", "郑州", "Cainiao",
           "铁路货运班列", "中比双向货物贸易额", "近300"],
}


@pytest.fixture(scope="module")
def pdfs(publication):
    build, _ = publication
    return {lang: build / f"china-belgium.{lang}.pdf" for lang in KEY_FACTS}


@pytest.mark.parametrize("lang", KEY_FACTS)
def test_each_edition_prints_to_one_numbered_pdf_with_the_key_facts(pdfs, lang):
    reader = PdfReader(pdfs[lang])
    assert len(reader.pages) >= 15
    # Noto CJK maps some characters to compatibility forms (⽐ for 比): NFKC undoes it.
    pages = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]
    text = "".join("".join(pages).split())  # extraction spaces CJK and Latin apart
    for fact in KEY_FACTS[lang]:
        assert "".join(fact.split()) in text, fact
    assert all(f"Page {n}" in page for n, page in enumerate(pages, 1))  # numbered
    assert "\ufffd" not in text and "□" not in text  # no missing glyphs
    assert "SHA-256" not in text  # the Downloads page stays out: a PDF cannot hold itself
